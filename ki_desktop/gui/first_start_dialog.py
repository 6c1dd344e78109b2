"""„KI Desktop einrichten“: the first administrator, created at the very first start (a new
database) or when an existing unencrypted database is encrypted (the offered migration). On a
server database nothing is encrypted: the administrator's key slot goes into it."""

from __future__ import annotations

import getpass
import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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
from ki_desktop.gui.password_fields import NewPasswordFields
from ki_desktop.i18n import _
from ki_desktop.services.database import is_server_location


def os_login_name() -> str:
    """The operating-system user (the suggested administrator name)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""


def intro_text(mode: str, server: str = "") -> str:
    """What the set-up does (``server``: the server database's address, for a server)."""
    if server:
        return _(
            "<p><b>Willkommen bei KI Desktop.</b> Legen Sie zuerst das Konto der Administration "
            "an. Mit diesem Konto melden Sie sich künftig an und legen die Konten der "
            "Kolleginnen und Kollegen an.</p>"
            "<p>Die Daten liegen in der Serverdatenbank {server}; alle Rechner, die mit ihr "
            "arbeiten, verwenden dieselben Konten. Das Passwort bitte gut merken.</p>"
        ).format(server=html.escape(server))
    if mode == "plain":
        return _(
            "<p><b>Die Datenbank ist noch nicht verschlüsselt.</b> Fallakten enthalten "
            "personenbezogene Daten von Kindern und Familien; sie dürfen nur verschlüsselt auf "
            "diesem Rechner liegen.</p>"
            "<p>Legen Sie jetzt das Konto der Administration an. Dabei wird die Datenbank "
            "verschlüsselt; die unverschlüsselte Datei wird danach gelöscht. Das kann bei "
            "vielen Fällen einige Sekunden dauern.</p>"
            "<p>Ohne Verschlüsselung lässt sich KI Desktop nicht verwenden: „Abbrechen und "
            "beenden“ beendet das Programm, die Datenbank bleibt dann unverändert.</p>"
        )
    return _(
        "<p><b>Willkommen bei KI Desktop.</b> Legen Sie zuerst das Konto der Administration "
        "an. Mit diesem Konto melden Sie sich künftig an und legen die Konten der Kolleginnen "
        "und Kollegen an.</p>"
        "<p>Alle Daten werden verschlüsselt auf diesem Rechner gespeichert. Das Passwort "
        "schützt den Schlüssel: bitte gut merken.</p>"
    )


def _server_name(location: str) -> str:
    if not is_server_location(location):
        return ""
    from ki_desktop.services.accounts_messages import server_name

    return server_name(location)


class FirstStartDialog(QDialog):
    """Asks for the administrator's account and creates it (``mode`` "new" or "plain", see
    :func:`ki_desktop.services.accounts.database_state`). After ``accept()``,
    :attr:`result_value` holds the service's ``FirstAdmin`` (session, recovery key)."""

    def __init__(self, location: str, mode: str = "new", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.location = location
        self.mode = mode
        self.result_value: Any = None
        self.task: AccountTask | None = None
        title = _("KI Desktop einrichten")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        intro = QLabel(intro_text(mode, _server_name(location)), self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)
        intro.setAccessibleName(_("Erläuterung"))
        layout.addWidget(intro)

        form = QFormLayout()
        self.username_edit = QLineEdit(os_login_name(), self)
        self.username_edit.setAccessibleName(_("Benutzername"))
        self.display_name_edit = QLineEdit(self)
        self.display_name_edit.setAccessibleName(_("Anzeigename"))
        self.display_name_edit.setPlaceholderText(_("z. B. Anna Beispiel"))
        form.addRow(_("&Benutzername:"), self.username_edit)
        form.addRow(_("&Anzeigename:"), self.display_name_edit)
        self.password = NewPasswordFields(
            form,
            self,
            username=lambda: self.username_edit.text().strip(),
            first_label=_("&Passwort:"),
        )
        self.counsellor_box = QCheckBox(_("Ich berate auch selbst (Rolle Beratung)"), self)
        self.counsellor_box.setChecked(True)
        self.counsellor_box.setAccessibleName(_("Auch Rolle Beratung"))
        self.counsellor_box.setToolTip(
            _("Ohne diese Rolle sieht das Konto der Administration keine Fallakten.")
        )
        form.addRow("", self.counsellor_box)
        layout.addLayout(form)

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(_("Wird eingerichtet"))
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meldung"))
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            _("Verschlüsseln und einrichten") if mode == "plain" else _("Einrichten"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            _("Abbrechen und beenden"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.create_admin)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for edit in (self.username_edit, self.display_name_edit):
            edit.textChanged.connect(self._update)
        self.username_edit.textChanged.connect(self.password.refresh)
        self.password.changed.connect(self._update)
        self.display_name_edit.setFocus()
        self._update()

    def _update(self) -> None:
        ready = (
            bool(self.username_edit.text().strip())
            and bool(self.display_name_edit.text().strip())
            and self.password.is_acceptable()
        )
        self.ok_button.setEnabled(ready and self.task is None)

    def create_admin(self) -> None:
        """Create the account (off the GUI thread); the dialog closes when it is done."""
        if not self.ok_button.isEnabled():
            return
        from ki_desktop.services import accounts

        username = self.username_edit.text().strip()
        display_name = self.display_name_edit.text().strip()
        password = self.password.password()
        also_counsellor = self.counsellor_box.isChecked()
        location = self.location
        self._set_busy(True)
        self.message.setText(
            _("Die Datenbank wird verschlüsselt …")
            if self.mode == "plain"
            else _("Das Konto wird angelegt …")
        )
        self.task = run_account_call(
            lambda: accounts.create_first_admin(
                location, username, display_name, password, also_counsellor=also_counsellor
            ),
            self._created,
            self._refused,
        )
        self._update()  # „Einrichten“ stays disabled until the account is created

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.username_edit, self.display_name_edit, self.counsellor_box):
            widget.setEnabled(not busy)
        self.password.password_edit.setEnabled(not busy)
        self.password.repeat_edit.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)

    def _created(self, result: Any) -> None:
        self.task = None
        self.result_value = result
        self._set_busy(False)
        self.accept()

    def _refused(self, _exc: BaseException, message: str) -> None:
        self.task = None
        self._set_busy(False)
        self.message.setText("⚠ " + message)
        self._update()

    def reject(self) -> None:
        if self.task is not None:  # the database is being written: wait for it
            return
        super().reject()
