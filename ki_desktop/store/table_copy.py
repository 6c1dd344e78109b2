"""Copying a SQLite database's tables into the bound, empty PostgreSQL database, and reading
back what the server holds (``ki-desktop migrate-to``; the use case is
``services.server_migration``).

The source is a plain DB-API connection to the file (SQLCipher with the key when encrypted),
read inside one read transaction so that copy and check see one state. The target is written
in the caller's transaction on the bound server database: rows streamed in batches (memory
stays flat), foreign keys checked at commit. Values are converted and hashed as described in
:mod:`ki_desktop.store.copy_values`.

The offer search index is not copied: the server's triggers queue every inserted offer, and
:func:`queue_offers` makes sure all are queued, so that the server writes its own index
before the first search.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence

import peewee as pw

from ki_desktop.store import server_link
from ki_desktop.store.copy_values import (
    RowConverter,
    SchemaMismatch,
    TableSpec,
    Tally,
    ValueRefused,
)
from ki_desktop.store.models import DB
from ki_desktop.store.server_address import lost_message

__all__ = [
    "SchemaMismatch",
    "SourceUnreadable",
    "TargetRefused",
    "ValueRefused",
    "analyze",
    "check_source_columns",
    "copy_table",
    "copy_transaction",
    "queue_offers",
    "server_errors",
    "source_count",
    "target_checksum",
    "target_count",
    "target_leftovers",
]

BATCH = 2000
# Tables of the offer search and the key slots, beside the models; empty in a fresh database.
EXTRA_TABLES = ("offer_index", "offer_index_queue", "key_store")
# A fresh server database has its schema version row; the source's history replaces it.
REPLACED = ("schema_version",)


class TargetRefused(RuntimeError):
    """The server refused rows of a table (its first line of the reason is the message)."""

    def __init__(self, table: str, reason: str) -> None:
        super().__init__(reason)
        self.table = table


@contextlib.contextmanager
def server_errors(table: str) -> Iterator[None]:
    """psycopg2's and peewee's errors as a lost connection (the class the services put in,
    a service error: see :func:`server_link.lost`) or :class:`TargetRefused` (the server
    refused what was sent)."""
    import psycopg2

    try:
        yield
    except (psycopg2.OperationalError, psycopg2.InterfaceError, pw.OperationalError) as exc:
        raise server_link.lost(_lost_text(exc)) from exc
    except (psycopg2.Error, pw.DatabaseError) as exc:
        text = str(exc).strip().splitlines()
        raise TargetRefused(table, text[0] if text else type(exc).__name__) from exc


def _lost_text(exc: Exception) -> str:
    """One line: the bound server's message for a broken connection, else the driver's."""
    address = getattr(DB.obj, "address", None)
    if address is not None:
        return lost_message(address)
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


class SourceUnreadable(RuntimeError):
    """The database file could not be read to the end (the driver's first line is the
    message)."""


def _driver_errors() -> tuple[type[Exception], ...]:
    errors: list[type[Exception]] = [sqlite3.Error]
    with contextlib.suppress(ImportError):
        from sqlcipher3 import dbapi2

        errors.append(dbapi2.Error)
    return tuple(errors)


@contextlib.contextmanager
def _source_errors() -> Iterator[None]:
    try:
        yield
    except _driver_errors() as exc:
        text = str(exc).strip().splitlines()
        raise SourceUnreadable(text[0] if text else type(exc).__name__) from exc


def _where(spec: TableSpec) -> str:
    return f" WHERE {spec.where}" if spec.where else ""


# --- the source (SQLite) ---------------------------------------------------------------------


def check_source_columns(source, spec: TableSpec) -> None:
    """:class:`SchemaMismatch` unless the source table has exactly the model's columns."""
    with _source_errors():
        rows = source.execute(f'PRAGMA table_info("{spec.name}")').fetchall()
    have = {row[1] for row in rows}
    want = {c.name for c in spec.columns}
    if have != want:
        raise SchemaMismatch(spec.name, sorted(want - have), sorted(have - want))


def source_count(source, spec: TableSpec) -> int:
    with _source_errors():
        return source.execute(f'SELECT count(*) FROM "{spec.name}"{_where(spec)}').fetchone()[0]


def _source_batches(source, spec: TableSpec) -> Iterator[list[tuple]]:
    order = ", ".join(f'"{k}"' for k in spec.key)
    with _source_errors():
        cursor = source.execute(
            f'SELECT {spec.column_list} FROM "{spec.name}"{_where(spec)} ORDER BY {order}'
        )
        while rows := cursor.fetchmany(BATCH):
            yield rows


