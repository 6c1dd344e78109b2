"""Backup files: a consistent, encrypted-as-the-database copy written step by step while
others write, its key file beside it, the check before a restore, the rotating folder and the
swap of a restore."""

import hashlib
import os
import sqlite3
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from ki_desktop.domain.backup_rotation import backup_name
from ki_desktop.services import database
from ki_desktop.store import backup, connection, keyfile
from ki_desktop.store.backup import BackupCancelled, BackupError
from ki_desktop.store.models import Case

KEY = bytes(range(32))


def database_digest(path: Path, key: bytes | None = None, skip=()) -> dict[str, tuple[int, str]]:
    """Every table's row count and a sha256 over its sorted rows."""
    con = connection.raw_connection(path, key, read_only=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " ORDER BY name"
            )
        ]
        digest = {}
        for table in tables:
            if table in skip:
                continue
            rows = sorted(repr(r) for r in con.execute(f'SELECT * FROM "{table}"'))
            digest[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
        return digest
    finally:
        con.close()


@pytest.fixture(params=["plain", "encrypted"])
def bound(request, tmp_path):
    """An open, migrated database with 300 cases (plain or encrypted, with a key file)."""
    key = KEY if request.param == "encrypted" else None
    path = tmp_path / "db" / "ki.sqlite"
    database.open_app_database(str(path), key=key)
    with Case._meta.database.atomic():
        for n in range(300):
            Case.create(first_name=f"Kind{n}", last_name="Beispiel")
    if key:
        keys = keyfile.new_key_file(path)
        keyfile.save(keys)
    yield path, key
    database.close_app_database()


def test_backup_is_a_consistent_private_single_file(bound, tmp_path):
    path, key = bound
    reports = []
    target = tmp_path / "out" / "copy.sqlite"
    written = backup.backup_to(target, lambda done, total: reports.append((done, total)), pages=8)
    assert written.path == target and written.size == target.stat().st_size
    assert reports[-1][0] == reports[-1][1] > 8 and len(reports) > 2
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert sorted(p.name for p in target.parent.iterdir()) == sorted(
        ["copy.sqlite"] + (["copy.sqlite.keys"] if key else [])
    )
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert database_digest(target, key) == database_digest(path, key)
    assert backup.verify_backup(target, key) >= 11


def test_encrypted_backup_is_encrypted_and_carries_the_key_file(bound, tmp_path):
    path, key = bound
    if key is None:
        pytest.skip("plain database")
    target = tmp_path / "copy.sqlite"
    written = backup.backup_to(target)
    assert written.keys_path == tmp_path / "copy.sqlite.keys"
    assert written.keys_path.read_bytes() == keyfile.key_file_path(path).read_bytes()
    data = target.read_bytes()
    assert not data.startswith(b"SQLite format 3") and b"Beispiel" not in data
    with pytest.raises(BackupError, match="Passwort"):
        backup.verify_backup(target, None)
    with pytest.raises(BackupError, match="Schlüssel"):
        backup.verify_backup(target, bytes(32))


def test_writers_go_on_during_the_backup_which_keeps_its_snapshot(bound, tmp_path):
    path, key = bound
    writer = connection.raw_connection(path, key)
    writer.execute("PRAGMA busy_timeout = 0")  # a blocked writer would fail at once
    steps = []

    def progress(done, total):
        steps.append(done)
        if len(steps) > 200:
            return  # (a copy that restarted on every write would never end)
        writer.execute("INSERT INTO setting (key, value) VALUES (?, 'x')", (f"w{len(steps)}",))
        writer.commit()

    target = tmp_path / "copy.sqlite"
    settings = writer.execute("SELECT count(*) FROM setting").fetchone()[0]
    backup.backup_to(target, progress, pages=4)
    assert writer.execute("SELECT count(*) FROM setting").fetchone()[0] == settings + len(steps)
    writer.close()
    # No restart (a restart would repeat the pages and report them again) ...
    assert steps == sorted(steps) and len(steps) == len(set(steps))
    # ... and the copy is the state when it began: none of the writes in between.
    copy = connection.raw_connection(target, key, read_only=True)
    assert copy.execute("SELECT count(*) FROM setting").fetchone()[0] == settings
    copy.close()


def test_cancelled_backup_leaves_nothing_and_keeps_an_older_one(bound, tmp_path):
    path, key = bound
    target = tmp_path / "copy.sqlite"
    backup.backup_to(target)
    before = target.read_bytes()

    def stop(done, total):
        raise BackupCancelled("stop")

    with pytest.raises(BackupCancelled):
        backup.backup_to(target, stop, pages=1)
    assert target.read_bytes() == before
    assert not list(tmp_path.glob("*.part"))


def test_failing_backup_says_where_and_leaves_nothing(bound, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="not-a-folder"):
        backup.backup_to(blocker / "copy.sqlite")


def test_verify_refuses_damaged_and_foreign_files(bound, tmp_path):
    path, key = bound
    target = tmp_path / "copy.sqlite"
    backup.backup_to(target)
    damaged = bytearray(target.read_bytes())
    page = 4096
    for offset in range(3 * page, len(damaged) - page, 5 * page):  # many pages, past the header
        damaged[offset + 100 : offset + 400] = os.urandom(300)
    (tmp_path / "damaged.sqlite").write_bytes(bytes(damaged))
    with pytest.raises(BackupError):
        backup.verify_backup(tmp_path / "damaged.sqlite", key)
    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(BackupError, match="keine Sicherung"):
        backup.verify_backup(foreign, None)
    with pytest.raises(BackupError, match="gibt es nicht"):
        backup.verify_backup(tmp_path / "missing.sqlite", key)


def test_list_and_prune_the_rotating_folder(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(40):
        name = backup_name(start + timedelta(days=day))
        (folder / name).write_bytes(b"x")
        (folder / (name + ".keys")).write_text("{}")
    (folder / "notes.txt").write_text("kept")
    old_part = folder / "ki-desktop-20260101-090000.sqlite.part"
    old_part.write_bytes(b"x")
    os.utime(old_part, (0, 0))
    fresh_part = folder / "ki-desktop-20260301-090000.sqlite.part"
    fresh_part.write_bytes(b"x")

    listed = backup.list_backups(folder)
    assert len(listed) == 40 and listed[0].at == start + timedelta(days=39)
    assert listed[0].keys_path == folder / (backup_name(listed[0].at) + ".keys")

    deleted = backup.prune_backups(folder)
    left = backup.list_backups(folder)
    # Feb 3-9 (days), Feb 1 / Jan 25 (ISO weeks), Jan 31 (month)
    assert [b.at.strftime("%m-%d") for b in left] == [
        "02-09", "02-08", "02-07", "02-06", "02-05", "02-04", "02-03", "02-01", "01-31", "01-25",
    ]  # fmt: skip
    assert len(deleted) == 30
    assert all(not Path(f"{p}.keys").exists() for p in deleted)
    assert all(b.keys_path is not None for b in left)
    assert (folder / "notes.txt").exists() and fresh_part.exists() and not old_part.exists()


def test_install_keeps_the_replaced_database_and_swaps_the_key_files(tmp_path):
    # The database in use: WAL content not yet in the main file (as after a crash).
    live = tmp_path / "live" / "ki.sqlite"
    live.parent.mkdir()
    con = sqlite3.connect(live)
    con.execute("PRAGMA journal_mode = wal")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES ('alt')")
    con.commit()
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for suffix in ("", "-wal"):
        Path(f"{crashed / 'ki.sqlite'}{suffix}").write_bytes(Path(f"{live}{suffix}").read_bytes())
    con.close()
    target = crashed / "ki.sqlite"
    Path(f"{target}.keys").write_text("alte Schlüssel")

    source = tmp_path / "b.sqlite"
    con = sqlite3.connect(source)
    con.execute("CREATE TABLE t (x)")
    con.execute("INSERT INTO t VALUES ('gesichert')")
    con.commit()
    con.close()
    Path(f"{source}.keys").write_text("Schlüssel der Sicherung")

    kept = backup.install_backup(source, target)
    assert kept == crashed / "ki.vor-wiederherstellung.sqlite"
    assert Path(f"{target}.keys").read_text() == "Schlüssel der Sicherung"
    assert Path(f"{kept}.keys").read_text() == "alte Schlüssel"
    assert not Path(f"{target}-wal").exists()
    for path, value in ((target, "gesichert"), (kept, "alt")):
        con = sqlite3.connect(path)
        assert con.execute("SELECT x FROM t").fetchall() == [(value,)]
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        con.close()
    assert not list(crashed.glob("*.part"))


def test_install_into_a_fresh_folder(tmp_path):
    source = tmp_path / "b.sqlite"
    con = sqlite3.connect(source)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    target = tmp_path / "neu" / "ordner" / "ki.sqlite"
    assert backup.install_backup(source, target) is None
    assert target.read_bytes() == source.read_bytes()
    assert not Path(f"{target}.keys").exists()
