"""The server mode's dialogs as a user meets them: the database choice in „Einstellungen“
leads on to the address, says what is wrong with it beside an icon and fits its texts; the
server password prompt says which of the two passwords it wants."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from ki_desktop.domain.roles import Role
from ki_desktop.gui import database_choice
from ki_desktop.gui.server_password_dialog import ServerPasswordDialog
from ki_desktop.gui.settings_dialog import SettingsDialog
from ki_desktop.services import session
from ki_desktop.services.server_login import PasswordRequest
from tests.gui.form_typing import type_text


def _admin_dialog(qtbot, settings) -> SettingsDialog:
    session.begin(session.Session("anna", "Anna", frozenset({Role.ADMIN})))
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _click(qtbot, radio) -> None:
    # On the indicator: the button is as wide as the dialog, its text is not.
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))


def test_choosing_the_server_leads_to_the_address(qtbot, settings):
    dialog = _admin_dialog(qtbot, settings)
    _click(qtbot, dialog.server_button)
    assert dialog.server_button.isChecked()
    assert dialog.focusWidget() is dialog.server_edit
    # And back: the file needs no address, the focus stays on the choice.
    _click(qtbot, dialog.file_button)
    assert dialog.focusWidget() is dialog.file_button


def test_a_web_address_is_named_as_no_server_address(qtbot, settings):
    dialog = _admin_dialog(qtbot, settings)
    dialog.server_button.click()
    type_text(dialog.server_edit, "http://db.kreis.local/ki")
    dialog.accept()
    assert dialog.result() != SettingsDialog.DialogCode.Accepted
    assert "keine PostgreSQL-Adresse" in dialog.database_message.text()
    assert database_choice.chosen_kind(settings) == database_choice.FILE


def test_what_is_wrong_is_shown_with_an_icon_and_goes_with_the_file_choice(qtbot, settings):
    dialog = _admin_dialog(qtbot, settings)
    assert not dialog.database_icon.isVisible()
    dialog.server_button.click()
    dialog.accept()  # no address
    assert dialog.database_message.isVisible() and dialog.database_icon.isVisible()
    assert not dialog.database_icon.pixmap().isNull()
    # The whole message can be read: the dialog grew for it.
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
    dialog.file_button.click()
    assert not dialog.database_message.isVisible() and not dialog.database_icon.isVisible()


def test_the_dialog_is_as_high_as_its_texts_need(qtbot, settings):
    dialog = _admin_dialog(qtbot, settings)
    # Not higher than the wrapped texts need at its width (the gap between the rows that
    # a size hint for a narrower width left), and not lower either.
    needed = dialog.layout().totalHeightForWidth(dialog.width())
    assert needed <= dialog.height() <= needed + 2
    # The example address fits into the field.
    edit = dialog.server_edit
    assert edit.width() > edit.fontMetrics().horizontalAdvance(edit.placeholderText())


def test_the_server_password_prompt_says_it_is_not_the_personal_password(qtbot):
    request = PasswordRequest(
        "postgresql://beratung@db.kreis.local/ki", "beratung", "db.kreis.local", None, True
    )
    dialog = ServerPasswordDialog(request)
    qtbot.addWidget(dialog)
    assert "Passwort des Datenbankservers" in dialog.hint.text()
    assert "nicht Ihr persönliches Passwort" in dialog.hint.text()
    assert dialog.hint.wordWrap()


def test_the_dialog_says_which_database_is_open_now(qtbot, settings, open_db):
    # The choice is for the next start (and --db comes first): what is open now is named,
    # a server without a password.
    dialog = _admin_dialog(qtbot, settings)
    assert dialog.open_now.isVisible()
    assert dialog.open_now.text() == f"Zurzeit geöffnet: {open_db.location}"
    assert ":" not in open_db.location.split("@")[0].removeprefix("postgresql://")


def test_nothing_is_named_when_no_database_is_open(qtbot, settings):
    dialog = _admin_dialog(qtbot, settings)
    assert not dialog.open_now.isVisible()


def test_the_remember_box_is_ticked_again_when_the_remembered_password_no_longer_fits(qtbot):
    url, user, host = "postgresql://beratung@db.kreis.local/ki", "beratung", "db.kreis.local"
    for before, can, ticked in ((True, True, True), (False, True, False), (True, False, False)):
        request = PasswordRequest(url, user, host, "passt nicht", can, remembered_before=before)
        dialog = ServerPasswordDialog(request)
        qtbot.addWidget(dialog)
        assert dialog.remember.isChecked() is ticked
