"""The key file beside an encrypted database: key slots, failed attempts, pending audit events.

The database is encrypted with 32 random bytes (the database key, ``store.connection``). That
key is stored only wrapped, once per user, like the key slots of disk encryption:
``wrapped = AES-256-GCM(KEK, db_key)`` with ``KEK = Argon2id(password, salt)``. Changing a
password rewrites one slot and never re-encrypts the database. A recovery slot wraps the same
key with a random recovery key (high entropy, so HKDF suffices there).

The file, ``<database file name>.keys``, is JSON written atomically with mode 0600; a server
database keeps the same document in its ``key_store`` table (``store.key_store``), where the
wrapped key only proves the password (there is no SQLCipher on the server). It holds
no personal data beyond user names. Nothing in it is trusted: a slot's user name and the
file's id are the AES-GCM associated data, so a moved or edited slot fails its tag (denial,
never access); cost parameters are bounded so an edited file cannot exhaust memory; a lock
is never longer than the longest delay, whatever the file says.

Failed attempts live here (not in the database) because the lockout must work before the
database can be opened; failed logins wait here as pending events until the next successful
login writes them into the audit trail (on a server, which is open before the password is
checked, they go into the audit trail at once).
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ki_desktop.store.keyfile_format import (
    KEY_BYTES,
    NONCE_BYTES,
    PENDING_LIMIT,
    SALT_BYTES,
    Attempts,
    KdfParams,
    KeyFile,
    KeyFileError,
    Slot,
    dumps,
    exists,
    key_file_path,
    load,
    parse,
    save,
    updating,
    write_atomically,
)
from ki_desktop.store.server import is_server_location

__all__ = [
    "Attempts",
    "KdfParams",
    "KeyFile",
    "KeyFileError",
    "Slot",
    "WrongPassword",
    "dumps",
    "exists",
    "key_file_path",
    "load",
    "parse",
    "save",
    "updating",
    "write_atomically",
]

RECOVERY_BYTES = 25  # 200 bits, 40 base32 letters

# Lockout: from the third consecutive failure on, wait 5 s, 10 s, 20 s … at most 15 minutes.
FREE_ATTEMPTS = 2
FIRST_DELAY = timedelta(seconds=5)
MAX_DELAY = timedelta(minutes=15)


# About 0.2 s on a two-core laptop (bench/login.py); RFC 9106's second choice uses 64 MiB.
PRODUCTION_KDF = KdfParams(time_cost=3, memory_cost=128 * 1024, parallelism=2)
# For tests only (a few milliseconds); tests set ``default_kdf = TEST_KDF``.
TEST_KDF = KdfParams(time_cost=1, memory_cost=64, parallelism=1)
default_kdf = PRODUCTION_KDF


Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class WrongPassword(Exception):
    """The password (or recovery key) does not unwrap the slot, or there is no such slot."""


def new_key_file(location: str | os.PathLike[str]) -> KeyFile:
    """An empty key file (not yet written) for the database at ``location`` (of a server:
    its document, without a path)."""
    path = None if is_server_location(location) else key_file_path(location)
    return KeyFile(path=path, file_id=secrets.token_hex(16))


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
