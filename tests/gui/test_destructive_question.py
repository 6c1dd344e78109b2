"""Before deleting, „Nein“ is the default answer: Enter (or Escape) deletes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.retention_dialog import RetentionDialog
from ki_desktop.store.models import Case, User
from tests.gui.conftest import ScriptedPrompts
from tests.services.test_retention import make_case


def press_on_question(qtbot, key: Qt.Key, seen: list) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append(box.defaultButton() is box.button(QMessageBox.StandardButton.No))
        qtbot.keyClick(box, key)

    QTimer.singleShot(0, answer)


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Escape])
def test_enter_or_escape_deletes_nothing(qtbot, key):
    seen: list[bool] = []
    press_on_question(qtbot, key, seen)
    assert Prompts().confirm_destructive(None, "Löschen", "Den Fall löschen?") is False
    assert seen == [True]


def test_yes_still_deletes(qtbot):
    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)
    assert Prompts().confirm_destructive(None, "Löschen", "Den Fall löschen?") is True


def test_scripted_prompts_answer_like_confirm():
    assert ScriptedPrompts(confirm=True).confirm_destructive(None, "t", "q") is True
    prompts = ScriptedPrompts(confirm=False)
    assert prompts.confirm_destructive(None, "t", "Wirklich?") is False
    assert prompts.questions == ["Wirklich?"]


class RealQuestions(Prompts):
    """Prompts whose yes/no questions are Qt's real message boxes; notices are only recorded
    (so that a deletion that went ahead does not wait for a click)."""

    def __init__(self) -> None:
        self.notices: list[str] = []

    def inform(self, parent, title, text):
        self.notices.append(text)

    def error(self, parent, title, text):
        self.notices.append(text)


def test_retention_deletion_asks_with_no_as_default(qtbot, open_db):
    User.create(username="berater", display_name="Berta Berater", roles="counsellor")
    make_case("Altfall", date(2019, 2, 1), date(2019, 3, 1))
    prompts = RealQuestions()
    dialog = RetentionDialog(None, prompts, today=date(2026, 6, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.operation is None and dialog.due_model.rowCount() == 1)
    dialog.due_table.selectAll()
    seen: list[bool] = []
    press_on_question(qtbot, Qt.Key.Key_Return, seen)
    dialog.delete_selected()
    qtbot.waitUntil(lambda: dialog.operation is None, timeout=10_000)
    assert seen == [True]
    assert prompts.notices == [] and Case.select().count() == 1
