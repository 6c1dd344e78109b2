"""The audit trail in the database: appending chained entries, sealing old ones, reading.

Every entry is appended inside a write transaction that first reads the chain's last entry
(``BEGIN IMMEDIATE`` when no transaction is open, so another thread or process waits for the
lock instead of reading the same last entry). Should two writers still meet, the unique index
on ``seq`` refuses the second insert and it is tried again: the chain never forks.

Entries written before schema version 11 have no ``seq``. They are sealed into the chain, in
order of time, by the first append after the migration (opening the database writes
``db.migrate`` right after migrating, so that is at once) or by :func:`seal_unchained`. Once
the chain has entries nothing is sealed any more: a row without ``seq`` found later was put in
beside the program, and the check reports it.

What the chain protects against and what not is described in :mod:`ki_desktop.domain.audit`.
Audit entries are not synced (``audit_event`` is not among the tables of
:mod:`ki_desktop.store.sync_records`): each device keeps its own chain.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.domain.audit import GENESIS, AuditRecord, entry_hash
from ki_desktop.store import dialect
from ki_desktop.store.models import DB, current_device, new_id, utcnow

_RETRIES = 8
_PAGE = 5000
_COLUMNS = 'seq, at, "user", action, target, detail, prev_hash, hash'
_HEAD = "SELECT seq, hash FROM audit_event WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
# Rows without a place in the chain: none yet, or one before its first entry (put in by hand;
# the check reads the chain from seq 1 on and would otherwise pass over them).
_OUTSIDE = "(seq IS NULL OR seq < 1)"
_INSERT = """INSERT INTO audit_event (id, created_at, updated_at, version, device_id,
    at, "user", action, target, detail, seq, prev_hash, hash)
    VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Which entries to list: a user, actions beginning with ``action``, one target, and a
    time span (UTC, ``since`` included, ``until`` excluded)."""

    user: str = ""
    action: str = ""
    target: str = ""
    since: datetime | None = None
    until: datetime | None = None


def _stamp(at: datetime) -> str:
    return at.isoformat(sep=" ", timespec="microseconds")


def _write_lock():
    """A transaction holding the write lock from its start (a savepoint inside an open
    transaction, which then decides the locking)."""
    return dialect.write_lock("audit")


def _head_locked() -> tuple[int, str] | None:
    row = DB.execute_sql(_HEAD).fetchone()
    return None if row is None else (row[0], row[1])


def _seal_locked() -> tuple[int, str, int]:
    """Seal the entries without ``seq`` (by time, then id) onto an empty chain: returns the
    new head and how many were sealed."""
    seq, prev, sealed = 0, GENESIS, 0
    cursor = DB.execute_sql(
        f"SELECT id, {_COLUMNS} FROM audit_event WHERE seq IS NULL ORDER BY at, id"
    )
    updates = []
    for row_id, _seq, at, user, action, target, detail, _prev, _hash in cursor.fetchall():
        seq += 1
        digest = entry_hash(seq, at, user, action, target, detail, prev)
        updates.append((seq, prev, digest, row_id))
        prev, sealed = digest, sealed + 1
    if updates:
        dialect.executemany(
            "UPDATE audit_event SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?", updates
        )
    return seq, prev, sealed


def seal_unchained() -> int:
    """Seal the entries written before the chain existed (schema version < 11); returns how
    many. Does nothing once the chain has entries. Safe to call at every start."""
    with _write_lock():
        if _head_locked() is not None:
            return 0
        return _seal_locked()[2]


def append(user: str, action: str, target: str = "", detail: str = "") -> int:
    """Append one entry to the chain; returns its ``seq``."""
    for attempt in range(_RETRIES):
        try:
            with _write_lock():
                head = _head_locked()
                seq, prev = head if head is not None else _seal_locked()[:2]
                at = utcnow()
                stamp = _stamp(at)
                digest = entry_hash(seq + 1, at, user, action, target, detail, prev)
                DB.execute_sql(
                    _INSERT,
                    (
                        new_id(),
                        stamp,
                        stamp,
                        current_device(),
                        stamp,
                        user,
                        action,
                        target,
                        detail,
                        seq + 1,
                        prev,
                        digest,
                    ),
                )
                return seq + 1
        except pw.IntegrityError:
            # Another writer took this seq first (possible only without the lock, e.g. inside
            # a caller's deferred transaction): read the new head and try again.
            if attempt == _RETRIES - 1:
                raise
    raise AssertionError("unreachable")


def record_event(user: str, action: str, target: str = "", **detail: object) -> int:
    """Append an audit event (who, when, what); the keyword arguments become its detail (JSON).
    Returns the entry's place in the chain."""
    text = json.dumps(detail, ensure_ascii=False, default=str) if detail else ""
    return append(user, action, target, text)


def head() -> tuple[int, str]:
    """The chain's last ``seq`` and hash ((0, 64 zeros) for an empty chain)."""
    found = _head_locked()
    return found if found is not None else (0, GENESIS)


