"""„Fristgerechte Löschung“: the retention period, the cases due for deletion (no names), their
deletion after an explicit confirmation (with progress, cancellable), and the deletion log.

Erasure of one case on request is :func:`ki_desktop.gui.case_erasure.erase_selected_case`.
"""

from __future__ import annotations

from datetime import UTC, date

from babel.dates import format_date, format_datetime
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain import retention as rules
from ki_desktop.domain.roles import Permission
from ki_desktop.gui.background import BackgroundOperation, run_in_background
from ki_desktop.gui.item_table_model import Column, ItemFilterProxy, ItemTableModel
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.table_layout import compact_rows
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.services import labels, retention, session
from ki_desktop.services.errors import ServiceError


def _day(value: date) -> str:
    return format_date(value, "dd.MM.yyyy", locale=ui_language())


def due_columns() -> list[Column]:
    return [
        Column(_("Fall"), lambda d: d.reference),
        Column(_("Beratung"), lambda d: d.counsellor or "–"),
        Column(
            _("Letzter Kontakt"),
            lambda d: _day(d.last_contact),
            sort_key=lambda d: d.last_contact.isoformat(),
        ),
        Column(_("Fällig seit"), lambda d: _day(d.due_on), sort_key=lambda d: d.due_on.isoformat()),
        Column(_("Status"), lambda d: labels.status_label(d.status)),
    ]


def log_columns() -> list[Column]:
    def when(e: retention.DeletionEntry) -> str:
        moment = e.at.replace(tzinfo=UTC).astimezone()
        return format_datetime(moment, "dd.MM.yyyy HH:mm", locale=ui_language())

    return [
        Column(_("Zeit"), when, sort_key=lambda e: e.at.isoformat()),
        Column(_("Benutzer"), lambda e: e.user),
        Column(_("Grund"), lambda e: e.reason_text),
        Column(_("Fall"), lambda e: e.reference, tip=lambda e: e.case_id),
        Column(_("Letzter Kontakt"), lambda e: e.last_contact_month or "–"),
        Column(
            _("Frist (Monate)"),
            lambda e: "–" if e.retention_months is None else str(e.retention_months),
            sort_key=lambda e: e.retention_months or 0,
            align_right=True,
        ),
        Column(
            _("Datensätze"),
            lambda e: str(e.records),
            sort_key=lambda e: e.records,
            align_right=True,
        ),
    ]


