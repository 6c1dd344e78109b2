"""„KI Desktop einrichten“: while the account is being created, „Einrichten“ is disabled, so a
second click or Enter does not start a second set-up."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ki_desktop.gui.first_start_dialog import FirstStartDialog
from ki_desktop.services import accounts, database, session
from tests.gui.account_helpers import PASSWORD, fast_kdf_fixture, wait_idle  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_kdf")


def test_set_up_button_is_disabled_while_the_account_is_created(qtbot, new_location, monkeypatch):
    session.end()
    calls: list[str] = []
    create = accounts.create_first_admin

    def counted(*args, **kwargs):
        calls.append(args[1])
        return create(*args, **kwargs)

    monkeypatch.setattr(accounts, "create_first_admin", counted)
    dialog = FirstStartDialog(new_location(), "new")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username_edit.setText("anna")
    qtbot.keyClicks(dialog.display_name_edit, "Anna Admin")
    qtbot.keyClicks(dialog.password.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.password.repeat_edit, PASSWORD)
    assert dialog.ok_button.isEnabled()

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.task is not None
    assert not dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # a second, impatient click
    qtbot.keyClick(dialog.password.repeat_edit, Qt.Key.Key_Return)
    wait_idle(qtbot, dialog)
    try:
        assert calls == ["anna"]
        assert dialog.result_value is not None
    finally:
        accounts.logout()
        database.close_app_database()
