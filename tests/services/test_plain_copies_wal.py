"""After encrypting, the unencrypted copies beside the database go with their -wal and -shm
files: a copy kept after a restore carries the WAL of the database it replaced
(``store.backup.install_backup``), and that WAL holds names in plain text."""

import shutil
import sqlite3

import pytest

from ki_desktop.services import accounts, database

pytestmark = [
    pytest.mark.sqlite_only("unencrypted copies of the file and their WAL files"),
    pytest.mark.usefixtures("fast_kdf", "logged_out_after"),
]

PASSWORD = "Sicheres-Kennwort-1"


def _kept_copy_with_wal(path):
    """A plain database whose last rows are only in its WAL (as after a crash)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("CREATE TABLE child (name TEXT)")
    con.execute("INSERT INTO child VALUES ('Haidari, Zahra')")
    con.commit()
    wal = path.with_name(path.name + "-wal")
    shutil.copy(wal, path.with_name(path.name + ".saved-wal"))
    con.close()  # checkpoints and removes the WAL; put the crash's WAL back
    path.with_name(path.name + ".saved-wal").replace(wal)
    return wal


def test_the_wal_of_a_plain_copy_is_shredded_with_it(tmp_path):
    db = tmp_path / "ki.sqlite"
    database.open_app_database(str(db))
    database.close_app_database()
    kept = tmp_path / "ki.vor-wiederherstellung.sqlite"
    wal = _kept_copy_with_wal(kept)
    assert b"Haidari" in wal.read_bytes()

    first = accounts.create_first_admin(str(db), "anna", "Anna", PASSWORD)
    assert kept in first.plain_copies
    assert accounts.delete_plain_copies(first.plain_copies) == 1

    assert not kept.exists()
    assert not wal.exists()
    left = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
    assert b"Haidari" not in left
