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

from ki_desktop.domain.backup_rotation import backup_name
from ki_desktop.domain.roles import Permission
from ki_desktop.services import session
from ki_desktop.services.backup_restore import (
    SERVER_BACKUP_NOTE,
    RestoreReport,
    backup_key,
    check_backup,
    is_encrypted_backup,
    on_server,
    opens_with_current_key,
    refuse_on_server,
    restore,
)
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import backup as store_backup
from ki_desktop.store import connection
from ki_desktop.store.backup import BackupCancelled, BackupError, BackupFile, Progress
from ki_desktop.store.users import record_event

LAST_AT_SETTING = "backup.last_at"
DAILY = timedelta(hours=24)

__all__ = [
    "SERVER_BACKUP_NOTE",
    "BackupCancelled",
    "BackupFile",
    "BackupReport",
    "RestoreReport",
    "backup_key",
    "check_backup",
    "is_encrypted_backup",
    "on_server",
    "opens_with_current_key",
    "restore",
]


@dataclass(frozen=True, slots=True)
class BackupReport:
    """A backup just written: where, how big, how long it took, what rotation removed."""

    path: Path
    keys_path: Path | None
    size: int
    seconds: float
    reason: str
    pruned: tuple[Path, ...] = ()


def database_file() -> Path:
    """The file of the open database."""
    refuse_on_server()
    try:
        return store_backup.bound_database_file()
    except BackupError as exc:
        raise ServiceError(str(exc)) from exc


def backup_folder() -> Path:
    """The folder of the rotating backups of the open database (``backups/`` beside it)."""
    refuse_on_server()
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
    refuse_on_server()
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
