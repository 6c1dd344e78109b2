"""The database file: WAL, foreign keys, file mode, default location, sync columns."""

import os
import stat

import peewee as pw
import pytest

from ki_desktop.paths import DB_ENV_VAR, default_db_path
from ki_desktop.services import database
from ki_desktop.services.database import ServiceError
from ki_desktop.store.models import DB, Case, Guardian, Municipality, Tombstone
from ki_desktop.store.records import delete_record


@pytest.mark.sqlite_only("WAL and pragmas of the SQLite file")
def test_wal_and_foreign_keys(open_db):
    assert DB.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert DB.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_foreign_keys_are_enforced(open_db):
    with pytest.raises(pw.IntegrityError):
        Guardian.create(case="does-not-exist", name="X")


@pytest.mark.sqlite_only("mode of the database file")
@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_new_file_is_private(open_db, db_path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_default_location_and_env_override(monkeypatch, tmp_path):
    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    assert default_db_path().endswith("ki-desktop.sqlite")
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "x.sqlite"))
    assert default_db_path() == str(tmp_path / "x.sqlite")
    info = database.open_app_database()
    try:
        assert info.location == str(tmp_path / "x.sqlite")
        assert (tmp_path / "x.sqlite").exists()
    finally:
        database.close_app_database()


def test_records_carry_sync_columns_and_versions(open_db):
    m = Municipality.create(ags="05554016", name="Gescher", kreis="05554")
    assert len(m.id) == 32 and m.version == 1 and m.device_id == open_db.device_id
    first_update = m.updated_at
    m.name = "Gescher (Westf.)"
    m.save()
    again = Municipality.get_by_id(m.id)
    assert again.version == 2
    assert again.updated_at >= first_update


def test_delete_leaves_tombstone(open_db):
    case = Case.create(first_name="Aya", last_name="Khalil")
    Guardian.create(case=case, name="Nour Khalil")
    delete_record(case)
    assert Case.select().count() == 0
    assert Guardian.select().count() == 0  # cascades with the case
    stone = Tombstone.get()
    assert (stone.table, stone.record_id, stone.device_id) == ("case", case.id, open_db.device_id)


def test_device_id_stable_across_opens(db_path):
    first = database.open_app_database(str(db_path)).device_id
    database.close_app_database()
    second = database.open_app_database(str(db_path)).device_id
    database.close_app_database()
    assert first == second


@pytest.mark.sqlite_only("a damaged SQLite file")
def test_not_a_database_gives_clear_message(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(ServiceError, match="keine lesbare Datenbank"):
        database.open_app_database(str(bad))
