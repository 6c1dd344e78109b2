"""Accounts: login, password check and change, user administration, logout.

Every password unlocks its user's key slot in the key file beside the database
(``store.keyfile``); the slot yields the random database key with which the SQLCipher file is
opened. An administrator resets a password by writing a new slot with the key of the open
database, so no password is ever stored and the database is never re-encrypted.

A PostgreSQL server database (``postgresql://…``) keeps the same slots in its ``key_store``
table. It is opened first (with the server's own login), then the password is checked
against its slot, and it is closed again when the password is refused; the unwrapped key
only proves the password there and is kept in memory for the administrator's slot work.

Setting up (the first administrator, encrypting an unencrypted database, the recovery key)
is in ``services.accounts_setup``, user administration in ``services.accounts_admin``; both
are re-exported here.
"""

from __future__ import annotations

import hmac
from datetime import datetime

from ki_desktop.i18n import _
from ki_desktop.services import database, session
from ki_desktop.services.accounts_admin import (
    UserInfo,
    add_user,
    list_users,
    renew_recovery_key,
    reset_password,
    update_user,
)
from ki_desktop.services.accounts_keys import (
    SETUP_USER,
    Clock,
    LoginRefused,
    account_key,
    changing_keys,
    clear_failures,
    count_failure,
    db_file_exists,
    load_keys,
    locked,
    now,
    on_server,
    open_location,
    password_problems,
    refuse_if_locked,
    releases_worker_connection,
    remember_location,
    require_good_password,
    resolve,
    session_for,
    setup_session,
    unwrap_or_count,
    wrong_credentials,
)
from ki_desktop.services.accounts_setup import (
    FirstAdmin,
    create_first_admin,
    database_state,
    delete_plain_copies,
    finish_interrupted_setup,
    recover_with_key,
)
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store import keyfile
from ki_desktop.store.server import is_server_location
from ki_desktop.store.users import record_event

__all__ = [
    "SETUP_USER",
    "FirstAdmin",
    "LoginRefused",
    "UserInfo",
    "add_user",
    "change_password",
    "create_first_admin",
    "database_state",
    "delete_plain_copies",
    "list_users",
    "login",
    "logout",
    "on_server",
    "password_problems",
    "recover_with_key",
    "renew_recovery_key",
    "reset_password",
    "setup_session",
    "update_user",
    "verify_password",
]


@releases_worker_connection
def login(
    location: str | None, username: str, password: str, *, clock: Clock | None = None
) -> session.Session:
    """Check the password, open the database with the key it unlocks, begin the session.

    Wrong password and unknown user give the same message; after three failures each
    further attempt waits (5 s, 10 s, 20 s … at most 15 minutes). Failed attempts since the
    last login are written into the audit trail now.
    """
    location = resolve(location)
    username = (username or "").strip()
    moment = now(clock)
    if is_server_location(location):
        return _login_on_server(location, username, password, moment)
    keys = load_keys(location)
    db_key = unwrap_or_count(location, keys, username, password, moment)
    if not db_file_exists(location):
        raise ServiceError(
            _(
                "Die Datenbankdatei {path} fehlt. Bitte aus der letzten Sicherung wiederherstellen."
            ).format(path=location)
        )
    database.close_app_database()
    database.open_app_database(location, key=db_key)
    return _begin_session(location, keys, username, moment, db_key)


def _login_on_server(
    location: str, username: str, password: str, moment: datetime
) -> session.Session:
    """The key document lies in the server database: open it (the server's own login),
    check the password, close it again when the password is refused."""
    database.open_app_database(location)
    try:
        keys = load_keys(location)
        db_key = unwrap_or_count(location, keys, username, password, moment)
    except BaseException:
        database.close_app_database()
        raise
    return _begin_session(location, keys, username, moment, db_key)


def _begin_session(
    location: str, keys: keyfile.KeyFile, username: str, moment: datetime, db_key: bytes
) -> session.Session:
    account = store_accounts.get_account(username) or finish_interrupted_setup(keys, username)
    if account is None or not account.active:
        database.close_app_database()
        if account is None:
            raise wrong_credentials()
        raise ServiceError(
            _(
                "Das Benutzerkonto „{name}“ ist deaktiviert. Bitte wenden Sie sich an die "
                "Administration Ihres KI."
            ).format(name=username)
        )
    store_accounts.set_last_login(username, moment.replace(tzinfo=None))
    current = session.begin(session_for(account))
    remember_location(location, db_key)
    if keys.pending:
        with changing_keys(location) as fresh:
            for event in keyfile.take_pending(fresh):  # failed while closed, oldest first
                user = event["user"]
                record_event(user or "?", "login.failed", user or "", at=event["at"])
    record_event(username, "login")
    return current


def _own_username() -> str:
    """The logged-in person (the counsellor behind an interpreter view)."""
    current = session.current()
    return (current.outer or current).username


@releases_worker_connection
def verify_password(password: str, *, clock: Clock | None = None) -> bool:
    """Whether ``password`` is the logged-in user's (to unlock the screen or leave the
    interpreter view). Failures count towards the lockout like failed logins; while locked
    (also when this failure starts the lock), :class:`LoginRefused` says how long to wait."""
    username = _own_username()
    location = open_location()
    keys = load_keys(location)
    moment = now(clock)
    refuse_if_locked(keys, username, moment)
    try:
        db_key = keyfile.unwrap(keys, username, password)
    except keyfile.WrongPassword:
        seconds = count_failure(location, username, moment, queue=False)
        record_event(username, "login.failed", username, during="unlock")
        if seconds:
            raise locked(seconds) from None
        return False
    if username in keys.attempts:
        clear_failures(location, username)
    open_key = account_key()
    return open_key is not None and hmac.compare_digest(db_key, open_key)


@releases_worker_connection
def change_password(old: str, new: str, *, clock: Clock | None = None) -> None:
    """Change the logged-in user's own password (the old one is checked first)."""
    current = session.current()
    if current.case_scope is not None:
        raise PermissionDenied(
            _("In der Dolmetschansicht kann das Passwort nicht geändert werden.")
        )
    username = current.username
    location = open_location()
    keys = load_keys(location)
    moment = now(clock)
    refuse_if_locked(keys, username, moment)
    try:
        db_key = keyfile.unwrap(keys, username, old)
    except keyfile.WrongPassword:
        seconds = count_failure(location, username, moment, queue=False)
        record_event(username, "login.failed", username, during="password_change")
        raise LoginRefused(_("Das bisherige Passwort ist falsch."), seconds) from None
    if new == old:
        raise ServiceError(_("Das neue Passwort muss sich vom bisherigen unterscheiden."))
    require_good_password(new, username)
    with changing_keys(location) as fresh:
        keyfile.set_slot(fresh, username, new, db_key)
        keyfile.clear_failures(fresh, username)
    record_event(username, "password.change", username)


def logout() -> None:
    """End the session and close the database (its key is forgotten)."""
    if session.current_or_none() is not None:
        record_event(session.who(), "logout")
    session.end()
    remember_location(None)
    database.close_app_database()
