"""The login at start: user name (the last one is remembered), password, Enter logs in. The
password check runs off the GUI thread (Argon2 takes about a third of a second on purpose);
after too many failed attempts the button stays disabled while a countdown runs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.account_task import AccountTask, run_account_call
from ki_desktop.gui.first_start_dialog import os_login_name
from ki_desktop.gui.lockout_countdown import LockoutCountdown, retry_after
from ki_desktop.gui.password_fields import password_field
from ki_desktop.i18n import _

LAST_USER_KEY = "login/last_user"


class LoginDialog(QDialog):
    """Logs in on the database at ``location``; after ``accept()`` :attr:`session` is the
    logged-in session (begun by the accounts service)."""

    def __init__(self, location: str, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.location = location
        self.settings = settings
        self.session: Any = None
        self.task: AccountTask | None = None
        title = _("Anmelden – KI Desktop")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Bitte melden Sie sich mit Ihrem Benutzernamen und Passwort an.\n"
                "Passwort vergessen? Die Administration Ihres KI setzt Ihnen ein neues."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        last = str(settings.value(LAST_USER_KEY, "") or "") or os_login_name()
        self.username_edit = QLineEdit(last, self)
        self.username_edit.setAccessibleName(_("Benutzername"))
        self.password_edit = password_field(self, _("Passwort"))
        form.addRow(_("&Benutzername:"), self.username_edit)
        form.addRow(_("&Passwort:"), self.password_edit)
        layout.addLayout(form)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.setAccessibleName(_("Anmeldung wird geprüft"))
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meldung"))
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.login_button = self.buttons.addButton(
            _("&Anmelden"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.login_button.setDefault(True)
        self.quit_button = self.buttons.addButton(
            _("&Beenden"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.log_in)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.countdown = LockoutCountdown(self.message, self)
        self.countdown.changed.connect(self._update)
        self.username_edit.textChanged.connect(self._update)
        self.password_edit.textChanged.connect(self._update)
        (self.password_edit if last else self.username_edit).setFocus()
        self._update()

    def _update(self) -> None:
        self.login_button.setEnabled(
            self.task is None
            and not self.countdown.active
            and bool(self.username_edit.text().strip())
            and bool(self.password_edit.text())
        )

    def log_in(self) -> None:
        """Check the password off the GUI thread; the dialog closes on success."""
        if not self.login_button.isEnabled():
            return
        from ki_desktop.services import accounts

        location = self.location
        username = self.username_edit.text().strip()
        password = self.password_edit.text()
        self.message.clear()
        self.busy.show()
        self.username_edit.setEnabled(False)
        self.password_edit.setEnabled(False)
        self.task = run_account_call(
            lambda: accounts.login(location, username, password), self._logged_in, self._refused
        )
        self._update()

    def _finished(self) -> None:
        self.task = None
        self.busy.hide()
        self.username_edit.setEnabled(True)
        self.password_edit.setEnabled(True)

    def _logged_in(self, session: Any) -> None:
        self._finished()
        self.session = session
        self.settings.setValue(LAST_USER_KEY, self.username_edit.text().strip())
        self.password_edit.clear()
        self.accept()

    def _refused(self, exc: BaseException, message: str) -> None:
        self._finished()
        self.password_edit.clear()
        self.password_edit.setFocus()
        seconds = retry_after(exc)
        if seconds:
            self.countdown.start(seconds)
        else:
            self.message.setText("⚠ " + message)
        self._update()

    def reject(self) -> None:
        if self.task is not None:  # the check is running; its answer is awaited
            return
        super().reject()
