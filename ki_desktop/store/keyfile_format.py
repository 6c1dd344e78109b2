"""The key file's contents and its JSON form: reading (strictly: anything unexpected is
refused whole, never half read) and writing (atomically, mode 0600).

A server database (``postgresql://``) has no file beside it; the same document lies in its
``key_store`` table (``store.key_store``). :func:`load`, :func:`exists`, :func:`save` and
:func:`updating` go there for a server location; a :class:`KeyFile` read from a server has
no :attr:`~KeyFile.path`.

The cryptography, the recovery key and the lockout are in ``store.keyfile``, which also
re-exports what is defined here.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ki_desktop.store.server import is_server_location

FORMAT = "ki-desktop-keys"
VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16  # key + GCM tag
PENDING_LIMIT = 200

# What a slot in a file may ask for (an edited file must not exhaust memory or time).
_LIMITS = {"time_cost": (1, 20), "memory_cost": (8, 1024 * 1024), "parallelism": (1, 16)}


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost: iterations, memory in KiB, lanes."""

    time_cost: int
    memory_cost: int
    parallelism: int


class KeyFileError(Exception):
    """The key file is missing, unreadable or not in the expected form."""


@dataclass(slots=True)
class Slot:
    """The database key wrapped for one user (or for the recovery key)."""

    username: str
    kdf: str
    salt: bytes
    params: KdfParams | None
    nonce: bytes
    wrapped: bytes


@dataclass(slots=True)
class Attempts:
    """Consecutive failed attempts of one user."""

    failures: int = 0
    last_failure: datetime | None = None
    locked_until: datetime | None = None


@dataclass(slots=True)
class KeyFile:
    path: Path | None  # None: the key_store of the open server database
    file_id: str
    slots: dict[str, Slot] = field(default_factory=dict)
    recovery: Slot | None = None
    attempts: dict[str, Attempts] = field(default_factory=dict)
    # Failed logins not yet in the audit trail: {"user": name or None, "at": ISO time}.
    pending: list[dict[str, str | None]] = field(default_factory=list)


def key_file_path(db_path: str | os.PathLike[str]) -> Path:
    """``<database file name>.keys`` beside the database."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".keys")


# --- reading and writing ---------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(value: object, length: int) -> bytes:
    if not isinstance(value, str):
        raise KeyFileError("expected base64 text")
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as exc:
        raise KeyFileError("bad base64") from exc
    if len(data) != length:
        raise KeyFileError("bad length")
    return data


def _int_in(value: object, name: str) -> int:
    low, high = _LIMITS[name]
    if type(value) is not int or not low <= value <= high:
        raise KeyFileError(f"{name} out of range")
    return value


def _time(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise KeyFileError("bad time")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise KeyFileError("bad time") from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _slot_to_json(slot: Slot) -> dict:
    data: dict = {"username": slot.username, "kdf": slot.kdf, "salt": _b64(slot.salt)}
    if slot.params is not None:
        data |= {
            "time_cost": slot.params.time_cost,
            "memory_cost": slot.params.memory_cost,
            "parallelism": slot.params.parallelism,
        }
    return data | {"nonce": _b64(slot.nonce), "wrapped": _b64(slot.wrapped)}


def _slot_from_json(data: object, kdf: str) -> Slot:
    if not isinstance(data, dict) or data.get("kdf") != kdf:
        raise KeyFileError("bad slot")
    username = data.get("username")
    if not isinstance(username, str) or (kdf == "argon2id" and not username):
        raise KeyFileError("bad user name")
    params = None
    if kdf == "argon2id":
        params = KdfParams(
            _int_in(data.get("time_cost"), "time_cost"),
            _int_in(data.get("memory_cost"), "memory_cost"),
            _int_in(data.get("parallelism"), "parallelism"),
        )
        if params.memory_cost < 8 * params.parallelism:
            raise KeyFileError("memory_cost too small")
    return Slot(
        username=username,
        kdf=kdf,
        salt=_unb64(data.get("salt"), SALT_BYTES),
        params=params,
        nonce=_unb64(data.get("nonce"), NONCE_BYTES),
        wrapped=_unb64(data.get("wrapped"), WRAPPED_BYTES),
    )


def _attempts_from_json(data: object) -> Attempts:
    if not isinstance(data, dict):
        raise KeyFileError("bad attempts")
    failures = data.get("failures", 0)
    if type(failures) is not int or failures < 0:
        raise KeyFileError("bad failure count")
    return Attempts(
        failures=min(failures, 1000),
        last_failure=_time(data.get("last_failure")),
        locked_until=_time(data.get("locked_until")),
    )


def load(location: str | os.PathLike[str]) -> KeyFile:
    """Read the key file of the database at ``location`` (of a server: its document in the
    open database); :class:`KeyFileError` when it is missing, unreadable or malformed (never
    a partial result)."""
    if is_server_location(location):
        from ki_desktop.store import key_store

        return key_store.load_keys()
    path = key_file_path(location)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise KeyFileError("missing") from exc
    except OSError as exc:
        raise KeyFileError(f"unreadable: {exc.strerror}") from exc
    return parse(raw, path)


def parse(raw: bytes, path: Path | None = None) -> KeyFile:
    """The key file whose bytes are ``raw``; :class:`KeyFileError` when they are not one."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise KeyFileError("not JSON") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KeyFileError("not a key file")
    if data.get("version") != VERSION:
        raise KeyFileError("unknown version")
    file_id = data.get("file_id")
    slots_data = data.get("slots", [])
    attempts_data = data.get("attempts", {})
    pending_data = data.get("pending", [])
    if not isinstance(file_id, str) or not file_id:
        raise KeyFileError("bad file id")
    if not isinstance(slots_data, list) or not isinstance(attempts_data, dict):
        raise KeyFileError("bad structure")
    if not isinstance(pending_data, list):
        raise KeyFileError("bad pending list")
    slots: dict[str, Slot] = {}
    for item in slots_data:
        slot = _slot_from_json(item, "argon2id")
        if slot.username in slots:
            raise KeyFileError("duplicate slot")
        slots[slot.username] = slot
    recovery = data.get("recovery")
    pending = []
    for item in pending_data[-PENDING_LIMIT:]:
        if not isinstance(item, dict) or not isinstance(item.get("at"), str):
            raise KeyFileError("bad pending event")
        user = item.get("user")
        pending.append({"user": user if isinstance(user, str) else None, "at": item["at"]})
    return KeyFile(
        path=path,
        file_id=file_id,
        slots=slots,
        recovery=None if recovery is None else _slot_from_json(recovery, "hkdf-sha256"),
        attempts={str(k): _attempts_from_json(v) for k, v in attempts_data.items()},
        pending=pending,
    )


