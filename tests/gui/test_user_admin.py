"""Konto menu on a real encrypted database: password change, user administration (new user
with roles, edit, password reset, deactivate with confirmation, last administrator), the
settings dialog."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from ki_desktop.domain.roles import Role
from ki_desktop.gui.main_window import MainWindow
from ki_desktop.gui.password_dialog import PasswordDialog
from ki_desktop.gui.user_admin_dialog import UserAdminDialog
from ki_desktop.gui.user_edit_dialog import UserEditDialog
from ki_desktop.services import accounts, session
from ki_desktop.services.errors import ServiceError
from tests.gui.account_helpers import (  # noqa: F401
    ADMIN,
    OTHER_PASSWORD,
    PASSWORD,
    admin_session_fixture,
    encrypted_db_fixture,
    fast_kdf_fixture,
    wait_idle,
)
from tests.gui.conftest import ScriptedPrompts
from tests.gui.form_typing import type_text

BERT_PASSWORD = "Birkenwald im Nebel"
UMLAUT_PASSWORD = "Grüße aus Münster"


@pytest.fixture
def window(qtbot, admin_session, settings):
    window = MainWindow(admin_session, settings, ScriptedPrompts())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    for timer in window.findChildren(QTimer):
        timer.stop()


def test_the_konto_menu(window):
    menu = window.account_menu
    texts = [a.text() for a in menu.menu.actions() if not a.isSeparator()]
    assert texts == [
        "Passwort ä&ndern…",
        "&Sperren",
        "&Abmelden",
        "&Benutzer verwalten…",
        "&Einstellungen…",
    ]
    assert menu.actionLock.shortcut().toString() == "Ctrl+L"
    assert menu.actionUsers.isVisible()  # an administrator


def test_change_own_password(qtbot, window, admin_session):
    window.account_menu.actionChangePassword.trigger()
    dialog = window.account_menu.dialog
    assert isinstance(dialog, PasswordDialog)
    assert dialog.windowTitle() == "Passwort ändern"
    qtbot.keyClicks(dialog.old_edit, "nicht das alte")
    type_text(dialog.password.password_edit, UMLAUT_PASSWORD)
    assert not dialog.ok_button.isEnabled()  # not repeated yet
    type_text(dialog.password.repeat_edit, UMLAUT_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert "Das bisherige Passwort ist falsch." in dialog.message.text()
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.old_edit, PASSWORD)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.account_menu.dialog is None)  # closed (and deleted)
    assert "Ihr Passwort wurde geändert." in window.statusBar().currentMessage()
    assert accounts.verify_password(UMLAUT_PASSWORD)
    assert not accounts.verify_password(PASSWORD)
    accounts.logout()
    assert accounts.login(admin_session, ADMIN, UMLAUT_PASSWORD).username == ADMIN


def admin_dialog(qtbot, window) -> UserAdminDialog:
    window.account_menu.actionUsers.trigger()
    dialog = window.account_menu.dialog
    assert isinstance(dialog, UserAdminDialog)
    qtbot.waitExposed(dialog)
    return dialog


def row_of(dialog: UserAdminDialog, username: str) -> list[str]:
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).text() == username:
            return [dialog.table.item(row, c).text() for c in range(dialog.table.columnCount())]
    raise AssertionError(f"{username} not listed")


def test_user_list(qtbot, window):
    dialog = admin_dialog(qtbot, window)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(6)]
    assert headers == [
        "Benutzername",
        "Anzeigename",
        "Rollen",
        "Team",
        "Aktiv",
        "Letzte Anmeldung",
    ]
    anna = row_of(dialog, ADMIN)
    assert anna[1:5] == ["Anna Admin", "Beratung, Administration", "", "ja"]
    assert anna[5] != "noch nie"


def test_add_a_user_with_roles_then_reset_the_password(qtbot, window, admin_session):
    dialog = admin_dialog(qtbot, window)
    qtbot.mouseClick(dialog.new_button, Qt.MouseButton.LeftButton)
    edit = dialog.child
    assert isinstance(edit, UserEditDialog)
    assert edit.role_boxes[Role.COUNSELLOR].isChecked()  # the usual role, preset
    assert [b.text() for b in edit.role_boxes.values()] == [
        "Beratung",
        "Administration",
        "Statistik",
        "Dolmetschen",
    ]
    qtbot.keyClicks(edit.username_edit, "bert")
    qtbot.keyClicks(edit.display_name_edit, "Bert Berater")
    qtbot.keyClicks(edit.team_edit, "Nord")
    edit.role_boxes[Role.COUNSELLOR].click()
    assert not edit.save_button.isEnabled()  # no role
    assert "mindestens eine Rolle" in edit.message.text()
    edit.role_boxes[Role.STATISTICS].click()
    qtbot.keyClicks(edit.password.password_edit, BERT_PASSWORD)
    qtbot.keyClicks(edit.password.repeat_edit, BERT_PASSWORD)
    assert edit.save_button.isEnabled()
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, edit)
    assert dialog.child is None
    assert row_of(dialog, "bert")[1:6] == ["Bert Berater", "Statistik", "Nord", "ja", "noch nie"]
    assert dialog.message.text() == "Das Konto wurde angelegt."
    bert = next(u for u in accounts.list_users() if u.username == "bert")
    assert bert.roles == frozenset({Role.STATISTICS}) and bert.team == "Nord"

    # Reset bert's password: the new one opens the database, the old one does not.
    assert dialog.selected().username == "bert"
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    reset = dialog.child
    assert isinstance(reset, PasswordDialog) and reset.old_edit is None
    assert reset.windowTitle() == "Passwort zurücksetzen"
    qtbot.keyClicks(reset.password.password_edit, OTHER_PASSWORD)
    qtbot.keyClicks(reset.password.repeat_edit, OTHER_PASSWORD)
    qtbot.mouseClick(reset.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, reset)
    assert dialog.message.text() == "Das Passwort von bert wurde zurückgesetzt."
    dialog.close()
    accounts.logout()
    with pytest.raises(ServiceError):
        accounts.login(admin_session, "bert", BERT_PASSWORD)
    assert accounts.login(admin_session, "bert", OTHER_PASSWORD).roles == frozenset(
        {Role.STATISTICS}
    )


def test_edit_roles_and_deactivate_with_confirmation(qtbot, window):
    accounts.add_user("carla", "Carla C.", [Role.COUNSELLOR], BERT_PASSWORD)
    dialog = admin_dialog(qtbot, window)
    dialog.select_user("carla")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    edit = dialog.child
    assert edit.username_edit.isReadOnly() and edit.password is None
    edit.role_boxes[Role.ADMIN].click()
    edit.display_name_edit.setText("Carla Conrad")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, edit)
    assert row_of(dialog, "carla")[1:3] == ["Carla Conrad", "Beratung, Administration"]

    prompts = window.prompts
    assert dialog.active_button.text() == "&Deaktivieren"
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert "Das Konto „Carla Conrad“ (carla) deaktivieren?" in prompts.questions[-1]
    assert row_of(dialog, "carla")[4] == "ja"  # answered „Nein“
    prompts.confirm_answer = True
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert row_of(dialog, "carla")[4] == "nein – deaktiviert"
    assert dialog.active_button.text() == "&Aktivieren"
    assert dialog.message.text() == "Das Konto carla ist deaktiviert."


def test_the_last_administrator_cannot_be_deactivated(qtbot, window):
    prompts = window.prompts
    prompts.confirm_answer = True
    dialog = admin_dialog(qtbot, window)
    dialog.select_user(ADMIN)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert len(prompts.errors) == 1
    assert "letzte aktive Administrator" in prompts.errors[0]
    assert row_of(dialog, ADMIN)[4] == "ja"


def test_a_refused_change_stays_in_the_edit_dialog(qtbot, window):
    dialog = admin_dialog(qtbot, window)
    dialog.select_user(ADMIN)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    edit = dialog.child
    edit.role_boxes[Role.ADMIN].click()  # the last administrator would lose the role
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, edit)
    assert edit.isVisible()
    assert "letzte aktive Administrator" in edit.message.text()
    edit.reject()
    assert edit.result() == QDialog.DialogCode.Rejected


def test_an_account_changed_by_someone_else_meanwhile(qtbot, window):
    """Another administrator renames carla and moves her team while the edit dialog is open:
    the save is refused naming the field both changed, nothing is overwritten, the dialog
    shows the stored team and keeps the user's name and roles; saving again stores them."""
    accounts.add_user("carla", "Carla C.", [Role.COUNSELLOR], BERT_PASSWORD, team="Nord")
    dialog = admin_dialog(qtbot, window)
    dialog.select_user("carla")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    edit = dialog.child
    accounts.update_user("carla", display_name="Carla Conrad", team="Süd")  # the other one
    edit.display_name_edit.setText("Carla Cramer")
    edit.role_boxes[Role.STATISTICS].click()
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, edit)
    assert edit.isVisible()
    assert "inzwischen von jemand anderem geändert" in edit.message.text()
    assert "anders geändert haben: Anzeigename." in edit.message.text()
    stored = next(u for u in accounts.list_users() if u.username == "carla")
    assert (stored.display_name, stored.team) == ("Carla Conrad", "Süd")
    assert stored.roles == frozenset({Role.COUNSELLOR})
    assert edit.display_name_edit.text() == "Carla Cramer"  # the user's change stays
    assert edit.team_edit.text() == "Süd"  # what is stored now
    assert edit.roles() == frozenset({Role.COUNSELLOR, Role.STATISTICS})
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.child is None)  # accepted and closed
    assert dialog.message.text() == "Die Änderungen sind gespeichert."
    assert row_of(dialog, "carla")[1:4] == ["Carla Cramer", "Beratung, Statistik", "Süd"]


