"""Status tracking in the case list: days waiting since registration, children without a school
place for longer than the threshold marked with text and an icon."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from ki_desktop.domain.model import CaseRow, CaseStatus
from ki_desktop.domain.queries import CaseSort
from ki_desktop.gui.case_list_model import WAITING_COLUMN, CaseListModel

TODAY = date(2026, 11, 22)


def _row(n: int, days: int, status: CaseStatus) -> CaseRow:
    registered = TODAY - timedelta(days=days)
    return CaseRow(str(n), f"Name{n}", "Vorname", None, "SY", "Ahlen", status, registered, "")


ROWS = [
    _row(1, 40, CaseStatus.REGISTERED),
    _row(2, 10, CaseStatus.RECOMMENDED),
    _row(3, 90, CaseStatus.SCHOOL_STARTED),
    _row(4, 29, CaseStatus.ASSIGNED),
]


def _model(threshold: int = 28) -> CaseListModel:
    return CaseListModel(
        count=lambda flt: len(ROWS),
        page=lambda flt, page: ROWS[page.offset : page.offset + page.limit],
        today=lambda: TODAY,
        threshold=lambda: threshold,
    )


def test_days_waiting_and_overdue_mark(qtbot):
    model = _model()
    model.reload()
    texts = [model.index(r, WAITING_COLUMN).data() for r in range(4)]
    assert texts == ["40 Tage – zu lange", "10 Tage", "", "29 Tage – zu lange"]
    header = model.headerData(WAITING_COLUMN, Qt.Orientation.Horizontal)
    assert header == "Tage wartend"
    icon = model.index(0, WAITING_COLUMN).data(Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    assert model.index(1, WAITING_COLUMN).data(Qt.ItemDataRole.DecorationRole) is None
    assert "ohne Schulplatz" in model.index(0, WAITING_COLUMN).data(
        Qt.ItemDataRole.AccessibleDescriptionRole
    )


def test_the_threshold_is_a_setting(qtbot):
    model = _model(threshold=35)
    model.reload()
    assert [model.is_overdue(r) for r in range(4)] == [True, False, False, False]


def test_sorting_by_days_waiting_sorts_by_registration_the_other_way(qtbot):
    model = _model()
    model.reload()
    model.sort(WAITING_COLUMN, Qt.SortOrder.DescendingOrder)
    assert model.sort_order == (CaseSort.REGISTERED_ON, False)


def test_threshold_service_reads_the_settings_table(open_db):
    from ki_desktop.services import cases
    from ki_desktop.store.connection import set_setting

    set_setting("waiting_threshold_days", "14")
    assert cases.waiting_threshold_days() == 14
