"""Setting up accounts: the state of a database, the first administrator (encrypting an
existing unencrypted database on the way), and the recovery key.

A server database (``postgresql://``) is not encrypted by the application: its first
administrator's slot goes into its ``key_store`` table, in the same transaction as the
account.

Re-exported by ``services.accounts``, the API the GUI and the CLI use.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ki_desktop.domain.roles import Role, format_roles, parse_roles
from ki_desktop.i18n import _
from ki_desktop.services import database, session
from ki_desktop.services.accounts_keys import (
    Clock,
    changing_keys,
    count_failure,
    db_file_exists,
    load_keys,
    now,
    releases_worker_connection,
    remember_location,
    require_good_password,
    resolve,
    save_keys,
    session_for,
    valid_username,
)
from ki_desktop.services.accounts_messages import keys_problem, server_name
from ki_desktop.services.database import DatabaseInfo
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store import encryption, key_store, keyfile
from ki_desktop.store.connection import KEY_BYTES, is_encrypted_file
from ki_desktop.store.server import is_server_location
from ki_desktop.store.users import record_event


@dataclass(frozen=True, slots=True)
class FirstAdmin:
    """The first administrator's session, the recovery key (shown once, never stored in
    plain form) and the opened database."""

    session: session.Session
    recovery_key: str
    info: DatabaseInfo
    # Unencrypted copies still beside the database (older migration backups); the caller
    # offers to delete them (:func:`delete_plain_copies`).
    plain_copies: tuple[Path, ...] = ()


def database_state(location: str | None = None) -> str:
    """ "new" (no database yet, or an empty file), "plain" (an unencrypted database without
    accounts) or "encrypted" (it has a key file, or its bytes are not plain SQLite).

    A server database is opened to look (and left open for the login): "encrypted" when it
    has a key document, i.e. accounts, else "new", also when it holds data already (moved
    there from a SQLite file without accounts). It is never "plain": there is nothing to
    encrypt."""
    location = resolve(location)
    if is_server_location(location):
        database.open_app_database(location)
        try:
            return "encrypted" if keyfile.exists(location) else "new"
        except keyfile.KeyFileError as exc:
            raise keys_problem(location, exc) from None
    if encryption.finish_interrupted(location):
        keyfile.key_file_path(location).unlink(missing_ok=True)
    if db_file_exists(location):
        return "encrypted" if is_encrypted_file(location) else "plain"
    return "encrypted" if keyfile.exists(location) else "new"


@releases_worker_connection
def create_first_admin(
    location: str | None,
    username: str,
    display_name: str,
    password: str,
    also_counsellor: bool = True,
    *,
    clock: Clock | None = None,
) -> FirstAdmin:
    """Create the first administrator, log them in and return the recovery key.

    A new database is created encrypted. An existing unencrypted one is encrypted first
    (copied, checked, then replacing the plain file, whose bytes are overwritten); if that
    fails, the plain database is left as it was. On a server the key document and the
    account are written in one transaction (nothing is encrypted).
    """
    location = resolve(location)
    state = database_state(location)
    if state == "encrypted":
        raise ServiceError(
            _("Für diese Datenbank gibt es bereits Benutzerkonten. Bitte melden Sie sich an.")
        )
    username = valid_username(username)
    display_name = (display_name or "").strip() or username
    require_good_password(password, username)
    roles = {Role.ADMIN} | ({Role.COUNSELLOR} if also_counsellor else set())
    db_key = os.urandom(KEY_BYTES)
    keys = keyfile.new_key_file(location)
    keyfile.set_slot(keys, username, password, db_key)
    recovery_key = keyfile.set_recovery(keys, db_key)
    if is_server_location(location):
        info = database.open_app_database(location)
        row = _first_account_on_server(location, keys, username, display_name, roles)
    else:
        database.close_app_database()
        if state == "plain":
            _encrypt_existing(location, db_key, keys)
            info = database.open_app_database(location, key=db_key)
        else:
            save_keys(keys)
            try:
                info = database.open_app_database(location, key=db_key)
            except ServiceError:
                database.close_app_database()
                _remove_new_database(location)
                raise
        row = _first_account(username, display_name, roles)
    store_accounts.set_last_login(username, now(clock).replace(tzinfo=None))
    current = session.begin(session_for(row))
    remember_location(location, db_key)
    record_event(username, "accounts.setup", _shown(location), encrypted_existing=state == "plain")
    record_event(username, "login")
    copies = tuple(encryption.plain_copies(location)) if state == "plain" else ()
    return FirstAdmin(current, recovery_key, info, copies)


def _shown(location: str) -> str:
    """The location as the audit trail keeps it (a server address without a password)."""
    if is_server_location(location):
        return server_name(location)
    return location


def _first_account(username: str, display_name: str, roles: set[Role]) -> store_accounts.AccountRow:
    existing = store_accounts.get_account(username)
    if existing is None:
        return store_accounts.create_account(username, display_name, format_roles(roles))
    # The database already knew this user (e.g. from a sync, or moved from a file).
    return store_accounts.update_account(
        username,
        display_name=display_name,
        roles=format_roles(parse_roles(existing.roles) | roles),
        active=True,
    )


def _first_account_on_server(
    location: str, keys: keyfile.KeyFile, username: str, display_name: str, roles: set[Role]
) -> store_accounts.AccountRow:
    """The key document and the account in one transaction; refused when another laptop set
    up an administrator in the meantime."""
    try:
        with store_accounts.transaction():
            if not key_store.create_document(keyfile.dumps(keys)):
                raise ServiceError(
                    _(
                        "Für diese Datenbank gibt es bereits Benutzerkonten. Bitte melden Sie "
                        "sich an."
                    )
                )
            return _first_account(username, display_name, roles)
    except keyfile.KeyFileError as exc:
        raise keys_problem(location, exc) from None


def finish_interrupted_setup(
    keys: keyfile.KeyFile, username: str
) -> store_accounts.AccountRow | None:
    """At a login whose password opened the database but that has no account: the first
    administrator's set-up stopped after the key file and the encrypted file were in place and
    before the account was (a power cut). Without an administrator who can log in, the slot's
    owner is that administrator — it holds the database key all the same. None otherwise: a
    slot without an account opens nothing."""
    for account in store_accounts.list_accounts():
        if (
            account.active
            and account.username in keys.slots
            and Role.ADMIN in parse_roles(account.roles)
        ):
            return None
    row = store_accounts.create_account(
        username, username, format_roles({Role.ADMIN, Role.COUNSELLOR})
    )
    record_event(username, "accounts.setup", "", finished_after_interruption=True)
    return row


def _encrypt_existing(location: str, db_key: bytes, keys: keyfile.KeyFile) -> None:
    key_path = keyfile.key_file_path(location)
    try:
        encryption.encrypt_in_place(location, db_key, before_replace=lambda: save_keys(keys))
    except (encryption.EncryptionFailed, ServiceError) as exc:
        key_path.unlink(missing_ok=True)
        raise ServiceError(
            _(
                "Die Datenbank konnte nicht verschlüsselt werden ({error}). Die "
                "unverschlüsselte Datenbank ist unverändert; es wurde kein Konto angelegt."
            ).format(error=exc)
        ) from exc
    except OSError as exc:  # replacing the file failed; it was put back
        key_path.unlink(missing_ok=True)
        raise ServiceError(
            _(
                "Die verschlüsselte Datenbank konnte nicht an ihren Platz gelegt werden "
                "({error}). Die unverschlüsselte Datenbank ist unverändert."
            ).format(error=exc.strerror or exc)
        ) from exc


def _remove_new_database(location: str) -> None:
    path = Path(location)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    keyfile.key_file_path(location).unlink(missing_ok=True)


@releases_worker_connection
def delete_plain_copies(paths: list[Path] | tuple[Path, ...]) -> int:
    """Overwrite and delete unencrypted copies listed by :func:`create_first_admin` (the
    caller asked first). Only files that really are plain SQLite are touched."""
    deleted = 0
    for path in paths:
        path = Path(path)
        if path.is_file() and not is_encrypted_file(path):
            encryption.shred(path)
            for suffix in encryption.SIDE_FILES:  # a WAL left beside the copy holds rows too
                encryption.shred(path.with_name(path.name + suffix))
            deleted += 1
    if deleted:
        record_event(session.who(), "accounts.plain_copies_deleted", "", files=deleted)
    return deleted


def recover_with_key(
    location: str | None,
    recovery_key: str,
    username: str,
    new_password: str,
    *,
    clock: Clock | None = None,
) -> None:
    """Open the database with the recovery key and give ``username`` the new password (the
    administrators' procedure when the last administrator's password is forgotten). The
    database is closed again; log in with the new password afterwards."""
    location = resolve(location)
    if not is_server_location(location):
        _recover(location, recovery_key, username, new_password, now(clock))
        return
    database.open_app_database(location)  # the key document lies in the database
    try:
        _recover(location, recovery_key, username, new_password, now(clock))
    finally:
        database.close_app_database()


def _recover(
    location: str, recovery_key: str, username: str, new_password: str, moment: datetime
) -> None:
    keys = load_keys(location)
    require_good_password(new_password, username)
    try:
        db_key = keyfile.unwrap_recovery(keys, recovery_key)
    except keyfile.WrongPassword:
        count_failure(location, "", moment)  # no user's count; kept for the audit trail
        raise ServiceError(
            _(
                "Der Wiederherstellungsschlüssel passt nicht zu dieser Datenbank. Bitte die "
                "40 Zeichen genau so eingeben, wie sie auf dem Ausdruck stehen."
            )
        ) from None
    if not is_server_location(location):
        database.close_app_database()
        database.open_app_database(location, key=db_key)
    try:
        account = store_accounts.get_account(username.strip())
        if account is None or not account.active:
            raise ServiceError(
                _("Ein aktives Benutzerkonto „{name}“ gibt es in dieser Datenbank nicht.").format(
                    name=username
                )
            )
        with changing_keys(location) as fresh:
            keyfile.set_slot(fresh, account.username, new_password, db_key)
            keyfile.clear_failures(fresh, account.username)
        record_event(account.username, "password.recover", account.username)
    finally:
        database.close_app_database()
