"""The key document of a server database (the key_store row): read and written whole, created
only once, changed under a row lock and only when something changed, never half written."""

from __future__ import annotations

import threading
import time

import pytest

from ki_desktop.services import database
from ki_desktop.store import key_store, keyfile
from tests import backend

pytestmark = pytest.mark.skipif(not backend.on_server(), reason="PostgreSQL server only")


@pytest.fixture
def server(new_location):
    url = new_location()
    database.open_app_database(url)
    yield url
    database.close_app_database()


def _document(url: str) -> bytes:
    keys = keyfile.new_key_file(url)
    keyfile.set_slot(keys, "anna", "Ihr-Kennwort-Nr-1", bytes(32))
    return keyfile.dumps(keys)


def _updated_at(url: str):
    return backend.run(url, "SELECT updated_at FROM key_store")[0][0]


def test_read_write_and_create(server, monkeypatch):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    assert key_store.read_document() is None
    assert not keyfile.exists(server)
    with pytest.raises(keyfile.KeyFileError, match="missing"):
        keyfile.load(server)
    data = _document(server)
    assert key_store.create_document(data)
    assert not key_store.create_document(b"ein zweites")  # the first one stays
    assert key_store.read_document() == data and keyfile.exists(server)
    key_store.write_document(b"ersetzt")
    assert key_store.read_document() == b"ersetzt"
    with pytest.raises(keyfile.KeyFileError):
        keyfile.load(server)  # not a key file: refused whole


def test_a_key_file_of_a_server_has_no_path(server, monkeypatch):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    key_store.write_document(_document(server))
    keys = keyfile.load(server)
    assert keys.path is None and set(keys.slots) == {"anna"}
    keyfile.set_slot(keys, "bert", "Sein-Kennwort-Nr-2", bytes(32))
    keyfile.save(keys)
    assert set(keyfile.load(server).slots) == {"anna", "bert"}


def test_updating_writes_only_a_change_and_nothing_when_the_block_fails(server, monkeypatch):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    key_store.write_document(_document(server))
    stamp = _updated_at(server)
    with keyfile.updating(server) as keys:
        keyfile.clear_failures(keys, "anna")  # nothing to clear
    assert _updated_at(server) == stamp
    with pytest.raises(RuntimeError), keyfile.updating(server) as keys:
        keyfile.remove_slot(keys, "anna")
        raise RuntimeError("mittendrin")
    assert set(keyfile.load(server).slots) == {"anna"}
    with keyfile.updating(server) as keys:
        keyfile.remove_slot(keys, "anna")
    assert keyfile.load(server).slots == {}


def test_a_second_writer_waits_for_the_lock_and_sees_the_first_ones_change(server, monkeypatch):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    key_store.write_document(_document(server))
    inside, release = threading.Event(), threading.Event()
    seen: list[int] = []

    def first():
        with keyfile.updating(server) as keys:
            keys.pending.append({"user": "anna", "at": "2026-09-01T08:00:00+00:00"})
            inside.set()
            release.wait(10)
        database.release_thread_connection()

    def second():
        inside.wait(10)
        with keyfile.updating(server) as keys:
            seen.append(len(keys.pending))
            keys.pending.append({"user": None, "at": "2026-09-01T08:00:01+00:00"})
        database.release_thread_connection()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    inside.wait(10)
    time.sleep(0.3)
    assert seen == []  # still waiting for the row
    release.set()
    for thread in threads:
        thread.join(10)
    assert seen == [1]
    assert [p["user"] for p in keyfile.load(server).pending] == ["anna", None]


def test_a_file_database_has_no_key_document(server, tmp_path):
    database.open_app_database(str(tmp_path / "ki.sqlite"))
    with pytest.raises(key_store.KeyStoreUnavailable, match="no server database"):
        key_store.read_document()
