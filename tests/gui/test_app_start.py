"""ki_desktop.app starts the GUI in the UI language of --lang, KI_DESKTOP_LANG or the saved
setting, in that order."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from ki_desktop import app
from ki_desktop.gui import run
from ki_desktop.i18n import set_ui_language, ui_language
from ki_desktop.paths import APP_AUTHOR, APP_NAME


@pytest.fixture
def started(monkeypatch):
    seen: list[str] = []
    monkeypatch.setattr(run, "run_gui", lambda *args, **kwargs: seen.append(ui_language()) or 0)
    monkeypatch.delenv("KI_DESKTOP_LANG", raising=False)
    QSettings(APP_AUTHOR, APP_NAME).setValue("ui_language", "en")
    yield seen
    QSettings(APP_AUTHOR, APP_NAME).remove("ui_language")
    set_ui_language("de")


def test_the_saved_language_is_used(started):
    assert app.main([]) == 0
    assert started == ["en"]


def test_option_and_environment_come_first(started, monkeypatch):
    assert app.main(["--lang", "de"]) == 0
    monkeypatch.setenv("KI_DESKTOP_LANG", "de")
    assert app.main([]) == 0
    assert started == ["de", "de"]