def unsealed_count() -> int:
    """Rows without a place in the chain."""
    return DB.execute_sql(f"SELECT count(*) FROM audit_event WHERE {_OUTSIDE}").fetchone()[0]


def _record(row: tuple) -> AuditRecord:
    return AuditRecord(*row)


def chain_pages(page: int = _PAGE) -> Iterator[list[AuditRecord]]:
    """The sealed entries in order of ``seq``, in pages (memory stays flat). Times come as
    the stored text, exactly as they were hashed."""
    last = 0
    sql = f"SELECT {_COLUMNS} FROM audit_event WHERE seq > ? ORDER BY seq LIMIT {int(page)}"
    while True:
        rows = DB.execute_sql(sql, (last,)).fetchall()
        if not rows:
            return
        yield [_record(r) for r in rows]
        last = rows[-1][0]


def read_snapshot():
    """A read transaction: pages read inside it see one state of the trail (also on
    PostgreSQL, where entries other computers append meanwhile stay outside)."""
    return dialect.snapshot()


def _where(query: AuditQuery) -> tuple[str, list[object]]:
    parts, params = [], []
    if query.user:
        parts.append('"user" = ?')
        params.append(query.user)
    if query.action:
        # without case, as SQLite's LIKE does for ASCII letters (PostgreSQL's LIKE does not)
        like = "ILIKE" if dialect.is_server() else "LIKE"
        parts.append(f"action {like} ? ESCAPE '\\'")
        escaped = query.action.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params.append(escaped + "%")
    if query.target:
        parts.append("target = ?")
        params.append(query.target)
    if query.since is not None:
        parts.append("at >= ?")
        params.append(_stamp(query.since))
    if query.until is not None:
        parts.append("at < ?")
        params.append(_stamp(query.until))
    return (" WHERE " + " AND ".join(parts)) if parts else "", params


def _as_datetime(record: AuditRecord) -> AuditRecord:
    at = record.at
    if isinstance(at, str):
        try:
            at = datetime.fromisoformat(at)
        except ValueError:
            at = datetime.min
    return AuditRecord(
        record.seq,
        at,
        record.user,
        record.action,
        record.target,
        record.detail,
        record.prev_hash,
        record.hash,
    )


def count_entries(query: AuditQuery = AuditQuery()) -> int:
    """How many entries match."""
    where, params = _where(query)
    return DB.execute_sql(f"SELECT count(*) FROM audit_event{where}", params).fetchone()[0]


def entries(
    query: AuditQuery = AuditQuery(), offset: int = 0, limit: int = 200, newest_first=True
) -> list[AuditRecord]:
    """One page of matching entries by ``seq`` (entries not sealed yet come last)."""
    where, params = _where(query)
    order = "seq IS NULL, seq DESC, at DESC" if newest_first else "seq IS NULL, seq, at"
    sql = f"SELECT {_COLUMNS} FROM audit_event{where} ORDER BY {order} LIMIT ? OFFSET ?"
    rows = DB.execute_sql(sql, [*params, int(limit), int(offset)]).fetchall()
    return [_as_datetime(_record(r)) for r in rows]


def iter_entries(query: AuditQuery = AuditQuery(), page: int = _PAGE) -> Iterator[AuditRecord]:
    """Every matching entry, oldest first, read in pages by ``seq`` (for exports); entries not
    sealed yet come last."""
    where, params = _where(query)
    joiner = " AND " if where else " WHERE "
    sql = f"SELECT {_COLUMNS} FROM audit_event{where}{joiner}seq > ? ORDER BY seq LIMIT ?"
    last = 0
    while True:
        rows = DB.execute_sql(sql, [*params, last, int(page)]).fetchall()
        yield from (_as_datetime(_record(r)) for r in rows)
        if len(rows) < page:
            break
        last = rows[-1][0]
    sql = f"SELECT {_COLUMNS} FROM audit_event{where}{joiner}{_OUTSIDE} ORDER BY at"
    yield from (_as_datetime(_record(r)) for r in DB.execute_sql(sql, params).fetchall())


def distinct_values(column: str) -> list[str]:
    """The users (``"user"``) or actions (``"action"``) that occur, sorted."""
    if column not in ("user", "action"):
        raise ValueError(column)
    rows = DB.execute_sql(f'SELECT DISTINCT "{column}" FROM audit_event ORDER BY 1').fetchall()
    return [r[0] for r in rows if r[0]]


def recent_events(action_prefix: str = "", limit: int = 50) -> list[dm.AuditEntry]:
    """Newest audit events first, optionally only actions starting with ``action_prefix``."""
    return [
        dm.AuditEntry(at=r.at, user=r.user, action=r.action, target=r.target, detail=r.detail)
        for r in entries(AuditQuery(action=action_prefix), 0, limit)
    ]
