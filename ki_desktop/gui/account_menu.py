"""The menu „Konto“ of the main window: Passwort ändern, Sperren (Strg+L), Abmelden, and for
the administration Benutzer verwalten; Einstellungen (automatic lock). The status bar names
who is logged in and with which roles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QMenu

from ki_desktop.domain.roles import Permission, Role
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.session import ROLE_NAMES

SETUP_USER = "system"  # as services.accounts.SETUP_USER (not imported: it loads Argon2)

# The dialogs and the lock are loaded when first used, not before the window shows.
if TYPE_CHECKING:
    from ki_desktop.gui.auto_lock import AutoLock
    from ki_desktop.gui.password_dialog import PasswordDialog
    from ki_desktop.gui.settings_dialog import SettingsDialog
    from ki_desktop.gui.user_admin_dialog import UserAdminDialog


def _logout() -> None:
    from ki_desktop.services import accounts

    accounts.logout()


def roles_text(roles: Iterable[Role]) -> str:
    """The roles in their fixed order, by their German names."""
    chosen = set(roles)
    return ", ".join(_(ROLE_NAMES[r]) for r in Role if r in chosen)


def session_text() -> str:
    """„Angemeldet: Anna Beispiel (Beratung, Administration)“ for the status bar."""
    current = session.current_or_none()
    if current is None:
        return _("Nicht angemeldet")
    return _("Angemeldet: {name} ({roles})").format(
        name=current.display_name or current.username, roles=roles_text(current.roles)
    )


class AccountMenu(QObject):
    """Builds the menu into ``window`` (before „Hilfe“). :meth:`start_auto_lock` is called
    after a real login; until then the screen locks only by hand."""

    def __init__(
        self,
        window: QMainWindow,
        settings: QSettings,
        prompts: Prompts,
        logout: Callable[[], None] = _logout,
        quit_app: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.prompts = prompts
        self._logout = logout
        self._quit = quit_app
        self.signed_in = False  # logged in with an account (not the set-up user)
        self._auto_lock: AutoLock | None = None
        self.dialog: QDialog | None = None

        self.menu = QMenu(_("&Konto"), window)
        self.menu.setAccessibleName(_("Konto"))
        self.actionChangePassword = self._action(_("Passwort ä&ndern…"), "", self.change_password)
        self.actionLock = self._action(_("&Sperren"), "Ctrl+L", self.lock)
        self.actionLock.setToolTip(_("Den Bildschirm sperren; entsperren mit dem Passwort"))
        self.actionLogout = self._action(_("&Abmelden"), "", self.log_out)
        self.menu.addSeparator()
        self.actionUsers = self._action(_("&Benutzer verwalten…"), "", self.manage_users)
        self.actionSettings = self._action(_("&Einstellungen…"), "", self.open_settings)
        bar = window.menuBar()
        menus = bar.actions()
        if menus:  # before "Hilfe"
            bar.insertMenu(menus[-1], self.menu)
        else:
            bar.addMenu(self.menu)

        self.status_label = QLabel(window)
        self.status_label.setAccessibleName(_("Angemeldet als"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setMinimumWidth(1)  # a narrow window clips it (full text as tooltip)
        window.statusBar().addPermanentWidget(self.status_label)
        self.update_session()

    def _action(self, text: str, keys: str, slot: Callable) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    def update_session(self) -> None:
        """Status bar text and the administration's entries for the current session."""
        self.status_label.setText(session_text())
        self.status_label.setToolTip(session_text())
        admin = session.may(Permission.USERS)
        self.actionUsers.setVisible(admin)
        self.actionUsers.setEnabled(admin)
        # The set-up user of a database without accounts has no password to lock with.
        current = session.current_or_none()
        personal = current is not None and current.username != SETUP_USER
        self.actionLock.setEnabled(personal)
        self.actionChangePassword.setEnabled(personal)

    # -- lock ------------------------------------------------------------------------------

    @property
    def auto_lock(self) -> AutoLock:
        if self._auto_lock is None:
            from ki_desktop.gui.auto_lock import AutoLock

            current = session.current_or_none()
            name = current.display_name or current.username if current else ""
            self._auto_lock = AutoLock(
                self.window, name, 0, self.prompts, logout=self._logout, quit_app=self._quit
            )
        return self._auto_lock

    def start_auto_lock(self, timeout_ms: int | None = None) -> AutoLock:
        """After a login: lock after the delay of the settings (or ``timeout_ms``)."""
        from ki_desktop.gui.auto_lock import auto_lock_minutes

        self.signed_in = True
        lock = self.auto_lock
        lock.set_timeout_ms(
            auto_lock_minutes(self.settings) * 60_000 if timeout_ms is None else timeout_ms
        )
        return lock

    def lock(self) -> None:
        """Konto → Sperren (Strg+L)."""
        self.auto_lock.lock()

    # -- dialogs ---------------------------------------------------------------------------

    def _open(self, dialog: QDialog, on_accept: Callable[[], None] | None = None) -> QDialog:
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            self.dialog = None
            if result == QDialog.DialogCode.Accepted and on_accept is not None:
                on_accept()

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def change_password(self) -> PasswordDialog:
        """Konto → Passwort ändern…"""
        from ki_desktop.gui.password_dialog import PasswordDialog

        dialog = PasswordDialog(parent=self.window, own_username=session.who())
        self._open(
            dialog,
            lambda: self.window.statusBar().showMessage(dialog.done_message, 10_000),
        )
        return dialog

    def manage_users(self) -> UserAdminDialog:
        """Konto → Benutzer verwalten… (administration)."""
        from ki_desktop.gui.user_admin_dialog import open_user_admin

        dialog = open_user_admin(self.window, self.prompts)
        self.dialog = dialog
        return dialog

    def open_settings(self) -> SettingsDialog:
        """Konto → Einstellungen…"""
        from ki_desktop.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window)

        def saved() -> None:
            if self.signed_in:
                self.auto_lock.set_timeout_ms(dialog.minutes * 60_000)

        self._open(dialog, saved)
        return dialog

    def log_out(self) -> bool:
        """Konto → Abmelden: close the window (asking about unsaved input as on quitting),
        end the session and quit."""
        if not self.window.close():
            return False
        if self._auto_lock is not None:
            self._auto_lock.shutdown()
        self._logout()
        self._quit()
        return True
