"""The few places where SQLite and PostgreSQL need different SQL, in one module.

Repository code writes its hand-written SQL with ``?`` placeholders and runs it through
:func:`execute` (or converts it with :func:`portable`); everything else goes through peewee,
which speaks both.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import peewee as pw

from ki_desktop.store.models import DB


def is_server() -> bool:
    """Whether the bound database is PostgreSQL."""
    return isinstance(DB.obj, pw.PostgresqlDatabase)


def portable(sql: str) -> str:
    """``?`` placeholders in the database's own style (``%s`` for psycopg2, which then also
    needs a literal ``%`` doubled). ``DB.execute_sql`` converts by itself; this is for
    cursors used directly."""
    if not is_server():
        return sql
    from ki_desktop.store.server import qmark_to_format

    return qmark_to_format(sql)


def executemany(sql: str, rows: Sequence[Sequence[object]]) -> None:
    """``executemany`` with ``?`` placeholders on the bound database's connection. Errors come
    as a single statement's through ``DB.execute_sql`` do: peewee's (``IntegrityError`` …),
    and on a server whose connection broke off, the server's lost-connection error."""
    try:
        with pw.__exception_wrapper__:
            if is_server():
                from psycopg2.extras import execute_batch

                execute_batch(DB.cursor(), portable(sql), rows, page_size=500)
            else:
                DB.cursor().executemany(sql, rows)
    except (pw.OperationalError, pw.InterfaceError):
        if is_server() and not DB.is_connection_usable():
            DB.cursor()  # a lost connection inside a transaction raises ConnectionLost here
        raise


def insert_ignore(sql: str) -> str:
    """``INSERT INTO … `` that skips rows whose key exists (``sql`` starts with
    ``INSERT INTO``)."""
    if is_server():
        return sql + " ON CONFLICT DO NOTHING"
    return sql.replace("INSERT INTO", "INSERT OR IGNORE INTO", 1)


# Serialises writers of one kind of data across every connection: a transaction-scoped
# advisory lock on PostgreSQL (on SQLite the write lock taken at BEGIN IMMEDIATE). One key per
# kind, all here, so that no two kinds share a key by accident.
_LOCK_KEYS = {
    "schema": 7_201_000,  # creating the schema of a new server database
    "audit": 7_201_001,  # the audit chain
    "keys": 7_201_002,  # the key slots and the accounts that depend on them
    "offer_index": 7_201_010,  # writing the offer search index
    "offer_keys": 7_201_011,  # offers and providers by their names (no doubles)
    "sync": 7_201_101,  # the sync's change counter and merge states
}


def advisory_lock(name: str) -> None:
    """Inside a transaction on a server: wait until no other transaction holds the lock of
    ``name``; it is held until this transaction ends. Nothing on SQLite."""
    if is_server():
        DB.execute_sql("SELECT pg_advisory_xact_lock(?)", (_LOCK_KEYS[name],))


@contextlib.contextmanager
def write_lock(name: str | None = None) -> Iterator[None]:
    """A transaction (within an open one, a savepoint of it) that holds the write lock from
    its start: BEGIN IMMEDIATE on SQLite; on a server the advisory lock of ``name`` (None: the
    rows the caller locks itself are enough, see ``store.edit_lock``)."""
    begins_here = not DB.in_transaction() and not is_server()
    with DB.atomic("IMMEDIATE") if begins_here else DB.atomic():
        if name is not None:
            advisory_lock(name)
        yield


@contextlib.contextmanager
def snapshot() -> Iterator[None]:
    """A transaction whose reads all see one state of the database, whatever others commit
    meanwhile: SQLite's read transaction does so by itself; PostgreSQL's default (READ
    COMMITTED) takes a new snapshot per statement, so the transaction is REPEATABLE READ
    there. Inside an open transaction: a savepoint of it (which then decides)."""
    begins = not DB.in_transaction()
    with DB.atomic():
        if begins and is_server():
            DB.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


def lock_for_update(query: pw.SelectQuery) -> pw.SelectQuery:
    """``SELECT … FOR UPDATE`` on PostgreSQL (the row stays locked until the transaction
    ends); SQLite's writer already holds the whole database."""
    return query.for_update() if is_server() else query


def upsert(model: type[pw.Model], keys: Sequence[pw.Field], **values: object) -> None:
    """Insert a row, or overwrite the given columns of the row with the same ``keys`` (a
    unique index); what ``on_conflict_replace`` does on SQLite, in a form PostgreSQL knows
    too (``INSERT … ON CONFLICT (…) DO UPDATE``)."""
    key_names = {field.name for field in keys}
    preserve = [model._meta.fields[name] for name in values if name not in key_names]
    query = model.insert(**values)
    if preserve:
        query = query.on_conflict(conflict_target=list(keys), preserve=preserve)
    else:
        query = query.on_conflict_ignore()
    query.execute()
