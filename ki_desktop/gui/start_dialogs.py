"""Who works with the application: the login at start, or the first start.

By the state of the database (``services.accounts.database_state``):

- "new": „KI Desktop einrichten“ creates the administrator (and the encrypted database;
  on a server the administrator's key slot in the server database), then the recovery key
  is shown once;
- "plain": an unencrypted database from before accounts existed: the same dialog offers to
  encrypt it now; declining quits (case data is not used unencrypted in the GUI);
- "encrypted": the login dialog (on a server: the database has accounts).

A server database that cannot be opened at start (the server does not answer, say) is no dead
end: „Erneut versuchen“, „Mit der lokalen Datei starten“ (the default file for this start; asked,
the settings choose the file again) or „Beenden“ (``gui.server_choice_dialog``).

Unattended runs (``KI_DESKTOP_QUIT_AFTER_SHOW_MS``: the start-up benchmark, the packaging
smoke test) show no dialog. With ``KI_DESKTOP_PASSWORD`` set (and ``KI_DESKTOP_USER``, default
the operating-system login) they log in with these; both are read only in such runs. Without a
password an unattended run opens an unencrypted database as the set-up user, as the command
line does, and refuses an encrypted one (and a server database with accounts). That path does not load the key machinery (Argon2,
AES), which keeps the start-up benchmark's plain database as fast as before.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

from ki_desktop.domain.roles import Role
from ki_desktop.gui.account_menu import SETUP_USER
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _
from ki_desktop.paths import default_db_path
from ki_desktop.services import session
from ki_desktop.services.database import (
    ServiceError,
    close_app_database,
    is_server_location,
    open_app_database,
)

USER_ENV = "KI_DESKTOP_USER"
PASSWORD_ENV = "KI_DESKTOP_PASSWORD"


@dataclass(frozen=True, slots=True)
class SignIn:
    location: str
    with_account: bool  # False: the set-up user of an unencrypted database (unattended)
    first_admin: Any = None  # services.accounts.FirstAdmin after a first start


class StartDialogs:
    """The dialogs of the start, each blocking until answered (tests pass their own).
    :attr:`cancelled` is True after the user chose to quit."""

    cancelled = False

    def first_start(self, location: str, mode: str, prompts: Prompts) -> Any:
        """The administrator's account, then the recovery key; the ``FirstAdmin`` or None."""
        from ki_desktop.gui.first_start_dialog import FirstStartDialog
        from ki_desktop.gui.recovery_key_dialog import RecoveryKeyDialog

        dialog = FirstStartDialog(location, mode)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        first = dialog.result_value
        _dispose(dialog)
        if not accepted or first is None:
            self.cancelled = True
            return None
        key_dialog = RecoveryKeyDialog(
            first.recovery_key, location, first.session.username, prompts
        )
        key_dialog.exec()
        _dispose(key_dialog)
        return first

    def server_unavailable(self, location: str, error: str, file_offered: bool) -> str:
        """The database on the server at ``location`` cannot be opened (``error`` says why):
        "retry", "file" (start with the local file) or "quit"."""
        from ki_desktop.gui.server_choice_dialog import ServerChoiceBox

        new_file = file_offered and not Path(default_db_path()).exists()
        box = ServerChoiceBox(error, file_offered, new_file=new_file)
        box.exec()
        choice = box.choice()
        _dispose(box)
        return choice

    def login(self, location: str, settings: QSettings) -> Any:
        """The session after a login, or None when the user quit."""
        from ki_desktop.gui.login_dialog import LoginDialog

        dialog = LoginDialog(location, settings)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        signed_in = dialog.session
        _dispose(dialog)
        if not accepted:
            self.cancelled = True
            return None
        return signed_in


def _dispose(dialog: QDialog) -> None:
    """Delete a start dialog now, while the application object still exists. Its Python
    wrapper sits in reference cycles (slots and callbacks that name the dialog), so without
    this it would be destroyed by the garbage collection at interpreter exit, after the
    application object: a field with a labelled shortcut („&Passwort:“) then unregisters its
    shortcut from an application that is gone, and the process ends with a segmentation
    fault."""
    shiboken6.delete(dialog)


def _cannot_open(prompts: Prompts, error: object, unattended: bool = False) -> None:
    text = _(
        "Die Datenbank kann nicht geöffnet werden:\n\n{error}\n\nKI Desktop wird beendet."
    ).format(error=error)
    if unattended:  # nobody is there to click a message away
        sys.stderr.write(" ".join(text.split()) + "\n")
    else:
        prompts.error(None, _("Datenbank kann nicht geöffnet werden"), text)


def _set_up_user() -> session.Session:
    # As services.accounts.setup_session (not imported here: that loads the key machinery).
    return session.Session(
        SETUP_USER, _("Einrichtung"), frozenset(r for r in Role if r is not Role.INTERPRETER)
    )


