"""Migrating a database made by an older schema, with a backup first."""

import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from ki_desktop.services import database
from ki_desktop.services.database import ServiceError
from ki_desktop.store import migrations
from ki_desktop.store import offers as offer_repo
from ki_desktop.store.models import DB, Case

V1 = Path(__file__).parent / "fixtures" / "schema_v1.sql"


def make_v1(path: Path) -> None:
    con = sqlite3.connect(path)
    con.executescript(V1.read_text(encoding="utf-8"))
    con.execute(
        'INSERT INTO "case" (id, created_at, updated_at, version, device_id, first_name, last_name,'
        " sex, country_of_birth, nationality, address, first_language, status)"
        " VALUES ('c1', '2025-09-01', '2025-09-01', 3, 'old', 'Olena', 'Kovalenko', 'f', 'UA', 'UA',"
        " '', 'uk', 'interviewed')"
    )
    con.commit()
    con.close()


@pytest.mark.sqlite_only("steps of older SQLite schema versions")
def test_v1_database_is_migrated_with_backup(db_path):
    make_v1(db_path)
    info = database.open_app_database(str(db_path))
    try:
        assert info.schema_version == migrations.LATEST
        assert info.backup is not None and info.backup.exists()
        if os.name == "posix":  # a copy of every case: readable by its owner only
            assert info.backup.stat().st_mode & 0o777 == 0o600
        old = sqlite3.connect(info.backup)
        assert old.execute("SELECT max(version) FROM schema_version").fetchone()[0] == 1
        old.close()
        case = Case.get_by_id("c1")
        assert (case.first_name, case.version, case.closed_reason) == ("Olena", 3, "")
        # the full-text index of migration 2 covers the rows that were already there
        hits = DB.execute_sql(
            "SELECT count(*) FROM case_search WHERE case_search MATCH 'kovalenko'"
        ).fetchone()[0]
        assert hits == 1
        versions = [r[0] for r in DB.execute_sql("SELECT version FROM schema_version ORDER BY 1")]
        assert versions == list(range(1, migrations.LATEST + 1))
    finally:
        database.close_app_database()


@pytest.mark.sqlite_only("steps of older SQLite schema versions")
def test_current_database_is_not_backed_up_again(db_path):
    database.open_app_database(str(db_path))
    database.close_app_database()
    info = database.open_app_database(str(db_path))
    database.close_app_database()
    assert info.backup is None
    assert not list(db_path.parent.glob("*.vor-*"))


def test_newer_schema_is_refused_unchanged(db_path):
    database.open_app_database(str(db_path))
    DB.execute_sql("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    database.close_app_database()
    with pytest.raises(ServiceError, match="neuere Programmversion"):
        database.open_app_database(str(db_path))
    database.close_app_database()


@pytest.mark.sqlite_only("steps of older SQLite schema versions")
def test_fresh_schema_equals_migrated_schema(tmp_path):
    """A new database and a migrated old one have the same columns."""
    fresh, old = tmp_path / "fresh.sqlite", tmp_path / "old.sqlite"
    database.open_app_database(str(fresh))
    database.close_app_database()
    make_v1(old)
    database.open_app_database(str(old))
    database.close_app_database()

    def columns(path):
        con = sqlite3.connect(path)
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        result = {t: sorted(r[1] for r in con.execute(f'PRAGMA table_info("{t}")')) for t in tables}
        con.close()
        return result

    assert columns(fresh) == columns(old)


@pytest.mark.sqlite_only("steps of older SQLite schema versions")
def test_v10_gives_existing_offers_empty_coordinates(db_path):
    make_v1(db_path)
    con = sqlite3.connect(db_path)
    con.execute(
        "INSERT INTO offer (id, created_at, updated_at, version, device_id, title, category, "
        "target_group, languages, free_of_charge, address, schedule, accessibility, "
        "description_de) VALUES ('o1', '2025-01-01', '2025-01-01', 1, 'old', 'Lesepaten', "
        "'Lernförderung', '', 'de', 1, 'Markt 1', '', '', '')"
    )
    con.commit()
    con.close()
    database.open_app_database(str(db_path))
    try:
        before = offer_repo.get_offer("o1")
        assert (before.title, before.latitude, before.longitude) == ("Lesepaten", None, None)
        offer_repo.save_offer(replace(before, latitude=51.838, longitude=6.615), None)
        after = offer_repo.get_offer("o1")
        assert (after.latitude, after.longitude) == (51.838, 6.615)
        types = {r[1]: r[2] for r in DB.execute_sql('PRAGMA table_info("offer")')}
        assert (types["latitude"], types["longitude"]) == ("REAL", "REAL")
    finally:
        database.close_app_database()
