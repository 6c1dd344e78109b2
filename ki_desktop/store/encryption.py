"""Encrypting an existing unencrypted database file in place (the offered migration).

``sqlcipher_export`` copies schema and rows into a new SQLCipher file beside the old one; the
copy is checked (integrity, the same tables, indexes and triggers, the same number of rows in
every table) before it replaces the plain file. Until that moment the plain file is not
touched, so any failure leaves it as it was. Afterwards the plain file's bytes are
overwritten before it is deleted, with its -wal and -shm files.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ki_desktop.store.connection import is_encrypted_file, raw_connection

TEMP_SUFFIX = ".verschluesselt.tmp"
ASIDE_SUFFIX = ".unverschluesselt.alt"
SIDE_FILES = ("-wal", "-shm", "-journal")


class EncryptionFailed(Exception):
    """The encrypted copy could not be made or did not match; the plain file is unchanged."""


def _with_suffix(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def shred(path: Path) -> None:
    """Overwrite a file's bytes, then delete it. On SSDs and copy-on-write file systems the
    old blocks may survive elsewhere (wear levelling), so this is best effort; the real
    protection is that from now on only encrypted bytes are written."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    try:
        with open(path, "r+b") as handle:
            chunk = 1 << 20
            written = 0
            while written < size:
                step = min(chunk, size - written)
                handle.write(os.urandom(step))
                written += step
            handle.flush()
            os.fsync(handle.fileno())
    finally:
        path.unlink(missing_ok=True)


def _shape(conn) -> tuple[set[tuple[str, str]], dict[str, int]]:
    """The schema objects (type, name) and the row count of every table."""
    objects = {
        (kind, name)
        for kind, name in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%'"
        )
    }
    counts = {
        name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for kind, name in sorted(objects)
        if kind == "table"
    }
    return objects, counts


def table_counts(path: Path, key: bytes | None = None) -> dict[str, int]:
    """Rows in every table of a database file (encrypted with ``key`` if given)."""
    conn = raw_connection(path, key)  # read-write: closing it leaves no -wal/-shm behind
    try:
        return _shape(conn)[1]
    finally:
        conn.close()


def _export(plain: Path, target: Path, key: bytes) -> None:
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(plain), isolation_level=None)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise EncryptionFailed("the unencrypted database is damaged")
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('enc')")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()


def _verify(plain: Path, target: Path, key: bytes) -> None:
    source = raw_connection(plain)
    copy = raw_connection(target, key)
    try:
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise EncryptionFailed("integrity check of the encrypted copy failed")
        if _shape(source) != _shape(copy):
            raise EncryptionFailed("the encrypted copy differs from the original")
    finally:
        source.close()
        copy.close()


def encrypt_in_place(
    location: str | os.PathLike[str],
    key: bytes,
    before_replace: Callable[[], None],
    verify: Callable[[Path, Path, bytes], None] | None = None,
) -> None:
    """Replace the plain database at ``location`` by an encrypted copy made with ``key``.

    ``before_replace`` runs once the copy is verified and before the plain file is replaced
    (the caller writes the key file there: an encrypted file without its key file would be
    lost). :class:`EncryptionFailed` when anything before the replacement fails; the plain
    file is then unchanged and the copy removed.
    """
    plain = Path(location)
    target = _with_suffix(plain, TEMP_SUFFIX)
    for leftover in (target, *(_with_suffix(target, s) for s in SIDE_FILES)):
        leftover.unlink(missing_ok=True)
    try:
        _export(plain, target, key)
        (verify or _verify)(plain, target, key)
        before_replace()
    except EncryptionFailed:
        target.unlink(missing_ok=True)
        raise
    except (sqlite3.Error, OSError) as exc:
        target.unlink(missing_ok=True)
        raise EncryptionFailed(str(exc)) from exc
    except Exception as exc:  # sqlcipher3's own error classes
        target.unlink(missing_ok=True)
        raise EncryptionFailed(str(exc)) from exc
    aside = _with_suffix(plain, ASIDE_SUFFIX)
    os.replace(plain, aside)
    try:
        for suffix in SIDE_FILES:
            shred(_with_suffix(plain, suffix))
        os.replace(target, plain)
    except OSError:
        os.replace(aside, plain)
        target.unlink(missing_ok=True)
        raise
    if os.name == "posix":
        os.chmod(plain, 0o600)
    shred(aside)
    for suffix in SIDE_FILES:
        shred(_with_suffix(aside, suffix))


def finish_interrupted(location: str | os.PathLike[str]) -> bool:
    """Clean up after an encryption that was interrupted (power cut, crash). Returns True
    when the plain file had to be put back (its key file is then stale)."""
    plain = Path(location)
    aside = _with_suffix(plain, ASIDE_SUFFIX)
    if not aside.exists():
        return False
    if plain.exists() and is_encrypted_file(plain):
        shred(aside)  # the encrypted file is in place; only the deletion was left to do
        return False
    _with_suffix(plain, TEMP_SUFFIX).unlink(missing_ok=True)
    os.replace(aside, plain)
    return True


def plain_copies(location: str | os.PathLike[str]) -> list[Path]:
    """Unencrypted database files beside the database or in its ``backups`` folder (copies
    made before the migration to this version or before encryption)."""
    plain = Path(location)
    found = []
    for folder in (plain.parent, plain.parent / "backups"):
        if not folder.is_dir():
            continue
        for candidate in sorted(folder.iterdir()):
            if candidate == plain or not candidate.is_file():
                continue
            if not candidate.name.endswith((".sqlite", ".db", ".bak")):
                continue
            if candidate.stat().st_size and not is_encrypted_file(candidate):
                found.append(candidate)
    return found
