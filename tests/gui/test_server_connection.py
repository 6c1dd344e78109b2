"""Server mode in the window: the server's password dialog, the database choice in
„Einstellungen“, and what users see when the server goes away while they type: a clear
message, the input kept, „Server nicht erreichbar – neuer Versuch in N s“ in the status bar,
and everything back to normal once the server answers again."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from ki_desktop.domain.roles import Role
from ki_desktop.gui import database_choice, server_status
from ki_desktop.gui.error_reporting import ExceptionReporter
from ki_desktop.gui.server_password_dialog import ServerPasswordDialog, ask_server_password
from ki_desktop.gui.server_status import ServerStatus
from ki_desktop.gui.settings_dialog import SettingsDialog
from ki_desktop.paths import DB_ENV_VAR
from ki_desktop.services import cases, database, session
from ki_desktop.services.errors import ServerUnavailable
from ki_desktop.services.server_login import PasswordRequest
from ki_desktop.store import server_link
from tests import backend
from tests.gui.conftest import _stop_timers, _window
from tests.gui.form_typing import type_text
from tests.server_proxy import ServerProxy

URL = "postgresql://beratung@db.kreis.local/ki"


def _request(failure=None, can_remember=True) -> PasswordRequest:
    return PasswordRequest(URL, "beratung", "db.kreis.local", failure, can_remember)


# -- the password dialog ------------------------------------------------------------------


def test_the_password_dialog_remembers_nothing_unless_ticked(qtbot):
    dialog = ServerPasswordDialog(_request())
    qtbot.addWidget(dialog)
    assert URL in dialog.intro.text()
    assert not dialog.failure.isVisibleTo(dialog)
    assert not dialog.remember.isChecked() and dialog.remember.isEnabled()
    assert not dialog.ok_button.isEnabled()
    type_text(dialog.password_edit, "Geheim-1")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    answer = dialog.answer()
    assert (answer.password, answer.remember) == ("Geheim-1", False)


def test_the_password_dialog_says_why_it_asks_again_and_offers_no_keyring_without_one(qtbot):
    dialog = ServerPasswordDialog(_request("Das Passwort ist falsch.", can_remember=False))
    qtbot.addWidget(dialog)
    assert dialog.failure.isVisibleTo(dialog)
    assert dialog.failure.text() == "Das Passwort ist falsch."
    assert not dialog.remember.isEnabled()
    assert "keinen Schlüsselbund" in dialog.remember.toolTip()
    dialog.reject()
    assert dialog.answer() is None


def test_a_background_job_is_not_stopped_by_a_password_dialog(qtbot):
    import threading

    answers = []
    worker = threading.Thread(target=lambda: answers.append(ask_server_password(_request())))
    worker.start()
    worker.join(5)
    assert answers == [None]


# -- the database choice ------------------------------------------------------------------


def test_the_settings_choose_a_server_from_the_next_start(qtbot, settings, monkeypatch):
    monkeypatch.delenv(DB_ENV_VAR, raising=False)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.file_button.isChecked() and not dialog.server_edit.isEnabled()
    dialog.server_button.click()
    assert dialog.server_edit.isEnabled()
    type_text(dialog.server_edit, "beratung@db.kreis.local/ki")
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert database_choice.configured_location(settings) == URL
    assert database_choice.startup_database_location(None, settings) == URL
    # --db and KI_DESKTOP_DB still come first.
    assert database_choice.startup_database_location("/tmp/x.sqlite", settings) == "/tmp/x.sqlite"
    monkeypatch.setenv(DB_ENV_VAR, "/tmp/env.sqlite")
    assert database_choice.startup_database_location(None, settings) == "/tmp/env.sqlite"


def test_a_password_typed_into_the_address_is_never_saved(qtbot, settings, tmp_path):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.server_button.click()
    type_text(dialog.server_edit, "postgresql://beratung:Geheim-1@db.kreis.local/ki")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted  # says so first
    assert "Passwort wurde aus der Adresse entfernt" in dialog.database_message.text()
    assert dialog.server_edit.text() == URL
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    settings.sync()
    stored = Path(settings.fileName()).read_text(encoding="utf-8")
    assert "Geheim-1" not in stored and "db.kreis.local" in stored


def test_a_wrong_address_is_named_and_nothing_is_saved(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.server_button.click()
    type_text(dialog.server_edit, "postgresql://db.kreis.local")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "Rechner und Datenbank" in dialog.database_message.text()
    assert database_choice.chosen_kind(settings) == database_choice.FILE
    dialog.file_button.click()  # back to the file: the broken address is dropped
    dialog.accept()
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert database_choice.configured_location(settings) is None


def test_only_the_administration_changes_the_database(qtbot, settings):
    session.begin(session.Session("berta", "Berta", frozenset({Role.COUNSELLOR})))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.server_button.isEnabled() and not dialog.file_button.isEnabled()
    assert dialog.server_edit.isReadOnly()


# -- the status bar while the server is away ------------------------------------------------


@pytest.fixture
def quick_retries(monkeypatch):
    monkeypatch.setattr(server_status, "RETRY_SCHEDULE_S", (1, 1, 2))
    yield
    server_link.report(True)


def test_the_indicator_counts_down_checks_and_goes_when_the_server_answers(qtbot, quick_retries):
    window = QMainWindow()
    qtbot.addWidget(window)
    answers = [False, True]
    status = ServerStatus(window, probe=lambda hold_s: answers.pop(0))
    server_link.report(False)  # as the store does when it loses the server
    qtbot.waitUntil(lambda: status.button.isVisibleTo(window), timeout=2000)
    assert status.text == "Server nicht erreichbar – neuer Versuch in 1 s"
    assert "es wird erneut versucht" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: answers == [True], timeout=5000)  # first check: still away
    qtbot.waitUntil(lambda: not status.button.isVisibleTo(window), timeout=8000)
    assert answers == []
    assert window.statusBar().currentMessage() == "Verbindung zum Server wiederhergestellt."
    status.shutdown()


def test_a_lost_connection_is_told_once_per_outage_not_as_an_unexpected_error(
    qtbot, log_dir, quick_retries
):
    reporter = ExceptionReporter(None)
    server_link.report(False)
    lost = ServerUnavailable("Die Verbindung zum Datenbankserver db ist unterbrochen.")
    reporter(type(lost), lost, None)
    box = reporter.box
    assert box.windowTitle() == "Verbindung zum Server unterbrochen"
    assert "Ihre Eingaben bleiben erhalten" in box.text()
    assert "Unerwarteter Fehler" not in box.text()
    box.done(QMessageBox.StandardButton.Ok)
    qtbot.waitUntil(lambda: reporter.box is None)
    reporter(type(lost), lost, None)  # the same outage: the status bar says the rest
    assert reporter.box is None
    server_link.report(True)
    reporter(type(lost), lost, None)  # a new outage is told again
    assert reporter.box is not None
    reporter.box.close()


needs_server = pytest.mark.skipif(not backend.on_server(), reason="needs a PostgreSQL server")


@pytest.fixture
def relay_window(qtbot, tmp_path, settings, prompts, quick_retries):
    # A counsellor: types and saves cases.
    session.begin(session.Session("berta", "Berta", frozenset({Role.COUNSELLOR})))
    proxy = ServerProxy.to(backend.new_location(tmp_path))
    database.open_app_database(proxy.url)
    window = _window(qtbot, proxy.url, settings, prompts)
    window.relay = proxy
    yield window
    _stop_timers(window)
    window.server_status.shutdown()
    proxy.close()


@needs_server
def test_typed_input_survives_a_server_outage_and_saves_once_it_is_back(
    qtbot, relay_window, prompts
):
    window, relay = relay_window, relay_window.relay
    assert window.server_status is not None and not window.server_status.button.isVisible()
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Kovalenko")
    type_text(form.child.first_name, "Olena")
    type_text(form.child.birth_date, "10.03.2014")
    with qtbot.capture_exceptions() as raised:
        relay.cut()
        qtbot.keyClick(form.child.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        assert (form.child.last_name.text(), form.child.first_name.text()) == (
            "Kovalenko",
            "Olena",
        )
        qtbot.waitUntil(lambda: window.server_status.button.isVisible(), timeout=3000)
        assert window.server_status.text.startswith("Server nicht erreichbar – neuer Versuch")
        relay.restore()
        qtbot.waitUntil(lambda: not window.server_status.button.isVisible(), timeout=8000)
    # Nothing reached the application's error handler: the save said why it did not save
    # (the connection message, once), the autosave of the draft only logged it.
    assert raised == []
    assert len(prompts.errors) == 1 and "Datenbankserver" in prompts.errors[0]
    assert window.statusBar().currentMessage() == "Verbindung zum Server wiederhergestellt."
    assert form.child.first_name.text() == "Olena"  # still there
    qtbot.keyClick(form.child.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: cases.case_count() == 1, timeout=5000)


def test_no_indicator_on_a_file(qtbot, tmp_path, settings, prompts):
    if backend.on_server():
        pytest.skip("about the SQLite file")
    database.open_app_database(str(tmp_path / "ki.sqlite"))
    window = _window(qtbot, str(tmp_path / "ki.sqlite"), settings, prompts)
    assert window.server_status is None
    _stop_timers(window)


def _start_window(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    """``ki-desktop [args]`` as a real, unattended process (it quits once the window is shown)
    with its own settings folder."""
    env = {k: v for k, v in os.environ.items() if k not in (DB_ENV_VAR, "KI_DESKTOP_PASSWORD")}
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "KI_DESKTOP_QUIT_AFTER_SHOW_MS": "0",
            "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_STATE_HOME": str(tmp_path / "state"),
            "XDG_DATA_HOME": str(tmp_path / "data"),
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "ki_desktop", *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


def _choose_in_settings(tmp_path: Path, server: str) -> None:
    chosen = QSettings(
        str(tmp_path / "config" / "KI-NRW" / "ki-desktop.conf"), QSettings.Format.IniFormat
    )
    database_choice.save_choice(chosen, database_choice.SERVER, server)
    chosen.sync()


@pytest.mark.skipif(sys.platform != "linux", reason="the settings file's place on Linux")
def test_the_server_chosen_in_the_settings_is_opened_at_the_next_start(tmp_path, db_path):
    if backend.on_server():
        _choose_in_settings(tmp_path, str(db_path))  # the test server's database
        done = _start_window(tmp_path)
    else:
        # --db comes first: an unreachable server in the settings does not matter.
        _choose_in_settings(tmp_path, "postgresql://ki@127.0.0.1:1/ki")
        done = _start_window(tmp_path, "--db", str(db_path))
    assert done.returncode == 0, done.stderr
    assert "nicht erreichbar" not in done.stderr
    # Not the file in the user data folder, which would have been made otherwise.
    assert list((tmp_path / "data").rglob("*.sqlite")) == []
