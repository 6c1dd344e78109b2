"""What ``store.table_copy`` copies and how it compares: the tables of the models with their
columns, each value converted for the server, and the canonical form the checksums hash.

SQLite returns a value as it stores it (dates as ISO text, booleans as 0/1), PostgreSQL as
its type (``date``, ``bool``). :func:`to_python` brings either to the Python value the server
stores, by the kind of the column; a value the server would refuse or store differently (an
integer beyond 32 bits, a NUL character, a date that is none; a text longer than a column
with a limit, though the server's text columns have none) raises ValueError, and :class:`RowConverter` names the place (:class:`ValueRefused`).
:func:`canonical_row` is the one text form of a converted row that both sides' checksums
hash.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

import peewee as pw

from ki_desktop.store.models import Setting

INT_RANGE = (-(2**31), 2**31 - 1)  # PostgreSQL INTEGER
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")
_KINDS = {
    "AUTO": "int",
    "INT": "int",
    "BIGINT": "int",
    "SMALLINT": "int",
    "BOOL": "bool",
    "DATE": "date",
    "DATETIME": "datetime",
    "FLOAT": "float",
    "DOUBLE": "float",
}
# A fresh server database has its own device id (the server is a device of its own and keeps
# it): that row is neither copied nor compared.
OWN_SETTING = "device_id"


class ValueRefused(ValueError):
    """A source value the server would refuse or store differently: where it is, and the
    problem (``not_int``, ``int_range``, ``not_bool``, ``not_date``, ``not_time``,
    ``not_number``, ``not_text``, ``nul``, ``too_long`` with the length and the limit)."""

    def __init__(self, table: str, column: str, key: object, problem: tuple[object, ...]):
        super().__init__(f"{table}.{column} [{key}]: {problem}")
        self.table, self.column, self.key = table, column, key
        self.problem = str(problem[0])
        self.params = problem[1:]


class SchemaMismatch(RuntimeError):
    """The source table's columns are not those of the model (the copy would lose data)."""

    def __init__(self, table: str, missing: Sequence[str], extra: Sequence[str]):
        super().__init__(f"{table}: missing {list(missing)}, extra {list(extra)}")
        self.table, self.missing, self.extra = table, tuple(missing), tuple(extra)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    kind: str  # int | bool | date | datetime | float | text
    max_length: int | None = None


