"""Opening the database: SQLite file in WAL mode with foreign keys, mode 0600 on POSIX."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import peewee as pw

from ki_desktop.store.models import DB, Setting

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -32_000,  # 32 MB page cache
    "temp_store": "memory",
    "busy_timeout": 5000,
}


class DatabaseError(RuntimeError):
    """The database cannot be opened or used; the message says what to do."""


def open_database(location: str | os.PathLike[str]) -> pw.Database:
    """Open (creating the file and its folder if needed) and bind it to the models.

    Does not migrate: call :func:`ki_desktop.store.migrations.migrate` next.
    """
    location = str(location)
    if location.startswith(("postgres://", "postgresql://")):
        raise DatabaseError(
            "PostgreSQL wird in dieser Version noch nicht unterstützt; bitte eine SQLite-Datei angeben."
        )
    path = Path(location).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"Der Ordner {path.parent} kann nicht angelegt werden: {exc.strerror}."
        ) from exc
    is_new = not path.exists()
    db = pw.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS)
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("select count(*) from sqlite_master").fetchone()
    except pw.DatabaseError as exc:
        db.close()
        raise DatabaseError(
            f"{path} ist keine lesbare Datenbank ({exc}). Bitte eine andere Datei wählen "
            "oder aus einer Sicherung wiederherstellen."
        ) from exc
    if is_new and os.name == "posix":
        os.chmod(path, 0o600)
    DB.initialize(db)
    return db


def close_database() -> None:
    """Close the bound connection (checkpointing the WAL)."""
    db = DB.obj
    if db is not None and not db.is_closed():
        db.close()


def device_id() -> str:
    """This installation's id, made once and kept in the settings table."""
    row = Setting.get_or_none(Setting.key == "device_id")
    if row is None:
        row = Setting.create(key="device_id", value=uuid.uuid4().hex)
    return row.value


def get_setting(key: str, default: str = "") -> str:
    """A stored setting, or ``default``."""
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(key: str, value: str) -> None:
    """Store a setting."""
    Setting.insert(key=key, value=value).on_conflict_replace().execute()
