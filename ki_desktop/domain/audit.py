"""The audit trail's hash chain: how an entry is hashed, and how a chain is checked.

Entry ``n`` (``seq`` = 1, 2, 3 …) stores ``prev_hash`` = the hash of entry ``n - 1`` (64 zeros
for the first) and ``hash`` = SHA-256 over a canonical serialisation of its own content and
``prev_hash`` (:func:`canonical`). Checking the chain in order of ``seq`` therefore finds

- an entry whose content was edited (its hash no longer fits: ``modified``),
- an entry deleted from the middle (a gap in ``seq``: ``missing``),
- entries moved to another place (``seq`` is hashed too: ``modified``),
- an edited entry whose hash was computed again (the next entry's ``prev_hash`` no longer
  fits: ``relinked``),
- rows put into the table beside the chain (no ``seq``: ``unsealed``).

What it does not find: entries cut off at the end, and a chain rewritten from the first
changed entry to the end by someone who can write the database file (there is no secret in the
hash). Against both, the head of the chain (its last ``seq`` and hash) is shown to the
administrator and written into every export, so that it can be noted elsewhere and compared
later (:meth:`ChainCheck.expect_head`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

# The file formats of an audit export.
EXPORT_FORMATS = ("csv", "xlsx")

GENESIS = "0" * 64

MODIFIED = "modified"
MISSING = "missing"
RELINKED = "relinked"
UNSEALED = "unsealed"
UNKNOWN_HEAD = "unknown_head"


@dataclass(frozen=True, slots=True)
class AuditRecord:
    """One entry of the audit trail as stored; ``seq`` is None for an entry not yet sealed
    into the chain (written before schema version 11)."""

    seq: int | None
    at: datetime | str
    user: str
    action: str
    target: str
    detail: str
    prev_hash: str | None = None
    hash: str | None = None


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The result of checking the chain: ``ok``, how many entries were checked, and for a
    broken chain the first entry that is wrong (``first_bad_seq``, None when the fault has no
    place in the chain) and why (one of the reason codes of this module)."""

    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str = ""
    head_seq: int = 0
    head_hash: str = GENESIS
    unsealed: int = 0


def at_text(at: datetime | str) -> str:
    """The time of an entry as hashed: ISO 8601 with microseconds. A stored text that is no
    time at all (edited by hand) is hashed as it is, and so no longer fits."""
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            return at
    return at.isoformat(timespec="microseconds")


def canonical(
    seq: int,
    at: datetime | str,
    user: str,
    action: str,
    target: str,
    detail: str,
    prev_hash: str,
) -> bytes:
    """The bytes an entry's hash is computed over: JSON with sorted keys, no spaces."""
    content = {
        "seq": seq,
        "at": at_text(at),
        "user": user,
        "action": action,
        "target": target,
        "detail": detail,
        "prev_hash": prev_hash,
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def entry_hash(
    seq: int,
    at: datetime | str,
    user: str,
    action: str,
    target: str,
    detail: str,
    prev_hash: str,
) -> str:
    """SHA-256 (hex) of :func:`canonical`."""
    return hashlib.sha256(canonical(seq, at, user, action, target, detail, prev_hash)).hexdigest()


def record_hash(record: AuditRecord) -> str:
    """The hash ``record`` should have, from its content and its ``prev_hash``."""
    return entry_hash(
        record.seq or 0,
        record.at,
        record.user,
        record.action,
        record.target,
        record.detail,
        record.prev_hash or "",
    )


class ChainCheck:
    """Checks sealed entries fed in order of ``seq`` (:meth:`feed`), stopping at the first
    fault; :meth:`report` gives the result. Memory stays flat: only the previous entry is
    kept."""

    def __init__(self) -> None:
        self.entries = 0
        self.first_bad_seq: int | None = None
        self.reason = ""
        self.head_seq = 0
        self.head_hash = GENESIS
        self._expected_head: str | None = None
        self._head_seen = False

    @property
    def broken(self) -> bool:
        return bool(self.reason)

    def expect_head(self, head_hash: str) -> None:
        """Also require an entry with this hash (a head noted earlier): a chain cut off or
        rewritten since then no longer contains it."""
        self._expected_head = head_hash.strip().lower()

    def feed(self, records: Iterable[AuditRecord]) -> bool:
        """Check the next entries; False once the chain is found broken."""
        for record in records:
            if self.broken:
                return False
            self._check(record)
        return not self.broken

    def _fail(self, seq: int | None, reason: str) -> None:
        self.first_bad_seq, self.reason = seq, reason

    def _check(self, record: AuditRecord) -> None:
        expected = self.head_seq + 1
        if record.seq != expected:
            self._fail(expected, MISSING)
            return
        if record.hash != record_hash(record):
            self._fail(record.seq, MODIFIED)
            return
        if record.prev_hash != self.head_hash:
            # The entry itself is intact, so the one before it was changed and hashed anew.
            self._fail(self.head_seq, RELINKED)
            return
        self.entries += 1
        self.head_seq, self.head_hash = record.seq, record.hash
        if self._expected_head is not None and record.hash == self._expected_head:
            self._head_seen = True

    def report(self, unsealed: int = 0) -> ChainReport:
        """The result; ``unsealed`` counts rows without a place in the chain (none is
        expected once the old entries have been sealed)."""
        reason, first_bad = self.reason, self.first_bad_seq
        if not reason and unsealed:
            reason = UNSEALED
        if not reason and self._expected_head is not None and not self._head_seen:
            reason = UNKNOWN_HEAD
        return ChainReport(
            ok=not reason,
            entries=self.entries,
            first_bad_seq=first_bad,
            reason=reason,
            head_seq=self.head_seq,
            head_hash=self.head_hash,
            unsealed=unsealed,
        )


def check_chain(
    records: Iterable[AuditRecord], unsealed: int = 0, expected_head: str | None = None
) -> ChainReport:
    """Check a whole chain at once (see :class:`ChainCheck`)."""
    check = ChainCheck()
    if expected_head:
        check.expect_head(expected_head)
    check.feed(records)
    return check.report(unsealed)
