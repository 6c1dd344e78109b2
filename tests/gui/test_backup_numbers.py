"""Backup messages write sizes and seconds with the decimal sign of the user interface's
language („2,3 MB“ in German, not „2.3 MB“)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow

from ki_desktop.gui.backup_actions import BackupActions
from ki_desktop.i18n import set_ui_language, ui_language
from ki_desktop.services.backups import BackupReport
from tests.gui.conftest import ScriptedPrompts


@pytest.fixture
def english():
    before = ui_language()
    set_ui_language("en")
    yield
    set_ui_language(before)


def written(qtbot, report: BackupReport) -> str:
    window = QMainWindow()
    qtbot.addWidget(window)
    actions = BackupActions(window, ScriptedPrompts())
    actions._automatic_written(report)
    return window.statusBar().currentMessage()


REPORT = BackupReport(Path("ki-desktop-20260302-081500.sqlite"), None, 2_345_678, 0.14, "start")


def test_german_decimal_comma(qtbot, open_db):
    text = written(qtbot, REPORT)
    assert text.endswith("(2,3 MB, 0,1 s)")


def test_english_decimal_point(qtbot, open_db, english):
    assert "(2.3 MB, 0.1 s)" in written(qtbot, REPORT)
