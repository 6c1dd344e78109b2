"""Reading a sync file: the passphrase, a preview of what would change (computed in the
background inside a transaction that is rolled back), then "Übernehmen" or "Abbrechen"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from babel.dates import format_datetime
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from ki_desktop.gui.background import BackgroundOperation, failure_message, run_in_background
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.sync_export_dialog import PassphraseField, short_device
from ki_desktop.i18n import _, ui_language
from ki_desktop.services import sync
from ki_desktop.services.database import ServiceError

ImportFile = Callable[..., sync.ImportReport]


def error_text(exc: BaseException) -> str:
    """A service's own message as it is; anything else with the general failure text."""
    return str(exc) if isinstance(exc, ServiceError) else failure_message(exc)


def created_text(created_at: str) -> str:
    """The file's creation time (UTC in the file) in local time, or "" if unreadable."""
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_datetime(moment.astimezone(), "dd.MM.yyyy HH:mm", locale=ui_language())


class ImportDialog(QDialog):
    """One file: preview first, then apply. ``applied`` carries the final report; the
    passphrase that opened the file is in ``passphrase`` afterwards."""

    applied = Signal(object)

    def __init__(
        self,
        path: Path,
        passphrase: str,
        prompts: Prompts,
        user: str,
        parent: QWidget | None = None,
        import_file: ImportFile = sync.import_file,
    ) -> None:
        super().__init__(parent)
        self.path, self.prompts, self.user = Path(path), prompts, user
        self._import_file = import_file
        self.operation: BackgroundOperation | None = None
        self.preview: sync.ImportReport | None = None
        self.report: sync.ImportReport | None = None
        self.passphrase = ""
        self.setWindowTitle(_("Sync-Datei einlesen"))
        self.setAccessibleName(_("Sync-Datei einlesen"))
        form = QFormLayout(self)
        file_label = QLabel(self.path.name, self)
        file_label.setToolTip(str(self.path))
        form.addRow(_("Datei:"), file_label)

        row = QHBoxLayout()
        self.passphrase_edit = PassphraseField(self)
        self.passphrase_edit.setText(passphrase)
        self.preview_button = QPushButton(_("&Vorschau"), self)
        self.preview_button.setToolTip(_("Zeigen, was sich ändern würde, ohne etwas zu ändern"))
        row.addWidget(self.passphrase_edit, 1)
        row.addWidget(self.preview_button)
        label = QLabel(_("&Passphrase:"), self)
        label.setBuddy(self.passphrase_edit)
        form.addRow(label, row)

        self.result_box = QGroupBox(_("Vorschau: das würde sich ändern"), self)
        result = QFormLayout(self.result_box)
        self.labels: dict[str, QLabel] = {}
        for key, title in (
            ("source", _("Von Gerät:")),
            ("created_at", _("Erstellt am:")),
            ("records", _("Datensätze in der Datei:")),
            ("created", _("Neu:")),
            ("updated", _("Geändert:")),
            ("deleted", _("Gelöscht:")),
            ("conflicts", _("Konflikte:")),
        ):
            label = QLabel("–", self.result_box)
            label.setAccessibleName(title.rstrip(":"))
            self.labels[key] = label
            result.addRow(title, label)
        self.conflict_hint = QLabel(
            _(
                "Konflikte: Werte, die hier und auf dem anderen Gerät verschieden geändert "
                "wurden. Beide bleiben erhalten, bis Sie unter „Synchronisieren → Konflikte lösen“ "
                "entscheiden."
            ),
            self.result_box,
        )
        self.conflict_hint.setWordWrap(True)
        result.addRow(self.conflict_hint)
        form.addRow(self.result_box)
        self.result_box.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(
            _("&Übernehmen"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setToolTip(_("Alle Änderungen der Datei in einem Schritt übernehmen"))
        self.cancel_button = self.buttons.addButton(
            _("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.apply_button.setEnabled(False)
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        form.addRow(self.buttons)
        self.preview_button.clicked.connect(self.start_preview)
        self.passphrase_edit.returnPressed.connect(self.start_preview)
        self.passphrase_edit.textChanged.connect(self._passphrase_changed)
        self.setMinimumWidth(480)

    def _passphrase_changed(self) -> None:
        # A preview belongs to the passphrase that produced it.
        self.preview = None
        self.apply_button.setEnabled(False)
        self.preview_button.setDefault(True)

    def _busy(self, busy: bool) -> None:
        self.preview_button.setEnabled(not busy)
        self.passphrase_edit.setEnabled(not busy)
        self.apply_button.setEnabled(not busy and self.preview is not None)

    def start_preview(self) -> BackgroundOperation | None:
        """Compute what the file would change, off the GUI thread."""
        if self.operation is not None:
            return None
        secret, path, user, read = (
            self.passphrase_edit.text(),
            self.path,
            self.user,
            self._import_file,
        )

        def work(_progress, _cancelled) -> sync.ImportReport:
            return read(path, secret, preview=True, user=user)

        self._busy(True)
        self.operation = run_in_background(
            self,
            work,
            title=_("Sync-Datei prüfen"),
            label=_("Die Sync-Datei wird entschlüsselt und geprüft …"),
            on_success=lambda report: self._previewed(report, secret),
            on_failure=self._failed,
            cancellable=False,
        )
        return self.operation

    def _previewed(self, report: sync.ImportReport, secret: str) -> None:
        self.operation = None
        self.preview, self.passphrase = report, secret
        counts = report.counts
        texts = {
            "source": _("Gerät {device}").format(device=short_device(report.source_device)),
            "created_at": created_text(report.created_at),
            "records": str(counts.records),
            "created": str(counts.created),
            "updated": str(counts.updated),
            "deleted": str(counts.deleted),
            "conflicts": str(counts.conflicts),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.labels["source"].setToolTip(report.source_device)
        self.conflict_hint.setVisible(counts.conflicts > 0)
        self.result_box.setVisible(True)
        self._busy(False)
        self.apply_button.setDefault(True)
        self.apply_button.setFocus()
        self.adjustSize()

    def apply(self) -> BackgroundOperation | None:
        """Merge the file for good (one transaction), off the GUI thread."""
        if self.operation is not None or self.preview is None:
            return None
        secret, path, user, read = self.passphrase, self.path, self.user, self._import_file

        def work(_progress, _cancelled) -> sync.ImportReport:
            return read(path, secret, preview=False, user=user)

        self._busy(True)
        self.cancel_button.setEnabled(False)
        self.operation = run_in_background(
            self,
            work,
            title=_("Sync-Datei einlesen"),
            label=_("Die Änderungen werden übernommen …"),
            on_success=self._applied,
            on_failure=self._failed,
            cancellable=False,
        )
        return self.operation

    def _applied(self, report: sync.ImportReport) -> None:
        self.operation = None
        self.report = report
        self.applied.emit(report)
        self.accept()

    def reject(self) -> None:
        if self.operation is None:  # not while the file is being read
            super().reject()

    def _failed(self, exc: BaseException) -> None:
        self.operation = None
        self.preview = None
        self.cancel_button.setEnabled(True)
        self._busy(False)
        self.prompts.error(self, _("Sync-Datei einlesen"), error_text(exc))
        self.passphrase_edit.setFocus()
        self.passphrase_edit.selectAll()
