"""The monthly and quarterly statistics in the Berichte & Export tab: period and format
pickers, a preview of the tables and the export to PDF, XLSX or CSV off the GUI thread.

The preview shows exactly the published (already suppressed) cells, so what is seen here is
what leaves the office. It is computed off the GUI thread too, newest period first: while the
user goes on changing the period, the window stays responsive and a late result of an older
period never replaces the newer one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain.statistics import StatisticsReport
from ki_desktop.gui.background import BackgroundOperation, failure_message, run_in_background
from ki_desktop.gui.latest_only import LatestOnly
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.table_layout import compact_rows
from ki_desktop.i18n import N_, _, ui_language
from ki_desktop.i18n.locale_data import format_date, format_number
from ki_desktop.services import statistics_export
from ki_desktop.services.database import ServiceError

log = logging.getLogger(__name__)

LoadReport = Callable[[str, int, int], StatisticsReport]
ExportReport = Callable[..., Path]

KINDS = ("quarterly", "monthly")
_FORMATS = (
    ("pdf", "PDF", N_("PDF-Dokument (*.pdf)")),
    ("xlsx", "XLSX", N_("Excel-Arbeitsmappe (*.xlsx)")),
    ("csv", "CSV", N_("CSV-Datei für Excel (*.csv)")),
)


def last_complete_period(kind: str, today: date) -> tuple[int, int]:
    """(year, quarter or month) of the last period that has ended before ``today``."""
    if kind == "quarterly":
        quarter = (today.month - 1) // 3  # the one before the current quarter
        return (today.year, quarter) if quarter else (today.year - 1, 4)
    return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)


def _cell_text(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = round(value, 1) if isinstance(value, float) else value
        return format_number(shown, ui_language())
    return str(value)


class StatisticsPanel(QWidget):
    """Pickers, preview and export of one statistics kind (``set_kind``); ``created`` fires
    with the written file, ``busy_changed`` while an export runs."""

    created = Signal(object)
    busy_changed = Signal(bool)

    def __init__(
        self,
        prompts: Prompts,
        user: str,
        load_report: LoadReport | None = None,
        export: ExportReport | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self._user = user
        self._load = load_report or (lambda k, y, n: statistics_export.build_report(k, y, n))
        self._export = export or statistics_export.export_report
        self._today = today
        self.kind = "quarterly"
        self.report: StatisticsReport | None = None
        self.operation: BackgroundOperation | None = None
        self._previews = LatestOnly(self)
        self._previews.succeeded.connect(self._preview_loaded)
        self._previews.failed.connect(self._preview_failed)
        self._summary_text = ""
        self._saved_note = ""  # "Gespeichert: …" after an export, until the period changes

        self.yearSpin = QSpinBox(self)
        self.yearSpin.setRange(2015, today().year)
        self.yearSpin.setAccessibleName(_("Jahr"))
        self.periodCombo = QComboBox(self)
        self.formatCombo = QComboBox(self)
        self.formatCombo.setAccessibleName(_("Dateiformat"))
        for key, text, _filter in _FORMATS:
            self.formatCombo.addItem(text, key)
        self.tableCombo = QComboBox(self)
        self.tableCombo.setAccessibleName(_("Tabelle in der Vorschau"))
        self.tableCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.summaryLabel = QLabel(self)
        self.summaryLabel.setWordWrap(True)
        self.summaryLabel.setAccessibleName(_("Kennzahlen des Zeitraums"))
        self.busyBar = QProgressBar(self)
        self.busyBar.setRange(0, 0)  # busy indicator: the computation has no steps
        self.busyBar.setTextVisible(False)
        self.busyBar.setMaximumWidth(12 * self.fontMetrics().averageCharWidth())
        self.busyBar.setAccessibleName(_("Vorschau wird berechnet"))
        self.busyBar.setVisible(False)
        self.preview = QTableView(self)
        self.preview.setAccessibleName(_("Vorschau der Tabelle"))
        self.preview.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.preview.setAlternatingRowColors(True)
        self.preview.verticalHeader().setVisible(False)
        self.preview.setTabKeyNavigation(False)
        self.preview_model = QStandardItemModel(self)
        self.preview.setModel(self.preview_model)
        compact_rows(self.preview)

        pickers = QHBoxLayout()
        self.periodLabel = QLabel(_("&Zeitraum:"), self)
        self.periodLabel.setBuddy(self.yearSpin)
        format_label = QLabel(_("&Format:"), self)
        format_label.setBuddy(self.formatCombo)
        table_label = QLabel(_("&Tabelle:"), self)
        table_label.setBuddy(self.tableCombo)
        for widget in (self.periodLabel, self.yearSpin, self.periodCombo):
            pickers.addWidget(widget)
        pickers.addSpacing(16)
        pickers.addWidget(format_label)
        pickers.addWidget(self.formatCombo)
        pickers.addSpacing(16)
        pickers.addWidget(table_label)
        pickers.addWidget(self.tableCombo)
        pickers.addSpacing(16)
        pickers.addWidget(self.busyBar)  # in this row: showing it moves nothing
        pickers.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(pickers)
        layout.addWidget(self.summaryLabel)
        layout.addWidget(self.preview, 1)

        self.yearSpin.valueChanged.connect(self._period_changed)
        self.periodCombo.currentIndexChanged.connect(self._period_changed)
        self.tableCombo.currentIndexChanged.connect(self._show_table)

    # -- period and preview -------------------------------------------------------------

    def set_kind(self, kind: str) -> None:
        """Show ``kind`` ("quarterly" or "monthly") for its last complete period; the same
        kind again keeps the chosen period and recomputes the preview."""
        if kind == self.kind and self.periodCombo.count():
            self._period_changed()
            return
        self.kind = kind
        year, number = last_complete_period(kind, self._today())
        for widget in (self.yearSpin, self.periodCombo):
            widget.blockSignals(True)
        self.periodCombo.clear()
        if kind == "quarterly":
            self.periodCombo.setAccessibleName(_("Quartal"))
            for n in range(1, 5):
                self.periodCombo.addItem(_("{n}. Quartal").format(n=n), n)
        else:
            self.periodCombo.setAccessibleName(_("Monat"))
            for n in range(1, 13):
                self.periodCombo.addItem(format_date(date(2000, n, 1), ui_language(), "MMMM"), n)
        self.yearSpin.setValue(year)
        self.periodCombo.setCurrentIndex(number - 1)
        for widget in (self.yearSpin, self.periodCombo):
            widget.blockSignals(False)
        self._period_changed()

    def period(self) -> tuple[int, int]:
        """The chosen (year, quarter or month)."""
        return self.yearSpin.value(), int(self.periodCombo.currentData() or 1)

    def select_period(self, year: int, number: int) -> None:
        self.yearSpin.setValue(year)
        self.periodCombo.setCurrentIndex(number - 1)

    def select_format(self, fmt: str) -> None:
        self.formatCombo.setCurrentIndex(max(self.formatCombo.findData(fmt), 0))

    @property
    def computing(self) -> bool:
        """True while the preview of the chosen period is being computed."""
        return self._previews.busy

    def _period_changed(self) -> None:
        """Compute the preview of the chosen period off the GUI thread; meanwhile the old
        table stays greyed and the table picker is disabled."""
        kind, (year, number) = self.kind, self.period()
        load = self._load
        self._saved_note = ""
        self._previews.request(lambda: load(kind, year, number))
        self._set_computing(True)
        self._set_summary(_("Vorschau wird berechnet …"))

    def _set_computing(self, computing: bool) -> None:
        self.busyBar.setVisible(computing)
        self.tableCombo.setEnabled(not computing)
        self.preview.setEnabled(not computing)

    def _set_summary(self, text: str) -> None:
        self._summary_text = text
        self.summaryLabel.setText(f"{text} {self._saved_note}" if self._saved_note else text)

    def _preview_loaded(self, report: StatisticsReport) -> None:
        chosen = self.tableCombo.currentData()
        self.report = report
        self.tableCombo.blockSignals(True)
        self.tableCombo.clear()
        for table in report.tables:
            self.tableCombo.addItem(table.title, table.key)
        # The table looked at stays chosen while the user goes through the periods.
        self.tableCombo.setCurrentIndex(max(self.tableCombo.findData(chosen), 0))
        self.tableCombo.blockSignals(False)
        self._set_computing(False)
        self._set_summary(self._summary(report))
        self._show_table()

    def _preview_failed(self, exc: BaseException) -> None:
        self.report = None
        self.tableCombo.clear()
        self._set_computing(False)
        if isinstance(exc, ServiceError):
            text = _("Die Statistik kann nicht berechnet werden: {detail}").format(detail=exc)
        else:
            log.error("statistics preview failed", exc_info=(type(exc), exc, exc.__traceback__))
            text = _(
                "Die Statistik kann gerade nicht berechnet werden. Bitte versuchen Sie es "
                "erneut; wenn der Fehler bleibt, wenden Sie sich an die Administration."
            )
        self._set_summary(text)
        self._show_table()

    def _summary(self, report: StatisticsReport) -> str:
        span = f"{format_date(report.period.start, ui_language())} – " + format_date(
            report.period.end, ui_language()
        )
        text = _("{label} ({span}), verglichen mit {previous}.").format(
            label=report.period.label, span=span, previous=report.previous.label
        )
        return text + " " + _("Nur anonymisierte Zahlen; Anzahlen unter 3 erscheinen als „<3“.")

    def _show_table(self) -> None:
        model = self.preview_model
        model.clear()
        index = self.tableCombo.currentIndex()
        if self.report is None or index < 0:
            return
        table = self.report.tables[index]
        model.setHorizontalHeaderLabels(list(table.columns))
        bold = QFont(self.font())
        bold.setBold(True)
        rows = [(row, False) for row in table.rows]
        if table.total is not None:
            rows.append((table.total, True))
        for values, is_total in rows:
            items = []
            for col, value in enumerate(values):
                item = QStandardItem(_cell_text(value) if col else str(value))
                if col:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if is_total:
                    item.setFont(bold)
                items.append(item)
            model.appendRow(items)
        # Columns as wide as their content, not stretched: the numbers stay near their labels.
        header = self.preview.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.resizeColumnsToContents()
        char = self.preview.fontMetrics().averageCharWidth()
        header.resizeSection(0, max(header.sectionSize(0), 30 * char))
        for col in range(1, model.columnCount()):
            header.resizeSection(col, max(header.sectionSize(col) + 2 * char, 12 * char))

    # -- export -------------------------------------------------------------------------

    def create(self) -> None:
        """Ask for a file name and write the chosen period in the chosen format."""
        if self.operation is not None:
            return
        kind, (year, number) = self.kind, self.period()
        fmt = self.formatCombo.currentData()
        file_filter = _(next(f for key, _t, f in _FORMATS if key == fmt))
        if kind == "quarterly":
            suggested = _("Quartalsstatistik-{year}-Q{n}.{ext}")
        else:
            suggested = _("Monatsstatistik-{year}-{n:02d}.{ext}")
        name = self.prompts.save_file_name(
            self,
            _("Statistik speichern"),
            suggested.format(year=year, n=number, ext=fmt),
            file_filter,
        )
        if not name:
            return
        path = Path(name)
        suffix = path.suffix.lower().lstrip(".")
        if suffix in statistics_export.FORMATS:
            fmt = suffix  # what the user typed wins over the format picker
        else:
            path = path.with_name(f"{path.name}.{fmt}")
        export, user = self._export, self._user

        def work(progress, cancelled) -> Path:
            return export(kind, year, number, fmt, path, user, progress, cancelled)

        self.operation = run_in_background(
            self,
            work,
            title=_("Statistik speichern"),
            label=_("Die Statistik wird erstellt …"),
            on_success=self._created,
            on_failure=self._failed,
            on_cancelled=self._cancelled,
            cancellable=True,
        )
        self.busy_changed.emit(True)

    def _done(self) -> None:
        self.operation = None
        self.busy_changed.emit(False)

    def _created(self, path: Path) -> None:
        self._done()
        self.created.emit(Path(path))  # the tab reloads "last created" (and this preview)
        self._saved_note = _("Gespeichert: {name}").format(name=Path(path).name)
        self._set_summary(self._summary_text)

    def _cancelled(self) -> None:
        self._done()

    def _failed(self, exc: BaseException) -> None:
        self._done()
        self.prompts.error(self, _("Statistik speichern"), failure_message(exc))
