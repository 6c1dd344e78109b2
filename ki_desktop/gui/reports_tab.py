"""Berichte & Export tab: which reports KI Desktop provides and when each was last created.
Creating the files comes with the reports feature; until then the button says so honestly."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtWidgets import QHeaderView, QWidget

from ki_desktop.gui.detail_html import DetailDocument, placeholder_html
from ki_desktop.gui.forms.ui_reports_tab import Ui_ReportsTab
from ki_desktop.gui.item_table_model import Column, ItemTableModel
from ki_desktop.gui.table_layout import compact_rows, rows_height
from ki_desktop.gui.view_state import restore_view_state, save_view_state
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.services import reports as report_service
from ki_desktop.services.reports import AvailableReport


def _formats(report: AvailableReport) -> str:
    return ", ".join(f.upper() for f in report.kind.formats)


def _last_created(report: AvailableReport) -> str:
    if report.last_created is None:
        return _("noch nie")
    return format_date(report.last_created.date(), ui_language())


class ReportsTab(QWidget):
    """The list of report kinds; ``load_reports`` defaults to the report service."""

    def __init__(
        self,
        load_reports: Callable[[], list[AvailableReport]] = report_service.available_reports,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReportsTab()
        self.ui.setupUi(self)
        self._load_reports = load_reports
        self.model = ItemTableModel(
            [
                Column(_("Bericht"), lambda r: _(r.kind.title)),
                Column(_("Beschreibung"), lambda r: _(r.kind.description)),
                Column(_("Formate"), _formats),
                Column(_("Zuletzt erstellt"), _last_created),
            ],
            search_text=lambda r: "",
            parent=self,
        )
        table = self.ui.table
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        compact_rows(table)
        self.ui.splitter.setStretchFactor(1, 1)
        self._layout_restored = False
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._show(None)

    def refresh(self) -> None:
        """Reload the report kinds and their last creation dates."""
        current = self.ui.table.currentIndex().row()
        self.model.set_items(self._load_reports())
        if not self._layout_restored and self.model.rowCount():
            # The list is short: show all of it and give the rest to the detail.
            table_height = rows_height(self.ui.table, self.model.rowCount())
            total = sum(self.ui.splitter.sizes())
            self.ui.splitter.setSizes([table_height, max(total - table_height, table_height)])
            self._layout_restored = True
        if 0 <= current < self.model.rowCount():
            self.ui.table.selectRow(current)
        else:
            self._show(None)

    def save_state(self, settings: QSettings) -> None:
        save_view_state(settings, "reports", self.ui.splitter)

    def restore_state(self, settings: QSettings) -> None:
        self._layout_restored = restore_view_state(settings, "reports", self.ui.splitter)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.item(current.row()) if current.isValid() else None)

    def _show(self, report: AvailableReport | None) -> None:
        if report is None:
            self.ui.detailView.setHtml(placeholder_html(_("Kein Bericht ausgewählt.")))
            return
        kind = report.kind
        doc = DetailDocument(_(kind.title))
        doc.paragraph(_(kind.description))
        doc.fields(
            [
                (_("Formate"), _formats(report)),
                (
                    _("Datenschutz"),
                    _("nur anonymisierte Zahlen")
                    if kind.anonymised
                    else _("enthält personenbezogene Daten"),
                ),
                (_("Zuletzt erstellt"), _last_created(report)),
            ]
        )
        self.ui.detailView.setHtml(doc.html())
