"""Synced records as plain values, and their merge states in the database.

A record travels as ``(table, key, state)``: the key is the id, except for schools (the
Schulnummer: every laptop imports the official list itself, so only the KI's own data per
school travels). References travel by keys every device shares: a municipality by its AGS, a
school by its Schulnummer, a user by the user name, everything else by its UUID.

This device's edits since the last capture become writes of the merge
state, and incoming states are merged and written into the rows (both in
:mod:`ki_desktop.services.sync_engine`); this module reads and writes rows and states, inside
the caller's transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee as pw

from ki_desktop.store import dialect
from ki_desktop.store.connection import get_setting, set_setting
from ki_desktop.store.models import (
    DB,
    Case,
    CaseHistory,
    Consent,
    Guardian,
    IntakeInterview,
    LanguageSkill,
    Offer,
    Provider,
    Recommendation,
    Record,
    Referral,
    School,
    SchoolHistory,
)
from ki_desktop.store.sync_rows import write_many
from ki_desktop.store.sync_values import Codec

# What a write that breaks a constraint raises (for the services, which do not know peewee).
DatabaseError = pw.DatabaseError

_BASE = {"id", "created_at", "updated_at", "version", "device_id"}
_SEQ = "sync.seq"
_CAPTURED = "sync.captured_at"
# Serialises the writers of merge states on a server (every client is the same device there).
SERVER_LOOK_BACK = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class SyncTable:
    model: type[Record]
    fields: tuple[str, ...]
    key: str = "id"

    @property
    def name(self) -> str:
        return self.model._meta.table_name


def _fields(model: type[Record], only: tuple[str, ...] = ()) -> tuple[str, ...]:
    names = [f.name for f in model._meta.sorted_fields if f.name not in _BASE]
    return tuple(n for n in names if not only or n in only)


# Parents before children (rows are written in this order).
TABLES: tuple[SyncTable, ...] = (
    SyncTable(
        School,
        ("erstfoerderung_places", "erstfoerderung_free", "contact_person", "notes"),
        "schulnummer",
    ),
    SyncTable(Provider, _fields(Provider)),
    SyncTable(Offer, _fields(Offer)),
    SyncTable(Case, _fields(Case)),
    SyncTable(Guardian, _fields(Guardian)),
    SyncTable(IntakeInterview, _fields(IntakeInterview)),
    SyncTable(SchoolHistory, _fields(SchoolHistory)),
    SyncTable(LanguageSkill, _fields(LanguageSkill)),
    SyncTable(Consent, _fields(Consent)),
    SyncTable(Recommendation, _fields(Recommendation)),
    SyncTable(Referral, _fields(Referral)),
    SyncTable(CaseHistory, _fields(CaseHistory)),
)
BY_NAME = {t.name: t for t in TABLES}


def hold_rows() -> None:
    """Inside an import's transaction, before its capture: on a server, no other client may
    change a synced row until the import commits (on SQLite the file's write lock does this).
    Otherwise a save committed between the capture and the import's write of the same row
    would be overwritten unseen. Plain reads go on. The tables are locked in the order saves
    lock their rows (a case first, an offer first), so that a save already under way finishes
    first instead of deadlocking."""
    if not dialect.is_server():
        return
    first = ("case", "offer", "school")
    names = [*first, *(t.name for t in TABLES if t.name not in first)]
    tables = ", ".join(f'"{name}"' for name in names)
    DB.execute_sql(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")


# -- merge states ---------------------------------------------------------------------------

_BATCH = 500
_UPSERT = """INSERT INTO sync_state ("table", record_id, state, seq, conflict, deleted)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT ("table", record_id) DO UPDATE SET state = excluded.state, seq = excluded.seq,
    conflict = excluded.conflict, deleted = excluded.deleted"""


class Sequence:
    """This device's change counter: every new or changed merge state gets the next number.

    Made inside the transaction that stores the states. On a server every client works as the
    same device: the first counter of a transaction holds a lock until it ends, so that two
    clients exporting, importing or settling at once neither hand out the same numbers nor
    merge into the same states side by side (on SQLite the file's write lock does this)."""

    def __init__(self) -> None:
        dialect.advisory_lock("sync")
        self.value = int(get_setting(_SEQ) or 0)

    def next(self) -> int:
        self.value += 1
        return self.value

    def save(self) -> None:
        set_setting(_SEQ, str(self.value))


def current_seq() -> int:
    return int(get_setting(_SEQ) or 0)


def store_states(rows: list[tuple[str, str, dict, bool, bool]], seq: Sequence) -> None:
    """Save merge states: (table, key, state, in conflict, deleted), each with the next number."""
    if not rows:
        return
    write_many(
        _UPSERT,
        [
            (
                table,
                key,
                json.dumps(state, ensure_ascii=False, separators=(",", ":")),
                seq.next(),
                bool(conflict),
                bool(deleted),
            )
            for table, key, state, conflict, deleted in rows
        ],
    )


def captured_since() -> datetime | None:
    """When local edits were last turned into merge states (None: never).

    On a server the rows are stamped by the clocks of many computers, and an edit may still
    be uncommitted while the capture reads: the capture then looks back a while further
    (rows found again that did not change are no edit)."""
    text = get_setting(_CAPTURED)
    if not text:
        return None
    at = datetime.fromisoformat(text)
    return at - SERVER_LOOK_BACK if dialect.is_server() else at


def mark_captured(at: datetime) -> None:
    set_setting(_CAPTURED, at.isoformat())


def rows_to_capture(table: SyncTable, since: datetime | None) -> Iterator[list[tuple]]:
    """Pages of (key, sync values, merge state or None) of the rows changed at or after
    ``since`` or without a merge state yet. Values are read as SQLite stores them (dates as
    ISO text, booleans as 0/1; :class:`Codec`), on either backend."""
    model = table.model
    key = model._meta.fields[table.key].column_name
    columns = [model._meta.fields[name].column_name for name in table.fields]
    select = ", ".join(f't."{c}"' for c in columns)
    sql = f"""SELECT t."{key}", {select}, s.state FROM "{model._meta.table_name}" t
        LEFT JOIN sync_state s ON s."table" = ? AND s.record_id = t."{key}"
        WHERE t."{key}" > ? AND (? IS NULL OR t.updated_at >= ? OR s.record_id IS NULL)
        ORDER BY t."{key}" LIMIT {_BATCH}"""
    codec = Codec(table)
    stamp = None if since is None else since.isoformat(sep=" ")
    last = ""
    while True:
        rows = DB.execute_sql(sql, (table.name, last, stamp, stamp)).fetchall()
        if not rows:
            return
        yield [
            (row[0], codec.raw_to_sync(row[1:-1]), json.loads(row[-1]) if row[-1] else None)
            for row in rows
        ]
        last = rows[-1][0]


def orphaned_states(table: SyncTable) -> list[tuple[str, dict]]:
    """Merge states not marked deleted whose row is gone (deleted here, also by a cascade)."""
    if table.model is School:
        return []  # schools leave with the official list, not by sync
    column = table.model._meta.fields[table.key].column_name
    sql = f"""SELECT s.record_id, s.state FROM sync_state s
        WHERE s."table" = ? AND s.deleted = ? AND NOT EXISTS
        (SELECT 1 FROM "{table.model._meta.table_name}" t WHERE t."{column}" = s.record_id)"""
    rows = DB.execute_sql(sql, (table.name, False))
    return [(key, json.loads(text)) for key, text in rows]


def load_state(table: str, key: str) -> dict | None:
    row = DB.execute_sql(
        'SELECT state FROM sync_state WHERE "table" = ? AND record_id = ?', (table, key)
    ).fetchone()
    return json.loads(row[0]) if row else None


def load_states(table: str, keys: list[str]) -> dict[str, dict]:
    """The merge states of some records of one table (at most a few hundred keys): key →
    state; records without one are left out."""
    if not keys:
        return {}
    marks = ", ".join("?" * len(keys))
    rows = DB.execute_sql(
        f'SELECT record_id, state FROM sync_state WHERE "table" = ? AND record_id IN ({marks})',
        (table, *keys),
    )
    return {key: json.loads(text) for key, text in rows}


def broken_references() -> bool:
    """Inside a transaction with deferred checks: whether a row points to a row that is not
    there (what the commit would refuse)."""
    if not dialect.is_server():
        return bool(DB.execute_sql("PRAGMA foreign_key_check").fetchall())
    try:
        with DB.atomic():  # a savepoint: the failed check leaves the transaction usable
            DB.execute_sql("SET CONSTRAINTS ALL IMMEDIATE")  # checks what was deferred
    except pw.IntegrityError:
        return True
    finally:
        DB.execute_sql("SET CONSTRAINTS ALL DEFERRED")
    return False


def defer_foreign_keys() -> None:
    """Inside a transaction: check references at commit (parents may arrive after children).
    On the server every reference is declared ``DEFERRABLE`` for this."""
    if dialect.is_server():
        DB.execute_sql("SET CONSTRAINTS ALL DEFERRED")
    else:
        DB.execute_sql("PRAGMA defer_foreign_keys = ON")


def states_since(seq: int) -> Iterator[tuple[str, str, str]]:
    """Every merge state changed here after ``seq``: (table, key, state as JSON text), oldest
    first, read in pages so that memory does not grow with the number of records."""
    last = seq
    while True:
        rows = DB.execute_sql(
            'SELECT seq, "table", record_id, state FROM sync_state WHERE seq > ? '
            "ORDER BY seq LIMIT ?",
            (last, _BATCH),
        ).fetchall()
        if not rows:
            return
        for _seq, table, key, text in rows:
            yield table, key, text
        last = rows[-1][0]


def delete_row(table: SyncTable, key: str) -> bool:
    return bool(table.model.delete().where(getattr(table.model, table.key) == key).execute())


def conflicted_states() -> list[tuple[str, str, dict]]:
    """(table, key, state) of every record in conflict, by table and key."""
    rows = DB.execute_sql(
        'SELECT "table", record_id, state FROM sync_state WHERE conflict = ? '
        'ORDER BY "table", record_id',
        (True,),
    )
    return [(table, key, json.loads(text)) for table, key, text in rows]


def conflict_count() -> int:
    sql = "SELECT count(*) FROM sync_state WHERE conflict = ?"
    return DB.execute_sql(sql, (True,)).fetchone()[0]


def row_title(table: SyncTable, key: str) -> dict | None:
    """The few values that name a record in the conflict list (names of a case, title of an
    offer ...), or None if the row is gone."""
    model = table.model
    names = [
        n
        for n in ("first_name", "last_name", "name", "title", "birth_date", "kind")
        if n in model._meta.fields
    ]
    case_id = "case" if "case" in model._meta.fields else None
    fields = [getattr(model, n) for n in names] + ([getattr(model, case_id)] if case_id else [])
    row = model.select(*fields).where(getattr(model, table.key) == key).dicts().first()
    return row


def row_values(table: SyncTable, key: str) -> dict[str, object] | None:
    """The sync values of one row as it is stored here, or None if there is no such row."""
    model = table.model
    columns = [model._meta.fields[name].column_name for name in table.fields]
    select = ", ".join(f'"{c}"' for c in columns)
    column = model._meta.fields[table.key].column_name
    row = DB.execute_sql(
        f'SELECT {select} FROM "{model._meta.table_name}" WHERE "{column}" = ?', (key,)
    ).fetchone()
    return None if row is None else Codec(table).raw_to_sync(row)