def _server_has_accounts(location: str) -> bool:
    """A server database is not encrypted, so opening it says nothing about its accounts;
    its key slots do."""
    from ki_desktop.services import accounts

    if accounts.database_state(location) != "encrypted":
        return False
    close_app_database()
    return True


def _unattended_plain(location: str, prompts: Prompts) -> SignIn | None:
    try:
        if is_server_location(location) and _server_has_accounts(location):
            raise ServiceError(
                _(
                    "Die Serverdatenbank hat Benutzerkonten. Bitte mit Benutzername und "
                    "Passwort anmelden."
                )
            )
        info = open_app_database(location)
    except ServiceError as exc:
        _cannot_open(prompts, exc, unattended=True)
        sys.stderr.write(
            _(
                "Für einen unbeaufsichtigten Start einer Datenbank mit Benutzerkonten bitte "
                "{user} und {password} setzen."
            ).format(user=USER_ENV, password=PASSWORD_ENV)
            + "\n"
        )
        return None
    session.begin(_set_up_user())
    return SignIn(info.location, with_account=False)


def _same_server(a: str | None, b: str | None) -> bool:
    from ki_desktop.services.server_connection import checked_address

    if not a or not b:
        return False
    try:
        return checked_address(a) == checked_address(b)
    except ServiceError:
        return a == b


def _start_with_file(location: str, settings: QSettings, prompts: Prompts) -> str:
    """The local file instead of the server at ``location``; when the settings chose that
    server, asked whether they should choose the file again (the address stays there)."""
    from ki_desktop.gui import database_choice

    if _same_server(database_choice.configured_location(settings), location) and prompts.confirm(
        None,
        _("Datenbank für die nächsten Starts"),
        _(
            "Soll KI Desktop auch bei den nächsten Starts mit der lokalen Datenbankdatei "
            "arbeiten? Die Serveradresse bleibt in den Einstellungen gespeichert und kann dort "
            "wieder gewählt werden."
        ),
    ):
        server = database_choice.chosen_server(settings)
        database_choice.save_choice(settings, database_choice.FILE, server)
        settings.sync()
    return default_db_path()


def _database_state(
    location: str,
    settings: QSettings,
    prompts: Prompts,
    dialogs: StartDialogs,
    unattended: bool,
) -> tuple[str, str] | None:
    """The database to use and its state (see ``services.accounts.database_state``); None
    when it cannot be used (the user was told why) or the user chose to quit. A server that
    cannot be opened is asked about (:meth:`StartDialogs.server_unavailable`)."""
    from ki_desktop.gui.server_choice_dialog import FILE, RETRY
    from ki_desktop.services import accounts

    while True:
        try:
            return location, accounts.database_state(location)
        except ServiceError as exc:
            if unattended or not is_server_location(location):
                _cannot_open(prompts, exc, unattended)
                return None
            file_offered = not is_server_location(default_db_path())
            choice = dialogs.server_unavailable(location, str(exc), file_offered)
            if choice == FILE and file_offered:
                location = _start_with_file(location, settings, prompts)
            elif choice != RETRY:
                dialogs.cancelled = True
                return None


def sign_in(
    db_location: str | None,
    settings: QSettings,
    prompts: Prompts,
    dialogs: StartDialogs,
    unattended: bool = False,
) -> SignIn | None:
    """Log in or set up, by the state of the database; None when the user quit or the
    database cannot be used (the user was told why)."""
    location = db_location or default_db_path()
    password = os.environ.get(PASSWORD_ENV) if unattended else None
    if unattended and not password:
        return _unattended_plain(location, prompts)

    from ki_desktop.services import accounts

    found = _database_state(location, settings, prompts, dialogs, unattended)
    if found is None:
        return None
    location, state = found
    if state == "encrypted":
        if unattended:
            from ki_desktop.gui.first_start_dialog import os_login_name

            user = os.environ.get(USER_ENV) or os_login_name()
            try:
                accounts.login(location, user, password or "")
            except ServiceError as exc:
                _cannot_open(prompts, exc, unattended=True)
                return None
            return SignIn(location, with_account=True)
        from ki_desktop.services.accounts_keys import load_keys

        try:
            load_keys(location)  # a missing or damaged key file: say so before the login
        except ServiceError as exc:
            _cannot_open(prompts, exc)
            return None
        if dialogs.login(location, settings) is None:
            return None
        return SignIn(location, with_account=True)

    if unattended:
        return _unattended_plain(location, prompts)
    if state == "plain":
        # Readable at all? (A damaged file is reported before anything is offered.)
        try:
            open_app_database(location)
        except ServiceError as exc:
            _cannot_open(prompts, exc)
            return None
        finally:
            close_app_database()
    first = dialogs.first_start(location, state, prompts)
    if first is None:
        return None
    return SignIn(first.info.location, with_account=True, first_admin=first)
