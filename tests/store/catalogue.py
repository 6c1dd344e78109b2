"""A database made once per test module and copied for every test, on either backend: a file
copied on SQLite, a database created from it as a template on PostgreSQL."""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

from ki_desktop.services import database
from tests import backend

_names = itertools.count(1)


def _admin():
    import psycopg2

    conn = psycopg2.connect(os.environ.get(backend.SERVER_ENV, backend.DEFAULT_SERVER))
    conn.autocommit = True
    return conn


def _create(dbname: str, template: str | None = None) -> None:
    with closing(_admin()) as conn, conn.cursor() as cur:
        cur.execute(f"CREATE DATABASE {dbname}" + (f" TEMPLATE {template}" if template else ""))


def _drop(dbname: str) -> None:
    with closing(_admin()) as conn, conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")


class Catalogue:
    """The master database (filled by ``fill`` while open) and its copies."""

    def __init__(self, folder: Path, fill: Callable[[], None]) -> None:
        if backend.on_server():
            self.name = f"ki_cat{os.getpid()}_{next(_names)}"
            _create(self.name)
            self.location = backend.server_url(self.name)
        else:
            self.name = ""
            self.location = str(folder / "catalogue.sqlite")
        database.open_app_database(self.location)
        try:
            fill()
        finally:
            database.close_app_database()

    def copy(self, folder: Path) -> str:
        """A new database with the master's content (see :meth:`discard`)."""
        if not backend.on_server():
            path = folder / "copy.sqlite"
            shutil.copy(self.location, path)
            return str(path)
        dbname = f"{self.name}_{next(_names)}"
        _create(dbname, template=self.name)
        return backend.server_url(dbname)

    def discard(self, location: str) -> None:
        """Remove a copy (closed)."""
        if backend.on_server():
            _drop(location.rsplit("/", 1)[1])

    def drop(self) -> None:
        if self.name:
            _drop(self.name)
