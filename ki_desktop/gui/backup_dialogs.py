"""The two questions of a restore: the password of the backup's day (when the open database's
key does not open the backup), and the confirmation that has to be typed."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.i18n import _


@dataclass(frozen=True, slots=True)
class BackupCredentials:
    """What unlocks a backup's key file: a user's password of that day, or the recovery key."""

    username: str = ""
    password: str = ""
    recovery_key: str = ""


def _label(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class BackupUnlockDialog(QDialog):
    """User name and password as they were when the backup was made, or the recovery key."""

    def __init__(self, parent: QWidget | None, backup_name: str, username: str = "") -> None:
        super().__init__(parent)
        title = _("Sicherung entsperren")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                _(
                    "Die Sicherung „{name}“ ist mit einem anderen Schlüssel verschlüsselt als "
                    "die geöffnete Datenbank (zum Beispiel von einem anderen Rechner).\n\n"
                    "Bitte Benutzername und Passwort angeben, wie sie zur Zeit der Sicherung "
                    "galten – spätere Passwortänderungen gelten für die Sicherung nicht –, "
                    "oder den Wiederherstellungsschlüssel."
                ).format(name=backup_name),
                self,
            )
        )
        form = QFormLayout()
        self.username = QLineEdit(username, self)
        self.username.setAccessibleName(_("Benutzername"))
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(_("Passwort zur Zeit der Sicherung"))
        self.use_recovery = QCheckBox(_("Stattdessen den &Wiederherstellungsschlüssel verwenden"))
        self.recovery_key = QLineEdit(self)
        self.recovery_key.setPlaceholderText("ABCDE-FGHIJ-…")
        self.recovery_key.setAccessibleName(_("Wiederherstellungsschlüssel"))
        form.addRow(_("&Benutzername:"), self.username)
        form.addRow(_("&Passwort:"), self.password)
        form.addRow(self.use_recovery)
        form.addRow(_("&Schlüssel:"), self.recovery_key)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Entsperren"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.username, self.password, self.recovery_key):
            edit.textChanged.connect(self._update)
        self.use_recovery.toggled.connect(self._update)
        self._update()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        (self.password if username else self.username).setFocus()

    def _update(self) -> None:
        recovery = self.use_recovery.isChecked()
        self.username.setEnabled(not recovery)
        self.password.setEnabled(not recovery)
        self.recovery_key.setEnabled(recovery)
        filled = (
            bool(self.recovery_key.text().strip())
            if recovery
            else bool(self.username.text().strip() and self.password.text())
        )
        self.ok_button.setEnabled(filled)

    def credentials(self) -> BackupCredentials:
        if self.use_recovery.isChecked():
            return BackupCredentials(recovery_key=self.recovery_key.text().strip())
        return BackupCredentials(self.username.text().strip(), self.password.text())


CONFIRM_WORD = "WIEDERHERSTELLEN"


class RestoreConfirmDialog(QDialog):
    """Says what a restore replaces and what follows; the button works only once the word
    WIEDERHERSTELLEN is typed."""

    def __init__(self, parent: QWidget | None, backup_text: str, database: str, kept: str) -> None:
        super().__init__(parent)
        title = _("Datenbank wiederherstellen")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _label(
                _(
                    "<p><b>Die Datenbank wird durch die Sicherung {backup} ersetzt.</b></p>"
                    "<p>Alles, was seitdem eingegeben wurde, fehlt danach in der Datenbank "
                    "{database}. Die jetzige Datenbank wird nicht gelöscht, sondern als "
                    "{kept} aufbewahrt.</p>"
                    "<p>Danach wird KI Desktop beendet. Beim nächsten Start melden Sie sich "
                    "mit einem Benutzerkonto der Sicherung an – mit dem Passwort, das zur Zeit "
                    "der Sicherung galt.</p>"
                    "<p>Zur Bestätigung bitte <b>{word}</b> eingeben:</p>"
                ).format(backup=backup_text, database=database, kept=kept, word=CONFIRM_WORD),
                self,
            )
        )
        self.word = QLineEdit(self)
        self.word.setAccessibleName(_("Bestätigungswort"))
        layout.addWidget(self.word)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = QPushButton(_("&Wiederherstellen"), self)
        self.restore_button.setAutoDefault(False)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        layout.addWidget(self.buttons)
        self.word.textChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        self.word.setFocus()

    def _update(self) -> None:
        # Enter cancels until the word is typed, then it restores.
        typed = self.word.text().strip().upper() == CONFIRM_WORD
        self.restore_button.setEnabled(typed)
        self.restore_button.setDefault(typed)
        self.cancel_button.setDefault(not typed)
