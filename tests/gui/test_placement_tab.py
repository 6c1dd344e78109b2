"""The Schulempfehlung tab: opening a case from the Erstberatung, accepting the recommendation
(with reasoned deviations), the Schulamt's assignment, the school start and the school data."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox

from ki_desktop.services import cases, schools
from ki_desktop.services import placement as placement_service


@pytest.fixture
def open_case(qtbot, window):
    """An interviewed demo case, selected in the case list and opened with Ctrl+E."""
    window.intake.ui.statusCombo.setCurrentIndex(
        window.intake.ui.statusCombo.findData("interviewed")
    )
    model = window.intake.model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    table = window.intake.ui.caseTable
    window.activateWindow()
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualRect(model.index(0, 0)).center(),
    )
    qtbot.waitUntil(table.hasFocus)
    case_id = model.case_id(table.currentIndex().row())
    qtbot.keyClick(table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.tabs.currentWidget() is window.placement
    return case_id


def _panel(window):
    return window.placement.recommendation


def _status_in_case_list(window, case_id: str) -> str:
    window.ui.tabs.setCurrentWidget(window.intake)
    intake = window.intake
    intake.ui.statusCombo.setCurrentIndex(0)
    intake.ui.searchEdit.setText(cases.case_detail(case_id).last_name)
    intake.apply_filter()
    row = intake.model.row_of(case_id)
    assert row is not None
    return intake.model.index(row, 5).data()


def test_without_an_open_case_the_panel_says_what_to_do(window):
    window.ui.tabs.setCurrentWidget(window.placement)
    panel = _panel(window)
    assert panel.ui.stack.currentWidget() is panel.ui.emptyPage
    assert "Strg+E" in panel.ui.emptyLabel.text()
    assert not panel.ui.acceptButton.isEnabled()


def test_ctrl_e_opens_the_selected_case_with_grade_reasons_and_schools(window, open_case):
    panel = _panel(window)
    case = cases.case_detail(open_case)
    placement = placement_service.recommend_for_case(open_case, date.today())
    assert panel.case_id == open_case
    assert panel.ui.stack.currentWidget() is panel.ui.contentPage
    assert case.last_name in panel.ui.caseLabel.text()
    assert "Erstberatung geführt" in panel.ui.caseLabel.text()
    if placement.grade:
        assert str(placement.grade) in panel.ui.gradeValue.text()
    assert panel.ui.reasonsList.count() == len(placement.reasons) > 0
    assert panel.ui.reasonsList.item(0).text() == placement.reasons[0]
    assert placement.rules_version in panel.ui.rulesValue.text()
    assert "noch nicht übernommen" in panel.ui.stateValue.text()
    table = panel.ui.schoolTable
    assert table.rowCount() == len(placement.schools) > 0
    assert table.item(0, 0).text() == placement.schools[0]["name"]
    assert all(table.item(r, 4).text().endswith("frei") for r in range(table.rowCount()))
    # every widget a screen reader meets has a name
    for widget in panel.findChildren(type(panel.ui.acceptButton)):
        assert widget.accessibleName()


def test_ctrl_e_without_a_selected_case_stays_in_the_case_list(qtbot, window):
    window.activateWindow()
    window.intake.ui.caseTable.clearSelection()
    window.intake.ui.caseTable.setCurrentIndex(window.intake.model.index(-1, -1))
    window.open_recommendation()
    assert window.ui.tabs.currentWidget() is window.intake
    assert "Fall auswählen" in window.statusBar().currentMessage()


def test_accepting_unchanged_stores_the_recommendation(qtbot, window, open_case):
    panel = _panel(window)
    table = panel.ui.schoolTable
    table.selectRow(1)
    chosen = panel.placement.schools[1]["schulnummer"]
    with qtbot.waitSignal(window.data_changed):
        qtbot.keyClick(panel.ui.reasonsList, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    rec, number = placement_service.latest_recommendation(open_case)
    placement = panel.placement
    assert (rec.stage, rec.grade, rec.support, rec.school_forms, rec.reasons) == (
        placement.stage,
        placement.grade,
        placement.support,
        placement.school_forms,
        placement.reasons,
    )
    assert number == chosen
    assert "übernommen" in window.statusBar().currentMessage()
    assert "Übernommen am" in panel.ui.stateValue.text()
    assert _status_in_case_list(window, open_case) == "Empfehlung erstellt"


def test_override_dialog_needs_a_reason_for_every_change(qtbot, window, open_case):
    panel = _panel(window)
    dialog = panel.open_override_dialog()
    qtbot.waitExposed(dialog)
    ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing changed yet

    old_grade = panel.placement.grade or 5
    dialog.ui.gradeEdit.setValue(old_grade - 1 if old_grade > 1 else old_grade + 1)
    assert dialog.changed() == ["grade"]
    assert dialog.ui.gradeReason.isEnabled()
    assert not ok.isEnabled()
    assert "Jahrgangsstufe" in dialog.ui.hintLabel.text()
    assert ok.toolTip() == dialog.ui.hintLabel.text()

    qtbot.keyClicks(dialog.ui.gradeReason, "Schulbesuch im Herkunftsland lange unterbrochen")
    assert ok.isEnabled()
    dialog.ui.gradeReason.clear()
    assert not ok.isEnabled()
    dialog.reject()


def test_override_of_the_grade_is_stored_with_its_reason(qtbot, window, open_case):
    panel = _panel(window)
    old_grade = panel.placement.grade or 5
    new_grade = old_grade - 1 if old_grade > 1 else old_grade + 1
    dialog = panel.open_override_dialog()
    dialog.ui.gradeEdit.setValue(new_grade)
    dialog.ui.gradeReason.setText("Seit zwei Jahren keine Schule besucht")
    qtbot.mouseClick(
        dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert panel.overrides == {"grade": (new_grade, "Seit zwei Jahren keine Schule besucht")}
    assert "(geändert)" in panel.ui.gradeValue.text()
    assert "noch nicht übernommen" in panel.ui.stateValue.text()

    with qtbot.waitSignal(window.data_changed):
        qtbot.mouseClick(panel.ui.acceptButton, Qt.MouseButton.LeftButton)
    rec, _number = placement_service.latest_recommendation(open_case)
    assert rec.grade == new_grade
    deviations = [r for r in rec.reasons if r.startswith("Abweichung")]
    assert len(deviations) == 1 and "Seit zwei Jahren keine Schule besucht" in deviations[0]
    shown = [panel.ui.reasonsList.item(r).text() for r in range(panel.ui.reasonsList.count())]
    assert deviations[0] in shown
    assert panel.overrides == {}


def test_assignment_and_school_start_move_the_case_status(qtbot, window, open_case):
    panel = _panel(window)
    qtbot.mouseClick(panel.ui.acceptButton, Qt.MouseButton.LeftButton)

    dialog = panel.open_assignment_dialog()
    assert dialog.ui.dateEdit.date() == QDate.currentDate()
    assert dialog.ui.dateEdit.displayFormat() == "dd.MM.yyyy"
    other = next(s for s in schools.schools() if s.schulnummer not in dialog.schulnummer())
    qtbot.keyClicks(dialog.ui.numberEdit, "999999")
    assert not dialog.ok_button.isEnabled()
    assert "999999" in dialog.ui.numberHint.text()
    dialog.ui.numberEdit.setText(other.schulnummer)
    assert dialog.ui.numberHint.text() == other.name
    dialog.ui.dateEdit.setDate(QDate(2026, 11, 10))
    with qtbot.waitSignal(window.data_changed):
        dialog.ok_button.click()
    assert cases.case_detail(open_case).status == "assigned"
    assert "Schule zugewiesen" in panel.ui.caseLabel.text()

    # A school start before the assignment is refused with the service's message.
    prompts = window.prompts
    dialog = panel.open_school_start_dialog()
    dialog.ui.dateEdit.setDate(QDate(2026, 11, 2))
    dialog.ok_button.click()
    assert prompts.errors and "Zuweisung" in prompts.errors[-1]
    assert cases.case_detail(open_case).status == "assigned"

    dialog = panel.open_school_start_dialog()
    dialog.ui.dateEdit.setDate(QDate(2026, 11, 16))
    with qtbot.waitSignal(window.data_changed):
        dialog.ok_button.click()
    assert cases.case_detail(open_case).status == "school_started"
    assert _status_in_case_list(window, open_case) == "Schulbesuch begonnen"


def test_letter_is_written_in_the_background(qtbot, window, open_case, tmp_path):
    target = tmp_path / "brief.pdf"
    window.prompts.save_file_name = lambda parent, title, suggested, file_filter: str(target)
    panel = _panel(window)
    qtbot.mouseClick(panel.ui.acceptButton, Qt.MouseButton.LeftButton)
    assert panel.ui.letterButton.isEnabled()
    operation = panel.write_letter()
    with qtbot.waitSignal(operation.finished, timeout=20_000):
        pass
    case = cases.case_detail(open_case)
    if any(c.kind == "school_schulamt" and c.given for c in case.consents):
        text = subprocess.run(
            ["pdftotext", str(target), "-"], capture_output=True, text=True
        ).stdout
        assert case.last_name in text
    else:
        assert not target.exists()
        assert window.prompts.errors and "Einwilligung" in window.prompts.errors[-1]


def _school_list(qtbot, window):
    tab = window.placement
    window.ui.tabs.setCurrentWidget(tab)
    tab.ui.sections.setCurrentWidget(tab.ui.schoolPage)
    school = schools.schools()[5]
    tab.ui.searchEdit.setText(school.schulnummer)
    tab.ui.table.selectRow(0)
    assert tab.selected_school().schulnummer == school.schulnummer
    return tab, school


def test_school_data_are_saved_from_the_dialog(qtbot, window):
    tab, school = _school_list(qtbot, window)
    centre = tab.ui.table.visualRect(tab.ui.table.model().index(0, 0)).center()
    qtbot.mouseClick(tab.ui.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(tab.ui.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.ui.placesEdit.setValue(12)
    dialog.ui.freeEdit.setValue(4)
    dialog.ui.contactEdit.setText("Frau Beispiel, 02561 123")
    dialog.ui.notesEdit.setPlainText("Aufnahme nur nach Termin")
    dialog.ok_button.click()
    saved = next(s for s in schools.schools() if s.schulnummer == school.schulnummer)
    assert (saved.erstfoerderung_places, saved.erstfoerderung_free) == (12, 4)
    assert saved.contact_person == "Frau Beispiel, 02561 123"
    assert saved.notes == "Aufnahme nur nach Termin"
    assert "gespeichert" in window.statusBar().currentMessage()
    assert "Frau Beispiel" in tab.ui.detailView.toPlainText()


def test_more_free_places_than_places_are_refused_in_the_dialog(qtbot, window):
    tab, school = _school_list(qtbot, window)
    before = (school.erstfoerderung_places, school.erstfoerderung_free)
    dialog = tab.edit_school_data()
    dialog.ui.placesEdit.setValue(3)
    dialog.ui.freeEdit.setValue(5)
    assert not dialog.ok_button.isEnabled()
    assert dialog.ui.errorLabel.isVisibleTo(dialog)
    assert "nicht mehr Plätze frei" in dialog.error_text()
    dialog.accept()  # also refused when called directly
    assert dialog.isVisible()
    saved = next(s for s in schools.schools() if s.schulnummer == school.schulnummer)
    assert (saved.erstfoerderung_places, saved.erstfoerderung_free) == before
    dialog.ui.freeEdit.setValue(3)
    assert dialog.ok_button.isEnabled()
    assert not dialog.ui.errorLabel.isVisibleTo(dialog)
    dialog.reject()


def test_school_data_changed_by_someone_else_meanwhile(qtbot, window):
    """Another counsellor gives away a place while the dialog is open: saving is refused with
    a clear message, nothing is overwritten, and the dialog shows what is stored now in the
    fields the user left alone; saving again on top of it goes through."""
    tab, school = _school_list(qtbot, window)
    placement_service.update_school_ki_data(school.schulnummer, 10, 5, "Frau Alt", "", "lkaya")
    tab.refresh()
    tab.ui.table.selectRow(0)
    dialog = tab.edit_school_data()
    assert dialog.values() == (10, 5, "Frau Alt", "")
    # another user, meanwhile: one place given away and a new contact person
    placement_service.update_school_ki_data(
        school.schulnummer, 10, 4, "Herr Neu", "", "abecker", loaded=tab.selected_school()
    )
    dialog.ui.freeEdit.setValue(3)
    dialog.ui.notesEdit.setPlainText("Platz an Olena")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "jetzt sind 4 von 10 Erstförderplätzen frei" in dialog.error_text()
    assert "freie Erstförderplätze" in dialog.error_text()
    saved = next(s for s in schools.schools() if s.schulnummer == school.schulnummer)
    assert (saved.erstfoerderung_free, saved.contact_person, saved.notes) == (4, "Herr Neu", "")
    # the user's changes stay, the rest shows what is stored now
    assert dialog.values() == (10, 3, "Herr Neu", "Platz an Olena")
    dialog.ok_button.click()
    assert not dialog.isVisible()
    saved = next(s for s in schools.schools() if s.schulnummer == school.schulnummer)
    assert (saved.erstfoerderung_places, saved.erstfoerderung_free) == (10, 3)
    assert (saved.contact_person, saved.notes) == ("Herr Neu", "Platz an Olena")
