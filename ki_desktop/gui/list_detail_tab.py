"""What the school and offer tabs share: a searchable, sortable list of a few hundred items with
a key filter (Schulform, category) on one side and the selected item's detail on the other."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt
from PySide6.QtWidgets import QWidget

from ki_desktop.gui.choices import fill_choices
from ki_desktop.gui.detail_html import placeholder_html
from ki_desktop.gui.item_table_model import Column, ItemFilterProxy, ItemTableModel
from ki_desktop.gui.table_layout import compact_rows, fit_columns, split
from ki_desktop.gui.view_state import restore_view_state, save_view_state


class ListDetailTab(QWidget):
    """Base of a tab built from a form with ``searchEdit``, ``kindCombo``, ``table``,
    ``countLabel``, ``detailView`` and ``splitter``. Subclasses say what to load and show."""

    settings_prefix = "list"
    max_column_chars = 36
    stretch_column: int | None = None  # the column that takes the free width; None: the last

    def __init__(
        self,
        form: Any,
        columns: Sequence[Column],
        search_text: Callable[[Any], str],
        key: Callable[[Any], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = form
        self.ui.setupUi(self)
        self.model = ItemTableModel(columns, search_text, key, self)
        self.proxy = ItemFilterProxy(self.model, self)
        self._layout_restored = False

        table = self.ui.table
        table.setModel(self.proxy)
        table.horizontalHeader().setSortIndicator(
            self.default_sort_column(), Qt.SortOrder.AscendingOrder
        )
        compact_rows(table)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 1)
        split(self.ui.splitter, 0.72)

        self.ui.searchEdit.textChanged.connect(self.proxy.set_text)
        self.ui.searchEdit.installEventFilter(self)
        self.ui.kindCombo.currentIndexChanged.connect(
            lambda _index: self.proxy.set_key(self.ui.kindCombo.currentData() or "")
        )
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        for signal in (
            self.proxy.modelReset,
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self._show_item(None)

    # -- for subclasses ------------------------------------------------------------------

    def default_sort_column(self) -> int:
        return 0

    def load(self) -> tuple[list[Any], list[tuple[str, str]], str]:
        """(items, (key, label) choices of the key filter, label of the "all" choice)."""
        raise NotImplementedError

    def detail_html(self, item: Any) -> str:
        raise NotImplementedError

    def count_text(self, shown: int, total: int) -> str:
        raise NotImplementedError

    def placeholder_text(self) -> str:
        raise NotImplementedError

    # -- public --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the items from the database, keeping filter and sort order."""
        items, choices, all_label = self.load()
        fill_choices(self.ui.kindCombo, all_label, choices)
        self.proxy.set_key(self.ui.kindCombo.currentData() or "")
        self.model.set_items(items)
        if not self._layout_restored and items:
            fit_columns(self.ui.table, self.max_column_chars, self.stretch_column)
            self._layout_restored = True
        self._show_item(None)

    def save_state(self, settings: QSettings) -> None:
        # Column widths are only worth keeping once they were fitted to real content.
        header = self.ui.table.horizontalHeader() if self._layout_restored else None
        save_view_state(settings, self.settings_prefix, self.ui.splitter, header)

    def restore_state(self, settings: QSettings) -> None:
        self._layout_restored = restore_view_state(
            settings, self.settings_prefix, self.ui.splitter, self.ui.table.horizontalHeader()
        )

    # -- internals -----------------------------------------------------------------------

    def _update_count(self, *_args: object) -> None:
        self.ui.countLabel.setText(self.count_text(self.proxy.rowCount(), self.model.rowCount()))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_item(self.proxy.item(current.row()) if current.isValid() else None)

    def _show_item(self, item: Any) -> None:
        if item is None:
            empty = self.model.rowCount() == 0
            text = self.count_text(0, 0) if empty else self.placeholder_text()
            self.ui.detailView.setHtml(placeholder_html(text))
        else:
            self.ui.detailView.setHtml(self.detail_html(item))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow down in the search field moves into the list.
        if (
            watched is self.ui.searchEdit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.proxy.rowCount()
        ):
            self.ui.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.ui.table.currentIndex().isValid():
                self.ui.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)
