"""„Fristgerechte Löschung“ and „Auf Antrag löschen…“, with clicks and keys."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ki_desktop.domain.roles import Role
from ki_desktop.gui.case_erasure import erase_selected_case
from ki_desktop.gui.retention_dialog import RetentionDialog
from ki_desktop.services import session
from ki_desktop.store.models import Case, DeletionLog, User
from tests.gui.conftest import ScriptedPrompts
from tests.services.test_retention import make_case

TODAY = date(2026, 6, 1)


@pytest.fixture
def cases(open_db):
    User.create(username="berater", display_name="Berta Berater", roles="counsellor")
    return {
        "Altfall": make_case("Altfall", date(2019, 2, 1), date(2019, 3, 1)),
        "Grenzfall": make_case("Grenzfall", date(2021, 5, 1), date(2021, 6, 1)),
        "Neufall": make_case("Neufall", date(2020, 1, 1), date(2024, 9, 9)),
    }


def open_dialog(qtbot, prompts) -> RetentionDialog:
    dialog = RetentionDialog(None, prompts, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.operation is None and dialog.due_model.rowCount() > 0)
    return dialog


def test_due_list_without_names_and_deleting_after_confirmation(qtbot, cases, tmp_path):
    prompts = ScriptedPrompts(confirm=False)
    dialog = open_dialog(qtbot, prompts)
    assert dialog.months.value() == 60
    assert dialog.due_model.rowCount() == 2
    shown = [dialog.due_proxy.index(r, c).data() for r in range(2) for c in range(5)]
    assert "SE-" + cases["Altfall"][-8:].upper() in shown and "Berta Berater" in shown
    assert "01.03.2019" in shown and "01.03.2024" in shown
    assert not any("Altfall" in text or "Grenzfall" in text for text in shown)
    assert dialog.due_label.text().startswith("2 Fälle sind fällig")
    assert not dialog.delete_button.isEnabled()
    dialog.grab().save(str(tmp_path / "retention_dialog.png"))

    qtbot.mouseClick(dialog.select_all_button, Qt.MouseButton.LeftButton)
    assert dialog.delete_button.isEnabled()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert prompts.questions[0].startswith("2 Fälle endgültig löschen?")
    assert Case.select().count() == 3  # said no

    prompts.confirm_answer = True
    dialog.due_table.setFocus()
    qtbot.keyClick(dialog.due_table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: bool(prompts.notices), timeout=10_000)
    assert prompts.notices[0] == "2 Fälle gelöscht."
    assert Case.select().count() == 1 and DeletionLog.select().count() == 2
    qtbot.waitUntil(lambda: dialog.operation is None and dialog.due_model.rowCount() == 0)
    assert dialog.due_label.text().startswith("Kein Fall ist fällig (Frist 60 Monate")
    assert dialog.tabs.currentIndex() == 1 and dialog.log_model.rowCount() == 2
    reasons = {dialog.log_proxy.index(r, 2).data() for r in range(2)}
    assert reasons == {"Aufbewahrungsfrist"}
    dialog.grab().save(str(tmp_path / "retention_log.png"))


def test_shorter_period_and_log_export(qtbot, cases, tmp_path):
    class SavePrompts(ScriptedPrompts):
        def save_file_name(self, parent, title, suggested, file_filter):
            return str(tmp_path / "log.csv")

    prompts = SavePrompts(confirm=True)
    dialog = open_dialog(qtbot, prompts)
    assert not dialog.apply_button.isEnabled()
    dialog.months.setValue(12)
    assert dialog.apply_button.isEnabled()
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.operation is None and dialog.due_model.rowCount() == 3)
    assert dialog.due_label.text().startswith("3 Fälle sind fällig")
    dialog.due_table.selectRow(0)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert prompts.questions[-1].startswith("1 Fall endgültig löschen?")
    qtbot.waitUntil(lambda: bool(prompts.notices), timeout=10_000)
    qtbot.waitUntil(lambda: dialog.operation is None and dialog.due_model.rowCount() == 2)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "log.csv" in prompts.notices[-1]
    assert (tmp_path / "log.csv").read_text(encoding="utf-8-sig").count("\n") == 2


def test_counsellor_cannot_change_the_period(qtbot, cases):
    session.begin(session.Session("r", "R", frozenset({Role.ADMIN})))
    admin_dialog = open_dialog(qtbot, ScriptedPrompts())
    assert admin_dialog.months.isEnabled()
    session.begin(
        session.Session("r", "R", frozenset({Role.COUNSELLOR}))
    )  # a dialog opened anyway: the service refuses the list
    prompts = ScriptedPrompts()
    dialog = RetentionDialog(None, prompts, today=TODAY)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.operation is None)
    assert not dialog.months.isEnabled()
    assert prompts.errors and "Berechtigung" in prompts.errors[0]


class EraseAnswers(ScriptedPrompts):
    def __init__(self, confirm: bool, typed: str | None) -> None:
        super().__init__(confirm=confirm)
        self.text_answer = typed


def test_erase_on_request_asks_twice(qtbot, cases):
    new = cases["Neufall"]
    reference = "SE-" + new[-8:].upper()
    no = EraseAnswers(confirm=False, typed=reference)
    assert not erase_selected_case(None, new, no)
    assert len(no.questions) == 1 and reference in no.questions[0]
    wrong = EraseAnswers(confirm=True, typed="SE-00000000")
    assert not erase_selected_case(None, new, wrong)
    assert "stimmt nicht" in wrong.errors[0]
    assert Case.get_or_none(Case.id == new) is not None
    yes = EraseAnswers(confirm=True, typed=" " + reference.lower() + " ")
    assert erase_selected_case(None, new, yes)
    assert yes.questions[1] == f"Zur Bestätigung bitte die Fallnummer {reference} eingeben:"
    assert Case.get_or_none(Case.id == new) is None
    assert DeletionLog.get().reason == "request"
    assert "wurde gelöscht" in yes.notices[0]
    again = EraseAnswers(confirm=True, typed=reference)
    assert not erase_selected_case(None, new, again)
    assert "gibt es nicht" in again.errors[0]


def test_erase_needs_the_retention_permission(qtbot, cases):
    session.begin(session.Session("c", "C", frozenset({Role.COUNSELLOR})))
    answers = EraseAnswers(confirm=True, typed="x")
    assert not erase_selected_case(None, cases["Altfall"], answers)
    assert answers.questions == [] and "Administration" in answers.errors[0]
    assert Case.get_or_none(Case.id == cases["Altfall"]) is not None
