"""Fixtures of the GUI tests: a demo database, settings in a temporary file, scripted answers."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer

from ki_desktop.gui.main_window import MainWindow
from ki_desktop.gui.prompts import Prompts

GUI_DEMO_CASES = 450  # more than two pages of the lazy case list


class ScriptedPrompts(Prompts):
    """Answers the window's questions without dialogs and records what was asked."""

    def __init__(
        self, confirm: bool = False, number: int | None = None, unsaved: str = "cancel"
    ) -> None:
        self.confirm_answer = confirm
        self.number_answer = number
        self.unsaved_answer = unsaved
        self.questions: list[str] = []
        self.notices: list[str] = []
        self.errors: list[str] = []

    def confirm(self, parent, title, question):
        self.questions.append(question)
        return self.confirm_answer

    def number(self, parent, title, label, value, minimum, maximum):
        self.questions.append(label)
        return self.number_answer

    def inform(self, parent, title, text):
        self.notices.append(text)

    def error(self, parent, title, text):
        self.errors.append(text)

    def save_file_name(self, parent, title, suggested, file_filter):
        return None

    open_file_answer: str | None = None

    def open_file_name(self, parent, title, folder, file_filter):
        self.questions.append(title)
        return self.open_file_answer

    def save_discard_cancel(self, parent, title, question):
        self.questions.append(question)
        return self.unsaved_answer

    choice_answer: int | None = None
    text_answer: str | None = None

    def choose(self, parent, title, label, items):
        self.questions.append(label)
        self.choices = list(items)
        return self.choice_answer

    def text(self, parent, title, label):
        self.questions.append(label)
        return self.text_answer

    date_note_answer: tuple[date, str] | None = None

    def date_and_note(self, parent, title, label, day, latest):
        self.questions.append(label)
        self.date_note_asked = (day, latest)
        return self.date_note_answer


@pytest.fixture(autouse=True)
def _no_start_backup_across_tests(monkeypatch):
    """The main window's start backup comes a few seconds after it opened: in the tests it
    would run on into the next test's database. The backup tests start it themselves."""
    from ki_desktop.gui import backup_actions

    monkeypatch.setattr(backup_actions, "START_DELAY_MS", 24 * 3600 * 1000)


@pytest.fixture(autouse=True)
def _no_user_settings(tmp_path_factory):
    """Whatever QSettings a test creates by name lands in a temporary folder."""
    folder = str(tmp_path_factory.mktemp("qsettings"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(fmt, scope, folder)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def prompts() -> ScriptedPrompts:
    return ScriptedPrompts()


@pytest.fixture
def gui_db(open_db):
    """The demo schools and offers and 450 cases, on a fixed reference date."""
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=GUI_DEMO_CASES, seed=3, reference=date(2026, 11, 1))
    return open_db


def _window(qtbot, location: str, settings: QSettings, prompts: Prompts) -> MainWindow:
    window = MainWindow(location, settings, prompts)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    return window


def _stop_timers(window: MainWindow) -> None:
    """A window of a finished test must not write into the next test's database: its pending
    timers (autosave of the case form, filters) are stopped before the database is closed."""
    for timer in window.findChildren(QTimer):
        timer.stop()


@pytest.fixture
def window(qtbot, gui_db, settings, prompts):
    """The main window on the demo database."""
    window = _window(qtbot, gui_db.location, settings, prompts)
    yield window
    _stop_timers(window)


@pytest.fixture
def empty_window(qtbot, open_db, settings, prompts):
    """The main window on a new, empty database."""
    window = _window(qtbot, open_db.location, settings, prompts)
    yield window
    _stop_timers(window)


@pytest.fixture
def log_dir(tmp_path: Path):
    """A log folder; the file handler the test adds is removed again afterwards."""
    logger = logging.getLogger("ki_desktop")
    before = list(logger.handlers)
    yield tmp_path / "log"
    for handler in logger.handlers[:]:
        if handler not in before:
            logger.removeHandler(handler)
            handler.close()
