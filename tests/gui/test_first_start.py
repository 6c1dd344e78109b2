"""Start-up: first-start question, demo loading, database errors, unexpected errors."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ki_desktop.gui.error_reporting import ExceptionReporter
from ki_desktop.gui.main_window import MainWindow
from ki_desktop.gui.run import QUIT_AFTER_SHOW_ENV, application, run_gui, start_gui
from ki_desktop.logs import setup_logging
from ki_desktop.services import cases, database, offers, schools
from ki_desktop.services.demo import is_database_empty
from tests import backend
from tests.gui.account_helpers import ScriptedStart, fast_kdf_fixture  # noqa: F401
from tests.gui.conftest import ScriptedPrompts

QUESTION = "Die Datenbank ist leer. Demodaten laden?"


@pytest.fixture
def closes_database():
    yield
    database.close_app_database()


def test_empty_database_asks_and_no_means_no(empty_window, prompts):
    assert empty_window.offer_demo_data() is None
    # An empty server database is a production database being set up: nothing is asked.
    assert prompts.questions == ([] if backend.on_server() else [QUESTION])
    assert is_database_empty()


def test_yes_loads_the_demo_data_in_the_background(qtbot, empty_window, prompts):
    prompts.confirm_answer = True
    requested = backend.on_server()  # on a server only ki-desktop --demo loads without the menu
    with qtbot.waitSignal(empty_window.data_changed, timeout=30_000):
        operation = empty_window.offer_demo_data(demo_requested=requested, size=60)
        assert operation is not None
    assert prompts.questions == ([] if requested else [QUESTION])
    assert cases.case_count() == 60
    assert empty_window.intake.model.total == 60
    empty_window.ui.tabs.setCurrentWidget(empty_window.placement)
    assert empty_window.placement.proxy.rowCount() == len(schools.schools()) > 0
    empty_window.ui.tabs.setCurrentWidget(empty_window.offers)
    assert empty_window.offers.proxy.rowCount() == len(offers.offers(valid_on=date.today())) > 0
    assert "60 Fälle" in empty_window.statusBar().currentMessage()


def test_a_database_with_data_is_not_asked_about(window, prompts):
    assert window.offer_demo_data() is None
    assert prompts.questions == []


@pytest.mark.skipif(backend.on_server(), reason="no first-start question on a server database")
def test_the_real_question_box_can_be_answered(qtbot, open_db, settings):
    window = MainWindow(open_db.location, settings)  # real dialogs
    qtbot.addWidget(window)
    window.show()
    seen = []

    def answer_no():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(0, answer_no)
    assert window.offer_demo_data() is None
    assert seen == [QUESTION]
    assert is_database_empty()


def test_menu_asks_how_many_cases_then_loads(qtbot, empty_window, prompts):
    prompts.number_answer = 25
    prompts.confirm_answer = True  # on a server: yes, into the shared database
    with qtbot.waitSignal(empty_window.data_changed, timeout=30_000):
        empty_window.ui.actionLoadDemo.trigger()
    assert len(prompts.questions) == (2 if backend.on_server() else 1)
    assert "Wie viele fiktive Fälle" in prompts.questions[-1]
    assert cases.case_count() == 25


def test_menu_cancelled_loads_nothing(empty_window, prompts):
    prompts.number_answer = None
    assert empty_window.ask_and_load_demo_data() is None
    assert is_database_empty()


@pytest.mark.usefixtures("fast_kdf")
def test_demo_flag_loads_without_asking(qtbot, db_path, settings, closes_database):
    prompts = ScriptedPrompts()
    app = application()
    start = ScriptedStart()  # the administrator is set up first (a new database)
    window = start_gui(
        app,
        str(db_path),
        demo=True,
        demo_size=30,
        settings=settings,
        prompts=prompts,
        dialogs=start,
    )
    assert window is not None
    qtbot.addWidget(window)
    assert start.asked == ["first_start:new"]
    qtbot.waitUntil(lambda: cases.case_count() == 30, timeout=30_000)
    qtbot.waitUntil(lambda: window.intake.model.total == 30, timeout=10_000)
    assert prompts.questions == []
    assert app.applicationName() == "ki-desktop"
    assert app.organizationName() == "KI-NRW"


def test_database_that_cannot_be_opened_is_reported(tmp_path, settings, log_dir, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    broken = tmp_path / "kaputt.sqlite"
    broken.write_bytes(b"Das ist keine Datenbank. " * 200)
    prompts = ScriptedPrompts()
    code = run_gui(str(broken), False, 10, settings=settings, prompts=prompts, log_dir=log_dir)
    assert code == 1
    assert len(prompts.errors) == 1
    assert "kaputt.sqlite" in prompts.errors[0]
    assert "Traceback" not in prompts.errors[0]


def test_run_gui_starts_and_quits_in_its_own_process(db_path, tmp_path):
    # Qt's event loop can run only once per process, so the whole start runs in a child
    # process; settings and logs go to temporary folders.
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        QUIT_AFTER_SHOW_ENV: "0",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    script = (
        "import sys\n"
        "from ki_desktop.gui.run import run_gui\n"
        "sys.exit(run_gui(sys.argv[1], False, 10))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(db_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    if backend.on_server():  # the schema was made on the server
        assert backend.run(db_path, "SELECT count(*) FROM schema_version")[0][0] == 1
    else:
        assert db_path.is_file()
    assert list((tmp_path / "config").rglob("ki-desktop.conf"))  # window state remembered


def test_unexpected_errors_are_logged_and_shown_politely(qtbot, log_dir):
    reporter = ExceptionReporter(setup_logging(log_dir))
    try:
        raise ValueError("kaputt")
    except ValueError:
        reporter(*sys.exc_info())
    logged = reporter.log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ValueError: kaputt" in logged
    box = reporter.box
    assert box is not None and box.isVisible()
    assert "unerwarteter Fehler" in box.text()
    assert "kaputt" in box.text()
    assert str(reporter.log_file) in box.text()
    assert "Traceback" not in box.text()
    # A second error while the message is open is logged, not stacked on the screen.
    try:
        raise KeyError("nochmal")
    except KeyError:
        reporter(*sys.exc_info())
    assert reporter.box is box
    assert "nochmal" in reporter.log_file.read_text(encoding="utf-8")
    box.close()
