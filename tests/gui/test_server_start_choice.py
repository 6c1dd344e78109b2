"""A server chosen in the settings that does not answer at start is no dead end: the user is
asked — „Erneut versuchen“, „Mit der lokalen Datei starten“ (and, asked, the settings choose
the file again), „Beenden“ — with a message that names ``ki-desktop --db DATEI``."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ki_desktop.gui import database_choice
from ki_desktop.gui.server_choice_dialog import ServerChoiceBox
from ki_desktop.gui.start_dialogs import StartDialogs, sign_in
from ki_desktop.paths import DB_ENV_VAR
from ki_desktop.services import accounts, database
from ki_desktop.services.errors import ServiceError
from tests import backend
from tests.gui.account_helpers import ADMIN, ADMIN_NAME, PASSWORD, fast_kdf_fixture  # noqa: F401
from tests.server_proxy import ServerProxy

pytestmark = pytest.mark.usefixtures("fast_kdf")


def _nothing_listening() -> str:
    """A server address whose port has nothing listening (refused at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"postgresql://beratung@127.0.0.1:{port}/ki"


class Answering(StartDialogs):
    """The real question, answered by clicking its buttons in turn (``answers``: "retry",
    "file", "quit", or a callable run before "retry"); the first start is scripted."""

    def __init__(self, *answers) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []  # the question's text, each time
        self.buttons: list[list[str]] = []
        self.first_starts: list[str] = []

    def server_unavailable(self, location, error, file_offered):
        QTimer.singleShot(0, self._click)
        return super().server_unavailable(location, error, file_offered)

    def _click(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, ServerChoiceBox):
            QTimer.singleShot(20, self._click)
            return
        self.asked.append(box.text())
        self.buttons.append([b.text() for b in box.buttons()])
        answer = self.answers.pop(0)
        if callable(answer):
            answer()
            answer = "retry"
        button = {"retry": box.retry_button, "file": box.file_button, "quit": box.quit_button}
        button[answer].click()

    def first_start(self, location, mode, prompts):
        self.first_starts.append(location)
        return accounts.create_first_admin(location, ADMIN, ADMIN_NAME, PASSWORD)


@pytest.fixture
def local_file(tmp_path, monkeypatch):
    """The default database file of this start (a new one)."""
    path = tmp_path / "daten" / "ki-desktop.sqlite"
    monkeypatch.setenv(DB_ENV_VAR, str(path))
    yield path
    database.close_app_database()


@pytest.fixture
def server_in_settings(settings):
    url = _nothing_listening()
    database_choice.save_choice(settings, database_choice.SERVER, url)
    return url


def test_quitting_says_why_and_names_the_file_option(
    qtbot, settings, prompts, server_in_settings, local_file
):
    dialogs = Answering("quit")
    assert sign_in(server_in_settings, settings, prompts, dialogs) is None
    assert dialogs.cancelled  # the user's choice: no error
    (text,) = dialogs.asked
    assert "nicht erreichbar" in text and "127.0.0.1" in text
    assert "ki-desktop --db DATEI" in text
    assert [set(b) for b in dialogs.buttons] == [
        {"Erneut versuchen", "Mit der lokalen Datei starten", "Beenden"}
    ]
    assert prompts.errors == []  # no second message
    assert database_choice.configured_location(settings) == server_in_settings
    assert not local_file.exists()


def test_trying_again_asks_again_while_the_server_is_away(
    qtbot, settings, prompts, server_in_settings, local_file
):
    dialogs = Answering("retry", "retry", "quit")
    assert sign_in(server_in_settings, settings, prompts, dialogs) is None
    assert len(dialogs.asked) == 3 and dialogs.answers == []


def test_the_local_file_for_this_start_and_from_now_on(
    qtbot, settings, prompts, server_in_settings, local_file
):
    prompts.confirm_answer = True
    dialogs = Answering("file")
    signed = sign_in(server_in_settings, settings, prompts, dialogs)
    assert signed is not None and signed.location == str(local_file)
    assert dialogs.first_starts == [str(local_file)] and local_file.exists()
    (question,) = prompts.questions
    assert "auch bei den nächsten Starts" in question
    assert database_choice.chosen_kind(settings) == database_choice.FILE
    assert database_choice.configured_location(settings) is None
    # The address stays, to be chosen again in „Einstellungen“.
    assert database_choice.chosen_server(settings) == server_in_settings
    accounts.logout()


def test_the_local_file_for_this_start_only(
    qtbot, settings, prompts, server_in_settings, local_file
):
    prompts.confirm_answer = False
    signed = sign_in(server_in_settings, settings, prompts, Answering("file"))
    assert signed is not None and signed.location == str(local_file)
    assert len(prompts.questions) == 1
    assert database_choice.configured_location(settings) == server_in_settings
    accounts.logout()


def test_a_server_given_on_the_command_line_leaves_the_settings_alone(
    qtbot, settings, prompts, local_file
):
    given = _nothing_listening()
    signed = sign_in(given, settings, prompts, Answering("file"))
    assert signed is not None and signed.location == str(local_file)
    assert prompts.questions == []  # the settings choose the file already
    assert database_choice.chosen_kind(settings) == database_choice.FILE
    accounts.logout()


def test_no_file_is_offered_when_the_default_is_a_server_too(
    qtbot, settings, prompts, server_in_settings, monkeypatch
):
    monkeypatch.setenv(DB_ENV_VAR, server_in_settings)
    dialogs = Answering("quit")
    assert sign_in(server_in_settings, settings, prompts, dialogs) is None
    assert [set(b) for b in dialogs.buttons] == [{"Erneut versuchen", "Beenden"}]
    assert "lokalen Datenbankdatei" not in dialogs.asked[0]
    assert "ki-desktop --db DATEI" in dialogs.asked[0]


def test_a_file_that_cannot_be_opened_is_told_as_before(
    qtbot, settings, prompts, tmp_path, monkeypatch
):
    def unreadable(location):
        raise ServiceError("Die Datei ist unlesbar.")

    monkeypatch.setattr(accounts, "database_state", unreadable)
    dialogs = Answering()
    assert sign_in(str(tmp_path / "ki.sqlite"), settings, prompts, dialogs) is None
    assert dialogs.asked == [] and not dialogs.cancelled
    (error,) = prompts.errors
    assert "Die Datei ist unlesbar." in error and "wird beendet" in error


@pytest.mark.skipif(not backend.on_server(), reason="needs a PostgreSQL server")
def test_trying_again_once_the_server_is_back_goes_on_to_it(
    qtbot, tmp_path, settings, prompts, local_file
):
    proxy = ServerProxy.to(backend.new_location(tmp_path))
    try:
        proxy.cut()
        database_choice.save_choice(settings, database_choice.SERVER, proxy.url)
        dialogs = Answering(proxy.restore)
        signed = sign_in(proxy.url, settings, prompts, dialogs)
        assert signed is not None and signed.location == proxy.url
        assert len(dialogs.asked) == 1 and dialogs.first_starts == [proxy.url]
        assert database_choice.configured_location(settings) == proxy.url
        assert not local_file.exists()
    finally:
        accounts.logout()
        database.close_app_database()
        proxy.close()
