"""Schema versions and the migration runner.

A new database gets every table of the current models at once. An existing one is brought up
step by step; before the first step the file is backed up next to itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee as pw

from ki_desktop.store.models import ALL_MODELS, DB, SchemaVersion

CASE_SEARCH_SQL = (
    # Diacritic-folding full-text index over the child's names (external content: no copy).
    """CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(
        first_name, last_name, content='case', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS case_search_ai AFTER INSERT ON "case" BEGIN
        INSERT INTO case_search(rowid, first_name, last_name)
        VALUES (new.rowid, new.first_name, new.last_name); END""",
    """CREATE TRIGGER IF NOT EXISTS case_search_ad AFTER DELETE ON "case" BEGIN
        INSERT INTO case_search(case_search, rowid, first_name, last_name)
        VALUES ('delete', old.rowid, old.first_name, old.last_name); END""",
    """CREATE TRIGGER IF NOT EXISTS case_search_au AFTER UPDATE OF first_name, last_name ON "case"
        BEGIN
        INSERT INTO case_search(case_search, rowid, first_name, last_name)
        VALUES ('delete', old.rowid, old.first_name, old.last_name);
        INSERT INTO case_search(rowid, first_name, last_name)
        VALUES (new.rowid, new.first_name, new.last_name); END""",
)


def _create_case_search(db: pw.Database) -> None:
    for sql in CASE_SEARCH_SQL:
        db.execute_sql(sql)
    db.execute_sql("INSERT INTO case_search(case_search) VALUES ('rebuild')")


def _v2_case_search(db: pw.Database) -> None:
    """Version 2: full-text search over case names."""
    _create_case_search(db)


def _v3_case_workflow(db: pw.Database) -> None:
    """Version 3: when the status last changed, and why a case was closed."""
    db.execute_sql('ALTER TABLE "case" ADD COLUMN "status_changed_on" DATE')
    db.execute_sql(
        """ALTER TABLE "case" ADD COLUMN "closed_reason" VARCHAR(255) NOT NULL DEFAULT ''"""
    )


# Step to reach version N (version 1 is the initial schema).
MIGRATIONS: dict[int, Callable[[pw.Database], None]] = {
    2: _v2_case_search,
    3: _v3_case_workflow,
}
LATEST = max(MIGRATIONS)


class MigrationError(RuntimeError):
    """The database is from a newer program version or a step failed; the file is unchanged."""


def schema_version(db: pw.Database) -> int:
    """The schema version of the open database; 0 for an empty one."""
    if not db.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select(pw.fn.MAX(SchemaVersion.version)).scalar()
    return int(row or 0)


def backup_file(db: pw.Database, target: Path) -> Path:
    """Consistent copy of an open SQLite database (the online backup API, WAL included)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    source = db.connection()
    with sqlite3.connect(str(target)) as dest:
        source.backup(dest)
    dest.close()
    return target


def migrate(db: pw.Database | None = None, on_backup: Callable[[Path], None] | None = None) -> int:
    """Create or upgrade the schema; returns the version now in force."""
    db = db or DB.obj
    current = schema_version(db)
    if current > LATEST:
        raise MigrationError(
            f"Die Datenbank hat Schema-Version {current}, dieses Programm kennt nur bis "
            f"{LATEST}. Bitte die neuere Programmversion verwenden."
        )
    if current == 0:
        with db.atomic():
            db.create_tables(ALL_MODELS)
            _create_case_search(db)
            SchemaVersion.create(version=LATEST)
        return LATEST
    if current == LATEST:
        return current
    db_file = Path(db.database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = backup_file(db, db_file.with_name(f"{db_file.stem}.vor-v{current + 1}-{stamp}.sqlite"))
    if on_backup:
        on_backup(backup)
    for version in range(current + 1, LATEST + 1):
        try:
            with db.atomic():
                MIGRATIONS[version](db)
                SchemaVersion.create(version=version)
        except pw.DatabaseError as exc:
            raise MigrationError(
                f"Schritt zu Schema-Version {version} fehlgeschlagen ({exc}). "
                f"Die Sicherung liegt unter {backup}."
            ) from exc
    return LATEST
