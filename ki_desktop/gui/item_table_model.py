"""A table model over a short list of domain objects (schools, offers, reports), with a proxy
that filters by typed words and by one key (Schulform, category).

For a few hundred rows everything is computed once when the list is set: the cell texts, the
sort keys and a folded search text per row, so painting, sorting and filtering stay cheap.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def fold(text: str) -> str:
    """Case- and accent-insensitive form for searching ("Münster" is found by "munster")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, the cell text and, if the text does not sort well, a sort key
    (a number or a string, never None)."""

    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], int | float | str] | None = None
    align_right: bool = False
    header_tip: str = ""
    tip: Callable[[Any], str] | None = None


class ItemTableModel(QAbstractTableModel):
    """Read-only rows of domain objects; ``item(row)`` gives the object back."""

    def __init__(
        self,
        columns: Sequence[Column],
        search_text: Callable[[Any], str],
        key: Callable[[Any], str] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._search_text = search_text
        self._key = key
        self._items: list[Any] = []
        self._cells: list[tuple[str, ...]] = []
        self._sort_keys: list[tuple[Any, ...]] = []
        self.haystacks: list[str] = []
        self.keys: list[str] = []

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._cells = [tuple(c.text(item) for c in self._columns) for item in self._items]
        self._sort_keys = [
            tuple(c.sort_key(item) if c.sort_key else cells[n] for n, c in enumerate(self._columns))
            for item, cells in zip(self._items, self._cells, strict=True)
        ]
        self.haystacks = [fold(self._search_text(item)) for item in self._items]
        self.keys = [self._key(item) if self._key else "" for item in self._items]
        self.endResetModel()

    def item(self, row: int) -> Any:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = self._columns[column].tip
            return tip(self._items[row]) if tip else self._cells[row][column]
        if role == SORT_ROLE:
            return self._sort_keys[row][column]
        if role == ITEM_ROLE:
            return self._items[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[column].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].header_tip or self._columns[section].title
        return None


class ItemFilterProxy(QSortFilterProxyModel):
    """Keeps rows whose search text contains every typed word and whose key matches."""

    def __init__(self, source: ItemTableModel, parent=None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._key = ""
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self.setSortLocaleAware(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        words = fold(text).split()
        if words != self._words:
            self._change_filter(words, self._key)

    def set_key(self, key: str) -> None:
        if key != self._key:
            self._change_filter(self._words, key)

    def _change_filter(self, words: list[str], key: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10 and later
            self.beginFilterChange()
            self._words, self._key = words, key
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words, self._key = words, key
            self.invalidateRowsFilter()

    def item(self, row: int) -> Any:
        return self.index(row, 0).data(ITEM_ROLE)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source: ItemTableModel = self.sourceModel()
        if self._key and source.keys[source_row] != self._key:
            return False
        haystack = source.haystacks[source_row]
        return all(word in haystack for word in self._words)
