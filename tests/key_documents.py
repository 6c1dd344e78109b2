"""The key slots of a test database, read and written behind the application's back: the key
file beside a SQLite database, the one row of ``key_store`` in a PostgreSQL database (through
a connection of its own, so the application's database may be open or closed)."""

from __future__ import annotations

from ki_desktop.store import keyfile
from tests import backend

_UPSERT = (
    "INSERT INTO key_store (id, data) VALUES (1, ?) "
    "ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data"
)


def raw(location: str) -> bytes | None:
    """The bytes of the key file (or key document); None when there is none."""
    if not backend.on_server():
        path = keyfile.key_file_path(location)
        return path.read_bytes() if path.is_file() else None
    rows = backend.run(location, "SELECT data FROM key_store WHERE id = 1")
    return bytes(rows[0][0]) if rows else None


def read(location: str) -> keyfile.KeyFile:
    """The key file of ``location`` as the application reads it."""
    if not backend.on_server():
        return keyfile.load(location)
    data = raw(location)
    if data is None:
        raise keyfile.KeyFileError("missing")
    return keyfile.parse(data)


def write_raw(location: str, data: bytes) -> None:
    """Replace the key file (or key document) by ``data``."""
    if not backend.on_server():
        keyfile.key_file_path(location).write_bytes(data)
    else:
        backend.run(location, _UPSERT, (data,))


def write(location: str, keys: keyfile.KeyFile) -> None:
    """Put ``keys`` back (e.g. an old state of the key file)."""
    write_raw(location, keyfile.dumps(keys))


def remove(location: str) -> None:
    """Delete the key file (or key document)."""
    if not backend.on_server():
        keyfile.key_file_path(location).unlink()
    else:
        backend.run(location, "DELETE FROM key_store")
