"""„Passwort ändern“ (one's own: the old password, the new one twice) and „Passwort
zurücksetzen“ (the administration sets a new password for someone else)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.account_task import AccountTask, run_account_call
from ki_desktop.gui.lockout_countdown import LockoutCountdown, retry_after
from ki_desktop.gui.password_fields import NewPasswordFields, password_field
from ki_desktop.i18n import _


class PasswordDialog(QDialog):
    """Without ``username``: change the logged-in user's own password (asks for the old one).
    With ``username``: reset that user's password (administration). Closes after the
    service accepted the new password; :attr:`done_message` then says what happened."""

    def __init__(
        self,
        username: str | None = None,
        display_name: str = "",
        parent: QWidget | None = None,
        own_username: str = "",
    ) -> None:
        super().__init__(parent)
        self.username = username
        self.task: AccountTask | None = None
        self.done_message = ""
        resetting = username is not None
        title = _("Passwort zurücksetzen") if resetting else _("Passwort ändern")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        if resetting:
            intro = QLabel(
                _(
                    "Neues Passwort für {name} ({username}). Geben Sie es der Person "
                    "persönlich weiter; sie sollte es danach selbst ändern."
                ).format(name=display_name or username, username=username),
                self,
            )
            intro.setWordWrap(True)
            layout.addWidget(intro)
        form = QFormLayout()
        self.old_edit = None
        if not resetting:
            self.old_edit = password_field(self, _("Bisheriges Passwort"))
            form.addRow(_("&Bisheriges Passwort:"), self.old_edit)
        name_for_rules = username if resetting else own_username
        self.password = NewPasswordFields(form, self, username=lambda: name_for_rules or "")
        layout.addLayout(form)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meldung"))
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Passwort &setzen") if resetting else _("Passwort ä&ndern"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.countdown = LockoutCountdown(self.message, self)
        self.countdown.changed.connect(self._update)
        self.password.changed.connect(self._update)
        if self.old_edit is not None:
            self.old_edit.textChanged.connect(self._update)
            self.old_edit.setFocus()
        else:
            self.password.password_edit.setFocus()
        self._update()

    def _update(self) -> None:
        ready = self.password.is_acceptable() and (
            self.old_edit is None or bool(self.old_edit.text())
        )
        self.ok_button.setEnabled(ready and self.task is None and not self.countdown.active)

    def submit(self) -> None:
        if not self.ok_button.isEnabled():
            return
        from ki_desktop.services import accounts

        new = self.password.password()
        if self.username is not None:
            username = self.username

            def work() -> None:
                accounts.reset_password(username, new)

        else:
            old = self.old_edit.text() if self.old_edit is not None else ""

            def work() -> None:
                accounts.change_password(old, new)

        self.message.clear()
        self.busy.show()
        self.task = run_account_call(work, self._changed, self._refused)
        self._update()

    def _changed(self, _result: object) -> None:
        self.task = None
        self.busy.hide()
        self.done_message = (
            _("Das Passwort von {username} wurde zurückgesetzt.").format(username=self.username)
            if self.username is not None
            else _("Ihr Passwort wurde geändert.")
        )
        self.accept()

    def _refused(self, exc: BaseException, message: str) -> None:
        self.task = None
        self.busy.hide()
        if self.old_edit is not None:
            self.old_edit.clear()
            self.old_edit.setFocus()
        seconds = retry_after(exc)
        if seconds:
            self.countdown.start(seconds)
        else:
            self.message.setText("⚠ " + message)
        self._update()

    def reject(self) -> None:
        if self.task is not None:
            return
        super().reject()
