"""The Schulempfehlung, Angebote and Berichte tabs list what the services return."""

from __future__ import annotations

from datetime import date

import pytest

from ki_desktop.services import offers, reports, schools


@pytest.fixture
def window(window):
    """The main window after each tab was shown once (a tab loads its list when shown)."""
    for index in range(window.ui.tabs.count()):
        window.ui.tabs.setCurrentIndex(index)
    window.ui.tabs.setCurrentIndex(0)
    return window


def test_school_tab_lists_the_schools(window):
    tab = window.placement
    listed = schools.schools()
    assert len(listed) > 100
    assert tab.proxy.rowCount() == len(listed)
    numbers = {tab.proxy.item(r).schulnummer for r in range(tab.proxy.rowCount())}
    assert numbers == {s.schulnummer for s in listed}
    assert str(len(listed)) in tab.ui.countLabel.text()


def test_school_tab_filters_by_text_and_schulform(qtbot, window):
    tab = window.placement
    school = schools.schools()[10]
    qtbot.keyClicks(tab.ui.searchEdit, school.schulnummer)
    assert tab.proxy.rowCount() == 1
    assert tab.proxy.item(0).name == school.name
    tab.ui.searchEdit.clear()

    combo = tab.ui.kindCombo
    combo.setCurrentIndex(combo.findText("Gymnasium"))
    gymnasien = [s for s in schools.schools() if s.schulform == "20"]
    assert tab.proxy.rowCount() == len(gymnasien) > 0
    assert f"{len(gymnasien)} von" in tab.ui.countLabel.text()


def test_school_detail(window):
    tab = window.placement
    tab.ui.table.selectRow(0)
    school = tab.proxy.item(0)
    text = tab.ui.detailView.toPlainText()
    assert school.name in text
    assert school.schulnummer in text
    assert "Erstförderplätze" in text


def test_search_ignores_case_and_accents(qtbot, window):
    tab = window.placement
    qtbot.keyClicks(tab.ui.searchEdit, "MUNSTER")
    found = [tab.proxy.item(r) for r in range(tab.proxy.rowCount())]
    assert found
    assert all("münster" in f"{s.name} {s.city} {s.street}".casefold() for s in found)


def test_offers_tab_lists_the_valid_offers(window):
    tab = window.offers
    window.ui.tabs.setCurrentWidget(tab)
    listed = offers.offers(valid_on=date.today())
    assert len(listed) > 10
    assert tab.proxy.rowCount() == len(listed)
    titles = [tab.proxy.item(r).title for r in range(tab.proxy.rowCount())]
    assert sorted(titles) == sorted(o.title for o in listed)


def test_reports_tab_lists_the_report_kinds(window):
    tab = window.reports
    kinds = reports.available_reports()
    assert tab.model.rowCount() == len(kinds)
    assert [tab.model.index(r, 0).data() for r in range(len(kinds))] == [
        k.kind.title for k in kinds
    ]
    assert tab.model.index(0, 2).data() == "PDF, XLSX, CSV"
    assert tab.model.index(0, 3).data() == "noch nie"


def test_create_report_needs_a_selected_report(window):
    button = window.reports.ui.createButton
    assert not button.isEnabled()
    assert "Berichtsfunktion" not in button.toolTip()
    assert "„Erstberatung“" in window.reports.ui.notYetLabel.text()


def test_tabs_on_an_empty_database_say_what_to_do(empty_window):
    for index in range(empty_window.ui.tabs.count()):
        empty_window.ui.tabs.setCurrentIndex(index)
    assert empty_window.placement.proxy.rowCount() == 0
    assert "Demodaten laden" in empty_window.placement.ui.countLabel.text()
    assert "Demodaten laden" in empty_window.offers.ui.detailView.toPlainText()
