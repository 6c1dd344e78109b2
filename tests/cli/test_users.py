"""Accounts on the command line: init --admin, login for every subcommand, users …,
password, recover. Most run in-process (fast Argon2); the contract runs as a real process.
Both backends: a file encrypted with its key file beside it, or a server database whose key
slots lie in its key_store table."""

import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse
from ki_desktop.services import session
from ki_desktop.store import keyfile
from tests import backend

ADMIN_PW = "Kennwort-der-Leitung-1"
BERT_PW = "Sein-Kennwort-Nr-2"
RECOVERY = re.compile(r"([A-Z2-7]{5}-){7}[A-Z2-7]{5}")


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    for name in ("KI_DESKTOP_PASSWORD", "KI_DESKTOP_NEW_PASSWORD", "KI_DESKTOP_DB"):
        monkeypatch.delenv(name, raising=False)


def cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run(parse(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def secret_file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture
def db(tmp_path, new_location):
    """A database with accounts: the administrator anna and the counsellor bert."""
    location = new_location()
    admin = secret_file(tmp_path, "anna.pw", ADMIN_PW)
    code, out, err = cli("init", "--db", location, "--admin", "anna", "--password-file", admin)
    assert code == 0, err
    bert = secret_file(tmp_path, "bert.pw", BERT_PW)
    code, out, err = cli(
        "users", "add", "bert", "--display-name", "Bert Berater", "--roles", "counsellor",
        "--team", "Nord", "--db", location, "--user", "anna", "--password-file", admin,
        "--new-password-file", bert,
    )  # fmt: skip
    assert code == 0, err
    return location


def as_anna(tmp_path, *argv):
    return cli(*argv, "--user", "anna", "--password-file", str(tmp_path / "anna.pw"))


def test_init_admin_encrypts_and_shows_the_recovery_key_once(tmp_path, new_location):
    location = new_location()
    code, out, err = cli("init", "--db", location, "--demo", "--demo-size", "10", "--json")
    assert code == 0, err
    admin = secret_file(tmp_path, "anna.pw", ADMIN_PW)
    code, out, err = cli(
        "init", "--db", location, "--admin", "anna", "--display-name", "Anna Admin",
        "--password-file", admin, "--json",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["admin"] == "anna" and data["database"] == location
    assert RECOVERY.fullmatch(data["recovery_key"])
    if backend.on_server():  # nothing to encrypt: the server keeps the data
        assert data["encrypted_existing"] is False
    else:
        assert data["encrypted_existing"] is True
        assert not Path(location).read_bytes().startswith(b"SQLite format 3")
    assert session.current().username == "test"  # the caller's session is back
    code, out, err = cli("init", "--db", location, "--admin", "eva", "--password-file", admin)
    assert code == 1 and err.count("\n") == 1 and "bereits Benutzerkonten" in err


def test_recovery_key_into_a_file(tmp_path, new_location):
    location = new_location()
    admin = secret_file(tmp_path, "anna.pw", ADMIN_PW)
    target = tmp_path / "schluessel.txt"
    code, out, err = cli(
        "init", "--db", location, "--admin", "anna", "--password-file", admin,
        "--recovery-key-file", str(target),
    )  # fmt: skip
    assert code == 0, err
    assert RECOVERY.fullmatch(target.read_text().strip())
    assert not RECOVERY.search(out) and str(target) in out
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_every_command_needs_the_password_on_an_encrypted_database(db, tmp_path, monkeypatch):
    code, out, err = cli("offers", "search", "Sprach", "--db", db, "--user", "anna")
    assert code == 1 and err.count("\n") == 1
    assert "--password-file" in err and "KI_DESKTOP_PASSWORD" in err
    monkeypatch.setenv("KI_DESKTOP_PASSWORD", "geraten-und-falsch")
    code, out, err = cli("offers", "search", "Sprach", "--db", db, "--user", "anna")
    assert (code, err) == (1, "Fehler: Benutzername oder Passwort falsch.\n")
    monkeypatch.setenv("KI_DESKTOP_PASSWORD", ADMIN_PW)
    code, out, err = cli("offers", "search", "Sprach", "--db", db, "--user", "anna", "--json")
    assert code == 0, err
    assert json.loads(out) == []
    code, out, err = cli("init", "--db", db, "--user", "anna", "--json")
    assert code == 0 and json.loads(out)["schema_version"] >= 11


def test_default_user_is_the_login_name(db, tmp_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "bert")
    code, out, err = cli(
        "offers", "search", "--db", db, "--password-file", str(tmp_path / "bert.pw")
    )
    assert code == 0, err


def test_users_list_and_administration(db, tmp_path):
    code, out, err = as_anna(tmp_path, "users", "list", "--db", db, "--json")
    assert code == 0, err
    users = {u["username"]: u for u in json.loads(out)["users"]}
    assert users["anna"]["roles"] == ["counsellor", "admin"]
    assert users["bert"] | {"last_login": None} == {
        "username": "bert",
        "display_name": "Bert Berater",
        "roles": ["counsellor"],
        "team": "Nord",
        "active": True,
        "last_login": None,
        "has_password": True,
    }
    code, out, err = as_anna(
        tmp_path, "users", "set-roles", "bert", "counsellor,statistics", "--db", db
    )
    assert code == 0 and "Statistik" in out
    code, out, err = as_anna(tmp_path, "users", "set-roles", "bert", "chef", "--db", db)
    assert code == 1 and "Unbekannte Rolle „chef“" in err
    code, out, err = as_anna(tmp_path, "users", "deactivate", "anna", "--db", db)
    assert code == 1 and "letzte aktive Administrator" in err and err.count("\n") == 1
    code, out, err = as_anna(tmp_path, "users", "deactivate", "bert", "--db", db)
    assert code == 0, err
    bert = ("--user", "bert", "--password-file", str(tmp_path / "bert.pw"))
    code, out, err = cli("offers", "search", "--db", db, *bert)
    assert code == 1 and "Benutzername oder Passwort falsch" in err
    code, out, err = as_anna(tmp_path, "users", "activate", "bert", "--db", db)
    assert code == 0 and "reset-password bert" in out
    new = secret_file(tmp_path, "neu.pw", "Zurueckgesetzt-Nr-9")
    code, out, err = as_anna(
        tmp_path, "users", "reset-password", "bert", "--db", db, "--new-password-file", new
    )
    assert code == 0, err
    code, out, err = cli("offers", "search", "--db", db, "--user", "bert", "--password-file", new)
    assert code == 0, err


def test_counsellor_cannot_administer_users(db, tmp_path):
    bert = ("--user", "bert", "--password-file", str(tmp_path / "bert.pw"))
    code, out, err = cli("users", "list", "--db", db, *bert)
    assert code == 1 and "Benutzer verwalten" in err


def test_password_change(db, tmp_path):
    bert = ("--db", db, "--user", "bert", "--password-file", str(tmp_path / "bert.pw"))
    new = secret_file(tmp_path, "neu.pw", "Selbst-gewaehlt-Nr-3")
    code, out, err = cli("password", *bert, "--new-password-file", new)
    assert code == 0, err
    code, out, err = cli("offers", "search", *bert)
    assert code == 1
    code, out, err = cli("offers", "search", "--db", db, "--user", "bert", "--password-file", new)
    assert code == 0, err


def test_password_change_on_a_database_without_accounts(new_location):
    location = new_location("plain")
    assert cli("init", "--db", location)[0] == 0
    code, out, err = cli("password", "--db", location)
    assert code == 1 and "init --admin" in err


def test_recover_with_the_recovery_key(tmp_path, new_location):
    location = new_location()
    admin = secret_file(tmp_path, "anna.pw", ADMIN_PW)
    code, out, err = cli(
        "init", "--db", location, "--admin", "anna", "--password-file", admin, "--json"
    )
    key_file = secret_file(tmp_path, "key.txt", json.loads(out)["recovery_key"])
    new = secret_file(tmp_path, "neu.pw", "Nach-dem-Vergessen-1")
    code, out, err = cli(
        "recover", "--db", location, "--recovery-key-file", key_file, "--user", "anna",
        "--password-file", new,
    )  # fmt: skip
    assert code == 0, err
    assert "new-recovery-key" in out
    code, out, err = cli(
        "users", "list", "--db", location, "--user", "anna", "--password-file", new
    )
    assert code == 0, err
    wrong = secret_file(tmp_path, "falsch.txt", "ABCDE-" * 7 + "ABCDE")
    code, out, err = cli(
        "recover", "--db", location, "--recovery-key-file", wrong, "--user", "anna",
        "--password-file", new,
    )  # fmt: skip
    assert code == 1 and "passt nicht" in err


def test_new_recovery_key(db, tmp_path):
    code, out, err = as_anna(tmp_path, "users", "new-recovery-key", "--db", db, "--json")
    assert code == 0, err
    assert RECOVERY.fullmatch(json.loads(out)["recovery_key"])


def ki(*args, env=None, stdin=subprocess.DEVNULL):
    return subprocess.run(
        [sys.executable, "-m", "ki_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=stdin,
        env={**os.environ, **(env or {})},
    )


def test_contract_as_a_real_process(new_location):
    location = new_location()
    result = ki("--help")
    assert result.returncode == 0
    for word in ("users", "password", "recover", "--password-file", "system"):
        assert word in result.stdout
    env = {"KI_DESKTOP_PASSWORD": ADMIN_PW}
    result = ki("init", "--db", location, "--admin", "anna", env=env)
    assert result.returncode == 0, result.stderr
    assert RECOVERY.search(result.stdout)
    result = ki("offers", "search", "--db", location, "--user", "anna")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    result = ki("users", "list", "--db", location, "--user", "anna", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert [u["username"] for u in json.loads(result.stdout)["users"]] == ["anna"]


def test_messages_say_what_happened_to_the_database(tmp_path, new_location):
    location = new_location()
    admin = secret_file(tmp_path, "anna.pw", ADMIN_PW)
    code, out, err = cli("init", "--db", location, "--admin", "anna", "--password-file", admin)
    assert code == 0, err
    code, _out, err = cli("init", "--db", location, "--admin", "eva", "--password-file", admin)
    assert code == 1
    if backend.on_server():  # nothing is encrypted there
        assert "Serverdatenbank" in out and "verschlüsselt" not in out + err
    else:
        assert "ist verschlüsselt" in out and "ist verschlüsselt" in err
