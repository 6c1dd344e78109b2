"""„Anmeldung am Datenbankserver“: the password of the PostgreSQL server, when neither libpq
nor the keyring had it (see ``services.server_login``). „Passwort im Schlüsselbund merken“
is off by default and only offered when the operating system has a keyring."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.password_fields import password_field
from ki_desktop.i18n import _
from ki_desktop.services.server_login import PasswordAnswer, PasswordRequest


class ServerPasswordDialog(QDialog):
    """Asks once; :meth:`answer` is the typed password (None after „Abbrechen“)."""

    def __init__(self, request: PasswordRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = _("Anmeldung am Datenbankserver")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.intro = QLabel(
            _("KI Desktop arbeitet mit der Datenbank auf dem Server\n{url}").format(
                url=request.url
            ),
            self,
        )
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        # Two passwords follow each other at the start: say which one this is.
        self.hint = QLabel(
            _(
                "Gefragt ist das Passwort des Datenbankservers, das Sie von der Administration "
                "erhalten haben – nicht Ihr persönliches Passwort. Mit dem melden Sie sich "
                "danach wie gewohnt an."
            ),
            self,
        )
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.failure = QLabel(request.failure or "", self)
        self.failure.setWordWrap(True)
        self.failure.setAccessibleName(_("Grund der erneuten Abfrage"))
        if request.failure:  # with an icon: not colour alone
            row = QHBoxLayout()
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            size = self.fontMetrics().height() * 2
            warning = QLabel(self)
            warning.setPixmap(icon.pixmap(size, size))
            row.addWidget(warning, 0)
            row.addWidget(self.failure, 1)
            layout.addLayout(row)
        else:
            self.failure.hide()
        form = QFormLayout()
        self.password_edit = password_field(self, _("Passwort für den Datenbankserver"))
        form.addRow(
            _("&Passwort für {user}:").format(user=request.user or request.host),
            self.password_edit,
        )
        layout.addLayout(form)
        self.remember = QCheckBox(_("Passwort im &Schlüsselbund merken"), self)
        # Off by default; on again when the password remembered before no longer fits.
        self.remember.setChecked(request.remembered_before and request.can_remember)
        self.remember.setAccessibleName(_("Passwort im Schlüsselbund merken"))
        if request.can_remember:
            self.remember.setToolTip(
                _(
                    "Das Passwort wird verschlüsselt im Schlüsselbund des Betriebssystems "
                    "abgelegt; beim nächsten Start wird nicht mehr gefragt."
                )
            )
        else:
            self.remember.setEnabled(False)
            self.remember.setToolTip(
                _("Auf diesem Rechner gibt es keinen Schlüsselbund des Betriebssystems.")
            )
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Anmelden"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.password_edit.textChanged.connect(lambda text: self.ok_button.setEnabled(bool(text)))
        self.ok_button.setEnabled(False)
        self.password_edit.setFocus()

    def answer(self) -> PasswordAnswer | None:
        if self.result() != QDialog.DialogCode.Accepted or not self.password_edit.text():
            return None
        return PasswordAnswer(self.password_edit.text(), self.remember.isChecked())


def ask_server_password(request: PasswordRequest) -> PasswordAnswer | None:
    """The GUI's prompt for ``services.server_login``. Only on the GUI thread: a connection
    that a background job opens does not stop to ask (the job fails with a clear message
    and the next action on the window asks)."""
    if QApplication.instance() is None or threading.current_thread() is not threading.main_thread():
        return None
    dialog = ServerPasswordDialog(request, QApplication.activeWindow())
    dialog.exec()
    answer = dialog.answer()
    shiboken6.delete(dialog)  # now, while the application exists (see start_dialogs)
    return answer
