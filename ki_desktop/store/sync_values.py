"""Row values as sync values, the same on every backend.

A sync file carries values as a SQLite laptop stores them: dates as ISO text, date-times as
``YYYY-MM-DD HH:MM:SS[.ffffff]``, booleans as 1/0. PostgreSQL hands back ``date``,
``datetime`` and ``bool`` objects; :class:`Codec` turns them into the same text and numbers,
so that a record exported from the server is byte for byte the record a laptop would export,
and that reading a row back never looks like an edit to the merge.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

import peewee as pw

from ki_desktop.store import dialect
from ki_desktop.store.models import Municipality, Record, School, User

if TYPE_CHECKING:
    from ki_desktop.store.sync_records import SyncTable

# References by a key every device shares (the ids of these rows differ between devices).
SHARED_KEYS = {Municipality: "ags", School: "schulnummer", User: "username"}


def _bool(value: object) -> object:
    return int(value) if isinstance(value, bool) else value


def _date(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


def _datetime(value: object) -> object:
    # What Python's sqlite3 writes for a datetime (no microseconds when there are none).
    return value.isoformat(" ") if isinstance(value, datetime) else value


def stored_form(field: pw.Field) -> Callable[[object], object] | None:
    """How a value of ``field`` read from PostgreSQL becomes the value SQLite stores (None:
    the same already)."""
    if isinstance(field, pw.BooleanField):
        return _bool
    if isinstance(field, pw.DateTimeField):
        return _datetime
    if isinstance(field, pw.DateField):
        return _date
    return None


def _shared_keys(model: type[Record], name: str) -> dict[str, str] | None:
    """For a reference to a municipality, school or user: row id → shared key."""
    field = model._meta.fields[name]
    target = getattr(field, "rel_model", None)
    if target not in SHARED_KEYS:
        return None
    column = getattr(target, SHARED_KEYS[target])
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
        self.forms: list[tuple[str, Callable[[object], object]]] = []
        if dialect.is_server():
            fields = table.model._meta.fields
            self.forms = [
                (name, form)
                for name in table.fields
                if (form := stored_form(fields[name])) is not None
            ]

    def resolves(self, name: str, key: object) -> bool:
        """True if a shared key (AGS, Schulnummer, user name) names a row on this device."""
        return key is None or key in self.back.get(name, {})

    def raw_to_sync(self, cells: tuple) -> dict[str, object]:
        """Sync values from the table's columns as the database returns them (in field
        order), in the form SQLite stores them."""
        values = dict(zip(self.table.fields, cells, strict=True))
        for name, form in self.forms:
            values[name] = form(values[name])
        for name, mapping in self.out.items():
            if values[name] is not None:
                values[name] = mapping.get(values[name])
        return values

    def to_row(self, values: dict[str, object]) -> dict[str, object]:
        """Column values (Python objects) of sync values; a shared key unknown here is left
        empty."""
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
