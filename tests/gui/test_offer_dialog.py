"""The offer dialog: checks while typing, saving through the service, errors that keep the input,
Escape that asks first, descriptions right to left."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from ki_desktop.gui.offer_dialog import OfferDialog
from ki_desktop.services import offer_editing, offers
from tests.gui.conftest import ScriptedPrompts

DAY = date(2026, 11, 22)


@pytest.fixture
def catalogue(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    return open_db


def make_dialog(qtbot, prompts, offer_id: str | None = None) -> OfferDialog:
    offer, provider = offer_editing.offer_for_editing(offer_id) if offer_id else (None, None)
    dialog = OfferDialog(offer, provider, prompts, "anna")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill_required(qtbot, dialog: OfferDialog, title: str = "Schwimmkurs fuer Maedchen") -> None:
    qtbot.keyClicks(dialog.titleEdit, title[:3])  # QTest types ASCII only
    dialog.titleEdit.setText(title)
    qtbot.keyClicks(dialog.categoryCombo.lineEdit(), "Sport und Freizeit")


def test_new_offer_typed_checked_and_saved(qtbot, catalogue, prompts):
    dialog = make_dialog(qtbot, prompts)
    assert dialog.windowTitle() == "Neues Angebot"
    assert not dialog.okButton.isEnabled()
    assert dialog.problemLabel.isVisible()
    assert dialog.problemLabel.text().startswith("Titel: Bitte einen Titel eintragen.")

    fill_required(qtbot, dialog, "Schwimmkurs für Mädchen")
    assert dialog.okButton.isEnabled() and not dialog.problemLabel.isVisible()

    dialog.ageMinSpin.setValue(14)
    dialog.ageMaxSpin.setValue(9)
    assert not dialog.okButton.isEnabled()
    assert "Mindestalter (14) ist größer als das Höchstalter (9)" in dialog.problemLabel.text()
    dialog.ageMaxSpin.setValue(18)
    assert dialog.okButton.isEnabled()

    qtbot.keyClicks(dialog.languages.picker.lineEdit(), "Tigrinya")
    qtbot.mouseClick(dialog.languages.add_button, Qt.MouseButton.LeftButton)
    dialog.languages.add("de")
    assert dialog.languages.codes() == ["ti", "de"]
    dialog.providerCombo.setCurrentText("Schwimmverein Ahlen 08")
    dialog.contactEdit.setText("Frau Öztürk")
    dialog.municipalityCombo.setCurrentIndex(dialog.municipalityCombo.findText("Ahlen"))
    dialog.freeCheck.setChecked(False)
    dialog.validTo.none_check.setChecked(False)
    dialog.validTo.date_edit.setDate(date(2027, 7, 31))
    qtbot.keyClicks(dialog.descriptionEdit, "Schwimmen lernen in kleinen Gruppen.")
    row = dialog.translations.add_row("ti", "ምሕምባስ ምምሃር")

    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)

    assert dialog.result() == OfferDialog.DialogCode.Accepted and prompts.errors == []
    saved = dialog.saved
    assert (saved.title, saved.category) == ("Schwimmkurs für Mädchen", "Sport und Freizeit")
    assert (saved.age_min, saved.age_max, saved.free_of_charge) == (14, 18, False)
    assert saved.languages == ["ti", "de"] and saved.municipality_name == "Ahlen"
    assert (saved.valid_from, saved.valid_to) == (None, date(2027, 7, 31))
    assert saved.descriptions == {"ti": row.text.toPlainText()}
    assert offers.provider("Schwimmverein Ahlen 08").contact_person == "Frau Öztürk"
    found = offers.search_offers("schwimmverein", offers.OfferFilter(valid_on=DAY))
    assert [o.id for o in found] == [saved.id]


def test_picking_a_known_provider_fills_the_contact(qtbot, catalogue, prompts):
    dialog = make_dialog(qtbot, prompts)
    known = offer_editing.providers()[3]
    dialog.providerCombo.setCurrentIndex(dialog.providerCombo.findText(known.name))
    assert dialog.contactEdit.text() == known.contact_person
    assert (dialog.phoneEdit.text(), dialog.emailEdit.text()) == (known.phone, known.email)


def test_editing_keeps_everything_and_saves_the_change(qtbot, catalogue, prompts):
    stored = offers.offers()[0]
    dialog = make_dialog(qtbot, prompts, stored.id)
    assert stored.title in dialog.windowTitle()
    assert dialog.offer().title == stored.title and not dialog.has_changes()
    assert dialog.okButton.isEnabled()
    dialog.scheduleEdit.setText("donnerstags 16–18 Uhr")
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    again = offer_editing.offer_for_editing(stored.id)[0]
    assert again.schedule == "donnerstags 16–18 Uhr"
    assert (again.title, again.languages, again.valid_from) == (
        stored.title,
        stored.languages,
        stored.valid_from,
    )


def test_service_error_is_shown_and_the_input_kept(qtbot, catalogue, prompts):
    existing = offers.offers()[0]
    dialog = make_dialog(qtbot, prompts)
    fill_required(qtbot, dialog, existing.title)
    dialog.providerCombo.setCurrentText(existing.provider_name)
    dialog.municipalityCombo.setCurrentIndex(
        dialog.municipalityCombo.findData(existing.municipality_ags)
    )
    qtbot.keyClicks(dialog.descriptionEdit, "Viel getippter Text")
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    assert len(prompts.errors) == 1 and "gibt es schon" in prompts.errors[0]
    assert dialog.isVisible() and dialog.saved is None
    assert dialog.descriptionEdit.toPlainText() == "Viel getippter Text"
    assert dialog.titleEdit.text() == existing.title


def test_stale_offer_is_not_overwritten(qtbot, catalogue, prompts):
    stored = offers.offers()[0]
    dialog = make_dialog(qtbot, prompts, stored.id)
    offer, provider = offer_editing.offer_for_editing(stored.id)
    offer.schedule = "von jemand anderem"
    offer_editing.save_offer(offer, provider, "ben")
    dialog.scheduleEdit.setText("meine Änderung")
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    # the merge view asks (see test_offer_save_conflict); until then nothing is written
    qtbot.waitUntil(lambda: dialog.conflict_dialog is not None)
    assert dialog.conflict_dialog.isVisible() and prompts.errors == []
    assert "von jemand anderem geändert" in str(dialog.conflict_dialog.conflict)
    assert dialog.isVisible() and dialog.scheduleEdit.text() == "meine Änderung"
    assert offer_editing.offer_for_editing(stored.id)[0].schedule == "von jemand anderem"


def test_translations_right_to_left_and_checked(qtbot, catalogue, prompts):
    dialog = make_dialog(qtbot, prompts)
    fill_required(qtbot, dialog)
    arabic = dialog.translations.add_row("ar", "دورة سباحة للفتيات")
    assert arabic.text.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert arabic.text.document().defaultTextOption().textDirection() == (
        Qt.LayoutDirection.RightToLeft
    )
    arabic.picker.set_code("uk")
    assert arabic.text.layoutDirection() == Qt.LayoutDirection.LeftToRight
    arabic.picker.set_code("fa")
    assert arabic.text.layoutDirection() == Qt.LayoutDirection.RightToLeft

    second = dialog.translations.add_row("fa", "دوره")
    assert not dialog.okButton.isEnabled()
    assert "Persisch steht zweimal da" in dialog.problemLabel.text()
    second.picker.set_code("")
    assert "Bitte zu jedem Text die Sprache wählen" in dialog.problemLabel.text()
    qtbot.mouseClick(second.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.okButton.isEnabled() and len(dialog.translations.rows) == 1
    de = dialog.translations.add_row("de", "Deutsch")
    assert "Beschreibung (Deutsch)" in dialog.problemLabel.text()
    qtbot.mouseClick(de.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.okButton.isEnabled()


def test_escape_asks_only_when_something_changed(qtbot, catalogue):
    untouched = make_dialog(qtbot, ScriptedPrompts())
    qtbot.keyClick(untouched, Qt.Key.Key_Escape)
    assert not untouched.isVisible()

    prompts = ScriptedPrompts(unsaved="cancel")
    dialog = make_dialog(qtbot, prompts)
    qtbot.keyClicks(dialog.titleEdit, "Angefangen")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert len(prompts.questions) == 1 and dialog.isVisible()
    assert dialog.titleEdit.text() == "Angefangen"
    prompts.unsaved_answer = "discard"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.saved is None


def test_screenshot_with_arabic_translation(qtbot, catalogue, prompts, tmp_path):
    stored = offers.offers()[0]
    dialog = make_dialog(qtbot, prompts, stored.id)
    dialog.translations.add_row("ar", "دروس اللغة الألمانية للشباب مع التدريب في الشركات.")
    image = dialog.grab()
    assert not image.isNull() and image.width() >= 900
    assert image.save(str(tmp_path / "angebot-bearbeiten.png"))
