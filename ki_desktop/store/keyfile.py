"""The key file beside an encrypted database: key slots, failed attempts, pending audit events.

The database is encrypted with 32 random bytes (the database key, ``store.connection``). That
key is stored only wrapped, once per user, like the key slots of disk encryption:
``wrapped = AES-256-GCM(KEK, db_key)`` with ``KEK = Argon2id(password, salt)``. Changing a
password rewrites one slot and never re-encrypts the database. A recovery slot wraps the same
key with a random recovery key (high entropy, so HKDF suffices there).

The file, ``<database file name>.keys``, is JSON written atomically with mode 0600. It holds
no personal data beyond user names. Nothing in it is trusted: a slot's user name and the
file's id are the AES-GCM associated data, so a moved or edited slot fails its tag (denial,
never access); cost parameters are bounded so an edited file cannot exhaust memory; a lock
is never longer than the longest delay, whatever the file says.

Failed attempts live here (not in the database) because the lockout must work before the
database can be opened; failed logins wait here as pending events until the next successful
login writes them into the audit trail.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

FORMAT = "ki-desktop-keys"
VERSION = 1
KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
WRAPPED_BYTES = KEY_BYTES + 16  # key + GCM tag
RECOVERY_BYTES = 25  # 200 bits, 40 base32 letters
PENDING_LIMIT = 200

# Lockout: from the third consecutive failure on, wait 5 s, 10 s, 20 s … at most 15 minutes.
FREE_ATTEMPTS = 2
FIRST_DELAY = timedelta(seconds=5)
MAX_DELAY = timedelta(minutes=15)


@dataclass(frozen=True, slots=True)
class KdfParams:
    """Argon2id cost: iterations, memory in KiB, lanes."""

    time_cost: int
    memory_cost: int
    parallelism: int


# About 0.2 s on a two-core laptop (bench/login.py); RFC 9106's second choice uses 64 MiB.
PRODUCTION_KDF = KdfParams(time_cost=3, memory_cost=128 * 1024, parallelism=2)
# For tests only (a few milliseconds); tests set ``default_kdf = TEST_KDF``.
TEST_KDF = KdfParams(time_cost=1, memory_cost=64, parallelism=1)
default_kdf = PRODUCTION_KDF

# What a slot in a file may ask for (an edited file must not exhaust memory or time).
_LIMITS = {"time_cost": (1, 20), "memory_cost": (8, 1024 * 1024), "parallelism": (1, 16)}

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class KeyFileError(Exception):
    """The key file is missing, unreadable or not in the expected form."""


class WrongPassword(Exception):
    """The password (or recovery key) does not unwrap the slot, or there is no such slot."""


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
    path: Path
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


def new_key_file(db_path: str | os.PathLike[str]) -> KeyFile:
    """An empty key file (not yet written) for the database at ``db_path``."""
    return KeyFile(path=key_file_path(db_path), file_id=secrets.token_hex(16))


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


def load(db_path: str | os.PathLike[str]) -> KeyFile:
    """Read the key file of the database at ``db_path``; :class:`KeyFileError` when it is
    missing, unreadable or malformed (never a partial result)."""
    path = key_file_path(db_path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise KeyFileError("missing") from exc
    except OSError as exc:
        raise KeyFileError(f"unreadable: {exc.strerror}") from exc
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


def exists(db_path: str | os.PathLike[str]) -> bool:
    return key_file_path(db_path).is_file()


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


def save(keys: KeyFile) -> None:
    """Write the key file atomically (temporary file in the same folder, then rename), mode
    0600, so a crash leaves either the old or the new file, never half of one."""
    text = json.dumps(_to_json(keys), indent=2, ensure_ascii=False) + "\n"
    write_atomically(keys.path, text.encode("utf-8"))


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


# --- slots -----------------------------------------------------------------------------------


def _aad(keys: KeyFile, kind: str, username: str) -> bytes:
    return b"\x00".join((b"ki-desktop", kind.encode(), keys.file_id.encode(), username.encode()))


def derive_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    """The key-encryption key of a password (Argon2id, 32 bytes)."""
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def set_slot(keys: KeyFile, username: str, password: str, db_key: bytes) -> None:
    """Wrap ``db_key`` for ``username`` with a fresh salt and the current cost (replacing an
    existing slot of that user)."""
    params = default_kdf
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    kek = derive_kek(password, salt, params)
    wrapped = AESGCM(kek).encrypt(nonce, db_key, _aad(keys, "slot", username))
    keys.slots[username] = Slot(username, "argon2id", salt, params, nonce, wrapped)


def unwrap(keys: KeyFile, username: str, password: str) -> bytes:
    """The database key from ``username``'s slot; :class:`WrongPassword` for a wrong password
    and for a user without a slot (which costs the same time, so neither shows)."""
    slot = keys.slots.get(username)
    if slot is None or slot.params is None:
        derive_kek(password, os.urandom(SALT_BYTES), default_kdf)
        raise WrongPassword(username)
    kek = derive_kek(password, slot.salt, slot.params)
    try:
        return AESGCM(kek).decrypt(slot.nonce, slot.wrapped, _aad(keys, "slot", username))
    except InvalidTag:
        raise WrongPassword(username) from None


def remove_slot(keys: KeyFile, username: str) -> None:
    """Forget ``username``'s slot and failed attempts (the account is deactivated)."""
    keys.slots.pop(username, None)
    keys.attempts.pop(username, None)


