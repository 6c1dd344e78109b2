"""Opening the database: SQLite file in WAL mode with foreign keys, mode 0600 on POSIX.

With a key the file is encrypted with SQLCipher (``sqlcipher3``, AES-256 per page). The key
is the 32 random bytes of the database key, given raw (``PRAGMA key = "x'…'"``), so opening
costs no key derivation: the password-derived key only unwraps it (``store.keyfile``).
"""

from __future__ import annotations

import os
import sqlite3
import uuid
from pathlib import Path
from typing import Any

import peewee as pw

from ki_desktop.store import dialect, server
from ki_desktop.store.keyfile_format import key_file_path
from ki_desktop.store.models import DB, Setting

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -32_000,  # 32 MB page cache
    "temp_store": "memory",
    "busy_timeout": 5000,
    # Deleted rows (retention, erasure, deletions arriving by sync) are overwritten where that
    # costs no extra I/O, so that names do not linger in freed space of the file.
    "secure_delete": "fast",
}


KEY_BYTES = 32

_open_key: dict[str, bytes | None] = {"key": None}


class DatabaseError(RuntimeError):
    """The database cannot be opened or used; the message says what to do."""


def _key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("database key must be 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


class EncryptedDatabase(pw.SqliteDatabase):
    """SQLite through SQLCipher, keyed with a raw 256-bit key before anything else is read."""

    def __init__(self, database: str, key: bytes, **kwargs: Any) -> None:
        self._key_sql: str | None = _key_pragma(key)
        super().__init__(database, **kwargs)

    def forget_key(self) -> None:
        """After the database was closed (logout): no thread may connect again with the key."""
        self._key_sql = None

    def _connect(self):
        from sqlcipher3 import dbapi2 as sqlcipher

        if self._key_sql is None:
            raise DatabaseError("Die Datenbank ist geschlossen. Bitte erneut anmelden.")
        conn = sqlcipher.connect(self.database, timeout=self._timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message
            conn.execute(self._key_sql)
            self._add_conn_hooks(conn)
        except Exception:
            conn.close()
            raise
        return conn


def raw_connection(path: str | os.PathLike[str], key: bytes | None = None, read_only=False):
    """A plain DB-API connection to a database file (encrypted when ``key`` is given), for
    backups and checks beside the bound peewee database. The caller closes it."""
    if key is None:
        if read_only:
            return sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
        return sqlite3.connect(str(path))
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(
        f"file:{Path(path)}?mode=ro" if read_only else str(path), uri=read_only
    )
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(_key_pragma(key))
    return conn


def is_encrypted_file(path: str | os.PathLike[str]) -> bool:
    """Whether an existing file is not a plain SQLite database (SQLCipher files have no
    readable header); an empty or missing file is not encrypted."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except FileNotFoundError:
        return False
    return bool(head) and head != b"SQLite format 3\x00"


def _has_key_file(path: Path) -> bool:
    """Whether the key slots of an encrypted database lie beside it (``<file>.keys``)."""
    return key_file_path(path).is_file()


def current_key() -> bytes | None:
    """The key of the bound database (None when it is not encrypted)."""
    return _open_key["key"]


def open_database(location: str | os.PathLike[str], key: bytes | None = None) -> pw.Database:
    """Open (creating the file and its folder if needed) and bind it to the models; with
    ``key`` the file is (or becomes, when new) encrypted with SQLCipher.

    Does not migrate: call :func:`ki_desktop.store.migrations.migrate` next.
    """
    location = str(location)
    if server.is_server_location(location):
        return _open_server(location)
    path = Path(location).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"Der Ordner {path.parent} kann nicht angelegt werden: {exc.strerror}."
        ) from exc
    is_new = not path.exists() or path.stat().st_size == 0
    if key is None and not is_new and is_encrypted_file(path) and _has_key_file(path):
        raise DatabaseError(
            f"{path} ist verschlüsselt. Bitte mit Benutzername und Passwort anmelden."
        )
    if key is None:
        db: pw.Database = pw.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS)
    else:
        db = EncryptedDatabase(str(path), key, pragmas=SQLITE_PRAGMAS)
    try:
        db.connect(reuse_if_open=True)
        db.execute_sql("select count(*) from sqlite_master").fetchone()
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        if key is not None:
            raise DatabaseError(
                f"{path} lässt sich mit diesem Schlüssel nicht öffnen. Bitte die "
                "Schlüsseldatei daneben prüfen oder aus einer Sicherung wiederherstellen."
            ) from exc
        raise DatabaseError(
            f"{path} ist keine lesbare Datenbank ({exc}). Bitte eine andere Datei wählen "
            "oder aus einer Sicherung wiederherstellen."
        ) from exc
    if is_new and os.name == "posix":
        os.chmod(path, 0o600)
    DB.initialize(db)
    _open_key["key"] = key
    return db


def _open_server(location: str) -> pw.Database:
    """The shared PostgreSQL database (server mode); no key: the server and its network
    protect the data at rest and in transit."""
    try:
        db = server.open_server(location)
    except server.ServerError as exc:
        raise DatabaseError(str(exc)) from exc
    DB.initialize(db)
    _open_key["key"] = None
    return db


def is_server() -> bool:
    """Whether the bound database is a PostgreSQL server (not a SQLite file)."""
    return isinstance(DB.obj, pw.PostgresqlDatabase)


def close_database() -> None:
    """Close the bound connection (checkpointing the WAL)."""
    db = DB.obj
    if db is not None and not db.is_closed():
        db.close()
    if isinstance(db, EncryptedDatabase):
        # peewee would reconnect on the next query (autoconnect) with the key it still had.
        db.forget_key()
    if isinstance(db, server.ServerDatabase):
        db.forget_password()
    _open_key["key"] = None


def release_thread_connection() -> None:
    """Close the calling thread's connection to the bound database (peewee keeps one per
    thread; the database stays bound and the next use on this thread connects again).

    Worker threads call this when their work returns: a pooled thread that keeps an
    SQLCipher connection would hold the key in memory and, worse, crash the process when the
    connection is released later without the interpreter lock."""
    db = DB.obj
    if db is not None and not db.is_closed():
        db.close()


def device_id() -> str:
    """This installation's id, made once and kept in the settings table."""
    row = Setting.get_or_none(Setting.key == "device_id")
    if row is None:
        # Several computers starting at once on a new server database: the first id stays.
        Setting.insert(key="device_id", value=uuid.uuid4().hex).on_conflict_ignore().execute()
        row = Setting.get(Setting.key == "device_id")
    return row.value


def get_setting(key: str, default: str = "") -> str:
    """A stored setting, or ``default``."""
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(key: str, value: str) -> None:
    """Store a setting."""
    dialect.upsert(Setting, [Setting.key], key=key, value=value)
