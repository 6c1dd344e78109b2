"""Who is logged in, and the permission checks every service makes.

The GUI and the CLI begin a session after a successful login (``services.accounts``); every
service that reads or changes data calls :func:`require` first, so that the roles hold whatever
the caller shows or hides. ``who()`` names the user in the audit trail.

The interpreter view narrows the session to the parent-facing content of one case; leaving it
needs the counsellor's password again (``services.accounts.leave_interpreter_view``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ki_desktop.domain.roles import Permission, Role, permissions_for
from ki_desktop.i18n import N_, _
from ki_desktop.services.errors import NotLoggedIn, PermissionDenied

# German names for messages ("Dafür fehlt Ihnen die Berechtigung …"); marked for
# extraction, translated when shown.
PERMISSION_NAMES: dict[Permission, str] = {
    Permission.CASE_READ: N_("Fälle ansehen"),
    Permission.CASE_WRITE: N_("Fälle bearbeiten"),
    Permission.PLACEMENT: N_("Schulempfehlung und Schreiben"),
    Permission.OFFERS_READ: N_("Angebote ansehen"),
    Permission.OFFERS_EDIT: N_("Angebote pflegen"),
    Permission.SCHOOLS_EDIT: N_("Schulliste pflegen"),
    Permission.USERS: N_("Benutzer verwalten"),
    Permission.SETTINGS: N_("Einstellungen ändern"),
    Permission.STATISTICS: N_("Statistik exportieren"),
    Permission.SYNC: N_("Synchronisieren"),
    Permission.SYNC_MERGE: N_("Sync-Dateien zusammenführen"),
    Permission.RETENTION: N_("Fristgerecht löschen"),
    Permission.AUDIT: N_("Protokoll einsehen"),
    Permission.BACKUP: N_("Sichern und wiederherstellen"),
    Permission.PARENT_CONTENT: N_("Elterninformationen"),
}

ROLE_NAMES: dict[Role, str] = {
    Role.COUNSELLOR: N_("Beratung"),
    Role.ADMIN: N_("Administration"),
    Role.STATISTICS: N_("Statistik"),
    Role.INTERPRETER: N_("Dolmetschen"),
}


@dataclass(frozen=True, slots=True)
class Session:
    username: str
    display_name: str
    roles: frozenset[Role]
    team: str = ""
    # Set while the interpreter view is open: the one case it may show.
    case_scope: str | None = None
    # The counsellor's own session, restored when the interpreter view is left.
    outer: Session | None = field(default=None, repr=False)

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_for(self.roles)

    def may(self, permission: Permission) -> bool:
        return permission in self.permissions


_state: dict[str, Session | None] = {"current": None}


def begin(session: Session) -> Session:
    """Make ``session`` the logged-in user's (after the password was checked)."""
    _state["current"] = session
    return session


def end() -> None:
    """Log out: no service answers until the next :func:`begin`."""
    _state["current"] = None


def current() -> Session:
    """The logged-in session; :class:`NotLoggedIn` when there is none."""
    session = _state["current"]
    if session is None:
        raise NotLoggedIn(_("Bitte zuerst anmelden."))
    return session


def current_or_none() -> Session | None:
    return _state["current"]


def who() -> str:
    """The user name for the audit trail ("system" when no one is logged in)."""
    session = _state["current"]
    return session.username if session else "system"


def may(permission: Permission) -> bool:
    """Whether the logged-in user may do this (for showing or hiding actions)."""
    session = _state["current"]
    return session is not None and session.may(permission)


def require(permission: Permission, case_id: str | None = None) -> Session:
    """The current session if it may do ``permission`` (for ``case_id``, when the session is
    narrowed to one case); otherwise :class:`PermissionDenied` with a message naming it."""
    session = current()
    if not session.may(permission):
        raise PermissionDenied(
            _(
                "Dafür fehlt Ihnen die Berechtigung „{what}“. Bitte wenden Sie sich an die "
                "Administration Ihres KI."
            ).format(what=_(PERMISSION_NAMES[permission]))
        )
    if session.case_scope is not None and case_id != session.case_scope:
        raise PermissionDenied(_("In der Dolmetschansicht ist nur der geöffnete Fall zugänglich."))
    return session


def narrowed_to_case(session: Session, case_id: str) -> Session:
    """The interpreter view's session: parent-facing content of ``case_id`` only."""
    return replace(
        session,
        roles=frozenset({Role.INTERPRETER}),
        case_scope=case_id,
        outer=session,
    )
