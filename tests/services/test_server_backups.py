"""Backups on either backend: the application's file backups on SQLite; on a PostgreSQL
server none at all (the server's administration backs it up with pg_dump), said clearly by
the service and the command line (one line, exit code 1); the window:
tests/gui/test_server_backup_actions.py."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from ki_desktop import app
from ki_desktop.services import backups
from ki_desktop.services.errors import ServiceError
from tests import backend

NOW = datetime(2026, 3, 2, 8, 15)


def test_backups_by_the_service(open_db, tmp_path):
    target = tmp_path / "sicherung.sqlite"
    if backend.on_server():
        assert backups.on_server()
        with pytest.raises(ServiceError, match="pg_dump") as caught:
            backups.backup_now("manual", target)
        assert "Server-Administration" in str(caught.value)
        assert not backups.automatic_backup_due(NOW)
        assert backups.run_automatic_backup(NOW, at_start=True) is None
        with pytest.raises(ServiceError, match="pg_dump"):
            backups.backup_folder()
        assert not target.exists()
    else:
        assert not backups.on_server()
        assert backups.automatic_backup_due(NOW)
        assert backups.backup_now("manual", target).path == target
        assert backups.run_automatic_backup(NOW, at_start=True) is not None


def _plain_backup(folder: Path) -> Path:
    """A file that looks like a backup of an unencrypted database."""
    path = folder / "alt.sqlite"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE IF NOT EXISTS t (x)")
    con.commit()
    con.close()
    return path


def test_a_restore_onto_a_server_is_refused_before_anything_is_touched(open_db, tmp_path):
    if not backend.on_server():
        pytest.skip("restoring a file database: tests/services/test_backups.py")
    with pytest.raises(ServiceError, match="pg_dump"):
        backups.restore(_plain_backup(tmp_path), open_db.location)
    with pytest.raises(ServiceError, match="pg_dump"):
        backups.restore(_plain_backup(tmp_path))  # the open database, a server


def _ki(*args: str) -> subprocess.CompletedProcess:
    """The command line as a real process, without a terminal to type a password in."""
    return subprocess.run(
        [sys.executable, "-m", "ki_desktop", *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def test_backup_and_restore_on_the_command_line(db_path, tmp_path):
    location = str(db_path)
    assert app.main(["init", "--db", location]) == 0
    target = tmp_path / "sicherung.sqlite"
    done = _ki("backup", "--out", str(target), "--db", location)
    if not backend.on_server():
        assert done.returncode == 0 and target.is_file(), done.stderr
        return
    assert done.returncode == 1 and not target.exists()
    assert done.stderr.count("\n") == 1 and "pg_dump" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    done = _ki("restore", str(_plain_backup(tmp_path)), "--db", location)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "pg_dump" in done.stderr, done.stderr
