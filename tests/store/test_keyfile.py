"""The key file: slots that only the right password opens, the recovery key, the lockout
delays, and an edited file that is refused instead of giving access or crashing."""

import json
import os
import stat
from datetime import UTC, datetime, timedelta

import pytest

from ki_desktop.store import keyfile

pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def keys(tmp_path):
    return keyfile.new_key_file(tmp_path / "ki.sqlite")


DB_KEY = bytes(range(32))


def test_production_cost_is_strong():
    assert keyfile.PRODUCTION_KDF.memory_cost >= 64 * 1024
    assert keyfile.PRODUCTION_KDF.time_cost >= 2


def test_key_file_sits_beside_the_database(tmp_path):
    assert keyfile.key_file_path(tmp_path / "ki.sqlite") == tmp_path / "ki.sqlite.keys"


def test_slot_opens_with_its_password_only(keys):
    keyfile.set_slot(keys, "anna", "richtiges Passwort", DB_KEY)
    assert keyfile.unwrap(keys, "anna", "richtiges Passwort") == DB_KEY
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap(keys, "anna", "falsches Passwort")
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap(keys, "niemand", "richtiges Passwort")


def test_two_users_cannot_use_each_others_slot(keys):
    keyfile.set_slot(keys, "anna", "passwort-anna", DB_KEY)
    keyfile.set_slot(keys, "bert", "passwort-bert", DB_KEY)
    assert keyfile.unwrap(keys, "bert", "passwort-bert") == DB_KEY
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap(keys, "bert", "passwort-anna")
    # Bert's slot relabelled as Anna's (the user name is authenticated data): refused.
    keys.slots["anna"] = keyfile.Slot(**{**_slot_dict(keys.slots["bert"]), "username": "anna"})
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap(keys, "anna", "passwort-bert")


def _slot_dict(slot):
    return {name: getattr(slot, name) for name in slot.__slots__}


def test_save_and_load_round_trip_with_owner_only_mode(keys):
    keyfile.set_slot(keys, "anna", "passwort-anna", DB_KEY)
    recovery = keyfile.set_recovery(keys, DB_KEY)
    keyfile.record_failure(keys, "anna", datetime(2026, 3, 1, tzinfo=UTC))
    keyfile.save(keys)
    if os.name == "posix":
        assert stat.S_IMODE(keys.path.stat().st_mode) == 0o600
    again = keyfile.load(keys.path.with_suffix(""))
    assert keyfile.unwrap(again, "anna", "passwort-anna") == DB_KEY
    assert keyfile.unwrap_recovery(again, recovery) == DB_KEY
    assert again.attempts["anna"].failures == 1
    assert again.pending == [{"user": "anna", "at": "2026-03-01T00:00:00+00:00"}]
    text = keys.path.read_text()
    assert "passwort-anna" not in text and DB_KEY.hex() not in text
    assert not list(keys.path.parent.glob("*.tmp"))


def test_recovery_key_format_and_typing_tolerance(keys):
    recovery = keyfile.set_recovery(keys, DB_KEY)
    groups = recovery.split("-")
    assert len(groups) == 8 and all(len(g) == 5 and g.isalnum() and g.isupper() for g in groups)
    typed = " ".join(groups).lower()
    assert keyfile.unwrap_recovery(keys, typed) == DB_KEY
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap_recovery(keys, "AAAAA-" * 7 + "AAAAA")
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap_recovery(keys, "zu kurz")
    renewed = keyfile.set_recovery(keys, DB_KEY)
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap_recovery(keys, recovery)
    assert keyfile.unwrap_recovery(keys, renewed) == DB_KEY


@pytest.mark.parametrize(
    "failures, seconds",
    [(1, 0), (2, 0), (3, 5), (4, 10), (5, 20), (6, 40), (10, 640), (11, 900), (50, 900)],
)
def test_lock_delay_grows_to_fifteen_minutes(failures, seconds):
    assert keyfile.lock_delay(failures) == timedelta(seconds=seconds)