def test_settings_dialog_sets_the_auto_lock(qtbot, window, settings):
    menu = window.account_menu
    menu.start_auto_lock()
    menu.actionSettings.trigger()
    dialog = menu.dialog
    assert dialog.minutes_box.value() == 10
    assert dialog.minutes_box.isEnabled()
    dialog.minutes_box.setValue(0)
    assert dialog.minutes_box.text() == "nie"
    dialog.minutes_box.setValue(3)
    dialog.accept()
    assert int(settings.value("security/auto_lock_minutes")) == 3
    assert menu.auto_lock.timeout_ms == 3 * 60_000
    menu.auto_lock.shutdown()


def test_settings_are_read_only_without_the_permission(qtbot, window, settings):
    session.begin(session.Session("bert", "Bert", frozenset({Role.COUNSELLOR})))
    window.account_menu.actionSettings.trigger()
    dialog = window.account_menu.dialog
    assert not dialog.minutes_box.isEnabled()
    dialog.accept()
    assert settings.value("security/auto_lock_minutes") is None


def test_logout_from_the_menu_closes_and_ends_the_session(qtbot, window):
    calls = []
    menu = window.account_menu
    menu._logout = lambda: calls.append("logout")
    menu._quit = lambda: calls.append("quit")
    menu.actionLogout.trigger()
    assert calls == ["logout", "quit"]
    assert not window.isVisible()


def test_the_set_up_user_cannot_lock_or_change_a_password(qtbot, gui_db, settings):
    session.begin(accounts.setup_session())
    window = MainWindow(gui_db.location, settings, ScriptedPrompts())
    qtbot.addWidget(window)
    menu = window.account_menu
    assert not menu.actionLock.isEnabled()
    assert not menu.actionChangePassword.isEnabled()
    assert menu.actionLogout.isEnabled()
    assert "Angemeldet: Einrichtung" in menu.status_label.text()
