"""The window's backups on either backend: on a server „Wiederherstellen…“ is hidden,
„Datensicherung (Server)…“ says who backs the database up, and no automatic backup runs; on
a file the start backup is written as before."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QMainWindow

from ki_desktop.gui.backup_actions import BackupActions
from ki_desktop.services import backups
from tests import backend
from tests.gui.conftest import ScriptedPrompts

NOW = datetime(2026, 3, 2, 8, 15)


def test_the_window_offers_file_backups_only_for_a_file(qtbot, open_db):
    window = QMainWindow()
    qtbot.addWidget(window)
    prompts = ScriptedPrompts()
    actions = BackupActions(window, prompts, clock=lambda: NOW, quit_app=lambda: None)
    actions.start(delay_ms=0)
    if backend.on_server():
        assert not actions.actionRestore.isVisible()
        assert actions.actionBackupNow.isVisible()
        assert actions.actionBackupNow.text() == "Daten&sicherung (Server)…"
        assert not actions.timer.isActive()  # no daily check
        assert actions.run_automatic(at_start=True) is None
        assert actions.backup_now() is None
        assert "pg_dump" in prompts.notices[-1]
        assert prompts.questions == []  # no file was asked for
    else:
        assert actions.actionRestore.isVisible() and actions.timer.isActive()
        qtbot.waitUntil(lambda: actions.operation is not None, timeout=2000)
        qtbot.waitUntil(lambda: actions.operation is None, timeout=20_000)
        assert backups.last_backup_at() == NOW
    actions.timer.stop()
