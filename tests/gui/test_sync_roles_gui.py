"""The sync menu by role: a counsellor who may not settle conflicts is told so instead of getting
the dialog; an administrator without the counsellor role settles the offer's conflict with a
click and is told how many conflicts in case data wait for someone of the case's team."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from ki_desktop.gui.sync_actions import SyncActions
from ki_desktop.gui.sync_conflicts_dialog import ConflictsDialog
from ki_desktop.services import session, sync_conflicts
from ki_desktop.store.models import Offer
from tests.gui.conftest import ScriptedPrompts
from tests.services.test_roles_sync import ADMIN, ANNA, STATISTICS, laptop_b  # noqa: F401


def _actions(qtbot, prompts) -> SyncActions:
    window = QMainWindow()
    qtbot.addWidget(window)
    return SyncActions(window, prompts, session.who(), lambda: True, lambda: None)


def test_a_counsellor_is_told_who_settles_conflicts(qtbot, laptop_b):  # noqa: F811
    session.begin(ANNA)
    prompts = ScriptedPrompts()
    actions = _actions(qtbot, prompts)
    assert actions.update_conflicts() == 3 and actions.conflict_button.isVisibleTo(actions.window)
    assert actions.show_conflicts() is None
    assert prompts.errors == [
        "Dafür fehlt Ihnen die Berechtigung „Sync-Dateien zusammenführen“. Bitte wenden Sie "
        "sich an die Administration Ihres KI."
    ]


def test_statistics_users_see_no_conflict_count(qtbot, laptop_b):  # noqa: F811
    session.begin(STATISTICS)
    actions = _actions(qtbot, ScriptedPrompts())
    assert actions.update_conflicts() == 0
    assert not actions.conflict_button.isVisibleTo(actions.window)


def test_the_administration_settles_the_offer_and_hears_of_the_case_conflicts(
    qtbot,
    laptop_b,  # noqa: F811
):
    _north, _south, offer = laptop_b
    session.begin(ADMIN)
    (conflict,) = sync_conflicts.open_conflicts()
    shown = conflict.fields[0].shown  # the value every laptop shows until it is settled
    dialog = ConflictsDialog(ScriptedPrompts(), "admin")
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.list.item(i).text() for i in range(dialog.list.count())] == [f"Angebot: {shown}"]
    qtbot.mouseClick(dialog.settle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 0)
    assert Offer.get_by_id(offer).title == shown  # preselected, taken with one click
    assert "Keine Konflikte, die Sie lösen können." in dialog.heading.text()
    assert "2 Konflikte in Falldaten" in dialog.heading.text()
    assert sync_conflicts.conflict_count() == 2
