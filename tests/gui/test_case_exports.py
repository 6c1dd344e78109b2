"""Auskunft (Art. 15) and Übergabe an Schule from the Erstberatung tab."""

from __future__ import annotations

import csv
import time

from PySide6.QtCore import Qt

from ki_desktop.domain.queries import CaseFilter
from ki_desktop.services import cases
from tests.services.test_case_file import stored_case


def select_case(qtbot, window, case_id: str) -> None:
    tab = window.intake
    case = cases.case_detail(case_id)
    tab.ui.searchEdit.setText(case.last_name)
    tab.apply_filter()
    qtbot.waitUntil(lambda: tab.model.row_of(case_id) is not None)
    tab.ui.caseTable.selectRow(tab.model.row_of(case_id))
    qtbot.waitUntil(tab.exports.case_file_button.isEnabled)


def answer_file(prompts, path) -> list[str]:
    asked: list[str] = []

    def save_file_name(parent, title, suggested, file_filter):
        asked.append(file_filter)
        return str(path)

    prompts.save_file_name = save_file_name
    return asked


def test_buttons_need_a_selected_case_and_are_keyboard_reachable(qtbot, window):
    exports = window.intake.exports
    assert not exports.case_file_button.isEnabled()
    assert not exports.handover_button.isEnabled()
    assert exports.case_file_button.text() == "Aus&kunft (Art. 15)…"
    assert exports.handover_button.text() == "Übergabe an Sch&ule…"
    for button in (exports.case_file_button, exports.handover_button):
        assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
        assert button.accessibleName()
    assert window.intake.ui.closeCaseButton.nextInFocusChain() is exports.case_file_button
    assert exports.handover_button.nextInFocusChain() is window.intake.ui.editButton


def test_case_file_written_in_the_background(qtbot, window, prompts, tmp_path):
    case_id = stored_case(changes=5)
    window.intake.refresh()
    select_case(qtbot, window, case_id)
    target = tmp_path / "auskunft.pdf"
    asked = answer_file(prompts, target)
    exports = window.intake.exports
    with qtbot.waitSignal(exports.finished, timeout=15_000) as done:
        qtbot.mouseClick(exports.case_file_button, Qt.MouseButton.LeftButton)
    assert done.args == [True]
    assert asked == ["PDF-Dokument (*.pdf)"]
    assert target.read_bytes().startswith(b"%PDF")
    assert prompts.errors == []
    assert "auskunft.pdf" in window.statusBar().currentMessage()
    assert exports.case_file_button.isEnabled()


def test_case_file_can_be_cancelled(qtbot, window, prompts, tmp_path):
    case_id = stored_case(changes=0)
    window.intake.refresh()
    select_case(qtbot, window, case_id)
    target = tmp_path / "auskunft.pdf"
    answer_file(prompts, target)
    exports = window.intake.exports

    def slow_writer(case_id, path, user, progress, cancelled):
        from ki_desktop.services.case_file import write_case_file

        while not cancelled():  # the user presses "Abbrechen" while it runs
            time.sleep(0.01)
        return write_case_file(case_id, path, user, progress=progress, cancelled=cancelled)

    exports._write_case_file = slow_writer
    with qtbot.waitSignal(exports.finished, timeout=15_000) as done:
        exports.export_case_file()
        exports.operation.cancel()
    assert done.args == [False]
    assert not target.exists()
    assert prompts.errors == []
    assert "Abgebrochen" in window.statusBar().currentMessage()


def test_handover_as_csv_and_pdf_by_the_chosen_suffix(qtbot, window, prompts, tmp_path):
    case_id = stored_case(changes=0)
    window.intake.refresh()
    select_case(qtbot, window, case_id)
    exports = window.intake.exports
    for name in ("uebergabe.csv", "uebergabe.pdf"):
        target = tmp_path / name
        asked = answer_file(prompts, target)
        with qtbot.waitSignal(exports.finished, timeout=15_000):
            qtbot.mouseClick(exports.handover_button, Qt.MouseButton.LeftButton)
        assert asked == ["CSV für die Schulverwaltung (*.csv);;PDF-Dokument (*.pdf)"]
        assert target.is_file()
    with open(tmp_path / "uebergabe.csv", encoding="utf-8-sig", newline="") as handle:
        [row] = csv.DictReader(handle, delimiter=";")
    assert row["Staatsangehörigkeit"] == "SYR"
    assert (tmp_path / "uebergabe.pdf").read_bytes().startswith(b"%PDF")
    assert prompts.errors == []


def test_handover_without_consent_shows_what_to_do(qtbot, window, prompts, tmp_path):
    # the demo cases have no consent to pass data to school and Schulamt
    row = cases.case_page(CaseFilter())[0]
    consents = cases.case_detail(row.id).consents
    assert not any(c.kind == "school_schulamt" and c.given for c in consents)
    select_case(qtbot, window, row.id)
    asked = answer_file(prompts, tmp_path / "u.csv")
    qtbot.mouseClick(window.intake.exports.handover_button, Qt.MouseButton.LeftButton)
    assert asked == []  # refused before a file name is asked
    assert len(prompts.errors) == 1
    assert "keine Einwilligung" in prompts.errors[0]
    assert "in der Erstberatung eintragen" in prompts.errors[0]
    assert list(tmp_path.glob("u.*")) == []
