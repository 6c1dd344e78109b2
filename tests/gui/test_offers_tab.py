"""The Angebote tab: search as you type through the service, filters, detail pane."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt

from ki_desktop.gui.offers_tab import OffersTab
from ki_desktop.services import offers

DAY = date(2026, 11, 22)


@pytest.fixture
def catalogue(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    return open_db


@pytest.fixture
def calls():
    return []


@pytest.fixture
def tab(qtbot, catalogue, calls):
    def search(text, filters):
        calls.append(text)
        return offers.search(text, filters)

    widget = OffersTab(search=search)
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    widget.ui.validDate.setDate(QDate(DAY.year, DAY.month, DAY.day))
    widget.refresh()
    calls.clear()
    return widget


def rows(tab: OffersTab) -> list:
    return [tab.proxy.item(r) for r in range(tab.proxy.rowCount())]


def test_lists_the_valid_offers_at_first(tab):
    valid = offers.offers(valid_on=DAY)
    assert len(rows(tab)) == len(valid) > 60
    assert "Angebote gefunden" in tab.ui.countLabel.text()


def test_typing_searches_once_after_a_pause(qtbot, tab, calls):
    qtbot.keyClicks(tab.ui.searchEdit, "kurs")
    assert calls == []  # not on every key stroke
    qtbot.waitUntil(lambda: calls == ["kurs"], timeout=2000)
    found = rows(tab)
    assert found and all(
        "kurs" in f"{o.title} {o.category} {o.description_de}".casefold() for o in found
    )
    titles = [o.title for o in found]
    assert "Sprachkurse für Eltern im Familienzentrum" in titles
    assert "Integrationskurs (allgemein)" in titles
    # best match first: titles with the word before descriptions with it
    in_title = ["kurs" in t.casefold() for t in titles]
    assert in_title == sorted(in_title, reverse=True)


def test_umlauts_and_typos(qtbot, tab):
    qtbot.keyClicks(tab.ui.searchEdit, "sudlohn")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0 and "Südlohn" in _texts(tab), timeout=2000)
    tab.ui.searchEdit.clear()
    qtbot.keyClicks(tab.ui.searchEdit, "Hausaufgabnhilfe")
    qtbot.waitUntil(lambda: tab.ui.noticeLabel.isVisible(), timeout=2000)
    assert "hausaufgabenhilfe" in tab.ui.noticeLabel.text()
    assert rows(tab) and all("Hausaufgabenhilfe" in o.title for o in rows(tab))


def _texts(tab) -> str:
    model = tab.proxy
    return " ".join(
        str(model.index(r, c).data())
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )


def test_age_language_and_free_filters(tab):
    tab.ui.ageSpin.setValue(2)
    assert rows(tab) and all((o.age_min or 0) <= 2 <= (o.age_max or 99) for o in rows(tab))
    tab.ui.ageSpin.setValue(-1)
    assert tab.ui.ageSpin.text() == "alle"
    combo = tab.ui.languageCombo
    combo.setCurrentIndex(combo.findText("Tigrinya"))
    assert rows(tab) and all("ti" in o.languages for o in rows(tab))
    assert "Tigrinya" in tab.proxy.index(0, 4).data()  # language names, not codes
    tab.ui.freeCheck.setChecked(True)
    assert all(o.free_of_charge for o in rows(tab))


def test_municipality_and_neighbours(tab):
    ui = tab.ui
    assert not ui.neighboursCheck.isEnabled()
    ui.municipalityCombo.setCurrentIndex(ui.municipalityCombo.findText("Südlohn"))
    alone = {o.municipality_name for o in rows(tab)}
    assert alone == {"Südlohn"}
    assert ui.neighboursCheck.isEnabled()
    ui.neighboursCheck.setChecked(True)
    near = [o.municipality_name for o in rows(tab)]
    assert near[0] == "Südlohn" and {"Stadtlohn", "Vreden"} <= set(near)


def test_category_and_validity(tab):
    ui = tab.ui
    ui.kindCombo.setCurrentIndex(ui.kindCombo.findText("Sprachkurs"))
    current = {o.title for o in rows(tab)}
    assert current and all(o.category == "Sprachkurs" for o in rows(tab))
    assert "Deutsch-Sommerkurs 2025" not in current
    ui.expiredCheck.setChecked(True)
    assert not ui.validDate.isEnabled()
    assert {"Deutsch-Sommerkurs 2025", "Wintersprachkurs 2026"} <= {o.title for o in rows(tab)}
    ui.expiredCheck.setChecked(False)
    ui.validDate.setDate(QDate(2025, 8, 1))
    assert "Deutsch-Sommerkurs 2025" in {o.title for o in rows(tab)}


def test_detail_pane_with_contact(qtbot, tab):
    qtbot.keyClicks(tab.ui.searchEdit, "griffbereit")
    qtbot.keyClick(tab.ui.searchEdit, Qt.Key.Key_Down)  # searches at once and moves to the list
    assert tab.ui.table.hasFocus() or tab.ui.table.currentIndex().row() == 0
    offer = tab.proxy.item(0)
    assert offer.title.startswith("Griffbereit")
    text = tab.ui.detailView.toPlainText()
    assert offer.description_de in text
    assert offers.provider(offer.provider_name).contact_person in text
    assert "1–3 Jahre" in text


def test_filter_for_a_child(tab, calls):
    tab.filter_for_child(15, ["ps", "fa"], "05570052")
    assert calls[-1:] == [""]  # one search for all changes
    ui = tab.ui
    assert ui.ageSpin.value() == 15
    assert ui.languageCombo.currentData() == "ps"
    assert ui.municipalityCombo.currentText() == "Warendorf" and ui.neighboursCheck.isChecked()
    for offer in rows(tab):
        assert "ps" in offer.languages and (offer.age_min or 0) <= 15 <= (offer.age_max or 99)


def test_nothing_found_says_so(qtbot, tab):
    qtbot.keyClicks(tab.ui.searchEdit, "Quantenphysik")
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 0, timeout=2000)
    assert "Keine passenden Angebote" in tab.ui.countLabel.text()


def test_empty_database(qtbot, open_db):
    widget = OffersTab()
    qtbot.addWidget(widget)
    widget.refresh()
    assert "Demodaten laden" in widget.ui.countLabel.text()
    assert "Demodaten laden" in widget.ui.detailView.toPlainText()


def test_screenshot(tab, tmp_path):
    tab.ui.languageCombo.setCurrentIndex(tab.ui.languageCombo.findText("Arabisch"))
    tab.ui.ageSpin.setValue(9)
    tab.ui.table.selectRow(0)
    image = tab.grab()
    assert not image.isNull() and image.width() >= 1200
    assert image.save(str(tmp_path / "angebote.png"))


# -- keeping the catalogue: new, edit, delete ------------------------------------------------


@pytest.fixture
def editing_tab(qtbot, catalogue, prompts):
    widget = OffersTab(prompts=prompts, user="anna")
    qtbot.addWidget(widget)
    widget.resize(1280, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.ui.validDate.setDate(QDate(DAY.year, DAY.month, DAY.day))
    widget.refresh()
    return widget


def open_dialog(qtbot, tab, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = tab.actions.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_new_offer_from_the_tab_is_found_and_selected(qtbot, editing_tab):
    tab = editing_tab
    messages = []
    tab.message.connect(messages.append)
    dialog = open_dialog(qtbot, tab, tab.actions.newButton)
    assert not dialog.okButton.isEnabled() and "Titel" in dialog.problemLabel.text()
    qtbot.keyClicks(dialog.titleEdit, "Vorlesestunde im Zauberwald")
    qtbot.keyClicks(dialog.categoryCombo.lineEdit(), "Lernförderung"[:5])
    dialog.categoryCombo.setCurrentText("Lernförderung")
    dialog.languages.add("uk")
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)

    assert tab.actions.dialog is None
    [selected] = tab.selected_offers()
    assert selected.title == "Vorlesestunde im Zauberwald"
    assert "Zauberwald" in tab.ui.detailView.toPlainText()
    assert messages == ["„Vorlesestunde im Zauberwald“ gespeichert."]
    tab.ui.searchEdit.setText("zauberwald")
    tab.run_search()
    assert [o.title for o in rows(tab)] == ["Vorlesestunde im Zauberwald"]


def test_edit_with_enter_shows_the_change_in_the_detail_pane(qtbot, editing_tab):
    tab = editing_tab
    tab.ui.table.selectRow(2)
    chosen = tab.selected_offers()[0]
    tab.ui.table.setFocus()
    qtbot.keyClick(tab.ui.table, Qt.Key.Key_Return)
    dialog = tab.actions.dialog
    assert dialog is not None and dialog.titleEdit.text() == chosen.title
    dialog.scheduleEdit.setText("jeden zweiten Samstag, 10–12 Uhr")
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)

    assert [o.id for o in tab.selected_offers()] == [chosen.id]
    assert "jeden zweiten Samstag, 10–12 Uhr" in tab.ui.detailView.toPlainText()


def test_double_click_opens_the_offer_once(qtbot, editing_tab):
    tab = editing_tab
    tab.ui.table.selectRow(0)
    tab.actions.edit_offer()
    first = tab.actions.dialog
    tab.actions.edit_offer()  # a second request raises the open dialog
    assert tab.actions.dialog is first
    first.reject()
    assert tab.actions.dialog is None


def test_delete_asks_first_and_moves_the_selection(qtbot, editing_tab, prompts):
    tab = editing_tab
    tab.ui.table.selectRow(3)
    doomed, following = tab.proxy.item(3), tab.proxy.item(4)
    count = tab.proxy.rowCount()

    prompts.confirm_answer = False
    qtbot.mouseClick(tab.actions.deleteButton, Qt.MouseButton.LeftButton)
    assert prompts.questions == [
        f"Das Angebot „{doomed.title}“ löschen? Das lässt sich nicht rückgängig machen."
    ]
    assert tab.proxy.rowCount() == count and offers.provider(doomed.provider_name)
    assert doomed.id in {o.id for o in offers.offers()}

    prompts.confirm_answer = True
    tab.ui.table.setFocus()
    qtbot.keyClick(tab.ui.table, Qt.Key.Key_Delete)
    assert doomed.id not in {o.id for o in offers.offers()}
    assert tab.proxy.rowCount() == count - 1
    assert [o.id for o in tab.selected_offers()] == [following.id]


def test_delete_refused_for_an_offer_with_referrals(qtbot, editing_tab, prompts):
    from ki_desktop.domain import model as dm
    from ki_desktop.store.cases import add_cases
    from ki_desktop.store.models import Case

    tab = editing_tab
    add_cases([dm.Case(first_name="Amira", last_name="Haddad", birth_date=date(2014, 12, 1))])
    tab.ui.table.selectRow(1)
    offer = tab.selected_offers()[0]
    offers.refer_case(Case.get().id, offer.id, DAY, user="anna", today=DAY)
    prompts.confirm_answer = True
    tab.actions.delete_offers()
    assert len(prompts.errors) == 1 and "Vermittlung" in prompts.errors[0]
    assert [o.id for o in tab.selected_offers()] == [offer.id]


def test_buttons_follow_the_selection(qtbot, editing_tab):
    tab = editing_tab
    actions = tab.actions
    tab.ui.table.clearSelection()
    assert actions.newButton.isEnabled()
    assert not any(b.isEnabled() for b in (actions.editButton, actions.deleteButton))
    assert not actions.sheetButton.isEnabled()
    tab.ui.table.selectRow(0)
    assert actions.editButton.isEnabled() and actions.sheetButton.isEnabled()
    qtbot.mouseClick(
        tab.ui.table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        tab.ui.table.visualRect(tab.proxy.index(2, 0)).center(),
    )
    assert len(tab.selected_offers()) == 2
    assert not actions.editButton.isEnabled()
    assert actions.deleteButton.isEnabled() and actions.sheetButton.isEnabled()


def test_new_offer_shortcut(qtbot, editing_tab):
    tab = editing_tab
    tab.activateWindow()
    tab.ui.searchEdit.setFocus()
    qtbot.keyClick(
        tab.ui.searchEdit,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert tab.actions.dialog is not None
    assert tab.actions.dialog.windowTitle() == "Neues Angebot"
    tab.actions.dialog.reject()


def test_screenshot_with_buttons(editing_tab, tmp_path):
    editing_tab.ui.table.selectRow(0)
    image = editing_tab.grab()
    assert image.save(str(tmp_path / "angebote-bearbeiten.png"))
