"""Use cases around cases: the case list and single cases."""

from __future__ import annotations

from ki_desktop.domain import model as dm
from ki_desktop.domain.queries import CaseFilter, Page
from ki_desktop.store import cases as repo
from ki_desktop.store import users
from ki_desktop.store.connection import get_setting

DEFAULT_WAITING_THRESHOLD_DAYS = 28


def case_count(flt: CaseFilter = CaseFilter()) -> int:
    """How many cases match the filter."""
    return repo.count_cases(flt)


def case_page(flt: CaseFilter = CaseFilter(), page: Page = Page()) -> list[dm.CaseRow]:
    """One page of the case list."""
    return repo.case_rows(flt, page)


def case_detail(case_id: str, user: str = "system") -> dm.Case | None:
    """One whole case; the read is written to the audit trail."""
    case = repo.get_case(case_id)
    if case is not None:
        users.record_event(user, "case.read", case_id)
    return case


def counsellors() -> list[tuple[str, str]]:
    """(username, display name) of the counsellors, for filters and assignment."""
    return users.list_counsellors()


def waiting_threshold_days() -> int:
    """Days without a school place after which a case is marked in the list (setting
    ``waiting_threshold_days``, 28 unless set)."""
    text = get_setting("waiting_threshold_days", "").strip()
    try:
        days = int(text)
    except ValueError:
        return DEFAULT_WAITING_THRESHOLD_DAYS
    return days if days > 0 else DEFAULT_WAITING_THRESHOLD_DAYS
