"""Backups in the main window: the start backup and the daily one in the background, the
warning when one fails, „Datensicherung jetzt…“ with its shortcut, and „Wiederherstellen…“
with the typed confirmation, for a plain and an encrypted database."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog

from ki_desktop.domain.roles import Role
from ki_desktop.gui.backup_actions import HOUR_MS, BackupActions, install_backups
from ki_desktop.gui.backup_dialogs import (
    BackupCredentials,
    BackupUnlockDialog,
    RestoreConfirmDialog,
)
from ki_desktop.services import accounts, backups, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.store import keyfile
from tests.gui.conftest import ScriptedPrompts, _stop_timers, _window

PASSWORD = "Ihr-Kennwort-Nr-1"
START = datetime(2026, 3, 2, 8, 15)
# The window's backups of the database file; on a server there are none (the server's
# administration backs it up): tests/gui/test_server_backup_actions.py.
file_backups = pytest.mark.sqlite_only("backups of the database file")


class BackupPrompts(ScriptedPrompts):
    save_answer: str | None = None

    def save_file_name(self, parent, title, suggested, file_filter):
        self.suggested = suggested
        return self.save_answer


class Clock:
    def __init__(self, now=START):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def backup_prompts():
    return BackupPrompts(confirm=False)


@pytest.fixture
def main(qtbot, gui_db, settings, backup_prompts):
    window = _window(qtbot, gui_db.location, settings, backup_prompts)
    yield window
    _stop_timers(window)


quits: list[bool] = []  # quit_app calls


def _actions(window, prompts, **options):
    """The test's own backup actions (fake clock, no quitting) instead of those the main
    window installed, whose shortcuts would otherwise clash with them."""
    installed = getattr(window, "backups", None)
    if installed is not None:
        installed.timer.stop()
        for action in (installed.actionBackupNow, installed.actionRestore):
            installed.menu.removeAction(action)
            action.setShortcut(QKeySequence())
            action.setEnabled(False)
        installed.deleteLater()  # also cancels its pending start backup
    options.setdefault("clock", Clock())
    options.setdefault("quit_app", lambda: quits.append(True))
    return BackupActions(window, prompts, **options)


def _wait(qtbot, actions):
    qtbot.waitUntil(lambda: actions.operation is None, timeout=20_000)


def _cases(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute('SELECT count(*) FROM "case"').fetchone()[0]
    finally:
        con.close()


@file_backups
def test_menu_entries_in_the_file_menu_for_the_administration_only(main, backup_prompts):
    actions = install_backups(main, backup_prompts)
    actions.timer.stop()
    entries = [a.text() for a in main.ui.menuFile.actions()]
    assert entries.index("Daten&sicherung jetzt…") < entries.index("&Wiederherstellen…")
    assert entries.index("&Wiederherstellen…") < entries.index(main.ui.actionQuit.text())
    assert actions.actionBackupNow.shortcut().toString() == "Ctrl+Shift+B"
    assert actions.actionBackupNow.isVisible() and actions.actionRestore.isVisible()
    assert actions.timer.interval() == HOUR_MS
    session.begin(session.Session("bert", "Bert", frozenset({Role.COUNSELLOR})))
    actions.update_permissions()
    assert not actions.actionBackupNow.isVisible() and not actions.actionRestore.isVisible()


@file_backups
def test_start_backup_then_the_hourly_check_writes_the_daily_one(qtbot, main, backup_prompts):
    clock = Clock()
    actions = _actions(main, backup_prompts, clock=clock)
    actions.start(delay_ms=0)
    assert actions.timer.isActive()
    qtbot.waitUntil(lambda: actions.operation is not None, timeout=5_000)
    _wait(qtbot, actions)
    written = backups.list_backups()
    assert [b.path.name for b in written] == ["ki-desktop-20260302-081500.sqlite"]
    assert "Automatische Datensicherung geschrieben: ki-desktop-20260302-081500.sqlite" in (
        main.statusBar().currentMessage()
    )
    assert not actions.warning.isVisible()
    assert backup_prompts.notices == []  # nobody is interrupted

    clock.now = START + timedelta(hours=5)
    assert actions.check_daily() is None  # not due yet
    clock.now = START + timedelta(hours=24, minutes=30)
    assert actions.check_daily() is not None
    _wait(qtbot, actions)
    assert len(backups.list_backups()) == 2


@file_backups
def test_a_failed_automatic_backup_shows_a_warning_that_offers_a_retry(qtbot, main, backup_prompts):
    blocker = backups.backup_folder()
    blocker.write_text("a file where the folder should be")
    actions = _actions(main, backup_prompts)
    actions.run_automatic(at_start=True)
    _wait(qtbot, actions)
    assert actions.warning.isVisible()
    assert "fehlgeschlagen" in main.statusBar().currentMessage()
    qtbot.mouseClick(actions.warning, Qt.MouseButton.LeftButton)
    assert "fehlgeschlagen" in backup_prompts.questions[-1]
    assert "erneut versuchen" in backup_prompts.questions[-1]
    # Fixed, and tried again from the warning: the warning goes.
    blocker.unlink()
    backup_prompts.confirm_answer = True
    qtbot.mouseClick(actions.warning, Qt.MouseButton.LeftButton)
    _wait(qtbot, actions)
    assert not actions.warning.isVisible()
    assert len(backups.list_backups()) == 1


@file_backups
def test_backup_now_with_the_shortcut(qtbot, main, backup_prompts, tmp_path):
    actions = _actions(main, backup_prompts)
    target = tmp_path / "stick" / "sicherung.sqlite"
    backup_prompts.save_answer = str(target)
    main.activateWindow()
    qtbot.keyClick(
        main, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert backup_prompts.suggested == str(
        backups.backup_folder() / "ki-desktop-20260302-081500.sqlite"
    )
    _wait(qtbot, actions)
    assert _cases(target) == 450
    assert str(target) in backup_prompts.notices[-1]
    assert "Sicherung geschrieben: sicherung.sqlite" in main.statusBar().currentMessage()


@file_backups
def test_restore_replaces_the_database_and_quits(qtbot, main, backup_prompts, tmp_path):
    from ki_desktop.store.models import Case

    location = backups.database_file()
    source = tmp_path / "sicherung.sqlite"
    backups.backup_now(target=source)
    Case.delete().execute()
    asked = []
    quits.clear()
    actions = _actions(
        main, backup_prompts, confirm_restore=lambda *args: asked.append(args) or True
    )
    backup_prompts.open_file_answer = str(source)
    actions.actionRestore.trigger()
    qtbot.waitUntil(lambda: bool(quits), timeout=20_000)
    assert asked == [
        (
            "sicherung.sqlite",
            str(location),
            str(location.with_name("ki.vor-wiederherstellung.sqlite")),
        )
    ]
    assert "wiederhergestellt" in backup_prompts.notices[-1]
    assert "neu starten" in backup_prompts.notices[-1]
    assert _cases(location) == 450
    assert _cases(location.with_name("ki.vor-wiederherstellung.sqlite")) == 0
    assert session.current_or_none() is None


@file_backups
def test_restore_cancelled_at_the_confirmation_changes_nothing(
    qtbot, main, backup_prompts, tmp_path
):
    from ki_desktop.store.models import Case

    source = tmp_path / "sicherung.sqlite"
    backups.backup_now(target=source)
    Case.delete().execute()
    actions = _actions(main, backup_prompts, confirm_restore=lambda *args: False)
    backup_prompts.open_file_answer = str(source)
    actions.restore()
    _wait(qtbot, actions)
    assert Case.select().count() == 0
    assert not backups.database_file().with_name("ki.vor-wiederherstellung.sqlite").exists()


@file_backups
def test_a_damaged_backup_is_refused_before_anything_is_asked(
    qtbot, main, backup_prompts, tmp_path
):
    written = backups.backup_now(target=tmp_path / "sicherung.sqlite")
    damaged = bytearray(written.path.read_bytes())
    for offset in range(8192, len(damaged) - 4096, 8192):
        damaged[offset + 100 : offset + 300] = b"\xff" * 200
    bad = tmp_path / "kaputt.sqlite"
    bad.write_bytes(bytes(damaged))
    asked = []
    actions = _actions(
        main,
        backup_prompts,
        confirm_restore=lambda *a: asked.append(a),
        ask_credentials=lambda name: asked.append(name),
    )
    backup_prompts.open_file_answer = str(bad)
    operation = actions._check(bad)
    assert operation is not None
    _wait(qtbot, actions)
    assert asked == []
    assert operation.error_box is not None
    assert "kaputt.sqlite" in operation.error_box.text()
    operation.error_box.close()


@pytest.fixture
def two_encrypted(tmp_path, monkeypatch):
    """Two encrypted databases with different keys: a backup of the first (20 cases), and
    the second (empty) open with its administrator logged in."""
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    first = tmp_path / "erster" / "ki.sqlite"
    accounts.create_first_admin(str(first), "anna", "Anna", PASSWORD)
    load_demo_data(size=20, seed=5, reference=date(2026, 11, 1))
    backup = backups.backup_now(target=tmp_path / "sicherung.sqlite")
    accounts.logout()
    second = tmp_path / "zweiter" / "ki.sqlite"
    accounts.create_first_admin(str(second), "otto", "Otto", "Anderes-Kennwort-9")
    yield backup.path, second
    accounts.logout()


@file_backups
def test_an_encrypted_backup_from_elsewhere_asks_for_the_password_of_its_day(
    qtbot, two_encrypted, settings, backup_prompts
):
    source, second = two_encrypted
    window = _window(qtbot, str(second), settings, backup_prompts)
    try:
        answers = [BackupCredentials("anna", "falsch-falsch-falsch")]
        asked_for = []

        def credentials(name):
            asked_for.append(name)
            return answers.pop(0)

        quits.clear()
        actions = _actions(
            window, backup_prompts, ask_credentials=credentials, confirm_restore=lambda *a: True
        )
        operation = actions._check(source)
        _wait(qtbot, actions)
        assert asked_for == ["sicherung.sqlite"]
        assert "zur Zeit der Sicherung" in operation.error_box.text()
        operation.error_box.close()
        assert not quits

        answers.append(BackupCredentials("anna", PASSWORD))
        actions._check(source)
        qtbot.waitUntil(lambda: bool(quits), timeout=20_000)
    finally:
        _stop_timers(window)
    accounts.login(str(second), "anna", PASSWORD)
    from ki_desktop.store.models import Case

    assert Case.select().count() == 20


def test_the_confirmation_must_be_typed(qtbot):
    dialog = RestoreConfirmDialog(None, "ki-desktop-20260302-081500.sqlite", "/x/ki.sqlite", "/x/k")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog.word, Qt.Key.Key_Return)  # Enter before the word: cancel
    assert dialog.result() == QDialog.DialogCode.Rejected
    dialog.show()
    qtbot.keyClicks(dialog.word, "wiederherstellen")
    assert dialog.restore_button.isEnabled()
    qtbot.keyClick(dialog.word, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_unlock_dialog_takes_a_password_or_the_recovery_key(qtbot):
    dialog = BackupUnlockDialog(None, "sicherung.sqlite", "anna")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.password, PASSWORD)
    assert dialog.ok_button.isEnabled()
    assert dialog.credentials() == BackupCredentials("anna", PASSWORD)
    dialog.use_recovery.setChecked(True)
    assert not dialog.ok_button.isEnabled() and not dialog.password.isEnabled()
    qtbot.keyClicks(dialog.recovery_key, "ABCDE-FGHIJ")
    assert dialog.credentials() == BackupCredentials(recovery_key="ABCDE-FGHIJ")
