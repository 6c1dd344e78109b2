"""„Benutzer verwalten“ (administration): the accounts with their roles, team, state and last
login; new, edit, reset the password, deactivate or activate again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.account_menu import roles_text
from ki_desktop.gui.account_task import AccountTask, run_account_call
from ki_desktop.gui.password_dialog import PasswordDialog
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.user_edit_dialog import UserEditDialog
from ki_desktop.i18n import _
from ki_desktop.services.errors import ServiceError


def _when(value: Any) -> str:
    """A stored time (UTC; without a zone it is UTC too) in this computer's local time."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone().strftime("%d.%m.%Y %H:%M")
    return str(value) if value else _("noch nie")


def _active_text(active: bool, no_password: bool) -> str:
    if not active:
        return _("nein – deaktiviert")
    return _("ja – noch ohne Passwort") if no_password else _("ja")


def _columns() -> list[str]:
    return [
        _("Benutzername"),
        _("Anzeigename"),
        _("Rollen"),
        _("Team"),
        _("Aktiv"),
        _("Letzte Anmeldung"),
    ]


class UserAdminDialog(QDialog):
    """The account list and its actions. The edit and password dialogs open without blocking
    (:attr:`child` while open); the list reloads after each change."""

    def __init__(self, prompts: Prompts | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompts = prompts or Prompts()
        self.users: list[Any] = []
        self.child: QDialog | None = None
        self.task: AccountTask | None = None
        title = _("Benutzer verwalten")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(_columns()), self)
        self.table.setHorizontalHeaderLabels(_columns())
        self.table.setAccessibleName(_("Benutzerkonten"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit_user())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table)

        row = QHBoxLayout()
        self.new_button = self._button(row, _("&Neu…"), self.new_user)
        self.edit_button = self._button(row, _("&Bearbeiten…"), self.edit_user)
        self.reset_button = self._button(row, _("Passwort &zurücksetzen…"), self.reset_password)
        self.active_button = self._button(row, _("&Deaktivieren"), self.toggle_active)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meldung"))
        layout.addWidget(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(_("Schl&ießen"))
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_user)
        QShortcut(QKeySequence("F2"), self.table, activated=self.edit_user)
        self.resize(860, 420)
        self.reload()

    def _button(self, row: QHBoxLayout, text: str, slot) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- the list ------------------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Read the accounts again (keeping or moving the selection)."""
        from ki_desktop.services import accounts

        select = select or (self.selected().username if self.selected() else None)
        try:
            self.users = list(accounts.list_users())
        except ServiceError as exc:
            self.users = []
            self.message.setText("⚠ " + str(exc))
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            no_password = user.active and not getattr(user, "has_password", True)
            values = (
                user.username,
                user.display_name,
                roles_text(user.roles),
                user.team or "",
                _active_text(user.active, no_password),
                _when(getattr(user, "last_login", None)),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if not user.active:
                    item.setForeground(self.palette().placeholderText())
                if no_password:
                    item.setToolTip(
                        _(
                            "Dieses Konto hat noch kein Passwort und kann sich nicht anmelden: "
                            "„Passwort zurücksetzen…“ setzt eines."
                        )
                    )
                self.table.setItem(row, column, item)
            if user.username == select:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and self.users:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Any:
        row = self.table.currentRow()
        return self.users[row] if 0 <= row < len(self.users) else None

    def select_user(self, username: str) -> None:
        for row, user in enumerate(self.users):
            if user.username == username:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.edit_button, self.reset_button, self.active_button):
            button.setEnabled(user is not None and self.task is None)
        active = user is None or user.active
        self.active_button.setText(_("&Deaktivieren") if active else _("&Aktivieren"))

    # -- actions ---------------------------------------------------------------------------

    def _open_child(self, dialog: QDialog, select: str | None, note: str = "") -> None:
        self.child = dialog

        def finished(result: int) -> None:
            self.child = None
            if result == QDialog.DialogCode.Accepted:
                done = getattr(dialog, "done_message", "") or note
                self.message.setText(done)
                self.reload(select or dialog.username_edit.text().strip())
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def new_user(self) -> None:
        self._open_child(UserEditDialog(None, self), None, _("Das Konto wurde angelegt."))

    def edit_user(self) -> None:
        user = self.selected()
        if user is not None:
            self._open_child(
                UserEditDialog(user, self), user.username, _("Die Änderungen sind gespeichert.")
            )

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None:
            self._open_child(PasswordDialog(user.username, user.display_name, self), user.username)

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        from ki_desktop.services import accounts

        activate = not user.active
        if not activate and not self._prompts.confirm(
            self,
            _("Konto deaktivieren"),
            _(
                "Das Konto „{name}“ ({username}) deaktivieren? Die Person kann sich dann nicht "
                "mehr anmelden; ihre Fälle und Einträge bleiben erhalten."
            ).format(name=user.display_name, username=user.username),
        ):
            return
        username = user.username
        self.task = run_account_call(
            lambda: accounts.update_user(username, active=activate, loaded=user),
            lambda info: self._toggled(username, activate, getattr(info, "has_password", True)),
            self._refused,
        )
        self._update_buttons()

    def _toggled(self, username: str, activated: bool, has_password: bool) -> None:
        self.task = None
        if not activated:
            text = _("Das Konto {username} ist deaktiviert.").format(username=username)
        elif has_password:
            text = _("Das Konto {username} ist wieder aktiv.").format(username=username)
        else:  # deactivating removed the key slot: the old password opens nothing any more
            text = _(
                "Das Konto {username} ist wieder aktiv. Bitte jetzt ein neues Passwort setzen "
                "(„Passwort zurücksetzen…“)."
            ).format(username=username)
        self.message.setText(text)
        self.reload(username)

    def _refused(self, _exc: BaseException, message: str) -> None:
        self.task = None
        self._update_buttons()
        self._prompts.error(self, _("Benutzer verwalten"), message)


def open_user_admin(parent: QWidget, prompts: Prompts | None = None) -> UserAdminDialog:
    """Konto → Benutzer verwalten… (window-modal, not blocking the caller)."""
    dialog = UserAdminDialog(prompts, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
