"""Use cases around cases: the case list and single cases.

The list and every single case are those the logged-in counsellor may see (own and team
cases, see :mod:`ki_desktop.services.case_access`).
"""

from __future__ import annotations

from ki_desktop.domain import model as dm
from ki_desktop.domain.queries import CaseFilter, Page
from ki_desktop.domain.roles import Permission
from ki_desktop.services import session
from ki_desktop.services.case_access import require_case, visibility
from ki_desktop.store import cases as repo
from ki_desktop.store import users
from ki_desktop.store.connection import get_setting

DEFAULT_WAITING_THRESHOLD_DAYS = 28


def case_count(flt: CaseFilter = CaseFilter()) -> int:
    """How many of the cases the user may see match the filter."""
    return repo.count_cases(flt, visibility(session.require(Permission.CASE_READ)))


def case_page(flt: CaseFilter = CaseFilter(), page: Page = Page()) -> list[dm.CaseRow]:
    """One page of the case list (the cases the user may see)."""
    return repo.case_rows(flt, page, visibility(session.require(Permission.CASE_READ)))


def case_detail(case_id: str, user: str | None = None) -> dm.Case | None:
    """One whole case; the read is written to the audit trail (as the logged-in user unless
    ``user`` is given). A case of another team is refused."""
    current = require_case(Permission.CASE_READ, case_id)
    case = repo.get_case(case_id, visibility(current))
    if case is not None:
        users.record_event(user or session.who(), "case.read", case_id)
    return case


def counsellors() -> list[tuple[str, str]]:
    """(username, display name) of the counsellors, for filters and assignment."""
    session.require(Permission.CASE_READ)
    return users.list_counsellors()


def waiting_threshold_days() -> int:
    """Days without a school place after which a case is marked in the list (setting
    ``waiting_threshold_days``, 28 unless set)."""
    session.require(Permission.CASE_READ)
    text = get_setting("waiting_threshold_days", "").strip()
    try:
        days = int(text)
    except ValueError:
        return DEFAULT_WAITING_THRESHOLD_DAYS
    return days if days > 0 else DEFAULT_WAITING_THRESHOLD_DAYS
