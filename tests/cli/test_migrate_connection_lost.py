"""``migrate-to`` when the connection to the server breaks off where the store raises it:
exit code 1 and one line, never a traceback."""

from __future__ import annotations

import io

import psycopg2
import pytest

from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse
from ki_desktop.services import server_migration
from ki_desktop.store import table_copy


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch):
    for name in ("KI_DESKTOP_PASSWORD", "KI_DESKTOP_DB"):
        monkeypatch.delenv(name, raising=False)


def test_a_connection_lost_in_the_copy_is_one_line(tmp_path, monkeypatch):
    def copy_breaks_off(target, location=None, progress=None):
        with table_copy.server_errors("case"):
            raise psycopg2.OperationalError("server closed the connection unexpectedly\n\tmore")

    monkeypatch.setattr(server_migration, "migrate_to_server", copy_breaks_off)
    out, err = io.StringIO(), io.StringIO()
    args = parse(["--db", str(tmp_path / "ki.sqlite"), "migrate-to", "postgresql://ki@db/ki"])
    assert run(args, out, err) == 1
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fehler: "), err.getvalue()
    assert out.getvalue() == ""
