"""Encryption at rest: a new database is encrypted from the start, an existing unencrypted
one is encrypted when the first administrator is created (and left untouched when that
fails), the recovery key, and damaged or edited key files.

The recovery key, damaged key slots and foreign slots are tested on both backends (a server
keeps the slots in its key_store row); the rest is about the SQLite file and SQLCipher."""

import hashlib
import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ki_desktop.services import accounts, database, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import encryption, keyfile
from tests import backend, key_documents

pytestmark = pytest.mark.usefixtures("fast_kdf", "logged_out_after")

PASSWORD = "Sicheres-Kennwort-1"


def _plain_demo(path: Path) -> dict[str, int]:
    """An unencrypted database with demo data, closed; returns its row counts."""
    database.open_app_database(str(path))
    load_demo_data(size=40, seed=3, reference=date(2026, 11, 1))
    database.close_app_database()
    return encryption.table_counts(path)


def _child_names(path: Path, key: bytes | None = None) -> list[str]:
    from ki_desktop.store.connection import raw_connection

    conn = raw_connection(path, key, read_only=True)
    try:
        return [r[0] for r in conn.execute('SELECT last_name FROM "case" LIMIT 5')]
    finally:
        conn.close()


def _all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.sqlite_only("the states of a database file and its key file")
def test_states(tmp_path):
    db = tmp_path / "ki.sqlite"
    assert accounts.database_state(str(db)) == "new"
    db.write_bytes(b"")
    assert accounts.database_state(str(db)) == "new"
    db.unlink()
    _plain_demo(db)
    assert accounts.database_state(str(db)) == "plain"
    accounts.create_first_admin(str(db), "anna", "Anna", PASSWORD)
    assert accounts.database_state(str(db)) == "encrypted"
    accounts.logout()
    db.unlink()  # the database lost, the key file still there: never silently start over
    assert accounts.database_state(str(db)) == "encrypted"
    with pytest.raises(ServiceError, match="Datenbankdatei .* fehlt"):
        accounts.login(str(db), "anna", PASSWORD)
    with pytest.raises(ServiceError, match="bereits Benutzerkonten"):
        accounts.create_first_admin(str(db), "eva", "Eva", PASSWORD)


def test_default_location_from_environment(new_location, monkeypatch):
    location = new_location("env")
    monkeypatch.setenv("KI_DESKTOP_DB", location)
    assert accounts.database_state(None) == "new"
    accounts.create_first_admin(None, "anna", "Anna", PASSWORD)
    assert key_documents.raw(location) is not None


@pytest.mark.sqlite_only("SQLCipher encryption of the file")
def test_new_database_is_encrypted_on_disk(tmp_path):
    db = tmp_path / "ki.sqlite"
    first = accounts.create_first_admin(str(db), "anna", "Anna Admin", PASSWORD)
    assert first.session.username == "anna" and session.current() == first.session
    assert first.info.location == str(db)
    load_demo_data(size=40, seed=5, reference=date(2026, 11, 1))
    from ki_desktop.store.connection import current_key

    names = _child_names(db, current_key())
    assert len(names) == 5
    accounts.logout()
    data = _all_bytes(tmp_path)
    assert not db.read_bytes().startswith(b"SQLite format 3")
    assert b"SQLite format 3" not in data
    for name in names:
        assert name.encode("utf-8") not in data
    with pytest.raises(sqlite3.DatabaseError):
        _child_names(db)  # no key, no data


