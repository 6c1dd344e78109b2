"""The case list as a lazy table model: it asks the case service for the number of matching
cases and then for pages of 200 rows as the view scrolls; sorting and filtering happen in the
database, so opening the list costs the same with 300 or 100,000 cases."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyle

from ki_desktop.domain.model import CaseRow, CaseStatus
from ki_desktop.domain.queries import CaseFilter, CaseSort, Page
from ki_desktop.i18n import N_, _, ngettext, ui_language
from ki_desktop.i18n.locale_data import country_name, format_date
from ki_desktop.services import cases
from ki_desktop.services.labels import status_label

PAGE_SIZE = 200
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# (header, server-side sort) per column, in display order.
COLUMNS: tuple[tuple[str, CaseSort], ...] = (
    (N_("Name"), CaseSort.LAST_NAME),
    (N_("Vorname"), CaseSort.FIRST_NAME),
    (N_("Geburtsdatum"), CaseSort.BIRTH_DATE),
    (N_("Staatsangehörigkeit"), CaseSort.NATIONALITY),
    (N_("Gemeinde"), CaseSort.MUNICIPALITY),
    (N_("Status"), CaseSort.STATUS),
    (N_("Registriert am"), CaseSort.REGISTERED_ON),
    (N_("Tage wartend"), CaseSort.REGISTERED_ON),
    (N_("Beraterin/Berater"), CaseSort.COUNSELLOR),
)
WAITING_COLUMN = 7
# Waiting days grow as the registration date falls: the column sorts the other way round.
_REVERSED_COLUMNS = {WAITING_COLUMN}
# Steps in which the child still has no school place.
WAITING_STATUSES = {
    CaseStatus.REGISTERED,
    CaseStatus.INTERVIEWED,
    CaseStatus.RECOMMENDED,
    CaseStatus.ASSIGNED,
}

Index = QModelIndex | QPersistentModelIndex
CountFn = Callable[[CaseFilter], int]
PageFn = Callable[[CaseFilter, Page], list[CaseRow]]


def waiting_days(row: CaseRow, today: date) -> int | None:
    """Days since registration of a child still without a school place; None otherwise."""
    if row.registered_on is None or row.status not in WAITING_STATUSES:
        return None
    return max((today - row.registered_on).days, 0)


def _waiting_text(days: int | None, threshold: int) -> str:
    if days is None:
        return ""
    text = ngettext("{n} Tag", "{n} Tage", days).format(n=days)
    return _("{days} – zu lange").format(days=text) if days > threshold else text


def _cells(row: CaseRow, locale: str, today: date, threshold: int) -> tuple[str, ...]:
    return (
        row.last_name,
        row.first_name,
        format_date(row.birth_date, locale, "short"),
        country_name(row.nationality, locale),
        row.municipality,
        status_label(row.status),
        format_date(row.registered_on, locale, "short"),
        _waiting_text(waiting_days(row, today), threshold),
        row.counsellor,
    )


class CaseListModel(QAbstractTableModel):
    """Rows of the case list, fetched page by page; ``total`` is the number of matches."""

    def __init__(
        self,
        count: CountFn = cases.case_count,
        page: PageFn = cases.case_page,
        page_size: int = PAGE_SIZE,
        today: Callable[[], date] = date.today,
        threshold: Callable[[], int] = cases.waiting_threshold_days,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._today_fn = today
        self._threshold_fn = threshold
        self._today = today()
        self.threshold = 28
        self._count = count
        self._page = page
        self._page_size = page_size
        self._filter = CaseFilter()
        self._sort = CaseSort.LAST_NAME
        self._descending = False
        self._rows: list[CaseRow] = []
        # Display texts are made when a row is first painted (babel formatting is the costly
        # part of a page), then kept.
        self._cells: dict[int, tuple[str, ...]] = {}
        self.total = 0

    # -- what the list shows -------------------------------------------------------------

    @property
    def case_filter(self) -> CaseFilter:
        return self._filter

    @property
    def sort_order(self) -> tuple[CaseSort, bool]:
        return self._sort, self._descending

    def set_filter(self, flt: CaseFilter) -> None:
        """Show the cases matching ``flt`` (from the first page)."""
        if flt != self._filter:
            self.reload(flt)

    def reload(self, flt: CaseFilter | None = None) -> None:
        """Count again and load the first page (after filtering, sorting or a data change),
        with ``flt`` instead of the current filter if given."""
        self.beginResetModel()
        if flt is not None:
            self._filter = flt
        self._today = self._today_fn()
        self.threshold = self._threshold_fn()
        self.total = self._count(self._filter)
        self._rows, self._cells = [], {}
        self._append(self._page(self._filter, self._page_request(0)))
        self.endResetModel()

    def case_id(self, row: int) -> str:
        return self._rows[row].id

    def row_of(self, case_id: str) -> int | None:
        """Row of a loaded case, or None."""
        return next((n for n, r in enumerate(self._rows) if r.id == case_id), None)

    def _page_request(self, offset: int) -> Page:
        return Page(offset, self._page_size, self._sort, self._descending)

    def _append(self, rows: list[CaseRow]) -> None:
        self._rows.extend(rows)

    def _cells_of(self, row: int) -> tuple[str, ...]:
        cells = self._cells.get(row)
        if cells is None:
            cells = self._cells[row] = _cells(
                self._rows[row], ui_language(), self._today, self.threshold
            )
        return cells

    # -- lazy loading --------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt signature
        if parent.isValid():
            return
        rows = self._page(self._filter, self._page_request(len(self._rows)))
        if not rows:
            # Cases were deleted meanwhile: stop asking for more.
            self.total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._append(rows)
        self.endInsertRows()

    # -- sorting in the database ---------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        sort = COLUMNS[column][1]
        descending = (order == Qt.SortOrder.DescendingOrder) != (column in _REVERSED_COLUMNS)
        if (sort, descending) != (self._sort, self._descending):
            self._sort, self._descending = sort, descending
            self.reload()

    # -- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells_of(index.row())[index.column()]
        if role == CASE_ID_ROLE:
            return self._rows[index.row()].id
        if index.column() == WAITING_COLUMN and self.is_overdue(index.row()):
            if role == Qt.ItemDataRole.DecorationRole:
                style = QApplication.style()
                return style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return _("Seit mehr als {n} Tagen ohne Schulplatz").format(n=self.threshold)
        return None

    def is_overdue(self, row: int) -> bool:
        """Whether the child of ``row`` has waited longer than the threshold for a school."""
        days = waiting_days(self._rows[row], self._today)
        return days is not None and days > self.threshold

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section][0])
        return None
