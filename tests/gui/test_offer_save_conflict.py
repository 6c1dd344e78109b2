"""Someone else saves the offer that is open in the offer dialog: saving shows the merge view
(the one of cases) with the fields both changed differently, and the chosen merge is saved on
top of their version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton

from ki_desktop.gui.offer_dialog import OfferDialog
from ki_desktop.gui.save_conflict_dialog import SaveConflictDialog
from ki_desktop.services import offer_editing, offers
from ki_desktop.store.accounts import create_account
from ki_desktop.store.users import recent_events

DAY = date(2026, 11, 22)


@pytest.fixture
def stored(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    create_account("bschulte", "Ben Schulte", "admin")
    offer = offers.offers()[0]
    return offer_editing.offer_for_editing(offer.id)[0]


@pytest.fixture
def dialog(qtbot, stored, prompts) -> OfferDialog:
    offer, provider = offer_editing.offer_for_editing(stored.id)
    dialog = OfferDialog(offer, provider, prompts, "anna")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _saved_by_ben(offer_id: str, **changes) -> offer_editing.dm.Offer:
    offer, provider = offer_editing.offer_for_editing(offer_id)
    if "provider_name" in changes:
        provider = offers.provider(changes["provider_name"])
    return offer_editing.save_offer(replace(offer, **changes), provider, "bschulte")


def _save(qtbot, dialog: OfferDialog) -> SaveConflictDialog:
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.conflict_dialog is not None and dialog.conflict_dialog.isVisible()
    )
    return dialog.conflict_dialog


def _new_codes(stored, count: int) -> list[str]:
    return [c for c in ("ti", "ps", "ku", "so") if c not in stored.languages][:count]


def test_merge_view_shows_the_conflict_and_saves_the_choice(
    qtbot, dialog, stored, prompts, tmp_path
):
    mine_code, their_code = _new_codes(stored, 2)
    theirs = _saved_by_ben(
        stored.id,
        schedule="Ben: freitags",
        address="Bens Straße 1",
        languages=[*stored.languages, their_code],
    )
    dialog.scheduleEdit.setText("Anna: montags")  # the same field as Ben
    dialog.accessibilityEdit.setText("Aufzug vorhanden")  # a field only I change
    dialog.languages.add(mine_code)  # a language each of us adds
    conflict = _save(qtbot, dialog)

    assert conflict.windowTitle() == "Angebot inzwischen geändert"
    assert [(f.label, f.base, f.mine, f.theirs) for f in conflict.fields] == [
        ("Termine", stored.schedule or "—", "Anna: montags", "Ben: freitags")
    ]
    radios = conflict.findChildren(QRadioButton)
    assert [r.text() for r in radios] == ["Anna: montags", "Ben: freitags"]
    assert radios[0].isChecked()  # what I typed stays unless I choose otherwise
    headings = [label.text() for label in conflict.findChildren(QLabel)]
    assert any(h.startswith("Gespeichert von Ben Schulte um ") for h in headings)
    intro = conflict.intro.text()
    assert intro.startswith("Ben Schulte hat das Angebot gespeichert, während Sie es bearbeitet")
    assert "übernommen: Adresse, Sprache " in intro
    assert conflict.cancel_button.toolTip() == (
        "Nichts speichern; Ihre Eingaben bleiben im Dialog erhalten"
    )
    QApplication.processEvents()
    shot = Path(tmp_path) / "offer_save_conflict.png"
    assert conflict.grab().save(str(shot)) and shot.stat().st_size > 0
    assert offer_editing.offer_for_editing(stored.id)[0].schedule == "Ben: freitags"

    # keyboard only: the arrow key moves to Ben's value, Enter merges and saves
    conflict.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is radios[0])
    qtbot.keyClick(radios[0], Qt.Key.Key_Right)
    assert radios[1].isChecked()
    qtbot.keyClick(conflict.focusWidget(), Qt.Key.Key_Return)

    assert not conflict.isVisible() and prompts.errors == []
    assert dialog.result() == OfferDialog.DialogCode.Accepted
    saved = offer_editing.offer_for_editing(stored.id)[0]
    assert (saved.schedule, saved.address, saved.accessibility) == (
        "Ben: freitags",
        "Bens Straße 1",
        "Aufzug vorhanden",
    )
    assert saved.languages == [*stored.languages, mine_code, their_code]
    assert saved.version == theirs.version + 1 and dialog.saved == saved
    event = recent_events("offer.")[0]
    assert (event.action, event.user) == ("offer.update", "anna")


def test_changes_of_different_fields_are_saved_together(qtbot, dialog, stored):
    _saved_by_ben(stored.id, address="Bens Straße 1")
    dialog.scheduleEdit.setText("Anna: montags")
    conflict = _save(qtbot, dialog)
    assert conflict.fields == []
    assert "Ihre Änderungen betreffen andere Felder" in conflict.intro.text()
    assert conflict.merge_button.hasFocus() or conflict.focusWidget() is conflict.merge_button
    qtbot.mouseClick(conflict.merge_button, Qt.MouseButton.LeftButton)
    saved = offer_editing.offer_for_editing(stored.id)[0]
    assert (saved.schedule, saved.address) == ("Anna: montags", "Bens Straße 1")
    assert dialog.result() == OfferDialog.DialogCode.Accepted


def test_cancel_keeps_the_dialog_as_typed_and_writes_nothing(qtbot, dialog, stored, prompts):
    theirs = _saved_by_ben(stored.id, schedule="Ben: freitags")
    dialog.scheduleEdit.setText("Anna: montags")
    conflict = _save(qtbot, dialog)
    qtbot.keyClick(conflict.focusWidget(), Qt.Key.Key_Escape)

    assert not conflict.isVisible() and dialog.isVisible()
    assert dialog.scheduleEdit.text() == "Anna: montags" and dialog.has_changes()
    again = offer_editing.offer_for_editing(stored.id)[0]
    assert (again.schedule, again.version) == ("Ben: freitags", theirs.version)
    # saving again still does not overwrite: the merge view comes back
    assert _save(qtbot, dialog) is not conflict
    assert prompts.errors == []


def test_the_provider_chosen_in_the_merge_brings_its_contact_data(qtbot, dialog, stored):
    other = next(p for p in offer_editing.providers() if p.name != stored.provider_name)
    _saved_by_ben(stored.id, provider_name=other.name)
    dialog.scheduleEdit.setText("Anna: montags")
    conflict = _save(qtbot, dialog)
    assert conflict.fields == []  # only Ben changed the provider: taken
    qtbot.mouseClick(conflict.merge_button, Qt.MouseButton.LeftButton)
    saved = offer_editing.offer_for_editing(stored.id)[0]
    assert (saved.provider_name, saved.schedule) == (other.name, "Anna: montags")
    assert offers.provider(other.name) == other  # its contact data were not overwritten
    assert dialog.contactEdit.text() == other.contact_person


def test_an_offer_deleted_meanwhile_is_a_message(qtbot, dialog, stored, prompts):
    offer_editing.delete_offer(stored.id, "bschulte")
    dialog.scheduleEdit.setText("Anna: montags")
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    assert dialog.conflict_dialog is None
    assert len(prompts.errors) == 1 and "inzwischen gelöscht" in prompts.errors[0]
    assert dialog.isVisible() and dialog.scheduleEdit.text() == "Anna: montags"
