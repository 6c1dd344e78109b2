"""„Protokoll“: the audit trail for the administrator — a lazily paged table filtered by user,
action and days, the chain check („Kette prüfen“) and the export („Exportieren…“).

Both long jobs run off the GUI thread. The head of the chain (last number and hash) is shown
selectable, so that it can be copied and kept outside the program.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.audit_table_model import (
    DETAIL_COLUMN,
    AuditTableModel,
    action_label,
    group_label,
)
from ki_desktop.gui.background import BackgroundOperation, run_in_background
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.table_layout import compact_rows
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import audit
from ki_desktop.services.errors import ServiceError

NO_LIMIT = QDate(2000, 1, 1)  # the date edits' minimum, shown as „–“ (no limit)


def group_filter(group: str, actions: list[str]) -> str:
    """The action filter (a prefix) of a group: "login" takes in "login" itself and
    "login.failed"; "case." only the case actions when the bare prefix would also take in
    actions of another group."""
    others = [a for a in actions if a.startswith(group) and a.split(".")[0] != group]
    return group + "." if others or group not in actions else group


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setMinimumDate(NO_LIMIT)
    edit.setSpecialValueText("–")  # shown at the minimum: no limit
    edit.setDate(NO_LIMIT)
    edit.setAccessibleName(name)
    return edit


class AuditDialog(QDialog):
    """The audit trail. ``prompts`` asks for the export file and shows errors."""

    def __init__(self, parent: QWidget | None = None, prompts: Prompts | None = None) -> None:
        super().__init__(parent)
        self.prompts = prompts or Prompts()
        self.operation: BackgroundOperation | None = None
        self.last_report: audit.ChainReport | None = None
        self.setWindowTitle(_("Protokoll (Audit-Trail)"))
        self.setAccessibleName(_("Protokoll (Audit-Trail)"))
        layout = QVBoxLayout(self)

        filters = QHBoxLayout()
        self.user_box = QComboBox(self)
        self.user_box.setAccessibleName(_("Benutzer"))
        self.action_box = QComboBox(self)
        self.action_box.setAccessibleName(_("Aktion"))
        self.from_edit = _date_edit(self, _("Von"))
        self.to_edit = _date_edit(self, _("Bis"))
        for text, widget in (
            (_("&Benutzer:"), self.user_box),
            (_("&Aktion:"), self.action_box),
            (_("&Von:"), self.from_edit),
            (_("B&is:"), self.to_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 1 if isinstance(widget, QComboBox) else 0)
        layout.addLayout(filters)

        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Protokolleinträge"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)

        self.count_label = QLabel(self)
        layout.addWidget(self.count_label)
        result_row = QHBoxLayout()
        self.result_icon = QLabel(self)
        self.result_label = QLabel(
            _("Die Prüfung der Kette zeigt, ob Einträge verändert, gelöscht oder umgestellt "
              "wurden."),
            self,
        )  # fmt: skip
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName(_("Ergebnis der Prüfung"))
        result_row.addWidget(self.result_icon)
        result_row.addWidget(self.result_label, 1)
        layout.addLayout(result_row)

        buttons = QDialogButtonBox(self)
        self.check_button = QPushButton(_("Kette &prüfen"), self)
        self.check_button.setToolTip(_("Alle Einträge nachrechnen (Strg+P)"))
        self.export_button = QPushButton(_("&Exportieren…"), self)
        self.export_button.setToolTip(_("Die angezeigten Einträge als CSV oder Excel (Strg+E)"))
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(_("Schließen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.check_button.clicked.connect(self.check_chain)
        self.export_button.clicked.connect(self.export)
        QShortcut(QKeySequence("Ctrl+P"), self, self.check_chain)
        QShortcut(QKeySequence("Ctrl+E"), self, self.export)

        self._fill_choices()
        for box in (self.user_box, self.action_box):
            box.currentIndexChanged.connect(self.reload)
        for edit in (self.from_edit, self.to_edit):
            edit.dateChanged.connect(self.reload)
        self.resize(1100, 560)
        self.reload()

    def _fill_choices(self) -> None:
        try:
            users, actions = audit.filter_choices()
        except ServiceError:
            users, actions = [], []  # the table says why
        self.user_box.addItem(_("alle"), "")
        for user in users:
            self.user_box.addItem(user, user)
        self.action_box.addItem(_("alle"), "")
        groups = sorted({a.split(".")[0] for a in actions if "." in a})
        for group in sorted(groups, key=group_label):
            self.action_box.addItem(group_label(group), group_filter(group, actions))
        for action in actions:
            self.action_box.addItem(f"{action_label(action)} ({action})", action)

    @staticmethod
    def _day(edit: QDateEdit) -> date | None:
        return None if edit.date() == NO_LIMIT else edit.date().toPython()

    def current_filter(self) -> audit.AuditFilter:
        return audit.AuditFilter(
            user=self.user_box.currentData() or "",
            action=self.action_box.currentData() or "",
            date_from=self._day(self.from_edit),
            date_to=self._day(self.to_edit),
        )

    def reload(self) -> None:
        try:
            self.model.reload(self.current_filter())
        except ServiceError as exc:
            self.count_label.setText(str(exc))
            self.export_button.setEnabled(False)
            self.check_button.setEnabled(False)
            return
        total = self.model.total
        self.count_label.setText(
            ngettext("{n} Eintrag", "{n} Einträge", total).format(n=total)
            if total
            else _("Keine Einträge für diese Auswahl.")
        )
        self.export_button.setEnabled(total > 0)
        self.table.resizeColumnsToContents()
        if self.table.columnWidth(DETAIL_COLUMN) > 400:
            self.table.setColumnWidth(DETAIL_COLUMN, 400)

    def _busy(self) -> bool:
        return self.operation is not None

    def check_chain(self) -> None:
        """Check the whole chain off the GUI thread and show the result."""
        if self._busy():
            return
        self.check_button.setEnabled(False)
        self.operation = run_in_background(
            self,
            lambda progress, cancelled: audit.verify_chain(),
            title=_("Protokoll prüfen"),
            label=_("Die Einträge des Protokolls werden nachgerechnet …"),
            on_success=self._checked,
            on_failure=self._failed,
            cancellable=False,
        )
        self.operation.finished.connect(self._done)

    def _checked(self, report: audit.ChainReport) -> None:
        self.last_report = report
        icon = (
            QStyle.StandardPixmap.SP_DialogApplyButton
            if report.ok
            else QStyle.StandardPixmap.SP_MessageBoxCritical
        )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.result_icon.setPixmap(self.style().standardIcon(icon).pixmap(size, size))
        self.result_label.setText(audit.chain_message(report))
        self.reload()  # the check is an entry itself

    def _failed(self, exc: BaseException) -> None:
        self.prompts.error(self, self.windowTitle(), str(exc))

    def _done(self, _ok: bool) -> None:
        self.operation = None
        self.check_button.setEnabled(True)
        self.export_button.setEnabled(self.model.total > 0)

    def export(self) -> None:
        """Ask for a file and write the entries of the current filter to it."""
        if self._busy() or not self.export_button.isEnabled():
            return
        name = self.prompts.save_file_name(
            self,
            _("Protokoll exportieren"),
            _("Protokoll-{day}.csv").format(day=date.today().isoformat()),
            _("CSV-Datei (*.csv);;Excel-Arbeitsmappe (*.xlsx)"),
        )
        if not name:
            return
        fmt = "xlsx" if name.lower().endswith(".xlsx") else "csv"
        flt = self.current_filter()
        self.export_button.setEnabled(False)
        self.operation = run_in_background(
            self,
            lambda progress, cancelled: audit.export_audit(name, fmt, flt),
            title=_("Protokoll exportieren"),
            label=_("Das Protokoll wird geschrieben …"),
            on_success=self._exported,
            on_failure=self._failed,
            cancellable=False,
        )
        self.operation.finished.connect(self._done)

    def _exported(self, result: audit.ExportedAudit) -> None:
        self.prompts.inform(
            self,
            _("Protokoll exportiert"),
            ngettext(
                "{n} Eintrag nach {path} geschrieben.",
                "{n} Einträge nach {path} geschrieben.",
                result.entries,
            ).format(n=result.entries, path=result.path)
            + "\n\n"
            + _(
                "Letzter Eintrag der Kette: Nr. {seq}, Prüfwert {hash}. Bitte den Prüfwert "
                "getrennt vom Rechner aufbewahren: mit ihm lässt sich später zeigen, dass das "
                "Protokoll seither nicht gekürzt oder neu geschrieben wurde."
            ).format(seq=result.head_seq, hash=result.head_hash),
        )
        self.reload()


def show_audit_dialog(parent: QWidget | None, prompts: Prompts | None = None) -> AuditDialog:
    """Open the audit trail non-modally (the caller keeps the returned dialog)."""
    dialog = AuditDialog(parent, prompts)
    dialog.show()
    return dialog