def exists(location: str | os.PathLike[str]) -> bool:
    """Whether the database at ``location`` has a key file (a server: a document)."""
    if is_server_location(location):
        from ki_desktop.store import key_store

        return key_store.read_document() is not None
    return key_file_path(location).is_file()


def _to_json(keys: KeyFile) -> dict:
    def stamp(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "format": FORMAT,
        "version": VERSION,
        "file_id": keys.file_id,
        "slots": [_slot_to_json(s) for _, s in sorted(keys.slots.items())],
        "recovery": _slot_to_json(keys.recovery) if keys.recovery else None,
        "attempts": {
            name: {
                "failures": a.failures,
                "last_failure": stamp(a.last_failure),
                "locked_until": stamp(a.locked_until),
            }
            for name, a in sorted(keys.attempts.items())
            if a.failures
        },
        "pending": keys.pending[-PENDING_LIMIT:],
    }


def dumps(keys: KeyFile) -> bytes:
    """The bytes of the key file (UTF-8 JSON)."""
    return (json.dumps(_to_json(keys), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def save(keys: KeyFile) -> None:
    """Write the key file atomically (temporary file in the same folder, then rename), mode
    0600, so a crash leaves either the old or the new file, never half of one. Without a
    path: replace the document of the open server database."""
    if keys.path is None:
        from ki_desktop.store import key_store

        key_store.write_document(dumps(keys))
        return
    write_atomically(keys.path, dumps(keys))


@contextmanager
def updating(location: str | os.PathLike[str]) -> Iterator[KeyFile]:
    """Read, let the block change, write back if changed; nothing is written when the block
    raises. On a server the row stays locked from the read to the write
    (:func:`ki_desktop.store.key_store.updating_keys`), so changes from several laptops at
    once are applied one after the other, none lost."""
    if is_server_location(location):
        from ki_desktop.store import key_store

        with key_store.updating_keys() as keys:
            yield keys
        return
    keys = load(location)
    before = dumps(keys)
    yield keys
    if dumps(keys) != before:
        save(keys)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` in one step; the file is readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:  # mkstemp creates it with mode 0600
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if os.name == "posix":
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
