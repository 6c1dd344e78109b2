"""Backups: the automatic ones (at start and daily while the application runs), one made on
request, the list of the rotating set, and restoring a backup in the database's place.

A backup of an encrypted database is encrypted with the same key and carries a copy of the
key file as it was at that moment (``<backup>.keys``). So restoring it needs the password of a
user as it was at the time of the backup, or the recovery key: later password changes are in
the current key file, not in the backup's.

The automatic backup runs without a permission check, under whoever is logged in (an
interpreter or statistics session just as well): it only writes a copy of the database, as
encrypted as the database itself, into the folder beside it, shows nobody any data, and must
not depend on an administrator happening to log in. Backups on request and restores need
:attr:`Permission.BACKUP`.

On a PostgreSQL server there are no backup files: the server's administration backs the
database up (``pg_dump``, base backups). Backups on request and restores say so
(:data:`SERVER_BACKUP_NOTE`); the automatic ones are never due there.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ki_desktop.domain.backup_rotation import backup_name
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import N_, _
from ki_desktop.services import session
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import backup as store_backup
from ki_desktop.store import connection
from ki_desktop.store.backup import BackupCancelled, BackupError, BackupFile, Progress
from ki_desktop.store.server_address import is_server_location
from ki_desktop.store.users import record_event

if TYPE_CHECKING:
    from ki_desktop.services.database import DatabaseInfo

LAST_AT_SETTING = "backup.last_at"
SERVER_BACKUP_NOTE = N_(
    "Die Datenbank liegt auf einem PostgreSQL-Server; gesichert und wiederhergestellt wird "
    "sie dort von der Server-Administration (zum Beispiel mit pg_dump). KI Desktop schreibt "
    "für eine Server-Datenbank keine Sicherungsdateien."
)
DAILY = timedelta(hours=24)

__all__ = ["BackupCancelled", "BackupFile", "BackupReport", "RestoreReport"]


@dataclass(frozen=True, slots=True)
class BackupReport:
    """A backup just written: where, how big, how long it took, what rotation removed."""

    path: Path
    keys_path: Path | None
    size: int
    seconds: float
    reason: str
    pruned: tuple[Path, ...] = ()


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


def _refuse_on_server(location: str | None = None) -> None:
    if is_server_location(location) or (location is None and on_server()):
        raise ServiceError(_(SERVER_BACKUP_NOTE))


def database_file() -> Path:
    """The file of the open database."""
    _refuse_on_server()
    try:
        return store_backup.bound_database_file()
    except BackupError as exc:
        raise ServiceError(str(exc)) from exc


def backup_folder() -> Path:
    """The folder of the rotating backups of the open database (``backups/`` beside it)."""
    _refuse_on_server()
    try:
        return store_backup.backup_folder()
    except BackupError as exc:
        raise ServiceError(str(exc)) from exc


def _write(
    reason: str, target: Path | None, progress: Progress | None, now: datetime
) -> BackupReport:
    rotating = target is None
    if target is None:
        target = backup_folder() / backup_name(now)
    started = time.perf_counter()
    try:
        written = store_backup.backup_to(Path(target), progress)
        # quick_check (every page readable and well-formed) rather than integrity_check:
        # about a tenth of the time for 100,000 cases; restore runs the full check.
        store_backup.verify_backup(written.path, connection.current_key(), thorough=False)
        # A backup that does not check out must not push good ones out of the rotation.
        pruned = store_backup.prune_backups(written.path.parent) if rotating else []
    except BackupCancelled:
        raise
    except BackupError as exc:
        raise ServiceError(str(exc)) from exc
    seconds = time.perf_counter() - started
    record_event(
        session.who(),
        "db.backup",
        str(written.path),
        reason=reason,
        keys=str(written.keys_path or ""),
        bytes=written.size,
        seconds=round(seconds, 2),
        pruned=[p.name for p in pruned],
    )
    return BackupReport(
        written.path, written.keys_path, written.size, seconds, reason, tuple(pruned)
    )


def backup_now(
    reason: str = "manual", target: Path | None = None, progress: Progress | None = None
) -> BackupReport:
    """A backup on request (needs :attr:`Permission.BACKUP`): into the rotating set, or to
    ``target`` (with ``<target>.keys`` when the database is encrypted). ``progress(done,
    total)`` may raise :class:`BackupCancelled` to stop; nothing is left behind then."""
    session.require(Permission.BACKUP)
    _refuse_on_server()
    return _write(reason, target, progress, datetime.now())


def last_backup_at() -> datetime | None:
    """When the last automatic backup was written (None: never)."""
    text = connection.get_setting(LAST_AT_SETTING)
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def automatic_backup_due(now: datetime | None = None) -> bool:
    """Whether the daily backup is due: none yet, the last one 24 hours old or more, or
    stamped in the future (the clock was set back). Never on a server."""
    if on_server():
        return False
    now = now or datetime.now()
    last = last_backup_at()
    return last is None or now - last >= DAILY or last > now + timedelta(minutes=5)


def run_automatic_backup(
    now: datetime | None = None, *, at_start: bool = False, progress: Progress | None = None
) -> BackupReport | None:
    """The automatic backup into the rotating set: always at start (``at_start``), else
    only when :func:`automatic_backup_due`. Returns None when nothing was due. No
    permission check (see the module's docstring); needs a logged-in session all the same."""
    session.current()
    if on_server():
        return None
    now = now or datetime.now()
    if not at_start and not automatic_backup_due(now):
        return None
    report = _write("start" if at_start else "daily", None, progress, now)
    connection.set_setting(LAST_AT_SETTING, now.isoformat(timespec="seconds"))
    return report


def list_backups() -> list[BackupFile]:
    """The rotating backups of the open database, newest first (needs
    :attr:`Permission.BACKUP`)."""
    session.require(Permission.BACKUP)
    return store_backup.list_backups(backup_folder())


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
    either, the open database's key. None for an unencrypted backup."""
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
    version."""
    from ki_desktop.store.migrations import LATEST

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
    _refuse_on_server(location)
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
