"""Berichte & Export tab: which reports KI Desktop provides and when each was last created.

The gap analysis (Bedarfsanalyse) is shown right here as a table and can be saved as PDF or
XLSX; the monthly and quarterly statistics get period pickers, a preview and an export to PDF,
XLSX or CSV (:mod:`ki_desktop.gui.statistics_panel`). The case file and the handover to the
school are made from an open case in the tab "Erstberatung", and the tab says so."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings
from PySide6.QtWidgets import QHeaderView, QSizePolicy, QWidget

from ki_desktop.domain.gap_analysis import GapAnalysis
from ki_desktop.domain.roles import Permission
from ki_desktop.gui.background import BackgroundOperation, failure_message, run_in_background
from ki_desktop.gui.detail_html import DetailDocument, placeholder_html
from ki_desktop.gui.forms.ui_reports_tab import Ui_ReportsTab
from ki_desktop.gui.gap_table_model import GapModel, gap_lines
from ki_desktop.gui.intake_tab import login_name
from ki_desktop.gui.item_table_model import Column, ItemTableModel
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.statistics_panel import KINDS as STATISTICS_KINDS
from ki_desktop.gui.statistics_panel import ExportReport, LoadReport, StatisticsPanel
from ki_desktop.gui.table_layout import compact_rows, rows_height
from ki_desktop.gui.view_state import restore_view_state, save_view_state
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.services import gap_analysis as gap_service
from ki_desktop.services import reports as report_service
from ki_desktop.services import session
from ki_desktop.services.database import ServiceError
from ki_desktop.services.reports import AvailableReport

log = logging.getLogger(__name__)

GAP_KIND = gap_service.REPORT_KEY
CASE_KINDS = ("case_file", "school_handover")  # made from an open case


def case_report_hint() -> str:
    """Where a case's report is made; an account without case files (statistics) has no
    „Erstberatung“ tab to go to."""
    if session.may(Permission.CASE_READ):
        return _(
            "Dieser Bericht wird aus einem geöffneten Fall erstellt: im Tab „Erstberatung“ den "
            "Fall auswählen."
        )
    return _(
        "Diesen Bericht erstellt die Beratung aus der Fallakte; mit Ihrem Konto sind keine "
        "Fallakten zugänglich."
    )


def _formats(report: AvailableReport) -> str:
    return ", ".join(f.upper() for f in report.kind.formats)


def _last_created(report: AvailableReport) -> str:
    if report.last_created is None:
        return _("noch nie")
    return format_date(report.last_created.date(), ui_language())


class ReportsTab(QWidget):
    """The list of report kinds; ``load_reports`` defaults to the report service, the gap
    analysis functions to the gap analysis service, the statistics functions to the
    statistics export service."""

    def __init__(
        self,
        load_reports: Callable[[], list[AvailableReport]] = report_service.available_reports,
        parent: QWidget | None = None,
        prompts: Prompts | None = None,
        load_gap: Callable[[], GapAnalysis] = gap_service.gap_analysis,
        export_gap: Callable[[str], Path] = gap_service.export_gap_analysis,
        load_statistics: LoadReport | None = None,
        export_statistics: ExportReport | None = None,
        user: str | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ReportsTab()
        self.ui.setupUi(self)
        self._load_reports = load_reports
        self._load_gap = load_gap
        self._export_gap = export_gap
        self.prompts = prompts or Prompts()
        self.operation: BackgroundOperation | None = None
        self.statistics = StatisticsPanel(
            self.prompts, user or login_name(), load_statistics, export_statistics, today, self
        )
        self.statistics.setVisible(False)
        layout = self.ui.detailLayout
        layout.insertWidget(layout.indexOf(self.ui.gapTable) + 1, self.statistics)
        layout.setStretchFactor(self.statistics, 3)
        self.statistics.created.connect(lambda _path: self.refresh())
        self.statistics.busy_changed.connect(lambda _busy: self._enable_create())
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

        self.gap_model = GapModel(self)
        gap_table = self.ui.gapTable
        gap_table.setModel(self.gap_model)
        gap_header = gap_table.horizontalHeader()
        gap_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        gap_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        gap_header.setStretchLastSection(False)
        compact_rows(gap_table)
        self.ui.detailLayout.setStretchFactor(self.ui.gapTable, 3)
        self.ui.detailLayout.setStretchFactor(self.ui.detailView, 1)

        self.ui.splitter.setStretchFactor(1, 1)
        self._layout_restored = False
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        # The button keeps its size when the hint beside it is hidden.
        fixed = QSizePolicy.Policy.Fixed
        self.ui.createButton.setSizePolicy(fixed, fixed)
        # ... and stays on the right (the main action) when the hint is hidden.
        hint_policy = self.ui.notYetLabel.sizePolicy()
        hint_policy.setRetainSizeWhenHidden(True)
        self.ui.notYetLabel.setSizePolicy(hint_policy)
        self.ui.createButton.clicked.connect(self.create_report)
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
            self._show(self.model.item(current))
        else:
            self._show(None)

    def save_state(self, settings: QSettings) -> None:
        save_view_state(settings, "reports", self.ui.splitter)

    def restore_state(self, settings: QSettings) -> None:
        self._layout_restored = restore_view_state(settings, "reports", self.ui.splitter)

    def select_kind(self, key: str) -> None:
        """Select the report kind ``key`` in the list."""
        for row in range(self.model.rowCount()):
            if self.model.item(row).kind.key == key:
                self.ui.table.selectRow(row)
                return

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.item(current.row()) if current.isValid() else None)

    def _show(self, report: AvailableReport | None) -> None:
        self._show_actions(report.kind.key if report is not None else None)
        if report is None:
            self.ui.detailView.setHtml(placeholder_html(_("Kein Bericht ausgewählt.")))
            self._fit_detail("")
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
        self._fit_detail(kind.key)

    def _fit_detail(self, key: str) -> None:
        """Beside a table or the statistics the description takes only the room it needs."""
        view = self.ui.detailView
        if key not in STATISTICS_KINDS and key != GAP_KIND:
            view.setMinimumHeight(0)
            view.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX
            return
        document = view.document()
        document.setTextWidth(view.viewport().width())
        view.setFixedHeight(int(document.size().height()) + 2 * view.frameWidth() + 2)

    def _show_actions(self, key: str | None) -> None:
        """What belongs to the selected kind: the gap table, the statistics panel or the hint
        that the report is made from a case; the button's state and description."""
        ui = self.ui
        on_gap, on_statistics = key == GAP_KIND, key in STATISTICS_KINDS
        ui.gapTable.setVisible(on_gap)
        ui.gapSummaryLabel.setVisible(on_gap)
        self.statistics.setVisible(on_statistics)
        ui.notYetLabel.setVisible(key in CASE_KINDS)
        if key in CASE_KINDS:
            ui.notYetLabel.setText(case_report_hint())
        self._enable_create()
        if on_gap:
            ui.createButton.setToolTip(_("Die Bedarfsanalyse als PDF oder XLSX speichern."))
            ui.createButton.setAccessibleName(_("Bedarfsanalyse erstellen"))
            self._load_gap_table()
        elif on_statistics:
            ui.createButton.setToolTip(
                _("Die Statistik des gewählten Zeitraums im gewählten Format speichern.")
            )
            ui.createButton.setAccessibleName(_("Statistik erstellen"))
            self.statistics.set_kind(key)
        else:
            ui.createButton.setToolTip(ui.notYetLabel.text() if key in CASE_KINDS else "")
            ui.createButton.setAccessibleName(_("Bericht erstellen"))

    def _load_gap_table(self) -> None:
        try:
            analysis = self._load_gap()
        except Exception as exc:  # noqa: BLE001 - shown in the tab instead of a crash
            self.gap_model.set_items([])
            if isinstance(exc, ServiceError):  # its message is meant for the user
                text = _("Die Bedarfsanalyse konnte nicht berechnet werden: {detail}").format(
                    detail=exc
                )
            else:
                log.exception("gap analysis failed")
                text = _(
                    "Die Bedarfsanalyse kann gerade nicht berechnet werden. Bitte versuchen Sie "
                    "es erneut; wenn der Fehler bleibt, wenden Sie sich an die Administration."
                )
            self.ui.gapSummaryLabel.setText(text)
            self.ui.createButton.setEnabled(False)
            return
        lines = gap_lines(analysis)
        self.gap_model.set_items(lines)
        gaps = sum(1 for line in lines if line.gap)
        text = _("Stichtag {date}: {cases} offene Fälle, {offers} gültige Angebote.").format(
            date=format_date(analysis.reference_date, ui_language()),
            cases=analysis.open_cases,
            offers=analysis.valid_offers,
        )
        text += " " + ngettext(
            "{n} Zeile ohne passendes Angebot („fehlt“).",
            "{n} Zeilen ohne passendes Angebot („fehlt“).",
            gaps,
        ).format(n=gaps)
        self.ui.gapSummaryLabel.setText(text)

    def _current_key(self) -> str | None:
        current = self.ui.table.currentIndex()
        return self.model.item(current.row()).kind.key if current.isValid() else None

    def create_report(self) -> None:
        """Ask for a file name and write the selected report there, off the GUI thread."""
        if self.operation is not None or self.statistics.operation is not None:
            return
        if self._current_key() in STATISTICS_KINDS:
            self.statistics.create()
        elif self._current_key() == GAP_KIND:
            self._create_gap()

    def _create_gap(self) -> None:
        suggested = _("Bedarfsanalyse-{date}.pdf").format(date=date.today().isoformat())
        name = self.prompts.save_file_name(
            self,
            _("Bedarfsanalyse speichern"),
            suggested,
            _("PDF-Dokument (*.pdf);;Excel-Arbeitsmappe (*.xlsx)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".pdf", ".xlsx"):
            path = path.with_name(path.name + ".pdf")
        export = self._export_gap

        def work(_progress, _cancelled) -> Path:
            return export(str(path))

        self.ui.createButton.setEnabled(False)
        self.operation = run_in_background(
            self,
            work,
            title=_("Bedarfsanalyse speichern"),
            label=_("Die Bedarfsanalyse wird erstellt …"),
            on_success=self._created,
            on_failure=self._failed,
            cancellable=False,
        )

    def _created(self, path: Path) -> None:
        self.operation = None
        self.refresh()  # the new "last created" date
        saved = _("Gespeichert: {name}").format(name=Path(path).name)
        self.ui.gapSummaryLabel.setText(f"{self.ui.gapSummaryLabel.text()} {saved}")

    def _failed(self, exc: BaseException) -> None:
        self.operation = None
        self._enable_create()
        self.prompts.error(self, _("Bedarfsanalyse speichern"), failure_message(exc))

    def _enable_create(self) -> None:
        """Enabled for a report made here, while no export runs."""
        key = self._current_key()
        busy = self.operation is not None or self.statistics.operation is not None
        can_create = key == GAP_KIND or key in STATISTICS_KINDS
        self.ui.createButton.setEnabled(can_create and not busy)
