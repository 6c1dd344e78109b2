"""Unattended starts (KI_DESKTOP_QUIT_AFTER_SHOW_MS: the start-up benchmark, the packaging
smoke test), each in its own process: no dialog, no key machinery for an unencrypted
database, the login from the environment for an encrypted one (on a server: for one with
accounts)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ki_desktop.gui.run import QUIT_AFTER_SHOW_ENV
from ki_desktop.gui.start_dialogs import PASSWORD_ENV, USER_ENV
from ki_desktop.services import accounts, database
from tests import backend
from tests.conftest import REPO
from tests.gui.account_helpers import (  # noqa: F401
    ADMIN,
    PASSWORD,
    encrypted_db_fixture,
    fast_kdf_fixture,
)

SCRIPT = (
    "import sys\n"
    "from ki_desktop.gui.run import run_gui\n"
    "code = run_gui(sys.argv[1], False, 10)\n"
    "loaded = [m for m in ('argon2', 'ki_desktop.store.keyfile', 'sqlcipher3') "
    "if m in sys.modules]\n"
    "print('loaded:', ','.join(loaded))\n"
    "sys.exit(code)\n"
)


def run_unattended(db: str, tmp_path: Path, **extra: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in (USER_ENV, PASSWORD_ENV, QUIT_AFTER_SHOW_ENV)
    }
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            QUIT_AFTER_SHOW_ENV: "0",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
            "PYTHONPATH": str(REPO),
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, db],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_plain_database_starts_without_the_key_machinery(db_path, tmp_path):
    database.open_app_database(str(db_path))
    database.close_app_database()
    done = run_unattended(str(db_path), tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    if backend.on_server():  # its key slots (none here) are read to know it has no accounts
        assert "sqlcipher3" not in done.stdout
    else:
        assert "loaded: \n" in done.stdout  # no Argon2, no key file code, no SQLCipher
        assert db_path.read_bytes()[:16] == b"SQLite format 3\x00"


def test_an_encrypted_database_logs_in_from_the_environment(encrypted_db, tmp_path):
    done = run_unattended(encrypted_db, tmp_path, **{USER_ENV: ADMIN, PASSWORD_ENV: PASSWORD})
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    accounts.login(encrypted_db, ADMIN, PASSWORD)
    from ki_desktop.store.users import recent_events

    actions = [e.action for e in recent_events(limit=4)]
    assert actions[:3] == ["login", "logout", "login"]  # this login, the run's logout and login


@pytest.mark.parametrize("password", [None, "falsch geraten"])
def test_an_encrypted_database_without_the_password_quits_with_a_message(
    encrypted_db, tmp_path, password
):
    extra = {USER_ENV: ADMIN} | ({PASSWORD_ENV: password} if password else {})
    done = run_unattended(encrypted_db, tmp_path, **extra)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "kann nicht geöffnet werden" in done.stderr
    if password is None:
        assert PASSWORD_ENV in done.stderr  # says how to start it unattended
    else:
        assert "Benutzername oder Passwort falsch." in done.stderr


def test_the_set_up_user_is_the_services_one():
    from ki_desktop.gui.start_dialogs import _set_up_user

    assert _set_up_user() == accounts.setup_session()
