"""Erstberatung tab: the case list (lazy, filtered and sorted in the database) and the detail
of the selected case. The form for a new case comes with the intake feature."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QWidget

from ki_desktop.domain.model import Case
from ki_desktop.domain.queries import CaseFilter
from ki_desktop.gui.case_detail import case_detail_html
from ki_desktop.gui.case_list_model import CaseListModel
from ki_desktop.gui.detail_html import placeholder_html
from ki_desktop.gui.forms.ui_intake_tab import Ui_IntakeTab
from ki_desktop.gui.labels import status_choices
from ki_desktop.gui.table_layout import compact_rows, fit_columns, split
from ki_desktop.gui.view_state import restore_view_state, save_view_state
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_number
from ki_desktop.services import cases, schools

FILTER_DELAY_MS = 250
DETAIL_DELAY_MS = 120


def _fill_combo(combo: QComboBox, all_text: str, choices: list[tuple[str, str]]) -> None:
    """Replace the entries (keeping the chosen one if it still exists) without signals."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, "")
    for key, label in choices:
        combo.addItem(label, key)
    index = combo.findData(current) if current else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)


class IntakeTab(QWidget):
    """The Erstberatung tab; ``case_detail`` loads one case (default: the case service)."""

    def __init__(
        self,
        model: CaseListModel | None = None,
        case_detail: Callable[[str], Case | None] = cases.case_detail,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IntakeTab()
        self.ui.setupUi(self)
        self.model = model or CaseListModel(parent=self)
        self._case_detail = case_detail
        self._municipalities: dict[str, str] = {}
        self._counsellors: dict[str, str] = {}
        self._shown_case: str | None = None
        self._layout_restored = False

        table = self.ui.caseTable
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        compact_rows(table)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 1)
        split(self.ui.splitter, 0.72)
        _fill_combo(self.ui.statusCombo, _("Alle"), status_choices())

        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._detail_timer = QTimer(self, singleShot=True, interval=DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_current_case)

        self.ui.searchEdit.textChanged.connect(self._filter_timer.start)
        self.ui.searchEdit.returnPressed.connect(self.apply_filter)
        self.ui.searchEdit.installEventFilter(self)
        for combo in (self.ui.statusCombo, self.ui.municipalityCombo, self.ui.counsellorCombo):
            combo.currentIndexChanged.connect(self.apply_filter)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelReset.connect(self._list_changed)
        self._show_detail_html(None)

    # -- public --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload choices and list from the database (after a data change)."""
        self._municipalities = {m.ags: m.name for m in schools.municipalities()}
        self._counsellors = dict(cases.counsellors())
        _fill_combo(
            self.ui.municipalityCombo,
            _("Alle"),
            sorted(((ags, name) for ags, name in self._municipalities.items()), key=lambda c: c[1]),
        )
        _fill_combo(self.ui.counsellorCombo, _("Alle"), list(self._counsellors.items()))
        shown = self._shown_case
        self.model.reload(self.current_filter())
        if not self._layout_restored and self.model.rowCount():
            # First rows ever shown and no remembered layout: columns as wide as the content.
            fit_columns(self.ui.caseTable, max_chars=28)
            self._layout_restored = True
        self._reselect(shown)

    def current_filter(self) -> CaseFilter:
        """The filter the fields above the list describe."""
        return CaseFilter(
            text=self.ui.searchEdit.text().strip(),
            status=self.ui.statusCombo.currentData() or "",
            municipality_ags=self.ui.municipalityCombo.currentData() or "",
            counsellor=self.ui.counsellorCombo.currentData() or "",
        )

    def apply_filter(self) -> None:
        """Show the cases matching the filter fields now (typing waits a moment first)."""
        self._filter_timer.stop()
        self.model.set_filter(self.current_filter())

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def save_state(self, settings: QSettings) -> None:
        # Column widths are only worth keeping once they were fitted to real content.
        header = self.ui.caseTable.horizontalHeader() if self._layout_restored else None
        save_view_state(settings, "intake", self.ui.splitter, header)

    def restore_state(self, settings: QSettings) -> None:
        self._layout_restored = restore_view_state(
            settings, "intake", self.ui.splitter, self.ui.caseTable.horizontalHeader()
        )

    # -- list state ----------------------------------------------------------------------

    def _list_changed(self) -> None:
        total = self.model.total
        self.ui.listStack.setCurrentWidget(self.ui.tablePage if total else self.ui.emptyPage)
        if self.model.case_filter == CaseFilter():
            self.ui.emptyLabel.setText(_("Noch keine Fälle — Demodaten laden (Datei-Menü)"))
            text = ngettext("{n} Fall", "{n} Fälle", total)
        else:
            self.ui.emptyLabel.setText(
                _("Keine Fälle passen zu Suche und Filter. Suchfeld leeren oder „Alle“ wählen.")
            )
            text = ngettext("{n} Fall passt zum Filter", "{n} Fälle passen zum Filter", total)
        self.ui.countLabel.setText(text.format(n=format_number(total, ui_language())))
        if self._shown_case is not None and self.model.row_of(self._shown_case) is None:
            self._show_detail_html(None)

    def _reselect(self, case_id: str | None) -> None:
        row = self.model.row_of(case_id) if case_id else None
        if row is None:
            self._show_detail_html(None)
            return
        self.ui.caseTable.selectRow(row)
        self._show_current_case()

    # -- detail --------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._detail_timer.start()
        else:
            self._show_detail_html(None)

    def _show_current_case(self) -> None:
        current = self.ui.caseTable.currentIndex()
        if not current.isValid():
            return
        case_id = self.model.case_id(current.row())
        case = self._case_detail(case_id)
        self._show_detail_html(case)

    def _show_detail_html(self, case: Case | None) -> None:
        if case is None:
            self._shown_case = None
            self.ui.detailView.setHtml(placeholder_html(_("Kein Fall ausgewählt.")))
            return
        self._shown_case = case.id
        self.ui.detailView.setHtml(case_detail_html(case, self._municipalities, self._counsellors))

    # -- keyboard ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow down in the search field moves into the list, like in a search box.
        if (
            watched is self.ui.searchEdit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.apply_filter()
            self.ui.caseTable.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.ui.caseTable.currentIndex().isValid():
                self.ui.caseTable.selectRow(0)
            return True
        return super().eventFilter(watched, event)
