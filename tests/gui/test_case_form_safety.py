"""Nothing typed is lost and nothing is entered twice: duplicates before a new case is saved,
autosave as a draft, questions before unsaved input is closed."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ki_desktop.domain import model as dm
from ki_desktop.services import cases, intake
from tests.gui.form_typing import type_text


def _olena() -> str:
    case = dm.Case("Olena", "Kovalenko", date(2014, 3, 10), municipality_ags="")
    case_id, _changes = intake.save_case(case, "abecker")
    return case_id


def _type_olena_in_cyrillic(qtbot, window):
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Коваленко")
    type_text(form.child.first_name, "Олена")
    type_text(form.child.birth_date, "10.03.2014")
    qtbot.keyClick(form.child.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.dialog is not None and form.dialog.isVisible())
    return form


def test_duplicate_dialog_opens_the_existing_case(qtbot, window):
    existing = _olena()
    before = cases.case_count()
    form = _type_olena_in_cyrillic(qtbot, window)
    dialog = form.dialog
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "Kovalenko, Olena" in names
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(5)]
    assert headers == ["Name", "Geburtsdatum", "Gemeinde", "Status", "Warum ähnlich"]
    assert dialog.table.item(names.index("Kovalenko, Olena"), 4).text()
    dialog.table.selectRow(names.index("Kovalenko, Olena"))
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert window.intake.form.case().id == existing
    assert window.intake.form.title.text() == "Fall: Kovalenko, Olena"
    assert not window.intake.form.is_dirty()
    assert cases.case_count() == before
    assert intake.drafts() == []


def test_duplicate_dialog_can_create_the_new_case_anyway(qtbot, window):
    _olena()
    before = cases.case_count()
    form = _type_olena_in_cyrillic(qtbot, window)
    assert cases.case_count() == before
    qtbot.mouseClick(form.dialog.create_button, Qt.MouseButton.LeftButton)
    assert cases.case_count() == before + 1
    assert form.case().last_name == "Коваленко" and not form.is_new()


def test_typing_is_autosaved_as_a_draft_and_discarded_after_saving(qtbot, window):
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Şahin")
    qtbot.waitUntil(lambda: len(intake.drafts()) == 1, timeout=3000)
    key, payload, _at = intake.drafts()[0]
    assert key == form.draft_key and key.startswith("new:")
    assert payload["case"]["last_name"] == "Şahin"
    assert form.save()
    assert intake.drafts() == []

    type_text(form.child.address, "Ring 5")
    qtbot.waitUntil(lambda: len(intake.drafts()) == 1, timeout=3000)
    assert intake.drafts()[0][0] == f"case:{form.case().id}"


def test_closing_with_unsaved_input_asks(qtbot, window, prompts):
    window.new_case()
    type_text(window.intake.form.child.last_name, "Rahimi")

    prompts.unsaved_answer = "cancel"
    assert not window.close()
    assert window.isVisible()
    assert "Rahimi" in prompts.questions[-1] and "nicht gespeicherte" in prompts.questions[-1]

    prompts.unsaved_answer = "save"
    before = cases.case_count()
    assert window.close()
    assert cases.case_count() == before + 1
    assert intake.drafts() == []


def test_discarding_forgets_the_draft(qtbot, window, prompts):
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Rahimi")
    form.autosave()
    assert intake.drafts()
    prompts.unsaved_answer = "discard"
    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    assert not window.intake.form_is_open()
    assert intake.drafts() == []


def test_switching_to_another_case_asks_first(qtbot, window, prompts):
    window.new_case()
    type_text(window.intake.form.child.last_name, "Rahimi")
    prompts.unsaved_answer = "cancel"
    window.new_case()
    assert window.intake.form.child.last_name.text() == "Rahimi"
    assert len(prompts.questions) == 1
