"""Who may see which case: the checks at the entry of every service that concerns one case.

A counsellor sees and changes their own cases, those of their team, cases without a counsellor
and cases whose counsellor is no user of this device (see
:class:`~ki_desktop.domain.roles.CaseVisibility`); the case list is filtered the same way in
SQL. The interpreter view reaches only the parent-facing content of the one case it was opened
for. An administrator without the counsellor role reads no case at all.
"""

from __future__ import annotations

from ki_desktop.domain.roles import CaseVisibility, Permission
from ki_desktop.i18n import _
from ki_desktop.services import session as sessions
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.session import Session
from ki_desktop.store import cases as case_repo


def visibility(session: Session | None = None) -> CaseVisibility:
    """The cases ``session`` (default: the current one) may see; in the interpreter view those
    of the counsellor who opened it."""
    current = session or sessions.current()
    person = current.outer or current
    return CaseVisibility(person.username, person.team)


def _check_visible(session: Session, case_id: str | None) -> Session:
    if case_id is not None and not case_repo.case_visible(case_id, visibility(session)):
        raise PermissionDenied(_("Dieser Fall gehört zu einem anderen Team."))
    return session


def require_case(permission: Permission, case_id: str | None) -> Session:
    """The current session if it may do ``permission`` for the case ``case_id`` (None: a new
    case); :class:`PermissionDenied` for a case of another team."""
    return _check_visible(sessions.require(permission, case_id), case_id)


def require_parent_content(case_id: str) -> Session:
    """Parent-facing content of one case (the recommended school, the offer sheet for the
    family): for a counsellor who may read the case, or in the interpreter view opened for
    exactly this case — not for an interpreter login without that view."""
    current = sessions.current()
    if current.case_scope is None and current.may(Permission.CASE_READ):
        return require_case(Permission.CASE_READ, case_id)
    current = sessions.require(Permission.PARENT_CONTENT, case_id)
    if current.case_scope is None:
        raise PermissionDenied(
            _(
                "Elterninformationen zu einem Fall gibt es nur in der Dolmetschansicht, die die "
                "Beraterin oder der Berater für diesen Fall öffnet."
            )
        )
    return _check_visible(current, case_id)


def require_any(*permissions: Permission) -> Session:
    """The current session if it may do at least one of ``permissions`` (data several roles
    read, e.g. the school list); otherwise the refusal naming the first."""
    current = sessions.current()
    for permission in permissions:
        if current.may(permission):
            return sessions.require(permission)
    return sessions.require(permissions[0])
