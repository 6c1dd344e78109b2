"""The login dialog on a real encrypted database: wrong password, right password, the
lockout countdown, the remembered user name; and the start on an encrypted database."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ki_desktop.gui.login_dialog import LAST_USER_KEY, LoginDialog
from ki_desktop.gui.run import application, start_gui
from ki_desktop.services import session
from ki_desktop.services.errors import NotLoggedIn
from tests import backend
from tests.gui.account_helpers import (  # noqa: F401
    ADMIN,
    ADMIN_NAME,
    PASSWORD,
    encrypted_db_fixture,
    fast_kdf_fixture,
    wait_idle,
)
from tests.gui.conftest import ScriptedPrompts


@pytest.fixture
def dialog(qtbot, encrypted_db, settings):
    session.end()  # nobody is logged in before the login
    dialog = LoginDialog(encrypted_db, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def type_and_log_in(qtbot, dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, username)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter logs in
    wait_idle(qtbot, dialog)


def test_login_button_needs_a_name_and_a_password(qtbot, dialog):
    dialog.username_edit.clear()
    assert not dialog.login_button.isEnabled()
    qtbot.keyClicks(dialog.username_edit, ADMIN)
    assert not dialog.login_button.isEnabled()
    qtbot.keyClicks(dialog.password_edit, "x")
    assert dialog.login_button.isEnabled()
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password


def test_wrong_password_shows_the_message_and_keeps_the_dialog(qtbot, dialog):
    type_and_log_in(qtbot, dialog, ADMIN, "nicht das Passwort")
    assert "Benutzername oder Passwort falsch." in dialog.message.text()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.password_edit.text() == ""  # typed again, not kept
    with pytest.raises(NotLoggedIn):
        session.current()


def test_right_password_logs_in_and_remembers_the_user(qtbot, dialog, settings):
    type_and_log_in(qtbot, dialog, ADMIN, PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()
    assert dialog.session.username == ADMIN
    assert session.current().display_name == ADMIN_NAME
    assert settings.value(LAST_USER_KEY) == ADMIN
    again = LoginDialog(dialog.location, settings)
    qtbot.addWidget(again)
    assert again.username_edit.text() == ADMIN


def test_lockout_disables_the_button_with_a_countdown(qtbot, dialog):
    for _attempt in range(3):  # the third failure starts a lock of 5 seconds
        type_and_log_in(qtbot, dialog, ADMIN, "falsch geraten")
    assert dialog.countdown.active
    assert "Zu viele Fehlversuche" in dialog.message.text()
    assert "Sekunde" in dialog.message.text()
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    assert not dialog.login_button.isEnabled()  # even with the right password
    first = dialog.countdown.remaining()
    qtbot.wait(1100)  # the window stays responsive: the countdown runs on a timer
    assert dialog.countdown.remaining() < first
    qtbot.waitUntil(lambda: not dialog.countdown.active, timeout=8_000)
    assert dialog.login_button.isEnabled()
    assert dialog.message.text() == ""
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_the_start_on_an_encrypted_database_asks_for_the_login(qtbot, encrypted_db, settings):
    session.end()
    prompts = ScriptedPrompts()
    seen = []

    def answer_login():
        box = QApplication.activeModalWidget()
        if not isinstance(box, LoginDialog):
            QTimer.singleShot(20, answer_login)
            return
        seen.append(box.windowTitle())
        box.username_edit.setText(ADMIN)
        box.password_edit.setText(PASSWORD)
        box.login_button.click()

    QTimer.singleShot(0, answer_login)
    window = start_gui(application(), encrypted_db, settings=settings, prompts=prompts)
    assert window is not None
    qtbot.addWidget(window)
    assert seen == ["Anmelden – KI Desktop"]
    assert session.current().username == ADMIN
    assert window.account_menu.signed_in
    assert window.account_menu.auto_lock.timeout_ms == 10 * 60_000  # the default
    assert "Angemeldet: Anna Admin (Beratung, Administration)" in (
        window.account_menu.status_label.text()
    )
    # An empty server database is a production database being set up: no demo data offered.
    expected = [] if backend.on_server() else ["Die Datenbank ist leer. Demodaten laden?"]
    assert prompts.questions == expected
    for timer in window.findChildren(QTimer):
        timer.stop()


def test_quitting_at_the_login_opens_nothing(qtbot, encrypted_db, settings):
    session.end()

    def quit_login():
        box = QApplication.activeModalWidget()
        if not isinstance(box, LoginDialog):
            QTimer.singleShot(20, quit_login)
            return
        box.quit_button.click()

    QTimer.singleShot(0, quit_login)
    assert start_gui(application(), encrypted_db, settings=settings) is None
    assert session.current_or_none() is None
