"""Fixtures of the account tests: fast Argon2, a database with an administrator (an
encrypted file, or a server database with its key slots in key_store),
scripted start dialogs. A test module imports the fixture functions it uses (``*_fixture``);
pytest knows them by their short names (``fast_kdf``, ``encrypted_db``, ``admin_session``)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool

from ki_desktop.gui.start_dialogs import StartDialogs
from ki_desktop.services import accounts, database, session
from ki_desktop.store import keyfile

ADMIN = "anna"
ADMIN_NAME = "Anna Admin"
PASSWORD = "Kastanienbaum im Hof"
OTHER_PASSWORD = "Lindenblatt am Bach"


@pytest.fixture(name="fast_kdf")
def fast_kdf_fixture(monkeypatch):
    """Argon2 with the tests' tiny cost (milliseconds instead of a third of a second)."""
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)


@pytest.fixture(name="encrypted_db")
def encrypted_db_fixture(fast_kdf, new_location):
    """A database with accounts (of the selected backend) and the administrator ``anna``
    (also counsellor), logged out: its location."""
    location = new_location()
    accounts.create_first_admin(location, ADMIN, ADMIN_NAME, PASSWORD)
    accounts.logout()
    yield location
    QThreadPool.globalInstance().waitForDone()
    accounts.logout()
    database.close_app_database()


@pytest.fixture(name="admin_session")
def admin_session_fixture(encrypted_db):
    """Logged in as ``anna`` on :func:`encrypted_db`: its location."""
    accounts.login(encrypted_db, ADMIN, PASSWORD)
    yield encrypted_db
    session.end()


class ScriptedStart(StartDialogs):
    """Answers the start dialogs through the services, recording what was asked."""

    def __init__(self, answer: bool = True, password: str = PASSWORD) -> None:
        self.answer = answer
        self.password = password
        self.asked: list[str] = []

    def first_start(self, location, mode, prompts):
        self.asked.append(f"first_start:{mode}")
        if not self.answer:
            self.cancelled = True
            return None
        return accounts.create_first_admin(location, ADMIN, ADMIN_NAME, self.password)

    def login(self, location, settings):
        self.asked.append("login")
        if not self.answer:
            self.cancelled = True
            return None
        return accounts.login(location, ADMIN, self.password)


def wait_idle(qtbot, task_holder, attribute: str = "task", timeout: int = 10_000) -> None:
    """Wait until the dialog's account call has answered."""
    qtbot.waitUntil(lambda: getattr(task_holder, attribute) is None, timeout=timeout)