def _recovery_kek(secret: bytes, salt: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=b"ki-desktop recovery"
    ).derive(secret)


def format_recovery_key(secret: bytes) -> str:
    """``ABCDE-FGHIJ-…``: base32 in groups of five letters (no 0/1/8/9 to misread)."""
    text = base64.b32encode(secret).decode("ascii").rstrip("=")
    return "-".join(text[i : i + 5] for i in range(0, len(text), 5))


# Digits base32 does not use, read as the letters they resemble when typed from a printout.
_LOOKALIKES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def parse_recovery_key(text: str) -> bytes:
    """The secret of a recovery key as typed (dashes, spaces and case do not matter);
    :class:`WrongPassword` when it cannot be one."""
    letters = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_LOOKALIKES)
    if len(letters) != RECOVERY_BYTES * 8 // 5:
        raise WrongPassword("recovery")
    try:
        return base64.b32decode(letters)
    except binascii.Error:
        raise WrongPassword("recovery") from None


def set_recovery(keys: KeyFile, db_key: bytes) -> str:
    """A new recovery key wrapping ``db_key`` (replacing the old one); returns it formatted."""
    secret = os.urandom(RECOVERY_BYTES)
    salt, nonce = os.urandom(SALT_BYTES), os.urandom(NONCE_BYTES)
    wrapped = AESGCM(_recovery_kek(secret, salt)).encrypt(nonce, db_key, _aad(keys, "recovery", ""))
    keys.recovery = Slot("", "hkdf-sha256", salt, None, nonce, wrapped)
    return format_recovery_key(secret)


def unwrap_recovery(keys: KeyFile, recovery_key: str) -> bytes:
    """The database key from the recovery slot; :class:`WrongPassword` when it does not fit."""
    secret = parse_recovery_key(recovery_key)
    slot = keys.recovery
    if slot is None:
        raise WrongPassword("recovery")
    try:
        return AESGCM(_recovery_kek(secret, slot.salt)).decrypt(
            slot.nonce, slot.wrapped, _aad(keys, "recovery", "")
        )
    except InvalidTag:
        raise WrongPassword("recovery") from None


# --- failed attempts -------------------------------------------------------------------------


def lock_delay(failures: int) -> timedelta:
    """How long to wait after ``failures`` consecutive failures (none for the first two)."""
    if failures <= FREE_ATTEMPTS:
        return timedelta(0)
    exponent = min(failures - FREE_ATTEMPTS - 1, 20)
    return min(FIRST_DELAY * 2**exponent, MAX_DELAY)


def seconds_locked(keys: KeyFile, username: str, now: datetime) -> int:
    """Seconds until ``username`` may try again (0: now). Never more than the longest delay,
    whatever the file says, so an edited file or a clock set back cannot lock for good."""
    attempts = keys.attempts.get(username)
    if attempts is None or attempts.locked_until is None:
        return 0
    remaining = min(attempts.locked_until - now, MAX_DELAY)
    if remaining <= timedelta(0):
        return 0
    return max(1, int(remaining.total_seconds() + 0.999))


def record_failure(
    keys: KeyFile, username: str | None, now: datetime, *, queue: bool = True
) -> int:
    """Count a failed attempt of ``username`` (None: a name without a slot, which is not
    counted but still reported) and, with ``queue``, keep it for the audit trail (when the
    database is closed); returns the seconds of the lock it starts (0: none)."""
    if queue:
        keys.pending.append({"user": username, "at": now.isoformat()})
        del keys.pending[:-PENDING_LIMIT]
    if username is None:
        return 0
    attempts = keys.attempts.setdefault(username, Attempts())
    attempts.failures += 1
    attempts.last_failure = now
    delay = lock_delay(attempts.failures)
    attempts.locked_until = now + delay if delay else None
    return int(delay.total_seconds())


def clear_failures(keys: KeyFile, username: str) -> None:
    """A successful login or password check: the count starts again."""
    keys.attempts.pop(username, None)


def take_pending(keys: KeyFile) -> list[dict[str, str | None]]:
    """The queued failed attempts, removed from the file's list (save afterwards)."""
    pending, keys.pending = keys.pending, []
    return pending