@dataclass(frozen=True, slots=True)
class TableSpec:
    """One table to copy: its columns, its primary key, and whether the server numbers its
    rows (a sequence to set after the copy)."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    serial: bool = False
    # Rows left out on both sides: the server's own device id.
    where: str = ""

    @property
    def column_list(self) -> str:
        return ", ".join(f'"{c.name}"' for c in self.columns)


def _column(field: pw.Field) -> Column:
    # No length limit: the server's text columns are TEXT (``pg_schema`` widens peewee's
    # VARCHAR), so a text longer than its field's nominal length is kept whole, as in SQLite.
    return Column(field.column_name, _KINDS.get(field.field_type, "text"))


def _fk_order(models: Iterable[type[pw.Model]]) -> list[type[pw.Model]]:
    """The models in their given order, each after the models it refers to."""
    done: set[type[pw.Model]] = set()
    ordered: list[type[pw.Model]] = []

    def visit(model: type[pw.Model]) -> None:
        if model in done:
            return
        done.add(model)
        for fk in model._meta.refs:
            if fk.rel_model is not model:
                visit(fk.rel_model)
        ordered.append(model)

    for model in models:
        visit(model)
    return ordered


def table_specs(models: Iterable[type[pw.Model]]) -> list[TableSpec]:
    """What to copy of ``models``, in foreign-key order."""
    specs = []
    for model in _fk_order(models):
        meta = model._meta
        pk = meta.primary_key
        key = (
            tuple(meta.fields[n].column_name for n in pk.field_names)
            if isinstance(pk, pw.CompositeKey)
            else (pk.column_name,)
        )
        specs.append(
            TableSpec(
                meta.table_name,
                tuple(_column(f) for f in meta.sorted_fields),
                key,
                serial=isinstance(pk, pw.AutoField),
                where=f"\"key\" <> '{OWN_SETTING}'" if model is Setting else "",
            )
        )
    return specs


# --- values ----------------------------------------------------------------------------------


def _naive_utc(value: datetime) -> datetime:
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def _to_int(value: object) -> int:
    whole_float = isinstance(value, float) and value.is_integer()
    if whole_float or (isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value)):
        value = int(value)
    if not isinstance(value, int):
        raise ValueError("not_int")
    if not INT_RANGE[0] <= value <= INT_RANGE[1]:
        raise ValueError("int_range")
    return int(value)


def _to_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value in (0, 1) or value in ("0", "1"):
        return bool(int(value))  # type: ignore[arg-type]
    raise ValueError("not_bool")


def _to_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return date.fromisoformat(value)
        with contextlib.suppress(ValueError):
            # A time after the day, read as the program itself reads it (peewee keeps the day).
            return datetime.fromisoformat(value).date()
    raise ValueError("not_date")


def _to_datetime(value: object) -> datetime:
    if isinstance(value, datetime):
        return _naive_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time())
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return _naive_utc(datetime.fromisoformat(value))
    raise ValueError("not_time")


def _to_float(value: object) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            return float(value)
    raise ValueError("not_number")


def _to_text(value: object, max_length: int | None) -> str:
    if not isinstance(value, str):
        raise ValueError("not_text")
    if "\x00" in value:
        raise ValueError("nul")
    if max_length is not None and len(value) > max_length:
        raise ValueError("too_long", len(value), max_length)
    return value


_CONVERTERS = {
    "int": _to_int,
    "bool": _to_bool,
    "date": _to_date,
    "datetime": _to_datetime,
    "float": _to_float,
}


def _converter(column: Column) -> Callable[[object], object]:
    if column.kind in _CONVERTERS:
        return _CONVERTERS[column.kind]
    return functools.partial(_to_text, max_length=column.max_length)


def to_python(column: Column, value: object) -> object:
    """``value`` (as either database returns it) as the Python value the server stores;
    ValueError when it cannot be stored unchanged."""
    return None if value is None else _converter(column)(value)


_CANONICAL: dict[type, Callable[[object], object]] = {
    datetime: lambda v: v.isoformat(sep=" ", timespec="microseconds"),  # type: ignore[attr-defined]
    date: lambda v: v.isoformat(),  # type: ignore[attr-defined]
    float: repr,  # all digits; 1.0 and 1 stay apart from the text "1"
}


def canonical_row(values: Sequence[object]) -> bytes:
    """One converted row as the checksum reads it: a JSON array of the values, dates and
    times as ISO text, floats with all their digits."""
    plain = [f(v) if (f := _CANONICAL.get(type(v))) else v for v in values]
    return json.dumps(plain, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


class RowConverter:
    """Converts the rows of one table for the server (:class:`ValueRefused` naming the
    place); made once per table, as it is called for every row."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self._steps = [_converter(c) for c in spec.columns]

    def __call__(self, row: Sequence[object]) -> tuple[object, ...]:
        try:
            return tuple(
                None if v is None else step(v) for step, v in zip(self._steps, row, strict=True)
            )
        except ValueError:
            self._refuse(row)
            raise

    def _refuse(self, row: Sequence[object]) -> None:
        names = [c.name for c in self.spec.columns]
        key = row[names.index(self.spec.key[0])]
        for column, value in zip(self.spec.columns, row, strict=True):
            try:
                to_python(column, value)
            except ValueError as exc:
                raise ValueRefused(self.spec.name, column.name, key, exc.args) from None


@dataclass(slots=True)
class Tally:
    """Rows counted and hashed so far."""

    rows: int = 0
    digest: object = None

    def __post_init__(self) -> None:
        self.digest = hashlib.sha256()

    def add(self, rows: Sequence[Sequence[object]]) -> None:
        self.rows += len(rows)
        self.digest.update(b"".join(canonical_row(r) for r in rows))  # type: ignore[attr-defined]

    @property
    def checksum(self) -> str:
        return self.digest.hexdigest()  # type: ignore[attr-defined]
