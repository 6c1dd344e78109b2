"""Backup and restore of the database file."""

import pytest

from ki_desktop.services import cases, database
from ki_desktop.services.database import ServiceError
from ki_desktop.store.models import Case

# On a server there are no backup files: tests/services/test_server_backups.py.
pytestmark = pytest.mark.sqlite_only("backups and restores of the database file")


def test_backup_then_restore(demo_db, db_path, tmp_path):
    target = database.backup_database(tmp_path / "sicherung.sqlite")
    Case.delete().execute()
    assert cases.case_count() == 0
    database.restore_database(target, str(db_path))
    try:
        assert cases.case_count() == 120
        assert (tmp_path / "ki.vor-wiederherstellung.sqlite").exists()
    finally:
        database.close_app_database()


def test_restore_refuses_foreign_file(open_db, db_path, tmp_path):
    foreign = tmp_path / "foreign.sqlite"
    foreign.write_bytes(b"no database here" * 64)
    with pytest.raises(ServiceError):
        database.restore_database(foreign, str(db_path))