@pytest.mark.sqlite_only("SQLCipher encryption of an existing file")
def test_plain_database_with_demo_data_is_encrypted(tmp_path):
    db = tmp_path / "ki.sqlite"
    counts = _plain_demo(db)
    names = _child_names(db)
    # A WAL left by a crash: rows that are only in the -wal file must be carried over too.
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("INSERT INTO setting (key, value) VALUES ('nur-im-wal', 'x')")
    conn.commit()
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy2(f"{db}{suffix}", snapshot / f"ki.sqlite{suffix}")
    conn.close()
    for suffix in ("", "-wal", "-shm"):
        shutil.copy2(snapshot / f"ki.sqlite{suffix}", f"{db}{suffix}")
    shutil.rmtree(snapshot)
    assert Path(f"{db}-wal").stat().st_size > 0
    counts["setting"] += 1

    first = accounts.create_first_admin(str(db), "anna", "Anna", PASSWORD)
    assert not first.plain_copies
    from ki_desktop.store.connection import current_key

    key = current_key()
    accounts.logout()
    after = encryption.table_counts(db, key)
    after["user"] -= 1  # the administrator
    assert {k: v for k, v in after.items() if k not in ("audit_event",)} == {
        k: v for k, v in counts.items() if k not in ("audit_event",)
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ki.sqlite", "ki.sqlite.keys"]
    data = _all_bytes(tmp_path)
    assert b"SQLite format 3" not in data
    assert not any(name.encode() in data for name in names)
    accounts.login(str(db), "anna", PASSWORD)
    from ki_desktop.store.connection import get_setting

    assert get_setting("nur-im-wal") == "x"


@pytest.mark.sqlite_only("unencrypted copies of a file beside it")
def test_plain_copies_beside_the_database_are_reported_and_shredded(tmp_path):
    db = tmp_path / "ki.sqlite"
    _plain_demo(db)
    old_backup = tmp_path / "ki.vor-v11-20260101-120000.sqlite"
    shutil.copy2(db, old_backup)
    unrelated = tmp_path / "notizen.txt"
    unrelated.write_text("keine Datenbank")
    first = accounts.create_first_admin(str(db), "anna", "Anna", PASSWORD)
    assert first.plain_copies == (old_backup,)
    assert accounts.delete_plain_copies([*first.plain_copies, unrelated, db]) == 1
    assert not old_backup.exists() and unrelated.exists() and db.exists()


@pytest.mark.sqlite_only("SQLCipher encryption of an existing file")
def test_failed_check_leaves_the_plain_database_untouched(tmp_path, monkeypatch):
    db = tmp_path / "ki.sqlite"
    _plain_demo(db)
    before = _sha(db)

    def differs(plain, target, key):
        raise encryption.EncryptionFailed("the encrypted copy differs from the original")

    monkeypatch.setattr(encryption, "_verify", differs)
    with pytest.raises(ServiceError, match="unverschlüsselte Datenbank ist unverändert"):
        accounts.create_first_admin(str(db), "anna", "Anna", PASSWORD)
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ki.sqlite"]
    assert accounts.database_state(str(db)) == "plain"
    assert session.current().username == "test"  # nobody was logged in


@pytest.mark.sqlite_only("SQLCipher encryption of an existing file")
def test_failed_export_leaves_the_plain_database_untouched(tmp_path, monkeypatch):
    db = tmp_path / "ki.sqlite"
    _plain_demo(db)
    before = _sha(db)

    def half_written(plain, target, key):
        target.write_bytes(b"\x00" * 4096)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(encryption, "_export", half_written)
    with pytest.raises(ServiceError, match="disk I/O error.*unverändert"):
        accounts.create_first_admin(str(db), "anna", "Anna", PASSWORD)
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ki.sqlite"]


@pytest.mark.sqlite_only("SQLCipher encryption of an existing file")
def test_failed_key_file_write_leaves_the_plain_database_untouched(tmp_path, monkeypatch):
    db = tmp_path / "ki.sqlite"
    _plain_demo(db)
    before = _sha(db)

    def full_disk(keys):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keyfile, "save", full_disk)
    with pytest.raises(ServiceError, match="unverändert"):
        accounts.create_first_admin(str(db), "anna", "Anna", PASSWORD)
    assert _sha(db) == before
    assert accounts.database_state(str(db)) == "plain"


