"""The account dialogs show their texts whole: the team field's hint is not cut off when an
account is edited, and the account list says which accounts cannot log in yet."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from ki_desktop.domain.roles import Role
from ki_desktop.gui.user_admin_dialog import UserAdminDialog
from ki_desktop.gui.user_edit_dialog import UserEditDialog
from ki_desktop.services import accounts
from ki_desktop.services.accounts import UserInfo
from tests.gui.conftest import ScriptedPrompts


def user(**changes) -> UserInfo:
    values = dict(
        username="stefan",
        display_name="Stefan Statistik",
        roles=frozenset({Role.STATISTICS}),
        team="",
        active=True,
        last_login=None,
        has_password=True,
    )
    values.update(changes)
    return UserInfo(**values)


def test_editing_shows_the_team_hint_whole(qtbot):
    dialog = UserEditDialog(user())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit = dialog.team_edit
    hint = QFontMetrics(edit.font()).horizontalAdvance(edit.placeholderText())
    assert edit.contentsRect().width() >= hint + 8


def test_account_list_names_accounts_without_a_password(qtbot, monkeypatch):
    listed = [
        user(username="anna", display_name="Anna Admin", roles=frozenset({Role.ADMIN})),
        user(username="abecker", display_name="Anna Becker", has_password=False),
        user(username="old", display_name="Olga Alt", active=False, has_password=False),
    ]
    monkeypatch.setattr(accounts, "list_users", lambda: listed)
    dialog = UserAdminDialog(ScriptedPrompts())
    qtbot.addWidget(dialog)
    active = [dialog.table.item(row, 4).text() for row in range(dialog.table.rowCount())]
    assert active == ["ja", "ja – noch ohne Passwort", "nein – deaktiviert"]
    assert "Passwort zurücksetzen" in dialog.table.item(1, 0).toolTip()
    assert dialog.table.item(0, 0).toolTip() == ""
