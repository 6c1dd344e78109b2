"""Closing an encrypted database forgets its key: nothing reconnects behind a logout."""

import os

import peewee as pw
import pytest

from ki_desktop.store import connection, migrations
from ki_desktop.store.models import DB

pytestmark = pytest.mark.sqlite_only("SQLCipher keys of the database file")


def test_a_closed_encrypted_database_does_not_reconnect(tmp_path):
    key = os.urandom(connection.KEY_BYTES)
    db = connection.open_database(tmp_path / "ki.sqlite", key)
    migrations.migrate(db)
    connection.set_setting("probe", "value")
    connection.close_database()
    assert connection.current_key() is None
    # A store call after the logout must not silently open the file again with the old key
    # (peewee reports the refusal as its DatabaseError, like any failure of the file).
    with pytest.raises(pw.DatabaseError, match="geschlossen"):
        connection.get_setting("probe")
    assert DB.obj is None or DB.obj.is_closed()
    # Opening it again with the key works as before.
    connection.open_database(tmp_path / "ki.sqlite", key)
    assert connection.get_setting("probe") == "value"
    connection.close_database()


def test_a_worker_thread_release_keeps_the_database_usable(tmp_path):
    key = os.urandom(connection.KEY_BYTES)
    db = connection.open_database(tmp_path / "ki.sqlite", key)
    migrations.migrate(db)
    connection.release_thread_connection()
    connection.set_setting("probe", "again")  # reconnects: only this thread's handle went
    assert connection.get_setting("probe") == "again"
    connection.close_database()
