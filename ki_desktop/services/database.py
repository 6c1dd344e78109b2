"""Opening, creating and migrating the application database; backup and restore."""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path

from ki_desktop.paths import default_db_path
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import connection, migrations, server
from ki_desktop.store.models import set_current_device
from ki_desktop.store.users import record_event


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    location: str
    schema_version: int
    device_id: str
    backup: Path | None


_opened: dict[str, DatabaseInfo | None] = {"info": None}


def open_app_database(location: str | None = None, key: bytes | None = None) -> DatabaseInfo:
    """Open the database (default: the user data folder), create or migrate its schema and
    stamp this device's id on every change from now on.

    ``key`` is the database key unwrapped at login (``services.accounts``); without it an
    encrypted database that is already open (after the login) is used as it is, so commands
    that run after a login need not know the key.
    """
    location = location or default_db_path()
    already = _opened["info"]
    if server.is_server_location(location):
        if already is not None and _same_server(already.location, location):
            return already  # the server database has no key; the login checked the password
        close_app_database()
    elif (
        key is None
        and already is not None
        and connection.current_key() is not None
        and Path(already.location).resolve() == Path(location).resolve()
    ):
        return already
    _opened["info"] = None
    backups: list[Path] = []
    try:
        db = connection.open_database(location, key)
        version = migrations.migrate(db, on_backup=backups.append)
    except (connection.DatabaseError, migrations.MigrationError) as exc:
        raise ServiceError(str(exc)) from exc
    device = connection.device_id()
    set_current_device(device)
    if backups:
        record_event("system", "db.migrate", location, version=version, backup=str(backups[0]))
    info = DatabaseInfo(location, version, device, backups[0] if backups else None)
    _opened["info"] = info
    return info


def _same_server(open_location: str, location: str) -> bool:
    if not server.is_server_location(open_location):
        return False
    try:
        return server.parse_address(open_location) == server.parse_address(location)
    except server.ServerError:
        return False


def is_server_location(location: str | None) -> bool:
    """Whether ``location`` names a PostgreSQL server database (``postgresql://…``), not a
    SQLite file."""
    return server.is_server_location(location)


def is_open(location: str) -> bool:
    """Whether the database at ``location`` is the one open now."""
    already = _opened["info"]
    if already is None:
        return False
    if server.is_server_location(location):
        return _same_server(already.location, location)
    return already.location == location


def release_thread_connection() -> None:
    """For work done on a worker thread: close that thread's database connection when the
    work returns (see :func:`ki_desktop.store.connection.release_thread_connection`)."""
    connection.release_thread_connection()


def releases_worker_connection(func):
    """The GUI runs account calls on a worker thread (Argon2 takes a while on purpose); the
    database connection such a call opened there is closed when it returns, so that only the
    GUI thread's connection holds the key and a logout really closes everything."""

    @functools.wraps(func)
    def call(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        finally:
            if threading.current_thread() is not threading.main_thread():
                connection.release_thread_connection()

    return call


def close_app_database() -> None:
    """Close the database cleanly (and forget its key)."""
    _opened["info"] = None
    connection.close_database()


def backup_database(target: str | Path, user: str = "system") -> Path:
    """Write a consistent copy of the open database to ``target`` (with ``<target>.keys``
    when it is encrypted); see :func:`ki_desktop.services.backups.backup_now`. The audit
    names the logged-in user (``user`` is kept for older callers)."""
    from ki_desktop.services import backups

    return backups.backup_now("manual", Path(target)).path


def restore_database(source: str | Path, location: str | None = None) -> DatabaseInfo:
    """Replace the database at ``location`` by the backup ``source`` (checked first); the
    replaced file is kept beside it as ``*.vor-wiederherstellung.sqlite``; see
    :func:`ki_desktop.services.backups.restore`."""
    from ki_desktop.services import backups

    return backups.restore(Path(source), location).info
