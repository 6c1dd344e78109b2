"""The handout dialog: kind and family language chosen with the keyboard, the PDF written in
the background, errors shown as sentences."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ki_desktop.gui.handout_dialog import HandoutDialog, open_handout_dialog
from ki_desktop.services import handouts
from ki_desktop.services.errors import ServiceError
from ki_desktop.store.models import Case, LanguageSkill, Recommendation


@pytest.fixture
def demo(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=40, seed=5, reference=date(2026, 11, 1))
    return open_db


def arabic_case() -> str:
    """A case with a recommendation whose family speaks Arabic at home."""
    case = Case.select().join(Recommendation).first()
    LanguageSkill.delete().where(LanguageSkill.case == case.id).execute()
    LanguageSkill.create(case=case.id, language="ar", is_family_language=True)
    return case.id


def dialog_for(qtbot, case_id, prompts, **kw) -> HandoutDialog:
    dialog = HandoutDialog(None, case_id, prompts, today=lambda: date(2026, 3, 12), **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def answer_file(prompts, path: Path) -> list[tuple[str, str]]:
    asked: list[tuple[str, str]] = []

    def save_file_name(parent, title, suggested, file_filter):
        asked.append((suggested, file_filter))
        return str(path)

    prompts.save_file_name = save_file_name
    return asked


def test_defaults_follow_the_case(qtbot, demo, prompts):
    dialog = dialog_for(qtbot, arabic_case(), prompts)
    assert dialog.language() == "ar"
    assert dialog.language_box.currentText() == "Arabisch – العربية"
    assert dialog.kind() == handouts.SCHOOL_SYSTEM
    labels = [dialog.language_box.itemText(i) for i in range(dialog.language_box.count())]
    assert "Paschtu – پښتو" in labels and "Tigrinya – ትግርኛ" in labels
    assert labels[-1] == "Nur Deutsch"
    assert dialog.suggested_name() == "Elterninfo-Schulsystem-ar-2026-03-12.pdf"
    for box in (dialog.kind_box, dialog.language_box):
        assert box.accessibleName()


def test_without_a_case_only_the_general_handout(qtbot, demo, prompts):
    dialog = dialog_for(qtbot, None, prompts)
    model = dialog.kind_box.model()
    enabled = [model.item(i).isEnabled() for i in range(dialog.kind_box.count())]
    assert enabled == [True, False, False]
    assert dialog.language() == "de"


def test_interpreter_view_makes_every_handout_of_its_case(qtbot, demo, prompts):
    from ki_desktop.services import session

    case_id = arabic_case()
    session.begin(session.narrowed_to_case(session.current(), case_id))
    dialog = dialog_for(qtbot, case_id, prompts)
    model = dialog.kind_box.model()
    enabled = [model.item(i).isEnabled() for i in range(dialog.kind_box.count())]
    assert enabled == [True, True, True]
    assert dialog.language() == "ar"


def test_statistics_account_may_make_no_handout(qtbot, demo, prompts):
    from ki_desktop.domain.roles import Role
    from ki_desktop.services import session

    session.begin(session.Session("stat", "Statistik", frozenset({Role.STATISTICS})))
    dialog = dialog_for(qtbot, None, prompts)
    model = dialog.kind_box.model()
    assert not any(model.item(i).isEnabled() for i in range(1, dialog.kind_box.count()))
    assert model.item(0).isEnabled() is False


def test_keyboard_choice_and_pdf_written_in_the_background(qtbot, demo, prompts, tmp_path):
    if shutil.which("pdftotext") is None:
        pytest.skip("needs poppler-utils")
    dialog = dialog_for(qtbot, arabic_case(), prompts)
    # Alt+H to the kind, one down: recommendation; Alt+S to the language, Persian
    qtbot.keyClick(dialog, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert dialog.kind_box.hasFocus()
    qtbot.keyClick(dialog.kind_box, Qt.Key.Key_Down)
    assert dialog.kind() == handouts.RECOMMENDATION
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.language_box.hasFocus()
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("fa"))
    target = tmp_path / "handzettel"
    asked = answer_file(prompts, target)
    with qtbot.waitSignal(dialog.saved, timeout=20_000) as saved:
        qtbot.keyClick(dialog.language_box, Qt.Key.Key_Return)  # the default button
    assert asked == [("Elterninfo-Empfehlung-fa-2026-03-12.pdf", "PDF-Dokument (*.pdf)")]
    written = saved.args[0]
    assert written == tmp_path / "handzettel.pdf"
    text = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Unsere Empfehlung und die nächsten Schritte" in text
    assert prompts.errors == []
    assert not dialog.isVisible()


def test_failure_is_shown_and_the_dialog_stays(qtbot, demo, prompts, tmp_path):
    def failing(kind, language, path, case_id):
        raise ServiceError("Die Schrift „Noto Naskh Arabic“ wurde nicht gefunden.")

    dialog = dialog_for(qtbot, arabic_case(), prompts, write=failing)
    answer_file(prompts, tmp_path / "x.pdf")
    with qtbot.waitSignal(dialog.finished_writing, timeout=10_000) as done:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert done.args == [False]
    assert prompts.errors == ["Die Schrift „Noto Naskh Arabic“ wurde nicht gefunden."]
    assert dialog.isVisible() and dialog.save_button.isEnabled()


def test_cancelled_file_dialog_writes_nothing(qtbot, demo, prompts):
    calls = []
    dialog = dialog_for(qtbot, arabic_case(), prompts, write=lambda *a: calls.append(a))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # prompts answer None
    assert calls == [] and dialog.operation is None and dialog.isVisible()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_open_handout_dialog_and_a_language_without_texts(qtbot, demo, prompts, tmp_path):
    case_id = arabic_case()
    LanguageSkill.update(language="so").where(LanguageSkill.case == case_id).execute()
    saved: list[Path] = []
    dialog = open_handout_dialog(None, case_id, prompts, on_saved=saved.append)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    assert dialog.language() == "so"
    assert dialog.language_box.currentText() == "Somali (noch keine Übersetzung)"
    answer_file(prompts, tmp_path / "so.pdf")
    with qtbot.waitSignal(dialog.finished_writing, timeout=20_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [tmp_path / "so.pdf"]
    shot = tmp_path / "dialog.png"
    assert dialog.grab().save(str(shot))
