"""``ki-desktop backup --out FILE`` and ``ki-desktop restore FILE [--db TARGET]`` as real
processes: plain and encrypted, into a fresh folder, and the one-line errors."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from ki_desktop.services import accounts, database
from ki_desktop.services.demo import load_demo_data
from ki_desktop.store import keyfile
from tests.store.test_backup import database_digest

pytestmark = pytest.mark.sqlite_only("backups and restores of the database file")

PASSWORD = "Ihr-Kennwort-Nr-1"


def ki(*args, password=None):
    env = {k: v for k, v in os.environ.items() if k not in ("KI_DESKTOP_PASSWORD",)}
    env["KI_DESKTOP_LANG"] = "de"
    if password is not None:
        env["KI_DESKTOP_PASSWORD"] = password
    return subprocess.run(
        [sys.executable, "-m", "ki_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def encrypted_db(tmp_path, monkeypatch):
    """An encrypted database with 40 demo cases; its administrator is anna."""
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    location = tmp_path / "ki" / "ki.sqlite"
    accounts.create_first_admin(str(location), "anna", "Anna Admin", PASSWORD)
    load_demo_data(size=40, seed=3, reference=date(2026, 11, 1))
    accounts.logout()
    return location


def _cases(path, key=None):
    return database_digest(path, key)["case"][0]


def test_plain_backup_and_restore_into_a_fresh_folder(tmp_path):
    db = tmp_path / "ki.sqlite"
    assert ki("init", "--demo", "--demo-size", "30", "--db", str(db)).returncode == 0
    before = database_digest(db)
    target = tmp_path / "stick" / "sicherung.sqlite"
    done = ki("backup", "--out", str(target), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Sicherung geschrieben: {target}"
    assert target.is_file() and not (tmp_path / "stick" / "sicherung.sqlite.keys").exists()

    fresh = tmp_path / "anderer-rechner" / "ki.sqlite"
    done = ki("restore", str(target), "--db", str(fresh))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"Datenbank {fresh} aus {target} wiederhergestellt."
    after = database_digest(fresh)
    assert {t: v for t, v in after.items() if t != "audit_event"} == {
        t: v for t, v in before.items() if t != "audit_event"
    }
    assert after["audit_event"][0] == before["audit_event"][0] + 1  # the restore

    # Restoring over a database keeps the replaced one beside it.
    done = ki("restore", str(target), "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert str(tmp_path / "ki.vor-wiederherstellung.sqlite") in done.stdout


def test_encrypted_backup_prints_both_files_and_restores_with_the_password(encrypted_db, tmp_path):
    target = tmp_path / "stick" / "sicherung.sqlite"
    done = ki(
        "backup",
        "--out",
        str(target),
        "--db",
        str(encrypted_db),
        "--user",
        "anna",
        password=PASSWORD,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[0] == f"Sicherung geschrieben: {target}"
    assert lines[1].startswith(f"Schlüsseldatei: {target}.keys (")
    assert not target.read_bytes().startswith(b"SQLite format 3")

    fresh = tmp_path / "neu" / "ki.sqlite"
    done = ki(
        "restore",
        str(target),
        "--db",
        str(fresh),
        "--user",
        "anna",
        password="falsch-falsch-falsch",
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "zur Zeit der Sicherung" in done.stderr
    assert not fresh.exists()

    done = ki(
        "restore", str(target), "--db", str(fresh), "--user", "anna", "--json", password=PASSWORD
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["database"] == str(fresh)

    accounts.login(str(fresh), "anna", PASSWORD)
    try:
        from ki_desktop.store.models import Case

        assert Case.select().count() == 40
    finally:
        accounts.logout()

    # In place: the login to the database being replaced brings the key; the old one stays.
    done = ki(
        "restore", str(target), "--db", str(encrypted_db), "--user", "anna", password=PASSWORD
    )
    assert done.returncode == 0, done.stderr
    kept = encrypted_db.with_name("ki.vor-wiederherstellung.sqlite")
    assert f"Die ersetzte Datenbank liegt daneben: {kept}" in done.stdout
    assert "vom Tag der Sicherung" in done.stdout
    assert kept.is_file() and kept.with_name(kept.name + ".keys").is_file()


def test_errors_are_one_line(tmp_path):
    done = ki("restore", str(tmp_path / "fehlt.sqlite"), "--db", str(tmp_path / "ki.sqlite"))
    assert done.returncode == 1
    assert done.stderr == f"Fehler: Die Sicherung {tmp_path / 'fehlt.sqlite'} gibt es nicht.\n"
    junk = tmp_path / "kein.sqlite"
    junk.write_bytes(b"keine Datenbank" * 100)
    done = ki("restore", str(junk), "--db", str(tmp_path / "ki.sqlite"))
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr
    database.close_app_database()


def test_encrypted_backup_restores_with_the_recovery_key_file(tmp_path, monkeypatch):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    location = tmp_path / "ki" / "ki.sqlite"
    first = accounts.create_first_admin(str(location), "anna", "Anna Admin", PASSWORD)
    load_demo_data(size=12, seed=4, reference=date(2026, 11, 1))
    accounts.logout()
    target = tmp_path / "stick" / "sicherung.sqlite"
    done = ki(
        "backup", "--out", str(target), "--db", str(location), "--user", "anna", password=PASSWORD
    )
    assert done.returncode == 0, done.stderr
    recovery = tmp_path / "schluessel.txt"
    recovery.write_text(first.recovery_key + "\n", encoding="utf-8")

    fresh = tmp_path / "neu" / "ki.sqlite"
    wrong = tmp_path / "falsch.txt"
    wrong.write_text("AAAAA-" * 7 + "AAAAA", encoding="utf-8")
    done = ki("restore", str(target), "--db", str(fresh), "--recovery-key-file", str(wrong))
    assert done.returncode == 1 and done.stderr.count("\n") == 1, done.stderr
    assert not fresh.exists()

    done = ki("restore", str(target), "--db", str(fresh), "--recovery-key-file", str(recovery))
    assert done.returncode == 0, done.stderr
    assert _cases(fresh, keyfile.unwrap_recovery(keyfile.load(fresh), first.recovery_key)) == 12