@pytest.mark.sqlite_only("crash safety of the file while it is encrypted")
def test_interrupted_encryption_puts_the_plain_file_back(tmp_path):
    db = tmp_path / "ki.sqlite"
    _plain_demo(db)
    before = _sha(db)
    # Power cut after the plain file was moved aside, before the encrypted one arrived.
    db.rename(tmp_path / ("ki.sqlite" + encryption.ASIDE_SUFFIX))
    (tmp_path / ("ki.sqlite" + encryption.TEMP_SUFFIX)).write_bytes(b"\x01" * 100)
    (tmp_path / "ki.sqlite.keys").write_text("{}")
    assert accounts.database_state(str(db)) == "plain"
    assert _sha(db) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ki.sqlite"]


def test_recovery_key_sets_a_new_password(new_location):
    db = new_location()
    first = accounts.create_first_admin(db, "anna", "Anna", PASSWORD)
    accounts.logout()
    with pytest.raises(ServiceError, match="passt nicht"):
        accounts.recover_with_key(db, "ABCDE-" * 7 + "ABCDE", "anna", "Nach-Verlust-Neu-2")
    with pytest.raises(ServiceError, match="Ein aktives Benutzerkonto „eva“"):
        accounts.recover_with_key(db, first.recovery_key, "eva", "Nach-Verlust-Neu-2")
    accounts.recover_with_key(db, first.recovery_key, "anna", "Nach-Verlust-Neu-2")
    with pytest.raises(accounts.LoginRefused):
        accounts.login(db, "anna", PASSWORD)
    accounts.login(db, "anna", "Nach-Verlust-Neu-2")
    from ki_desktop.store.users import recent_events

    actions = [e.action for e in recent_events(limit=10)]
    assert "password.recover" in actions and "login.failed" in actions


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: "",
        lambda text: text[: len(text) // 2],
        lambda text: text.replace('"argon2id"', '"plain"'),
        lambda text: json.dumps({**json.loads(text), "slots": []}),
    ],
)
def test_damaged_key_file_is_refused_with_a_message(new_location, damage):
    db = new_location()
    accounts.create_first_admin(db, "anna", "Anna", PASSWORD)
    accounts.logout()
    text = key_documents.raw(db).decode("utf-8")
    key_documents.write_raw(db, damage(text).encode("utf-8"))
    with pytest.raises(ServiceError) as refused:
        accounts.login(db, "anna", PASSWORD)
    where = "Serverdatenbank" if backend.on_server() else "Schlüsseldatei"
    assert where in str(refused.value) or str(refused.value) == (
        "Benutzername oder Passwort falsch."
    )
    assert session.current_or_none() is None


def test_foreign_wrapped_key_opens_nothing(new_location):
    """A slot made by someone who knows their own password but not the database key: the
    file does not open with its key; on a server (where the key opens nothing) a slot
    without an account is refused like an unknown user."""
    db = new_location()
    accounts.create_first_admin(db, "anna", "Anna", PASSWORD)
    accounts.logout()
    keys = key_documents.read(db)
    keyfile.set_slot(keys, "mallory", "Eingeschleust-123", bytes(32))
    key_documents.write(db, keys)
    refusal = "Benutzername oder Passwort falsch" if backend.on_server() else "nicht öffnen"
    with pytest.raises(ServiceError, match=refusal):
        accounts.login(db, "mallory", "Eingeschleust-123")
    assert session.current_or_none() is None


@pytest.mark.sqlite_only("the key file beside the file (a server without slots is new)")
def test_missing_key_file_says_where_to_get_it(tmp_path):
    db = str(tmp_path / "ki.sqlite")
    accounts.create_first_admin(db, "anna", "Anna", PASSWORD)
    accounts.logout()
    keyfile.key_file_path(db).unlink()
    assert accounts.database_state(db) == "encrypted"
    with pytest.raises(ServiceError, match="fehlt.*Sicherung"):
        accounts.login(db, "anna", PASSWORD)