# --- the target (PostgreSQL, bound to DB) ----------------------------------------------------


@contextlib.contextmanager
def copy_transaction(specs: Sequence[TableSpec]) -> Iterator[None]:
    """The one transaction of the copy on the bound server database, committed when the block
    ends without an exception (a reference the commit finds broken: :class:`TargetRefused`).
    From its start no one else writes these tables, foreign keys are checked at commit, and
    the fresh database's own schema rows give way to the source's."""
    names = ", ".join(f'"{s.name}"' for s in specs) + ", " + ", ".join(EXTRA_TABLES)
    with server_errors(""), DB.atomic():
        DB.execute_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE")
        DB.execute_sql("SET CONSTRAINTS ALL DEFERRED")
        for name in REPLACED:
            DB.execute_sql(f'DELETE FROM "{name}"')
        yield


def target_leftovers(specs: Sequence[TableSpec]) -> dict[str, int]:
    """Tables of the target that hold rows a fresh database does not have: {table: rows}."""
    found = {}
    names = [(s.name, _where(s)) for s in specs if s.name not in REPLACED]
    for name, where in [*names, *((t, "") for t in EXTRA_TABLES)]:
        count = DB.execute_sql(f'SELECT count(*) FROM "{name}"{where}').fetchone()[0]
        if count:
            found[name] = count
    return found


def _insert(cursor, spec: TableSpec, rows: list[tuple]) -> None:
    from psycopg2.extras import execute_values

    sql = f'INSERT INTO "{spec.name}" ({spec.column_list}) VALUES %s'
    execute_values(cursor, sql, rows, page_size=len(rows))


def _continue_numbering(spec: TableSpec) -> None:
    """A table numbered by the server goes on after the copied rows' highest number."""
    column = spec.key[0]
    DB.execute_sql(
        f'SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX("{column}"), 0) + 1, '
        f'false) FROM "{spec.name}"',
        (f'"{spec.name}"', column),
    )


def copy_table(source, spec: TableSpec, on_rows: Callable[[int], None] | None = None) -> Tally:
    """Copy one table in batches; returns the source's rows counted and hashed (converted, in
    key order). :class:`ValueRefused` for a value the server would not keep unchanged,
    :class:`TargetRefused` when the server refuses rows."""
    tally = Tally()
    with server_errors(spec.name):
        cursor, convert = DB.cursor(), RowConverter(spec)
        for batch in _source_batches(source, spec):
            rows = [convert(row) for row in batch]
            tally.add(rows)
            _insert(cursor, spec, rows)
            if on_rows is not None:
                on_rows(tally.rows)
        if spec.serial:
            _continue_numbering(spec)
    return tally


def queue_offers() -> int:
    """Queue every offer for the server's search index; returns how many are queued."""
    with server_errors("offer_index_queue"):
        DB.execute_sql(
            "INSERT INTO offer_index_queue (offer_id) SELECT id FROM offer ON CONFLICT DO NOTHING"
        )
        return DB.execute_sql("SELECT count(*) FROM offer_index_queue").fetchone()[0]


def target_count(spec: TableSpec) -> int:
    with server_errors(spec.name):
        return DB.execute_sql(f'SELECT count(*) FROM "{spec.name}"{_where(spec)}').fetchone()[0]


def target_checksum(spec: TableSpec) -> Tally:
    """The target table's rows counted and hashed as the server holds them, in key order
    (code points, as SQLite orders its keys), read through a server-side cursor."""
    order = ", ".join(f'"{k}" COLLATE "C"' if _is_text(spec, k) else f'"{k}"' for k in spec.key)
    tally, convert = Tally(), RowConverter(spec)
    with server_errors(spec.name):
        cursor = DB.cursor()
        cursor.execute(
            f"DECLARE ki_copy_check NO SCROLL CURSOR FOR SELECT {spec.column_list} "
            f'FROM "{spec.name}"{_where(spec)} ORDER BY {order}'
        )
        try:
            while True:
                cursor.execute(f"FETCH FORWARD {BATCH} FROM ki_copy_check")
                rows = cursor.fetchall()
                if not rows:
                    break
                tally.add([convert(row) for row in rows])
        finally:
            cursor.execute("CLOSE ki_copy_check")
    return tally


def _is_text(spec: TableSpec, name: str) -> bool:
    return next(c for c in spec.columns if c.name == name).kind == "text"


def analyze(specs: Sequence[TableSpec]) -> None:
    """Fresh statistics for the planner after the bulk load (outside the copy transaction)."""
    with server_errors(""):
        for name in [*(s.name for s in specs), *EXTRA_TABLES]:
            DB.execute_sql(f'ANALYZE "{name}"')
