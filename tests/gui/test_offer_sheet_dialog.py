"""Saving the offer sheet from the GUI: language question, file name, background export."""

from __future__ import annotations

import subprocess
import unicodedata

from PySide6.QtWidgets import QWidget

from ki_desktop.gui.offer_sheet_dialog import save_offer_sheet
from ki_desktop.services import intake
from ki_desktop.services import offers as offer_service
from tests.gui.conftest import ScriptedPrompts
from tests.services.test_intake import full_case


class SavingPrompts(ScriptedPrompts):
    """Answers the file dialog with a fixed path and records the suggested name."""

    def __init__(self, path, choice: int | None = None) -> None:
        super().__init__()
        self.path = path
        self.choice_answer = choice
        self.suggested: str | None = None

    def save_file_name(self, parent, title, suggested, file_filter):
        self.suggested = suggested
        return str(self.path) if self.path else None


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout)


def arabic_offers() -> list[str]:
    return [o.id for o in offer_service.offers() if o.descriptions.get("ar")][:2]


def test_without_a_case_the_family_language_is_asked(qtbot, gui_db, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = arabic_offers()
    prompts = SavingPrompts(tmp_path / "blatt", choice=None)
    saved = []
    # German only is the first entry, Arabic (both descriptions translated) next; cancelled
    save_offer_sheet(parent, ids, None, prompts, on_saved=saved.append)
    assert prompts.choices[0] == "Nur Deutsch"
    assert prompts.choices[1].startswith("Arabisch – 2 von 2")
    assert prompts.suggested is None and not saved  # cancelled: no file dialog
    prompts.choice_answer = 1
    save_offer_sheet(parent, ids, None, prompts, on_saved=saved.append)
    assert prompts.suggested.startswith("Angebotsblatt-") and prompts.suggested.endswith(".pdf")
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    path = tmp_path / "blatt.pdf"  # the extension is added
    assert saved == [path]
    text = pdf_text(path)
    assert "Angebote für Ihre Familie" in text and "لعائلتكم" in text
    assert not prompts.errors


def test_with_a_case_no_language_question(qtbot, gui_db, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    case_id, _ = intake.save_case(full_case(), "abecker")  # Ukrainian family
    ids = [o.id for o in offer_service.offers() if o.descriptions.get("uk")][:2]
    prompts = SavingPrompts(tmp_path / "uk.pdf")
    saved = []
    save_offer_sheet(parent, ids, case_id, prompts, on_saved=saved.append, user="abecker")
    assert not prompts.questions
    qtbot.waitUntil(lambda: bool(saved), timeout=10000)
    assert "Пропозиції для вашої родини" in pdf_text(saved[0])


def test_errors_are_shown(qtbot, gui_db, tmp_path):
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts = SavingPrompts(tmp_path / "x.pdf")
    save_offer_sheet(parent, [], None, prompts)
    assert "mindestens ein Angebot" in prompts.errors[-1]
    save_offer_sheet(parent, ["gone"], None, prompts)
    assert "nicht gefunden" in prompts.errors[-1]
    offer = offer_service.offers()[0].id
    prompts = SavingPrompts(tmp_path / "missing-folder" / "x.pdf", choice=0)
    save_offer_sheet(parent, [offer], None, prompts)
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=10000)
    assert "kann nicht geschrieben werden" in prompts.errors[0]
    assert "Traceback" not in prompts.errors[0]
