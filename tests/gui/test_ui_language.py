"""The staff UI language as a setting: saved in QSettings, read at start-up before any window
is built, with --lang > KI_DESKTOP_LANG > setting > German; the menu saves and offers a restart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMainWindow, QMenu

from ki_desktop import i18n
from ki_desktop.gui.main_window import MainWindow
from ki_desktop.gui.ui_language import (
    SETTING_KEY,
    install_ui_language_menu,
    restart_command,
    save_ui_language,
    saved_ui_language,
    startup_ui_language,
)
from ki_desktop.paths import APP_AUTHOR, APP_NAME


@pytest.fixture(autouse=True)
def back_to_german():
    yield
    i18n.set_ui_language("de")


def test_nothing_saved_means_german(settings):
    assert saved_ui_language(settings) is None
    assert startup_ui_language(None, {}, settings) == "de"


def test_saved_language_is_read_back_from_the_file(settings, tmp_path):
    save_ui_language(settings, "en")
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert saved_ui_language(again) == "en"
    assert startup_ui_language(None, {}, again) == "en"


@pytest.mark.parametrize(
    ("cli", "env", "saved", "expected"),
    [
        ("de", "en", "en", "de"),  # --lang wins
        (None, "en", "de", "en"),  # then the environment variable
        (None, "de", "en", "de"),
        (None, None, "en", "en"),  # then the setting
        (None, "fr", "en", "en"),  # an unknown value is passed over
        (None, "", None, "de"),  # German by default
    ],
)
def test_precedence(settings, cli, env, saved, expected):
    if saved:
        save_ui_language(settings, saved)
    environ = {} if env is None else {"KI_DESKTOP_LANG": env}
    assert startup_ui_language(cli, environ, settings) == expected


def test_unknown_saved_value_is_ignored(settings):
    settings.setValue(SETTING_KEY, "tlh")
    assert saved_ui_language(settings) is None
    with pytest.raises(ValueError):
        save_ui_language(settings, "tlh")


def test_the_application_settings_are_read_without_a_settings_object():
    """At start-up the caller has no QSettings yet: the application's own are used (the GUI
    conftest points them at a temporary folder)."""
    save_ui_language(QSettings(APP_AUTHOR, APP_NAME), "en")
    assert startup_ui_language(None, {}) == "en"


def test_a_start_with_the_saved_setting_builds_an_english_window(qtbot, open_db, settings):
    save_ui_language(settings, "en")
    i18n.set_ui_language(startup_ui_language(None, {}, settings))
    window = MainWindow(open_db.location, settings)
    qtbot.addWidget(window)
    titles = [window.ui.tabs.tabText(i) for i in range(window.ui.tabs.count())]
    assert titles[0] == "Intake interview"
    assert window.ui.menuFile.title() == "&File"


def test_restart_command_drops_the_lang_option():
    program, args = restart_command(
        ["python", "-m", "ki_desktop", "--lang", "de", "--db", "x.sqlite", "--lang=en"],
        frozen=False,
    )
    assert args == ["-m", "ki_desktop", "--db", "x.sqlite"]
    assert program  # the running interpreter (or the frozen executable)


class _Host(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.file_menu = QMenu("Datei", self)
        self.menuBar().addMenu(self.file_menu)


def _menu(qtbot, settings, prompts, restarts, environ=None):
    from ki_desktop.gui.ui_language import UiLanguageMenu

    host = _Host()
    qtbot.addWidget(host)
    menu = UiLanguageMenu(
        host.file_menu, host, settings, prompts, restart=restarts.append, environ=environ or {}
    )
    return host, menu


def test_menu_shows_both_languages_named_in_themselves(qtbot, settings, prompts):
    host = _Host()
    qtbot.addWidget(host)
    entry = install_ui_language_menu(host.file_menu, host, settings, prompts)
    texts = [a.text() for a in entry.menu.actions()]
    assert texts == ["Deutsch", "English"]
    assert entry.actions["de"].isChecked() and not entry.actions["en"].isChecked()
    assert entry.menu.title() == "Sprache der &Oberfläche"


def test_choosing_english_saves_it_and_offers_a_restart(qtbot, settings, prompts):
    restarts: list = []
    prompts.confirm_answer = True
    host, menu = _menu(qtbot, settings, prompts, restarts)
    menu.actions["en"].trigger()
    assert saved_ui_language(settings) == "en"
    assert menu.actions["en"].isChecked() and not menu.actions["de"].isChecked()
    assert len(prompts.questions) == 1 and "nächsten Start" in prompts.questions[0]
    assert restarts == [host]
    # The running window keeps its language until the restart.
    assert i18n.ui_language() == "de"


def test_declining_the_restart_keeps_the_setting_for_the_next_start(qtbot, settings, prompts):
    restarts: list = []
    prompts.confirm_answer = False
    _host, menu = _menu(qtbot, settings, prompts, restarts)
    menu.actions["en"].trigger()
    assert restarts == []
    assert startup_ui_language(None, {}, settings) == "en"
    # Choosing German again before restarting: nothing to restart, German saved.
    menu.actions["de"].trigger()
    assert saved_ui_language(settings) == "de"
    assert len(prompts.questions) == 1 and restarts == []


def test_environment_variable_overrides_are_explained(qtbot, settings, prompts):
    restarts: list = []
    _host, menu = _menu(qtbot, settings, prompts, restarts, environ={"KI_DESKTOP_LANG": "de"})
    menu.actions["en"].trigger()
    assert saved_ui_language(settings) == "en"
    assert prompts.questions == [] and restarts == []
    assert "KI_DESKTOP_LANG" in prompts.notices[0]
