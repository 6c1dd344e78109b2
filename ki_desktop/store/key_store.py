"""The key slots of a server database, kept in the database itself.

On SQLite the slots (one per user, Argon2id-wrapped; see ``store.keyfile``) lie in the key
file beside the database. A PostgreSQL database has no file beside it: the same document
(the bytes a key file would hold) is kept in the one row of ``key_store``, so that logins,
lockout and the recovery key work the same way. There a slot proves the password only; the
server protects the data at rest.

Every function works on the bound database, which must be a server database: it is opened
(with the server's own login) before the document can be read. Several laptops change the
document at the same time (failed attempts, password changes): :func:`locked_document`
reads and writes it in one transaction with the row locked, so no change is lost.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import peewee as pw

from ki_desktop.store.keyfile_format import KeyFile, KeyFileError, dumps, parse
from ki_desktop.store.models import DB

KEY_STORE_SQL = (
    """CREATE TABLE IF NOT EXISTS key_store (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        data BYTEA NOT NULL,
        updated_at TIMESTAMP NOT NULL DEFAULT now())""",
)

_SELECT = "SELECT data FROM key_store WHERE id = 1"
_UPSERT = (
    "INSERT INTO key_store (id, data, updated_at) VALUES (1, ?, now()) "
    "ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, updated_at = now()"
)


class KeyStoreUnavailable(KeyFileError):
    """The server database did not answer the read or the write (the text says why)."""


@contextmanager
def _answering(what: str) -> Iterator[None]:
    if not isinstance(DB.obj, pw.PostgresqlDatabase):
        raise KeyStoreUnavailable(f"{what}: no server database is open")
    try:
        yield
    except pw.DatabaseError as exc:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise KeyStoreUnavailable(f"{what}: {text}") from exc


def _data(row: tuple | None) -> bytes | None:
    return None if row is None else bytes(row[0])


def read_document() -> bytes | None:
    """The raw document of the bound server database; None when there is none yet (no
    administrator has been set up there)."""
    with _answering("unreadable"):
        return _data(DB.execute_sql(_SELECT).fetchone())


def write_document(data: bytes) -> None:
    """Insert or replace the document (``data``: the bytes of a key file), e.g. when a SQLite
    database with accounts moves to the server."""
    with _answering("unwritable"):
        DB.execute_sql(_UPSERT, (data,))


def create_document(data: bytes) -> bool:
    """Insert the document unless there is one; False when there already was one (another
    laptop set up the first administrator at the same moment)."""
    with _answering("unwritable"):
        cursor = DB.execute_sql(
            "INSERT INTO key_store (id, data) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
            (data,),
        )
        return cursor.rowcount == 1


@dataclass(slots=True)
class LockedDocument:
    """The document as read under the row lock; set :attr:`data` to write it back."""

    data: bytes | None


@contextmanager
def locked_document() -> Iterator[LockedDocument]:
    """Read the document with its row locked (``SELECT … FOR UPDATE``) and write it back,
    if it was changed, in the same transaction: another laptop changing it meanwhile waits,
    then reads what this one wrote. What else the block writes (audit events) is part of
    the same transaction."""
    with _answering("unwritable"), DB.atomic():
        before = _data(DB.execute_sql(_SELECT + " FOR UPDATE").fetchone())
        document = LockedDocument(before)
        yield document
        if document.data is not None and document.data != before:
            DB.execute_sql(_UPSERT, (document.data,))


def load_keys() -> KeyFile:
    """The document as a key file (without a path); :class:`KeyFileError` when there is none
    or it is damaged."""
    raw = read_document()
    if raw is None:
        raise KeyFileError("missing")
    return parse(raw)


@contextmanager
def updating_keys() -> Iterator[KeyFile]:
    """:func:`locked_document` as a key file to change in the block (see
    :func:`ki_desktop.store.keyfile_format.updating`)."""
    with locked_document() as document:
        if document.data is None:
            raise KeyFileError("missing")
        keys = parse(document.data)
        before = dumps(keys)
        yield keys
        after = dumps(keys)
        if after != before:
            document.data = after
