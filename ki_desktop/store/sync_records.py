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
from datetime import date, datetime

import peewee as pw

from ki_desktop.store.connection import get_setting, set_setting
from ki_desktop.store.models import (
    DB,
    Case,
    CaseHistory,
    Consent,
    Guardian,
    IntakeInterview,
    LanguageSkill,
    Municipality,
    Offer,
    Provider,
    Recommendation,
    Record,
    Referral,
    School,
    SchoolHistory,
    User,
    utcnow,
)

# What a write that breaks a constraint raises (for the services, which do not know peewee).
DatabaseError = pw.DatabaseError

_BASE = {"id", "created_at", "updated_at", "version", "device_id"}
_SEQ = "sync.seq"
_CAPTURED = "sync.captured_at"
# References by a key every device shares (the ids of these rows differ between devices).
_SHARED_KEYS = {Municipality: "ags", School: "schulnummer", User: "username"}


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


# -- values ---------------------------------------------------------------------------------


def _shared_keys(model: type[Record], name: str) -> dict[str, str] | None:
    """For a reference to a municipality, school or user: row id → shared key."""
    field = model._meta.fields[name]
    target = getattr(field, "rel_model", None)
    if target not in _SHARED_KEYS:
        return None
    column = getattr(target, _SHARED_KEYS[target])
    return {row_id: key for row_id, key in target.select(target.id, column).tuples()}


class Codec:
    """Row values ↔ sync values of one table (references by shared keys)."""

    def __init__(self, table: SyncTable) -> None:
        self.table = table
        self.out: dict[str, dict[str, str]] = {}
        self.back: dict[str, dict[str, str]] = {}
        for name in table.fields:
            mapping = _shared_keys(table.model, name)
            if mapping is not None:
                self.out[name] = mapping
                self.back[name] = {key: row_id for row_id, key in mapping.items()}

    def resolves(self, name: str, key: object) -> bool:
        """True if a shared key (AGS, Schulnummer, user name) names a row on this device."""
        return key is None or key in self.back.get(name, {})

    def raw_to_sync(self, cells: tuple) -> dict[str, object]:
        """Sync values from the table's columns as SQLite returns them (in field order)."""
        values = dict(zip(self.table.fields, cells, strict=True))
        for name, mapping in self.out.items():
            if values[name] is not None:
                values[name] = mapping.get(values[name])
        return values

    def to_row(self, values: dict[str, object]) -> dict[str, object]:
        row = {}
        for name in self.table.fields:
            field = self.table.model._meta.fields[name]
            value = values.get(name)
            if name in self.back and value is not None:
                value = self.back[name].get(value)  # unknown here: left empty
            elif value is not None and isinstance(field, pw.DateTimeField):
                value = datetime.fromisoformat(value)
            elif value is not None and isinstance(field, pw.DateField):
                value = date.fromisoformat(value)
            row[field.column_name] = value
        return row


# -- merge states ---------------------------------------------------------------------------

_BATCH = 500
_UPSERT = """INSERT INTO sync_state ("table", record_id, state, seq, conflict, deleted)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT ("table", record_id) DO UPDATE SET state = excluded.state, seq = excluded.seq,
    conflict = excluded.conflict, deleted = excluded.deleted"""


class Sequence:
    """This device's change counter: every new or changed merge state gets the next number."""

    def __init__(self) -> None:
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
    DB.execute_sql("SELECT 1")  # make sure the connection is open
    DB.connection().executemany(
        _UPSERT,
        [
            (
                table,
                key,
                json.dumps(state, ensure_ascii=False, separators=(",", ":")),
                seq.next(),
                int(conflict),
                int(deleted),
            )
            for table, key, state, conflict, deleted in rows
        ],
    )


def captured_since() -> datetime | None:
    """When local edits were last turned into merge states (None: never)."""
    text = get_setting(_CAPTURED)
    return datetime.fromisoformat(text) if text else None


def mark_captured(at: datetime) -> None:
    set_setting(_CAPTURED, at.isoformat())


