"""The sync file: encrypted, authenticated, streamed in chunks.

Layout::

    b"KI-SYNC\\n"                      magic
    u32 length + header (JSON, UTF-8)  format version, team, source device, time, KDF
                                       parameters, cipher; no personal data
    chunks: u32 length + AES-256-GCM(zlib(JSON lines))

The key comes from the team passphrase with scrypt (salt in the header). The header holds a
key check value, so that a wrong passphrase is told apart from a damaged file. Every chunk is
authenticated together with the header, its number and whether it is the last one: a changed
header, reordered, missing or appended chunks, and a cut-off file all fail to decrypt. Memory
use is one chunk, however many records the file holds.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ki_desktop.i18n import _

MAGIC = b"KI-SYNC\n"
FORMAT_VERSION = 1
CHUNK_BYTES = 256 * 1024  # plaintext collected before a chunk is sealed
MAX_HEADER = 64 * 1024
MAX_CHUNK = 64 * 1024 * 1024
SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_LENGTH = struct.Struct(">I")


class SyncFileError(ValueError):
    """The file cannot be imported; the message says why in words for the user."""


@dataclass(frozen=True, slots=True)
class Header:
    source_device: str
    team: str
    created_at: str
    kind: str  # "changes" | "full"
    format: int = FORMAT_VERSION


def _derive(passphrase: str, salt: bytes, params: dict) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=params["n"], r=params["r"], p=params["p"])
    return kdf.derive(passphrase.encode("utf-8"))


def _check_value(key: bytes) -> str:
    return hmac.new(key, b"ki-desktop sync key check", hashlib.sha256).hexdigest()[:16]


def _nonce(prefix: bytes, number: int) -> bytes:
    return prefix + number.to_bytes(4, "big")


def _aad(header: bytes, number: int, last: bool) -> bytes:
    return header + number.to_bytes(4, "big") + (b"\x01" if last else b"\x00")


class SyncWriter:
    """Writes records (JSON-compatible dicts) to an open binary file."""

    def __init__(self, out: BinaryIO, passphrase: str, header: Header) -> None:
        salt, self._prefix = os.urandom(16), os.urandom(8)
        key = _derive(passphrase, salt, SCRYPT)
        self._key = AESGCM(key)
        fields = {
            "format": header.format,
            "kind": header.kind,
            "source_device": header.source_device,
            "team": header.team,
            "created_at": header.created_at,
            "cipher": "AES-256-GCM",
            "kdf": {"name": "scrypt", **SCRYPT, "salt": salt.hex()},
            "nonce_prefix": self._prefix.hex(),
            "key_check": _check_value(key),
        }
        self._header = json.dumps(fields, sort_keys=True).encode("utf-8")
        self._out = out
        self._buffer: list[bytes] = []
        self._size = 0
        self._number = 0
        self.records = 0
        out.write(MAGIC + _LENGTH.pack(len(self._header)) + self._header)

    def write(self, record: dict) -> None:
        self.write_json(json.dumps(record, ensure_ascii=False, separators=(",", ":")))

    def write_json(self, text: str) -> None:
        """Write a record already encoded as one line of JSON."""
        line = text.encode("utf-8")
        self._buffer.append(line + b"\n")
        self._size += len(line) + 1
        self.records += 1
        if self._size >= CHUNK_BYTES:
            self._seal(last=False)

    def close(self) -> None:
        """Seal the last chunk (also when it is empty): without it the file reads as cut off."""
        self._seal(last=True)
        self._out.flush()

    def _seal(self, last: bool) -> None:
        plain = zlib.compress(b"".join(self._buffer), 6)
        sealed = self._key.encrypt(
            _nonce(self._prefix, self._number), plain, _aad(self._header, self._number, last)
        )
        self._out.write(_LENGTH.pack(len(sealed)) + sealed)
        self._number += 1
        self._buffer, self._size = [], 0


def _read_exact(source: BinaryIO, size: int) -> bytes:
    data = source.read(size)
    if len(data) != size:
        raise SyncFileError(_("Die Sync-Datei ist unvollständig (abgeschnitten)."))
    return data


def read_header(source: BinaryIO) -> tuple[dict, bytes]:
    """The header fields and raw bytes; the file position is after the header."""
    if source.read(len(MAGIC)) != MAGIC:
        raise SyncFileError(_("Das ist keine Sync-Datei von KI Desktop."))
    (length,) = _LENGTH.unpack(_read_exact(source, _LENGTH.size))
    if length > MAX_HEADER:
        raise SyncFileError(_("Die Sync-Datei ist beschädigt (Kopf zu groß)."))
    raw = _read_exact(source, length)
    try:
        fields = json.loads(raw)
    except ValueError:
        raise SyncFileError(_("Die Sync-Datei ist beschädigt (Kopf unlesbar).")) from None
    version = fields.get("format")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise SyncFileError(
            _(
                "Die Sync-Datei hat das Format {version}; dieses Programm kennt nur Formate bis "
                "{known}. Bitte KI Desktop auf diesem Gerät aktualisieren."
            ).format(version=version, known=FORMAT_VERSION)
        )
    return fields, raw


def read_records(source: BinaryIO, passphrase: str, team: str | None = None) -> Iterator[dict]:
    """The header first (as a dict), then every record. Raises :class:`SyncFileError` for a
    wrong passphrase, another team's file, a newer format, a changed or cut-off file. Records
    of a chunk are only yielded once the chunk is authenticated; the caller must still treat
    an error after some records as a failure of the whole file (one transaction)."""
    fields, raw = read_header(source)
    if team is not None and fields.get("team") != team:
        raise SyncFileError(
            _("Die Sync-Datei gehört zu einem anderen Team (anderes KI) und wird nicht eingelesen.")
        )
    try:
        kdf = fields["kdf"]
        if {k: kdf.get(k) for k in SCRYPT} != SCRYPT or kdf.get("name") != "scrypt":
            raise ValueError("unknown key derivation")  # never let a file set the cost
        key = _derive(passphrase, bytes.fromhex(kdf["salt"]), kdf)
        prefix = bytes.fromhex(fields["nonce_prefix"])
    except (KeyError, ValueError, TypeError):
        raise SyncFileError(_("Die Sync-Datei ist beschädigt (Kopf unvollständig).")) from None
    if not hmac.compare_digest(_check_value(key), str(fields.get("key_check", ""))):
        raise SyncFileError(_("Die Passphrase ist falsch."))
    yield fields
    cipher, number = AESGCM(key), 0
    while True:
        (length,) = _LENGTH.unpack(_read_exact(source, _LENGTH.size))
        if length > MAX_CHUNK:
            raise SyncFileError(_("Die Sync-Datei ist beschädigt."))
        sealed = _read_exact(source, length)
        plain, last = None, False
        for last in (False, True):
            try:
                plain = cipher.decrypt(_nonce(prefix, number), sealed, _aad(raw, number, last))
                break
            except InvalidTag:
                continue
        if plain is None:
            raise SyncFileError(_("Die Sync-Datei wurde verändert oder ist beschädigt."))
        for line in zlib.decompress(plain).splitlines():
            yield json.loads(line)
        number += 1
        if last:
            if source.read(1):
                raise SyncFileError(_("Die Sync-Datei wurde verändert (Daten nach dem Ende)."))
            return


def now_text() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()
