"""Restoring a backup in the database's place, and what decides it: whether a backup is
encrypted, its key (a user's password of its day or the recovery key), its check. Also where
backups do not exist: a database on a PostgreSQL server, backed up by the server's
administration. Reached through ``services.backups``, which re-exports these."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import N_, _
from ki_desktop.services import session
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import backup as store_backup
from ki_desktop.store import connection
from ki_desktop.store.backup import BackupError
from ki_desktop.store.server_address import is_server_location
from ki_desktop.store.users import record_event

if TYPE_CHECKING:
    from ki_desktop.services.database import DatabaseInfo

SERVER_BACKUP_NOTE = N_(
    "Die Datenbank liegt auf einem PostgreSQL-Server; gesichert und wiederhergestellt wird "
    "sie dort von der Server-Administration (zum Beispiel mit pg_dump). KI Desktop schreibt "
    "für eine Server-Datenbank keine Sicherungsdateien."
)


@dataclass(frozen=True, slots=True)
class RestoreReport:
    """A restore just done: the database now in use and where the replaced one was kept."""

    info: DatabaseInfo
    source: Path
    kept: Path | None


def on_server() -> bool:
    """Whether the open database is on a server (then the server's administration backs it
    up, not the application)."""
    return connection.is_server()


def refuse_on_server(location: str | None = None) -> None:
    """:class:`ServiceError` saying who backs up a server database, when ``location`` (or,
    without one, the open database) is on a server."""
    if is_server_location(location) or (location is None and on_server()):
        raise ServiceError(_(SERVER_BACKUP_NOTE))


def is_encrypted_backup(source: Path) -> bool:
    """Whether the backup file is encrypted (then it needs a key to be restored)."""
    return connection.is_encrypted_file(source)


def opens_with_current_key(source: Path) -> bool:
    """Whether the open database's key opens the backup (true for every backup of this
    database, whichever passwords it had): then no password needs asking for."""
    key = connection.current_key()
    if not is_encrypted_backup(source):
        return True
    if key is None:
        return False
    try:
        con = connection.raw_connection(source, key, read_only=True)
    except Exception:  # noqa: BLE001 - any failure to open means "no"
        return False
    try:
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except Exception:  # noqa: BLE001
        return False
    finally:
        con.close()


_PASSWORD_HINT = N_(
    "Eine Sicherung öffnet sich nur mit dem Passwort eines Benutzers, wie es zur Zeit der "
    "Sicherung galt, oder mit dem Wiederherstellungsschlüssel."
)


def backup_key(
    source: Path, username: str = "", password: str = "", recovery_key: str = ""
) -> bytes | None:
    """The database key of a backup, unwrapped from its key file (``<backup>.keys``) with
    a user's password valid at the time of the backup, or with the recovery key; without
    either, the open database's key. None for an unencrypted backup. Needs
    :attr:`Permission.BACKUP` (a step of the restore)."""
    session.require(Permission.BACKUP)
    source = Path(source)
    if not is_encrypted_backup(source):
        return None
    if not (username or password or recovery_key):
        # No credentials: the open database's key (see opens_with_current_key).
        return connection.current_key()
    from ki_desktop.store import keyfile  # Argon2: loaded only when a password is given

    try:
        keys = keyfile.load(source)
    except keyfile.KeyFileError as exc:
        raise ServiceError(
            _(
                "Zur Sicherung {path} fehlt die Schlüsseldatei {keys} (oder sie ist "
                "unlesbar). Bitte beide Dateien zusammen angeben."
            ).format(path=source.name, keys=keyfile.key_file_path(source).name)
        ) from exc
    try:
        if recovery_key:
            return keyfile.unwrap_recovery(keys, recovery_key)
        return keyfile.unwrap(keys, username, password)
    except keyfile.WrongPassword as exc:
        raise ServiceError(
            _("Benutzername, Passwort oder Wiederherstellungsschlüssel passen nicht.")
            + " "
            + _(_PASSWORD_HINT)
        ) from exc


def check_backup(source: Path, key: bytes | None = None) -> int:
    """Check a backup fully before it is restored (readable with ``key`` — default: the
    open database's —, integrity ok, a schema this version knows); returns its schema
    version. Needs :attr:`Permission.BACKUP` (a step of the restore)."""
    from ki_desktop.store.migrations import LATEST

    session.require(Permission.BACKUP)
    source = Path(source)
    if key is None and is_encrypted_backup(source):
        key = connection.current_key()
    try:
        version = store_backup.verify_backup(source, key)
    except BackupError as exc:
        raise ServiceError(str(exc)) from exc
    if version > LATEST:
        raise ServiceError(
            _(
                "Die Sicherung hat Schema-Version {version}, dieses Programm kennt nur bis "
                "{latest}. Bitte die neuere Programmversion verwenden."
            ).format(version=version, latest=LATEST)
        )
    return version


def restore(
    source: Path,
    location: str | None = None,
    key: bytes | None = None,
    *,
    keep_open: bool = True,
) -> RestoreReport:
    """Replace the database at ``location`` (default: the open one, else the default path)
    by the backup ``source`` and its key file; needs :attr:`Permission.BACKUP`.

    The backup is checked first (with ``key`` — see :func:`backup_key` —, default the open
    database's). The replaced database is kept beside it as
    ``<name>.vor-wiederherstellung.sqlite`` (with its key file). The restored database is
    opened (migrated if older) and left open unless ``keep_open`` is false; the application
    must log in again afterwards, since the accounts are those of the backup."""
    from ki_desktop.paths import default_db_path
    from ki_desktop.services import database

    session.require(Permission.BACKUP)
    refuse_on_server(location)
    source = Path(source)
    if key is None and is_encrypted_backup(source):
        key = connection.current_key()
    check_backup(source, key)
    if location is None:
        try:
            location = str(store_backup.bound_database_file())
        except BackupError:
            location = default_db_path()
    target = Path(location)
    try:
        in_use = target.resolve() == store_backup.bound_database_file().resolve()
    except BackupError:
        in_use = False
    old_key = connection.current_key()
    if in_use:
        # The database being replaced says so in its own trail (it is kept).
        record_event(session.who(), "db.replaced", str(source))
    database.close_app_database()
    try:
        kept = store_backup.install_backup(source, target)
    except BackupError as exc:
        if in_use:  # nothing was replaced: go on with the database as it was
            database.open_app_database(str(target), key=old_key)
        raise ServiceError(str(exc)) from exc
    info = database.open_app_database(str(target), key=key)
    record_event(session.who(), "db.restore", str(source), kept=str(kept or ""))
    if not keep_open:
        database.close_app_database()
    return RestoreReport(info, source, kept)
