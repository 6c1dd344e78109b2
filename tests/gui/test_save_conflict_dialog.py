"""Someone else saves the case that is open in the form: saving shows the merge view with the
fields both changed differently, and the chosen merge is saved on top of their version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QScrollArea

from ki_desktop.domain import model as dm
from ki_desktop.gui.intake_tab import IntakeTab
from ki_desktop.gui.save_conflict_dialog import SaveConflictDialog
from ki_desktop.services import cases, intake
from ki_desktop.store.accounts import create_account
from tests.gui.form_typing import type_text

TODAY = date(2026, 11, 22)


@pytest.fixture
def tab(qtbot, open_db, prompts):
    create_account("laksoy", "Leyla Aksoy", "counsellor")
    case = dm.Case(
        "Olena",
        "Kovalenko",
        date(2014, 3, 10),
        address="Ring 1",
        registered_on=date(2026, 10, 1),
        guardians=[dm.Guardian("Iryna Kovalenko", "Mutter", "0151")],
    )
    case_id, _changes = intake.save_case(case, "abecker", TODAY)
    tab = IntakeTab(prompts=prompts, user="abecker", today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1200, 800)
    tab.show()
    tab.refresh()
    tab.edit_case(case_id)
    yield tab
    for timer in tab.findChildren(QTimer):
        timer.stop()


def _saved_by_someone_else(case_id: str, **values) -> int:
    other = cases.case_detail(case_id)
    for name, value in values.items():
        setattr(other, name, value)
    intake.save_case(other, "laksoy", TODAY)
    return cases.case_detail(case_id).version


def _retype(widget, text: str) -> None:
    widget.clear()
    type_text(widget, text)


def _save_with_ctrl_s(qtbot, form) -> SaveConflictDialog:
    qtbot.keyClick(form.child.last_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(form.dialog, SaveConflictDialog) and form.dialog.isVisible())
    return form.dialog


def test_merge_view_shows_only_the_conflict_and_saves_the_choice(qtbot, tab, prompts, tmp_path):
    form = tab.form
    case_id = form.case().id
    theirs_version = _saved_by_someone_else(case_id, address="Weg 3", first_name="Olha")

    _retype(form.child.address, "Ring 2")  # the same field as the other person
    _retype(form.child.last_name, "Kowalenko")  # a field only I change
    dialog = _save_with_ctrl_s(qtbot, form)

    assert [(f.label, f.base, f.mine, f.theirs) for f in dialog.fields] == [
        ("Anschrift", "Ring 1", "Ring 2", "Weg 3")
    ]
    radios = dialog.findChildren(QRadioButton)
    assert [r.text() for r in radios] == ["Ring 2", "Weg 3"]
    assert radios[0].isChecked()  # what I typed stays unless I choose otherwise
    headings = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Ihr Stand" in headings
    assert any(h.startswith("Gespeichert von Leyla Aksoy um ") for h in headings)
    assert "Nur von Leyla Aksoy geändert und übernommen: Vorname." in dialog.intro.text()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()  # laid out as the user sees it
    shot = Path(tmp_path) / "save_conflict.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 0
    # nothing was written yet, and what I typed is kept as a draft
    assert cases.case_detail(case_id).address == "Weg 3"
    assert [key for key, _p, _t in intake.drafts()] == [f"case:{case_id}"]

    # keyboard only: the arrow key moves to the saved value, Enter merges and saves
    assert dialog.focusWidget() is radios[0]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is radios[0])
    qtbot.keyClick(radios[0], Qt.Key.Key_Right)
    assert radios[1].isChecked()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    assert not dialog.isVisible()
    stored = cases.case_detail(case_id)
    assert (stored.first_name, stored.last_name, stored.address) == ("Olha", "Kowalenko", "Weg 3")
    assert stored.version == theirs_version + 1
    assert prompts.errors == []
    assert intake.drafts() == []
    assert not form.is_dirty() and form.child.address.text() == "Weg 3"


def test_cancel_keeps_the_form_and_the_draft(qtbot, tab):
    form = tab.form
    case_id = form.case().id
    theirs_version = _saved_by_someone_else(case_id, address="Weg 3")
    _retype(form.child.address, "Ring 2")
    dialog = _save_with_ctrl_s(qtbot, form)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)

    assert not dialog.isVisible()
    assert form.child.address.text() == "Ring 2" and form.is_dirty()
    assert intake.drafts()[0][1]["case"]["address"] == "Ring 2"
    stored = cases.case_detail(case_id)
    assert (stored.address, stored.version) == ("Weg 3", theirs_version)
    # saving again asks again
    assert _save_with_ctrl_s(qtbot, form) is not dialog


def test_a_merge_overtaken_by_another_save_asks_again(qtbot, tab):
    form = tab.form
    case_id = form.case().id
    _saved_by_someone_else(case_id, address="Weg 3")
    _retype(form.child.address, "Ring 2")
    first = _save_with_ctrl_s(qtbot, form)
    latest = _saved_by_someone_else(case_id, address="Allee 9", first_name="Olha")

    qtbot.mouseClick(first.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.dialog is not first and form.dialog.isVisible())
    second = form.dialog
    assert [(f.base, f.mine, f.theirs) for f in second.fields] == [("Weg 3", "Ring 2", "Allee 9")]
    assert "Vorname" in second.intro.text()
    qtbot.mouseClick(second.merge_button, Qt.MouseButton.LeftButton)  # keeps "Ring 2"

    stored = cases.case_detail(case_id)
    assert (stored.address, stored.first_name, stored.version) == ("Ring 2", "Olha", latest + 1)


def test_everything_only_the_other_person_changed_saves_without_asking(qtbot, tab):
    form = tab.form
    case_id = form.case().id
    theirs_version = _saved_by_someone_else(case_id, first_name="Olha")
    _retype(form.child.address, "Ring 2")
    qtbot.keyClick(form.child.last_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(form.dialog, SaveConflictDialog))
    dialog = form.dialog
    assert dialog.fields == [] and "Vorname" in dialog.intro.text()
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    stored = cases.case_detail(case_id)
    assert (stored.first_name, stored.address, stored.version) == (
        "Olha",
        "Ring 2",
        theirs_version + 1,
    )


def test_tab_does_not_stop_on_the_scroll_area(qtbot, tab):
    form = tab.form
    _saved_by_someone_else(form.case().id, address="Weg 3")
    _retype(form.child.address, "Ring 2")
    dialog = _save_with_ctrl_s(qtbot, form)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.focusWidget())
    stops = []
    for _step in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    assert dialog.cancel_button in stops  # the whole chain was walked
    assert not [w for w in stops if isinstance(w, QScrollArea)]