def rows_to_capture(table: SyncTable, since: datetime | None) -> Iterator[list[tuple]]:
    """Pages of (key, sync values, merge state or None) of the rows changed at or after
    ``since`` or without a merge state yet. Values are read as SQLite stores them (dates as
    ISO text, booleans as 0/1), the same form :class:`RowWriter` writes back."""
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
        WHERE s."table" = ? AND s.deleted = 0 AND NOT EXISTS
        (SELECT 1 FROM "{table.model._meta.table_name}" t WHERE t."{column}" = s.record_id)"""
    return [(key, json.loads(text)) for key, text in DB.execute_sql(sql, (table.name,))]


def load_state(table: str, key: str) -> dict | None:
    row = DB.execute_sql(
        'SELECT state FROM sync_state WHERE "table" = ? AND record_id = ?', (table, key)
    ).fetchone()
    return json.loads(row[0]) if row else None


def broken_references() -> int:
    """How many rows point to a row that is not there (checked at commit when deferred)."""
    return len(DB.execute_sql("PRAGMA foreign_key_check").fetchall())


def defer_foreign_keys() -> None:
    """Inside a transaction: check references at commit (parents may arrive after children)."""
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


class RowWriter:
    """Writes merged sync values into one table's rows with two prepared statements (building
    a query per row would cost more than the merge itself)."""

    def __init__(self, table: SyncTable) -> None:
        self.table, self.codec = table, Codec(table)
        model = table.model
        self.fields = [model._meta.fields[name] for name in table.fields]
        quoted = [f'"{f.column_name}"' for f in self.fields]
        # An empty value where the column needs one (a deletion met an edit) keeps the row's.
        sets = [
            f"{q} = ?" if f.null else f"{q} = COALESCE(?, {q})"
            for q, f in zip(quoted, self.fields, strict=True)
        ]
        name, key = model._meta.table_name, model._meta.fields[table.key].column_name
        self.update = (
            f'UPDATE "{name}" SET {", ".join(sets)}, updated_at = ?, device_id = ?, '
            f'version = version + 1 WHERE "{key}" = ?'
        )
        # While a deletion and an edit disagree, no value is emptied (the row keeps its data
        # until someone decides).
        keep = ", ".join(f"{q} = COALESCE(?, {q})" for q in quoted)
        self.update_keeping = (
            f'UPDATE "{name}" SET {keep}, updated_at = ?, device_id = ?, '
            f'version = version + 1 WHERE "{key}" = ?'
        )
        columns = ", ".join(["id", "created_at", "updated_at", "version", "device_id", *quoted])
        marks = ", ".join("?" * (5 + len(quoted)))
        self.insert = f'INSERT INTO "{name}" ({columns}) VALUES ({marks})'

    def _db_values(self, values: dict[str, object]) -> list[object]:
        row = self.codec.to_row(values)
        return [
            None if row[f.column_name] is None else f.db_value(row[f.column_name])
            for f in self.fields
        ]

    def write(
        self, key: str, values: dict[str, object], device: str, keep: bool = False, new=False
    ) -> str:
        """Returns "updated", "created" or "" (a school this device does not have). With
        ``keep`` an empty value leaves the row's value as it is; ``new`` says that the row
        cannot exist here yet (it has no merge state), so no update is tried first."""
        now = utcnow().isoformat(sep=" ")
        cells = self._db_values(values)
        con = DB.connection()
        update = self.update_keeping if keep else self.update
        if (
            not (new and self.table.key == "id")
            and con.execute(update, [*cells, now, device, key]).rowcount
        ):
            return "updated"
        if self.table.key != "id" or keep:
            return ""  # a school not in this list; or deleted here while edited elsewhere
        for i, field in enumerate(self.fields):
            if cells[i] is None and not field.null and field.default is not None:
                default = field.default() if callable(field.default) else field.default
                cells[i] = field.db_value(default)
        con.execute(self.insert, [key, now, now, 1, device, *cells])
        return "created"


def conflicted_states() -> list[tuple[str, str, dict]]:
    """(table, key, state) of every record in conflict, by table and key."""
    rows = DB.execute_sql(
        'SELECT "table", record_id, state FROM sync_state WHERE conflict = 1 '
        'ORDER BY "table", record_id'
    )
    return [(table, key, json.loads(text)) for table, key, text in rows]


def conflict_count() -> int:
    return DB.execute_sql("SELECT count(*) FROM sync_state WHERE conflict = 1").fetchone()[0]


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
