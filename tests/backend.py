"""Which database the tests run on: SQLite files (the default) or a PostgreSQL server.

    pytest --backend postgresql          (or KI_DESKTOP_TEST_BACKEND=postgresql)
    KI_DESKTOP_TEST_PG=postgresql://postgres@127.0.0.1:5432/postgres

``KI_DESKTOP_TEST_PG`` is a login that may create databases. Every test that asks for a
database gets a new one, copied from a migrated template database, and dropped afterwards.
"""

from __future__ import annotations

import itertools
import os
import queue
import sqlite3
import threading
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BACKENDS = (SQLITE, POSTGRESQL)
BACKEND_ENV = "KI_DESKTOP_TEST_BACKEND"
SERVER_ENV = "KI_DESKTOP_TEST_PG"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"

# One template per test process, so that several runs can share a server.
TEMPLATE = f"ki_test_template_{os.getpid()}"
_state: dict[str, object] = {"backend": SQLITE, "template": False}
_names = itertools.count(1)
_created: list[str] = []


def select(name: str) -> None:
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    _state["backend"] = name


def backend() -> str:
    return str(_state["backend"])


def on_server() -> bool:
    return backend() == POSTGRESQL


def server_url(dbname: str) -> str:
    """The address of database ``dbname`` on the test server."""
    parts = urlsplit(os.environ.get(SERVER_ENV, DEFAULT_SERVER))
    return urlunsplit((parts.scheme, parts.netloc, f"/{dbname}", parts.query, ""))


def _admin():
    import psycopg2

    conn = psycopg2.connect(os.environ.get(SERVER_ENV, DEFAULT_SERVER))
    conn.autocommit = True
    return conn


def _make_template() -> None:
    from ki_desktop.services import database

    with closing(_admin()) as conn, conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {TEMPLATE}")
    database.open_app_database(server_url(TEMPLATE))
    database.close_app_database()
    # Each copy is a device of its own (it makes its id at the first open), as every new file
    # is: two test databases can then sync with each other.
    run(server_url(TEMPLATE), "DELETE FROM setting WHERE key = 'device_id'")
    _state["template"] = True


# Copying the template takes about a quarter of a second (a checkpoint); a thread keeps a
# few copies ready while the tests run.
_READY = 2
_ready: queue.Queue[str] = queue.Queue()
_maker: dict[str, threading.Thread | None] = {"thread": None}


def _copy_template() -> str:
    dbname = f"ki_t{os.getpid()}_{next(_names)}"
    with closing(_admin()) as conn, conn.cursor() as cur:
        cur.execute(f"CREATE DATABASE {dbname} TEMPLATE {TEMPLATE}")
    return dbname


def _keep_ready() -> None:
    while _state["template"]:
        if _ready.qsize() < _READY:
            _ready.put(_copy_template())
        else:
            time.sleep(0.02)


def new_location(folder: Path, name: str = "ki") -> str:
    """A new, empty (migrated on the server) database: a file in ``folder`` on SQLite, a
    database copied from the template on PostgreSQL."""
    if not on_server():
        return str(folder / f"{name}.sqlite")
    if not _state["template"]:
        _make_template()
        _maker["thread"] = threading.Thread(target=_keep_ready, daemon=True)
        _maker["thread"].start()
    dbname = _ready.get(timeout=60)
    _created.append(dbname)
    return server_url(dbname)


def drop_created() -> None:
    """Drop the databases the finished test created."""
    if not _created:
        return
    with closing(_admin()) as conn, conn.cursor() as cur:
        while _created:
            cur.execute(f"DROP DATABASE IF EXISTS {_created.pop()} WITH (FORCE)")


def drop_template() -> None:
    if not _state["template"]:
        return
    _state["template"] = False
    if _maker["thread"] is not None:
        _maker["thread"].join()
    with closing(_admin()) as conn, conn.cursor() as cur:
        while not _ready.empty():
            cur.execute(f"DROP DATABASE IF EXISTS {_ready.get()} WITH (FORCE)")
        cur.execute(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)")


def connect(location: str | os.PathLike[str]):
    """A plain DB-API connection (autocommit) to a test database of either backend, for
    tests that look behind the application (tampering, raw counts). Use ``?`` placeholders
    through :func:`run`."""
    if isinstance(location, str) and location.startswith("postgresql://"):
        import psycopg2

        conn = psycopg2.connect(location)
        conn.autocommit = True
        return conn
    return sqlite3.connect(location, isolation_level=None)


def run(location: str | os.PathLike[str], sql: str, params: tuple | list = ()) -> list[tuple]:
    """Run one statement on the test database ``location``; the rows it returned."""
    conn = connect(location)
    try:
        if isinstance(conn, sqlite3.Connection):
            cur = conn.execute(sql, params)
        else:
            cur = conn.cursor()
            cur.execute(sql.replace("?", "%s"), params or None)
        return list(cur.fetchall()) if cur.description else []
    finally:
        conn.close()