def test_lockout_counts_and_clears(keys):
    start = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    keyfile.set_slot(keys, "anna", "passwort-anna", DB_KEY)
    assert keyfile.record_failure(keys, "anna", start) == 0
    assert keyfile.record_failure(keys, "anna", start) == 0
    assert keyfile.seconds_locked(keys, "anna", start) == 0
    assert keyfile.record_failure(keys, "anna", start) == 5
    assert keyfile.seconds_locked(keys, "anna", start + timedelta(seconds=2)) == 3
    assert keyfile.seconds_locked(keys, "anna", start + timedelta(seconds=5)) == 0
    assert keyfile.record_failure(keys, "anna", start + timedelta(seconds=5)) == 10
    keyfile.clear_failures(keys, "anna")
    assert keyfile.seconds_locked(keys, "anna", start + timedelta(seconds=6)) == 0
    # Unknown names are reported but not counted (nothing to lock).
    assert keyfile.record_failure(keys, None, start) == 0
    assert keyfile.take_pending(keys)[-1] == {"user": None, "at": start.isoformat()}
    assert keys.pending == []


def test_lock_in_file_never_longer_than_the_longest_delay(keys):
    start = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    keys.attempts["anna"] = keyfile.Attempts(9, start, start + timedelta(days=365))
    assert keyfile.seconds_locked(keys, "anna", start) == 15 * 60


def test_pending_list_stays_small(keys):
    start = datetime(2026, 5, 4, tzinfo=UTC)
    for i in range(keyfile.PENDING_LIMIT + 50):
        keyfile.record_failure(keys, None, start + timedelta(seconds=i))
    assert len(keys.pending) == keyfile.PENDING_LIMIT


def _saved(keys, tmp_path):
    keyfile.set_slot(keys, "anna", "passwort-anna", DB_KEY)
    keyfile.set_recovery(keys, DB_KEY)
    keyfile.save(keys)
    return json.loads(keys.path.read_text())


def _write(keys, data):
    keys.path.write_text(json.dumps(data))
    return keyfile.load(keys.path.with_suffix(""))


def test_missing_and_garbage_files_are_refused(keys, tmp_path):
    with pytest.raises(keyfile.KeyFileError, match="missing"):
        keyfile.load(tmp_path / "ki.sqlite")
    for garbage in (b"", b"\xff\xfe", b"[]", b"{}", b'{"format": "other"}'):
        keys.path.write_bytes(garbage)
        with pytest.raises(keyfile.KeyFileError):
            keyfile.load(tmp_path / "ki.sqlite")


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["slots"][0].update(memory_cost=2**40),
        lambda d: d["slots"][0].update(time_cost=10_000),
        lambda d: d["slots"][0].update(parallelism=0),
        lambda d: d["slots"][0].update(memory_cost="65536"),
        lambda d: d["slots"][0].update(salt="not base64!"),
        lambda d: d["slots"][0].update(wrapped="AAAA"),
        lambda d: d["slots"][0].update(kdf="none"),
        lambda d: d["slots"].append(dict(d["slots"][0])),
        lambda d: d.update(slots={"anna": {}}),
        lambda d: d.update(attempts={"anna": {"failures": -1}}),
        lambda d: d.update(attempts={"anna": {"failures": 1, "locked_until": "morgen"}}),
        lambda d: d.update(pending="x"),
        lambda d: d.update(version=99),
        lambda d: d.update(recovery={"kdf": "hkdf-sha256"}),
    ],
)
def test_edited_structure_is_refused(keys, tmp_path, edit):
    data = _saved(keys, tmp_path)
    edit(data)
    with pytest.raises(keyfile.KeyFileError):
        _write(keys, data)


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["slots"][0].update(memory_cost=8),  # weaker cost: a different key
        lambda d: d["slots"][0].update(time_cost=2),
        lambda d: d.update(file_id="0" * 32),  # slot moved to another key file
        lambda d: d["slots"][0].update(salt=d["recovery"]["salt"]),
        lambda d: d["slots"][0].update(nonce=d["recovery"]["nonce"]),
        lambda d: d["slots"][0].update(wrapped=d["recovery"]["wrapped"]),
    ],
)
def test_edited_values_only_deny(keys, tmp_path, edit):
    data = _saved(keys, tmp_path)
    edit(data)
    edited = _write(keys, data)
    with pytest.raises(keyfile.WrongPassword):
        keyfile.unwrap(edited, "anna", "passwort-anna")


def test_write_atomically_keeps_the_old_file_when_writing_fails(keys, monkeypatch):
    keyfile.set_slot(keys, "anna", "passwort-anna", DB_KEY)
    keyfile.save(keys)
    before = keys.path.read_bytes()

    def broken(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keyfile.os, "replace", broken)
    keyfile.set_slot(keys, "bert", "passwort-bert", DB_KEY)
    with pytest.raises(OSError):
        keyfile.save(keys)
    assert keys.path.read_bytes() == before
    assert not list(keys.path.parent.glob("*.tmp"))
