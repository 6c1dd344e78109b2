"""``ki-desktop migrate-to``: exit codes, one-line errors, progress on the error stream, the
summary with ``--json``, and the login on the server afterwards.

The source is always a SQLite file; tests that copy need the server of
``KI_DESKTOP_TEST_PG`` in both runs of the suite and are skipped without it.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse
from ki_desktop.store import keyfile
from tests import backend
from tests.services.test_server_migration import demo_file, empty_server_database

ADMIN_PW = "Kennwort-der-Leitung-1"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    for name in ("KI_DESKTOP_PASSWORD", "KI_DESKTOP_NEW_PASSWORD", "KI_DESKTOP_DB"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server():
    with empty_server_database() as url:
        yield url


def cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run(parse(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("Fehler: ") and "Traceback" not in err
    return lines[0]


@pytest.fixture
def source(tmp_path):
    return demo_file(tmp_path)


def test_moves_the_database_and_prints_counts_and_checksums(source, server):
    code, out, err = cli("--db", source, "migrate-to", server, "--json")
    assert code == 0, err
    summary = json.loads(out)
    tables = {t["table"]: t for t in summary["tables"]}
    assert tables["case"]["rows"] == 120 and len(tables["case"]["checksum"]) == 64
    assert summary["rows"] == sum(t["rows"] for t in summary["tables"])
    assert summary["target"] == server and summary["key_slots"] is False
    progress = err.strip().splitlines()
    assert len(progress) == 2 * len(tables)
    assert "kopiert: case (120 Zeilen)" in err and "geprüft: case (120 Zeilen)" in err
    assert backend.run(server, 'SELECT count(*) FROM "case"') == [(120,)]


def test_the_text_summary_says_what_happened(source, server):
    code, out, err = cli("--db", source, "migrate-to", server)
    assert code == 0, err
    assert len(out.strip().splitlines()) == 1
    assert "übertragen und geprüft" in out and "der erste Administrator eingerichtet" in out


def test_an_encrypted_database_moves_after_the_login_and_its_users_log_in_there(tmp_path, server):
    location = str(tmp_path / "ki.sqlite")
    password = tmp_path / "anna.pw"
    password.write_text(ADMIN_PW + "\n", encoding="utf-8")
    login = ("--user", "anna", "--password-file", str(password))
    code, _out, err = cli("init", "--db", location, "--admin", "anna", *login[2:])
    assert code == 0, err

    code, out, err = cli("--db", location, "migrate-to", server, "--json", *login)
    assert code == 0, err
    assert json.loads(out)["key_slots"] is True
    # The same administrator, the same password, now on the server.
    code, out, err = cli("--db", server, "audit", "check", "--json", *login)
    assert code == 0, err
    assert json.loads(out)["ok"] is True


def test_a_wrong_password_moves_nothing(tmp_path, server):
    location = str(tmp_path / "ki.sqlite")
    good, bad = tmp_path / "good.pw", tmp_path / "bad.pw"
    good.write_text(ADMIN_PW, encoding="utf-8")
    bad.write_text("falsch-falsch-1", encoding="utf-8")
    assert cli("init", "--db", location, "--admin", "anna", "--password-file", str(good))[0] == 0

    code, _out, err = cli(
        "--db", location, "migrate-to", server, "--user", "anna", "--password-file", str(bad)
    )
    assert code == 1
    one_error_line(err)
    assert backend.run(server, "SELECT count(*) FROM pg_tables WHERE tablename = 'case'") == [(0,)]


def test_a_full_server_database_is_refused(source, tmp_path, server):
    assert cli("--db", source, "migrate-to", server)[0] == 0
    code, out, err = cli("--db", demo_file(tmp_path, "zweite.sqlite"), "migrate-to", server)
    assert (code, out) == (1, "")
    assert "nicht leer" in one_error_line(err)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("ki-server.sqlite", "keine PostgreSQL-Adresse"),
        ("postgresql://beratung@server", "Rechner und Datenbank"),
        ("postgresql://ki@127.0.0.1:1/ki", "nicht erreichbar"),
        ("postgresql://ki@127.0.0.1:1/ki?foo=bar", "Unbekannte Angabe"),
    ],
)
def test_bad_or_unreachable_addresses_give_one_line(source, url, says):
    code, out, err = cli("--db", source, "migrate-to", url)
    assert (code, out) == (1, "")
    assert says in one_error_line(err)


def test_the_address_is_required():
    with pytest.raises(SystemExit) as caught:
        parse(["migrate-to"])
    assert caught.value.code == 2


def test_as_a_real_process_a_bad_address_is_one_line_without_traceback(source):
    done = subprocess.run(
        [sys.executable, "-m", "ki_desktop", "--db", source, "migrate-to", "postgresql://x"],
        capture_output=True,
        text=True,
        env={"KI_DESKTOP_LANG": "de", "PATH": "/usr/bin:/bin", "HOME": "/nonexistent"},
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    one_error_line(done.stderr)
