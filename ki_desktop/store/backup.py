"""Backups of the database file: writing one while the application runs, checking one, the
rotating set in ``backups/`` beside the database, and putting a backup in the database's place.

A backup is a consistent copy made with SQLite's online backup API, encrypted with the same
key as the database (SQLCipher copies the encrypted pages), plus a copy of the key file
(``<backup>.keys``) whose key slots were valid at that moment: without them nobody could open
an encrypted copy. Both files are written under a temporary name, flushed to disk and then
renamed, so a crash or a full disk never leaves a half-written file under a backup's name.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ki_desktop.domain.backup_rotation import (
    DEFAULT_POLICY,
    RetentionPolicy,
    backups_to_prune,
    parse_backup_name,
)
from ki_desktop.i18n import _
from ki_desktop.store.connection import current_key, is_encrypted_file, raw_connection
from ki_desktop.store.keyfile_format import key_file_path
from ki_desktop.store.models import DB


def _db_errors() -> tuple[type[Exception], ...]:
    """What a database call may raise: sqlcipher3's errors are its own classes, not sqlite3's.
    Imported when an error is caught, so that starting with an unencrypted database does not
    load SQLCipher."""
    try:
        from sqlcipher3 import dbapi2 as sqlcipher
    except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
        return (sqlite3.Error,)
    return (sqlite3.Error, sqlcipher.Error)


Progress = Callable[[int, int], None]

# Pages copied per step of the backup API (4 KiB each, so 16 MiB): between two steps the
# progress is reported and a cancel request is noticed.
STEP_PAGES = 4096
FOLDER_NAME = "backups"
KEPT_SUFFIX = ".vor-wiederherstellung.sqlite"
_PART = ".part"


class BackupError(RuntimeError):
    """A backup cannot be written, read or restored; the message says what to do."""


class BackupCancelled(BackupError):
    """The backup was stopped on request; nothing was left behind."""


@dataclass(frozen=True, slots=True)
class BackupFile:
    """A written or found backup: the database copy and its key file (None when plain)."""

    path: Path
    keys_path: Path | None
    size: int
    at: datetime | None = None  # from the rotating name; None for other names


def key_file_for(db_file: Path) -> Path:
    """The key file that belongs to a database (or backup) file: ``<name>.keys``."""
    return key_file_path(db_file)


def bound_database_file() -> Path:
    """The file of the open database."""
    if DB.obj is None:
        raise BackupError(_("Es ist keine Datenbank geöffnet."))
    return Path(DB.obj.database)


def backup_folder(db_file: Path | None = None) -> Path:
    """The folder of the rotating backups: ``backups/`` beside the database."""
    return (db_file or bound_database_file()).parent / FOLDER_NAME


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder; its renames are journalled
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _discard(paths: tuple[Path, ...]) -> None:
    # Cleaning up after a failure: the failure is what gets reported.
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _part(path: Path) -> Path:
    return path.with_name(path.name + _PART)


def _private(path: Path) -> None:
    if os.name == "posix":
        os.chmod(path, 0o600)


def _new_private(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only, before any page is copied into
    it (a copy of an unencrypted database is every case in plain text)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    _private(path)


def _copy_pages(
    source: Path, key: bytes | None, target: Path, progress: Progress | None, pages: int
) -> None:
    src = raw_connection(source, key)
    dst = None
    try:
        # One read transaction over all steps: every step sees the same snapshot, so a
        # save in between neither restarts the copy nor mixes two states; in WAL mode the
        # writers go on meanwhile (only the checkpoint waits for the end).
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        _new_private(target)
        dst = raw_connection(target, key)

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        src.backup(dst, pages=pages, progress=step, sleep=0)
        # The copy is one self-contained file (no -wal beside it).
        dst.execute("PRAGMA journal_mode = DELETE").fetchone()
    finally:
        if dst is not None:
            dst.close()
        src.close()


def backup_to(
    target: Path,
    progress: Progress | None = None,
    *,
    source: Path | None = None,
    key: bytes | None = None,
    pages: int = STEP_PAGES,
) -> BackupFile:
    """Write a backup of the open database (or of ``source``, encrypted with ``key``) to
    ``target`` and its key file to ``<target>.keys``; ``progress(done, total)`` is called
    between steps and may raise :class:`BackupCancelled` to stop."""
    if source is None:
        source, key = bound_database_file(), current_key()
    target = Path(target)
    keys_source = key_file_for(source)
    keys_target = key_file_for(target)
    parts = (_part(target), _part(keys_target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for part in parts:
            part.unlink(missing_ok=True)
        _copy_pages(source, key, parts[0], progress, pages)
        _private(parts[0])
        _fsync(parts[0])
        has_keys = keys_source.is_file()
        if has_keys:
            _new_private(parts[1])
            shutil.copyfile(keys_source, parts[1])
            _private(parts[1])
            _fsync(parts[1])
            os.replace(parts[1], keys_target)
        else:
            keys_target.unlink(missing_ok=True)  # an older backup's, not this one's
        os.replace(parts[0], target)
        _fsync_folder(target.parent)
    except BackupCancelled:
        _discard(parts)
        raise
    except (OSError, *_db_errors()) as exc:
        _discard(parts)
        raise BackupError(
            _("Die Sicherung nach {target} ist fehlgeschlagen: {error}").format(
                target=target, error=getattr(exc, "strerror", None) or exc
            )
        ) from exc
    return BackupFile(target, keys_target if has_keys else None, target.stat().st_size)


def verify_backup(path: Path, key: bytes | None, *, thorough: bool = True) -> int:
    """Check a backup: readable (with ``key`` when encrypted), ``PRAGMA integrity_check``
    ok (``quick_check`` when not ``thorough``: pages and records, not the indexes' content)
    and a schema version present. Returns the schema version; :class:`BackupError` with the
    reason otherwise."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("Die Sicherung {path} gibt es nicht.").format(path=path))
    if key is None and is_encrypted_file(path):
        raise BackupError(
            _(
                "{path} ist verschlüsselt oder keine Datenbank. Zum Öffnen braucht es das "
                "Passwort eines Benutzers, das zur Zeit der Sicherung galt, oder den "
                "Wiederherstellungsschlüssel."
            ).format(path=path)
        )
    try:
        con = raw_connection(path, key, read_only=True)
    except _db_errors() as exc:
        raise BackupError(
            _("{path} lässt sich nicht öffnen: {error}").format(path=path, error=exc)
        ) from exc
    try:
        check = "integrity_check" if thorough else "quick_check"
        problems = [row[0] for row in con.execute(f"PRAGMA {check}")]
        has_schema = con.execute(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"
        ).fetchone()[0]
        version = (
            con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if has_schema
            else None
        )
    except _db_errors() as exc:
        if key is not None:
            raise BackupError(
                _(
                    "{path} lässt sich mit diesem Schlüssel nicht lesen. Die Sicherung braucht "
                    "das Passwort eines Benutzers, das zur Zeit der Sicherung galt, oder den "
                    "Wiederherstellungsschlüssel."
                ).format(path=path)
            ) from exc
        raise BackupError(
            _("{path} ist keine lesbare Sicherung: {error}").format(path=path, error=exc)
        ) from exc
    finally:
        con.close()
    if problems != ["ok"]:
        raise BackupError(
            _("Die Sicherung {path} ist beschädigt ({problem}).").format(
                path=path, problem=problems[0]
            )
        )
    if not version:
        raise BackupError(_("{path} ist keine Sicherung von KI Desktop.").format(path=path))
    return int(version)


def list_backups(folder: Path) -> list[BackupFile]:
    """The rotating backups in ``folder``, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            at = parse_backup_name(path.name)
            if at is None or not path.is_file():
                continue
            keys = key_file_for(path)
            found.append(
                BackupFile(path, keys if keys.is_file() else None, path.stat().st_size, at)
            )
    return sorted(found, key=lambda b: b.at, reverse=True)


def prune_backups(folder: Path, policy: RetentionPolicy = DEFAULT_POLICY) -> list[Path]:
    """Delete the rotating backups the policy no longer keeps (with their key files) and
    what an interrupted backup left behind; returns the deleted backups."""
    backups = {b.at: b for b in list_backups(folder)}
    deleted = []
    for at in backups_to_prune(backups, policy):
        backup = backups[at]
        backup.path.unlink(missing_ok=True)
        key_file_for(backup.path).unlink(missing_ok=True)
        deleted.append(backup.path)
    for leftover in folder.glob(f"*{_PART}") if folder.is_dir() else ():
        # A crash while writing; a running backup's part is at most minutes old.
        if time.time() - leftover.stat().st_mtime > 3600:
            leftover.unlink(missing_ok=True)
    return deleted


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def install_backup(source: Path, target: Path) -> Path | None:
    """Put the backup ``source`` (and its key file) in the place of the database file
    ``target``, which must be closed. The database that was there is kept beside it as
    ``<name>.vor-wiederherstellung.sqlite`` (with its WAL and key file); returns that path,
    or None when there was none."""
    source, target = Path(source), Path(target)
    keys_source, keys_target = key_file_for(source), key_file_for(target)
    parts = (_part(target), _part(keys_target))
    kept = target.with_name(target.stem + KEPT_SUFFIX)
    wal, shm = Path(f"{target}-wal"), Path(f"{target}-shm")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _new_private(parts[0])
        shutil.copyfile(source, parts[0])
        _private(parts[0])
        _fsync(parts[0])
        if keys_source.is_file():
            _new_private(parts[1])
            shutil.copyfile(keys_source, parts[1])
            _private(parts[1])
            _fsync(parts[1])
        had_database = target.exists()
        if had_database:
            for old in (kept, Path(f"{kept}-wal"), Path(f"{kept}-shm"), key_file_for(kept)):
                old.unlink(missing_ok=True)
            # The replaced database stays whole: its main file and its WAL under the kept
            # name (hard links, so the database file is never missing under its own name).
            _link_or_copy(target, kept)
            if wal.exists():
                _link_or_copy(wal, Path(f"{kept}-wal"))
            if keys_target.exists():
                shutil.copy2(keys_target, key_file_for(kept))
        # The old WAL must not be replayed onto the restored file.
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
        if parts[1].exists():
            os.replace(parts[1], keys_target)
        else:
            keys_target.unlink(missing_ok=True)
        os.replace(parts[0], target)
        _fsync_folder(target.parent)
    except OSError as exc:
        _discard(parts)
        raise BackupError(
            _("Die Sicherung konnte nicht nach {target} übernommen werden: {error}").format(
                target=target, error=exc.strerror or exc
            )
        ) from exc
    return kept if had_database else None
