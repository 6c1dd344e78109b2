"""The key slots of a server database, kept in the database itself.

On SQLite the slots (one per user, Argon2id-wrapped; see ``store.keyfile``) lie in the key
file beside the database. A PostgreSQL database has no file beside it: the same document is
kept in the one row of ``key_store``, so that logins, lockout and the recovery key work the
same way. There it proves the password only; the server protects the data at rest.
"""

from __future__ import annotations

KEY_STORE_SQL = (
    """CREATE TABLE IF NOT EXISTS key_store (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        data BYTEA NOT NULL,
        updated_at TIMESTAMP NOT NULL DEFAULT now())""",
)
