"""Opening, creating and migrating the application database; backup and restore."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from ki_desktop.i18n import _
from ki_desktop.paths import default_db_path
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import connection, migrations
from ki_desktop.store.models import set_current_device
from ki_desktop.store.users import record_event


@dataclass(frozen=True, slots=True)
class DatabaseInfo:
    location: str
    schema_version: int
    device_id: str
    backup: Path | None


def open_app_database(location: str | None = None) -> DatabaseInfo:
    """Open the database (default: the user data folder), create or migrate its schema and
    stamp this device's id on every change from now on."""
    location = location or default_db_path()
    backups: list[Path] = []
    try:
        db = connection.open_database(location)
        version = migrations.migrate(db, on_backup=backups.append)
    except (connection.DatabaseError, migrations.MigrationError) as exc:
        raise ServiceError(str(exc)) from exc
    device = connection.device_id()
    set_current_device(device)
    if backups:
        record_event("system", "db.migrate", location, version=version, backup=str(backups[0]))
    return DatabaseInfo(location, version, device, backups[0] if backups else None)


def close_app_database() -> None:
    """Close the database cleanly."""
    connection.close_database()


def backup_database(target: str | Path, user: str = "system") -> Path:
    """Write a consistent copy of the open database to ``target``."""
    target = Path(target)
    from ki_desktop.store.models import DB

    try:
        migrations.backup_file(DB.obj, target)
    except (OSError, sqlite3.Error) as exc:
        raise ServiceError(
            _("Sicherung nach {target} fehlgeschlagen: {error}").format(target=target, error=exc)
        ) from exc
    record_event(user, "db.backup", str(target))
    return target


def restore_database(source: str | Path, location: str | None = None) -> DatabaseInfo:
    """Replace the database at ``location`` by the backup ``source`` (checked first); the
    replaced file is kept beside it as ``*.vor-wiederherstellung.sqlite``."""
    source = Path(source)
    location = location or default_db_path()
    try:
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as check:
            ok = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            has_schema = check.execute(
                "SELECT count(*) FROM sqlite_master WHERE name='schema_version'"
            ).fetchone()[0]
        check.close()
    except sqlite3.Error as exc:
        raise ServiceError(
            _("{source} ist keine lesbare Sicherung: {error}").format(source=source, error=exc)
        ) from exc
    if not ok or not has_schema:
        raise ServiceError(_("{source} ist keine Sicherung von KI Desktop.").format(source=source))
    connection.close_database()
    target = Path(location)
    if target.exists():
        shutil.copy2(target, target.with_name(target.stem + ".vor-wiederherstellung.sqlite"))
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy2(source, target)
    info = open_app_database(str(target))
    record_event("system", "db.restore", str(source))
    return info