def _table(
    parent: QWidget, name: str, model: ItemFilterProxy, column: int, order: Qt.SortOrder
) -> QTableView:
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setModel(model)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
    table.setSortingEnabled(True)
    table.sortByColumn(column, order)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    compact_rows(table)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RetentionDialog(QDialog):
    """The administrator's retention dialog. ``today`` is the reference day (tests)."""

    def __init__(
        self, parent: QWidget | None = None, prompts: Prompts | None = None, today=None
    ) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.today = today or date.today()
        self.operation: BackgroundOperation | None = None
        self.last_report: retention.DeletionReport | None = None
        self._reload_pending = False
        self.setWindowTitle(_("Fristgerechte Löschung"))
        self.setAccessibleName(_("Fristgerechte Löschung"))
        layout = QVBoxLayout(self)

        period = QHBoxLayout()
        label = QLabel(_("&Aufbewahrungsfrist nach dem letzten Kontakt:"), self)
        self.months = QSpinBox(self)
        self.months.setRange(rules.MIN_MONTHS, rules.MAX_MONTHS)
        self.months.setSuffix(" " + _("Monate"))
        self.months.setAccessibleName(_("Aufbewahrungsfrist in Monaten"))
        label.setBuddy(self.months)
        self.apply_button = QPushButton(_("Frist ü&bernehmen"), self)
        self.apply_button.setEnabled(False)
        may_set = session.may(Permission.SETTINGS)
        self.months.setEnabled(may_set)
        period.addWidget(label)
        period.addWidget(self.months)
        period.addWidget(self.apply_button)
        period.addStretch(1)
        layout.addLayout(period)
        explain = QLabel(
            _(
                "Als letzter Kontakt gilt das späteste von: Anmeldung, Statuswechsel, "
                "Erstgespräch, Empfehlung, Schulplatz, Schulbeginn, Vermittlung, Einwilligung "
                "und jeder gespeicherten Änderung am Fall. Die Liste zeigt keine Namen."
            ),
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)

        self.tabs = QTabWidget(self)
        due_page = QWidget(self)
        due_layout = QVBoxLayout(due_page)
        self.due_model = ItemTableModel(due_columns(), search_text=lambda d: "", parent=self)
        self.due_proxy = ItemFilterProxy(self.due_model, self)
        self.due_table = _table(
            due_page, _("Fällige Fälle"), self.due_proxy, 2, Qt.SortOrder.AscendingOrder
        )
        self.due_label = QLabel(due_page)
        self.due_label.setWordWrap(True)
        due_layout.addWidget(self.due_label)
        due_layout.addWidget(self.due_table, 1)
        due_buttons = QHBoxLayout()
        self.select_all_button = QPushButton(_("&Alle auswählen"), due_page)
        self.delete_button = QPushButton(_("Ausgewählte &löschen…"), due_page)
        self.delete_button.setToolTip(_("Die ausgewählten Fälle endgültig löschen (Entf)"))
        due_buttons.addWidget(self.select_all_button)
        due_buttons.addStretch(1)
        due_buttons.addWidget(self.delete_button)
        due_layout.addLayout(due_buttons)
        self.tabs.addTab(due_page, _("&Fällige Fälle"))

        log_page = QWidget(self)
        log_layout = QVBoxLayout(log_page)
        self.log_model = ItemTableModel(log_columns(), search_text=lambda e: "", parent=self)
        self.log_proxy = ItemFilterProxy(self.log_model, self)
        self.log_table = _table(
            log_page, _("Löschprotokoll"), self.log_proxy, 0, Qt.SortOrder.DescendingOrder
        )
        self.log_empty = QLabel(_("Noch keine Löschungen."), log_page)
        log_layout.addWidget(self.log_empty)
        log_layout.addWidget(self.log_table, 1)
        log_buttons = QHBoxLayout()
        self.export_button = QPushButton(_("Protokoll &exportieren…"), log_page)
        log_buttons.addStretch(1)
        log_buttons.addWidget(self.export_button)
        log_layout.addLayout(log_buttons)
        self.tabs.addTab(log_page, _("Lösch&protokoll"))
        layout.addWidget(self.tabs, 1)

        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Schließen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.months.valueChanged.connect(self._period_edited)
        self.apply_button.clicked.connect(self.apply_period)
        self.select_all_button.clicked.connect(self.due_table.selectAll)
        self.delete_button.clicked.connect(self.delete_selected)
        self.due_table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.export_button.clicked.connect(self.export_log)
        QShortcut(
            QKeySequence(QKeySequence.StandardKey.Delete), self.due_table, self.delete_selected
        )
        self.resize(860, 560)
        self.months.setValue(retention.retention_months())
        self.apply_button.setEnabled(False)
        self.reload_log()
        self.reload_due()

    # -- period ---------------------------------------------------------------------------

    def _period_edited(self, value: int) -> None:
        self.apply_button.setEnabled(value != retention.retention_months())

    def apply_period(self) -> None:
        try:
            retention.set_retention_months(self.months.value())
        except ServiceError as exc:
            self.prompts.error(self, self.windowTitle(), str(exc))
            return
        self.apply_button.setEnabled(False)
        self.reload_due()

    # -- due cases ------------------------------------------------------------------------

    def reload_due(self) -> None:
        """Find the due cases off the GUI thread (a long list takes a second)."""
        if self.operation is not None:
            return
        self.delete_button.setEnabled(False)
        self.due_label.setText(_("Fällige Fälle werden gesucht …"))
        today = self.today
        self.operation = run_in_background(
            self,
            lambda progress, cancelled: retention.due_cases(today),
            title=_("Fristgerechte Löschung"),
            label=_("Fällige Fälle werden gesucht …"),
            on_success=self._show_due,
            on_failure=self._failed,
            cancellable=False,
        )
        self.operation.finished.connect(self._done)

    def _show_due(self, due: list[rules.DueCase]) -> None:
        self.due_model.set_items(due)
        months = retention.retention_months()
        if due:
            text = ngettext(
                "{n} Fall ist fällig: der letzte Kontakt liegt mehr als {m} Monate zurück.",
                "{n} Fälle sind fällig: der letzte Kontakt liegt mehr als {m} Monate zurück.",
                len(due),
            ).format(n=len(due), m=months)
            text += " " + _("Bitte die zu löschenden Fälle auswählen.")
        else:
            text = _("Kein Fall ist fällig (Frist {m} Monate, Stichtag {day}).").format(
                m=months, day=_day(self.today)
            )
        self.due_label.setText(text)
        self.due_table.setVisible(bool(due))
        self.select_all_button.setEnabled(bool(due))

    def _selection_changed(self, *_args) -> None:
        self.delete_button.setEnabled(
            self.operation is None and bool(self.due_table.selectionModel().selectedRows())
        )

    def selected_cases(self) -> list[rules.DueCase]:
        return [
            self.due_model.item(i.row()) for i in self.due_table.selectionModel().selectedRows()
        ]

    def delete_selected(self) -> None:
        """Ask with the number of cases, then delete them with progress."""
        chosen = self.selected_cases()
        if not chosen or self.operation is not None:
            return
        question = ngettext(
            "{n} Fall endgültig löschen?",
            "{n} Fälle endgültig löschen?",
            len(chosen),
        ).format(n=len(chosen))
        question += "\n\n" + _(
            "Gelöscht werden alle Angaben der Fälle: Gespräche, Sorgeberechtigte, "
            "Schulbiografie, Empfehlungen, Vermittlungen und Verlauf. Das lässt sich nicht "
            "rückgängig machen; die Löschung geht mit der nächsten Sync-Datei auch an die "
            "anderen Geräte. Das Löschprotokoll enthält keine Namen."
        )
        if not self.prompts.confirm_destructive(self, _("Fristgerechte Löschung"), question):
            return
        ids = [d.case_id for d in chosen]
        today = self.today
        self.delete_button.setEnabled(False)
        self.operation = run_in_background(
            self,
            lambda progress, cancelled: retention.delete_due(ids, today, progress, cancelled),
            title=_("Fristgerechte Löschung"),
            label=_("Fälle werden gelöscht …"),
            on_success=self._deleted,
            on_failure=self._failed,
            on_cancelled=self._after_cancel,
        )
        self.operation.finished.connect(self._done)

    def _deleted(self, report: retention.DeletionReport) -> None:
        self.last_report = report
        text = ngettext("{n} Fall gelöscht.", "{n} Fälle gelöscht.", len(report.deleted)).format(
            n=len(report.deleted)
        )
        if report.cancelled:
            text += " " + _("Abgebrochen: die übrigen Fälle bleiben.")
        if report.skipped:
            text += " " + ngettext(
                "{n} Fall war nicht mehr fällig (inzwischen ein Kontakt) und bleibt.",
                "{n} Fälle waren nicht mehr fällig (inzwischen ein Kontakt) und bleiben.",
                len(report.skipped),
            ).format(n=len(report.skipped))
        self.prompts.inform(self, _("Fristgerechte Löschung"), text)
        self.reload_log()
        self.tabs.setCurrentIndex(1)
        self._reload_pending = True

    def _after_cancel(self) -> None:
        self.reload_log()
        self._reload_pending = True

    def _failed(self, exc: BaseException) -> None:
        self.prompts.error(self, self.windowTitle(), str(exc))

    def _done(self, _ok: bool) -> None:
        self.operation = None
        if self._reload_pending:
            self._reload_pending = False
            self.reload_due()
        else:
            self._selection_changed()

    # -- log ------------------------------------------------------------------------------

    def reload_log(self) -> None:
        try:
            entries = retention.deletion_log()
        except ServiceError as exc:
            self.log_empty.setText(str(exc))
            entries = []
        self.log_model.set_items(entries)
        self.log_empty.setVisible(not entries)
        self.log_table.setVisible(bool(entries))
        self.export_button.setEnabled(bool(entries))

    def export_log(self) -> None:
        name = self.prompts.save_file_name(
            self,
            _("Löschprotokoll exportieren"),
            _("Loeschprotokoll-{day}.csv").format(day=date.today().isoformat()),
            _("CSV-Datei (*.csv)"),
        )
        if not name:
            return
        try:
            target = retention.export_deletion_log(name)
        except ServiceError as exc:
            self.prompts.error(self, _("Löschprotokoll exportieren"), str(exc))
            return
        self.prompts.inform(
            self,
            _("Löschprotokoll exportieren"),
            _("Das Löschprotokoll wurde nach {path} geschrieben.").format(path=target),
        )


def show_retention_dialog(
    parent: QWidget | None, prompts: Prompts | None = None
) -> RetentionDialog:
    """Open „Fristgerechte Löschung“ non-modally (the caller keeps the returned dialog)."""
    dialog = RetentionDialog(parent, prompts)
    dialog.show()
    return dialog
