"""Automatic lock and the lock screen, on a real encrypted database with a logged-in user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from ki_desktop.domain.roles import Role
from ki_desktop.gui.auto_lock import AUTO_LOCK_KEY, auto_lock_minutes
from ki_desktop.gui.lock_screen import Curtain
from ki_desktop.gui.main_window import MainWindow
from ki_desktop.services import intake, session
from tests.gui.account_helpers import (  # noqa: F401
    PASSWORD,
    admin_session_fixture,
    encrypted_db_fixture,
    fast_kdf_fixture,
    wait_idle,
)
from tests.gui.conftest import ScriptedPrompts
from tests.gui.form_typing import type_text


class Exits:
    """Records logout and quit instead of ending the test run."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def logout(self) -> None:
        self.calls.append("logout")
        session.end()

    def quit(self) -> None:
        self.calls.append("quit")


@pytest.fixture
def exits():
    return Exits()


@pytest.fixture
def locked_window(qtbot, admin_session, settings, exits):
    """The main window of the logged-in administrator with an auto-lock of 200 ms."""
    prompts = ScriptedPrompts()
    window = MainWindow(admin_session, settings, prompts)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    qtbot.waitExposed(window)
    menu = window.account_menu
    menu._logout, menu._quit = exits.logout, exits.quit
    lock = menu.start_auto_lock(timeout_ms=200)
    lock._logout, lock._quit = exits.logout, exits.quit
    yield window
    lock.shutdown()
    for timer in window.findChildren(QTimer):
        timer.stop()


def open_note_dialog(window, qtbot, text: str) -> QLineEdit:
    """A dialog with unsaved input, open when the screen locks."""
    dialog = QDialog(window)
    dialog.setWindowTitle("Notiz")
    edit = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(edit)
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(edit, text)
    return edit


def unlock_with(qtbot, screen, password: str) -> None:
    screen.password_edit.clear()
    qtbot.keyClicks(screen.password_edit, password)
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, screen)


def test_the_default_delay_is_ten_minutes_and_zero_is_never(settings):
    assert auto_lock_minutes(settings) == 10
    settings.setValue(AUTO_LOCK_KEY, 0)
    assert auto_lock_minutes(settings) == 0


def test_locks_after_the_idle_time_covers_everything_and_keeps_input(qtbot, locked_window):
    window = locked_window
    lock = window.account_menu.auto_lock
    edit = open_note_dialog(window, qtbot, "Halbfertige Notiz")
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3_000)
    screen = lock.screen
    assert screen.isVisible() and screen.isModal()
    assert screen.windowModality() == Qt.WindowModality.ApplicationModal
    assert screen.title.text() == "Gesperrt – Anna Admin"
    covered = {curtain.parentWidget() for curtain in screen.curtains}
    assert window in covered and edit.window() in covered
    curtain = next(c for c in screen.curtains if c.parentWidget() is window)
    assert curtain.isVisible() and curtain.geometry() == window.rect()
    assert curtain.autoFillBackground()

    unlock_with(qtbot, screen, "falsches Passwort")
    assert "Das Passwort ist falsch." in screen.message.text()
    assert lock.is_locked
    unlock_with(qtbot, screen, PASSWORD)
    assert not lock.is_locked
    assert not screen.isVisible()
    assert window.findChildren(Curtain) == [] or all(
        not c.isVisible() for c in window.findChildren(Curtain)
    )
    assert edit.isVisible() and edit.text() == "Halbfertige Notiz"  # nothing lost
    edit.window().close()


def test_input_keeps_it_unlocked(qtbot, locked_window):
    lock = locked_window.account_menu.auto_lock
    target = locked_window.intake.ui.searchEdit
    for step in range(8):  # 8 × 60 ms of activity: longer than the 200 ms delay
        qtbot.mouseMove(target, QPoint(5 + step, 5))
        qtbot.wait(60)
        assert not lock.is_locked
    qtbot.waitUntil(lambda: lock.is_locked, timeout=3_000)  # then idle: it locks
    unlock_with(qtbot, lock.screen, PASSWORD)


def test_escape_does_not_unlock_and_ctrl_l_locks_at_once(qtbot, locked_window):
    lock = locked_window.account_menu.auto_lock
    lock.set_timeout_ms(0)  # never by itself
    locked_window.activateWindow()
    qtbot.keyClick(locked_window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert lock.is_locked
    qtbot.keyClick(lock.screen, Qt.Key.Key_Escape)
    lock.screen.close()
    assert lock.is_locked
    unlock_with(qtbot, lock.screen, PASSWORD)
    assert not lock.is_locked


def test_lockout_on_the_lock_screen(qtbot, locked_window):
    lock = locked_window.account_menu.auto_lock
    lock.set_timeout_ms(0)
    lock.lock()
    screen = lock.screen
    for _attempt in range(3):
        unlock_with(qtbot, screen, "daneben getippt")
    assert screen.countdown.active
    assert "Zu viele Fehlversuche" in screen.message.text()
    qtbot.keyClicks(screen.password_edit, PASSWORD)
    assert not screen.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: not screen.countdown.active, timeout=8_000)
    qtbot.keyClick(screen.password_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, screen)
    assert not lock.is_locked


def test_logout_from_the_lock_screen_keeps_the_case_draft(qtbot, locked_window, exits):
    window = locked_window
    lock = window.account_menu.auto_lock
    lock.set_timeout_ms(0)
    window.new_case()
    type_text(window.intake.form.child.last_name, "Haidari")
    type_text(window.intake.form.child.first_name, "Zahra")
    lock.lock()
    prompts = window.prompts
    lock.screen.logout_button.click()
    assert any("Abmelden und KI Desktop beenden?" in q for q in prompts.questions)
    assert exits.calls == []  # answered „Nein“: still locked, nothing ended
    assert lock.is_locked
    prompts.confirm_answer = True
    lock.screen.logout_button.click()
    assert exits.calls == ["logout", "quit"]
    assert not window.isVisible()
    assert not lock.is_locked
    # Nothing about the form was asked in front of the locked screen ...
    assert not [q for q in prompts.questions if "Jetzt speichern?" in q]
    # ... and what was typed waits as a draft for the next login.
    session.begin(session.Session("anna", "Anna Admin", frozenset({Role.COUNSELLOR})))
    drafts = intake.drafts("anna")
    assert len(drafts) == 1
    draft = intake.case_from_payload(drafts[0][1]["case"])
    assert (draft.last_name, draft.first_name) == ("Haidari", "Zahra")


def test_locks_and_unlocks_while_a_dialog_waits_for_an_answer(qtbot, locked_window):
    lock = locked_window.account_menu.auto_lock
    dialog = QDialog(locked_window)
    edit = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(edit)
    steps = []

    def when_locked():
        if not lock.is_locked:
            QTimer.singleShot(50, when_locked)
            return
        steps.append("gesperrt")
        lock.screen.password_edit.setText(PASSWORD)
        lock.screen.try_unlock()
        when_unlocked()

    def when_unlocked():
        if lock.is_locked:
            QTimer.singleShot(50, when_unlocked)
            return
        steps.append(edit.text())
        dialog.accept()

    QTimer.singleShot(0, lambda: edit.setText("Eingabe im offenen Dialog"))
    QTimer.singleShot(50, when_locked)
    assert dialog.exec() == QDialog.DialogCode.Accepted  # its own event loop ran throughout
    assert steps == ["gesperrt", "Eingabe im offenen Dialog"]
