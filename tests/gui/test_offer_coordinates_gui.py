"""Coordinates in the offer dialog (typed with a comma or a point, pasted from a map, checked
as typed) and in the detail pane of the Angebote tab (a map link only when they are set)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QGuiApplication

from ki_desktop.gui.offer_detail import offer_detail_html, open_map_link
from ki_desktop.gui.offer_dialog import OfferDialog
from ki_desktop.gui.offers_tab import OffersTab
from ki_desktop.services import offer_editing, offers

DAY = date(2026, 11, 22)


@pytest.fixture
def catalogue(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    return open_db


def find(title: str, address_part: str = ""):
    return next(o for o in offers.offers() if o.title == title and address_part in o.address)


def make_dialog(qtbot, prompts, offer_id: str | None = None) -> OfferDialog:
    offer, provider = offer_editing.offer_for_editing(offer_id) if offer_id else (None, None)
    dialog = OfferDialog(offer, provider, prompts, "anna")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def retype(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_typed_with_comma_or_point_checked_as_typed_and_saved(qtbot, catalogue, prompts):
    dialog = make_dialog(qtbot, prompts)
    dialog.titleEdit.setText("Fahrradwerkstatt")
    qtbot.keyClicks(dialog.categoryCombo.lineEdit(), "Sport und Freizeit")
    dialog.municipalityCombo.setCurrentIndex(dialog.municipalityCombo.findText("Ahlen"))
    assert dialog.okButton.isEnabled()

    qtbot.keyClicks(dialog.latitudeEdit, "51,76x")
    assert not dialog.okButton.isEnabled()
    assert dialog.problemLabel.text() == (
        "Breite: „51,76x“ ist keine Zahl. Bitte Dezimalgrad eintragen, z. B. 51,9563."
    )
    qtbot.keyClick(dialog.latitudeEdit, Qt.Key.Key_Backspace)
    assert dialog.problemLabel.text().startswith("Koordinaten: Bitte Breite und Länge angeben")
    assert not dialog.okButton.isEnabled()

    qtbot.keyClicks(dialog.longitudeEdit, "51.763")
    assert "Breite 51,76 und Länge 51,763 liegen nicht in NRW." in dialog.problemLabel.text()
    retype(qtbot, dialog.latitudeEdit, "7,891")  # Ahlen with latitude and longitude swapped
    assert dialog.problemLabel.text() == (
        "Koordinaten: Breite 7,891 und Länge 51,763 liegen nicht in NRW – Breite und Länge "
        "vertauscht?"
    )
    assert not dialog.okButton.isEnabled()

    retype(qtbot, dialog.latitudeEdit, "51,76")
    retype(qtbot, dialog.longitudeEdit, "7.891")
    assert dialog.okButton.isEnabled() and not dialog.problemLabel.isVisible()

    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    assert dialog.result() == OfferDialog.DialogCode.Accepted and prompts.errors == []
    assert (dialog.saved.latitude, dialog.saved.longitude) == (51.76, 7.891)


def test_position_pasted_from_a_map_fills_both_fields(qtbot, catalogue, prompts):
    dialog = make_dialog(qtbot, prompts)
    QGuiApplication.clipboard().setText("51.95630, 7.99300")
    dialog.latitudeEdit.setFocus()
    qtbot.keyClick(dialog.latitudeEdit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert (dialog.latitudeEdit.text(), dialog.longitudeEdit.text()) == ("51,9563", "7,993")
    offer = dialog.offer()
    assert (offer.latitude, offer.longitude) == (51.9563, 7.993)


def test_stored_position_is_shown_and_can_be_cleared(qtbot, catalogue, prompts):
    bocholt = find("Griffbereit – Eltern-Kind-Gruppe", "Bocholt")
    dialog = make_dialog(qtbot, prompts, bocholt.id)
    assert (dialog.latitudeEdit.text(), dialog.longitudeEdit.text()) == ("51,838", "6,615")
    assert not dialog.has_changes()
    dialog.latitudeEdit.clear()
    dialog.longitudeEdit.clear()
    assert dialog.okButton.isEnabled() and dialog.has_changes()
    qtbot.mouseClick(dialog.okButton, Qt.MouseButton.LeftButton)
    assert (dialog.saved.latitude, dialog.saved.longitude) == (None, None)


def test_unreadable_text_counts_as_a_change(qtbot, catalogue, prompts):
    dialog = make_dialog(qtbot, prompts)
    qtbot.keyClicks(dialog.longitudeEdit, "Ost")
    assert dialog.has_changes()
    assert "Länge: „Ost“ ist keine Zahl" in dialog.problemLabel.toolTip()
    assert "Koordinaten: Bitte Breite und Länge" not in dialog.problemLabel.toolTip()


# -- detail pane ------------------------------------------------------------------------------


def test_detail_pane_links_to_the_map_only_with_coordinates(catalogue):
    with_position = find("Griffbereit – Eltern-Kind-Gruppe", "Bocholt")
    html = offer_detail_html(with_position, DAY)
    assert "Breite 51,838, Länge 6,615" in html
    assert (
        "<a href='https://www.openstreetmap.org/?mlat=51.838&mlon=6.615#map=17/51.838/6.615'>"
        "auf der Karte</a>"
    ) in html
    without = find("Rucksack Schule", "Ahaus")
    assert without.latitude is None
    html = offer_detail_html(without, DAY)
    assert "auf der Karte" not in html and "Koordinaten" not in html and "<a " not in html


class UrlCatcher(QObject):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("https")


def test_clicking_the_link_in_the_tab_opens_the_map(qtbot, catalogue, opened_urls):
    tab = OffersTab()
    qtbot.addWidget(tab)
    tab.resize(1280, 700)
    tab.show()
    tab.ui.validDate.setDate(QDate(DAY.year, DAY.month, DAY.day))
    tab.refresh()
    row = next(r for r in range(tab.proxy.rowCount()) if tab.proxy.item(r).latitude is not None)
    tab.ui.table.selectRow(row)
    offer = tab.proxy.item(row)
    view = tab.ui.detailView
    assert "auf der Karte" in view.toPlainText()
    view.setFocus()
    # Tab moves to the link, Enter follows it (as a keyboard user would)
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert len(opened_urls) == 1
    url = QUrl(opened_urls[0])
    assert url.host() == "www.openstreetmap.org"
    assert url.query() == f"mlat={offer.latitude}&mlon={offer.longitude}"


def test_only_map_links_are_opened(opened_urls):
    open_map_link(QUrl("https://example.org/x"))
    open_map_link(QUrl("file:///etc/passwd"))
    assert opened_urls == []
    open_map_link(QUrl("https://www.openstreetmap.org/?mlat=51.838&mlon=6.615"))
    assert opened_urls == ["https://www.openstreetmap.org/?mlat=51.838&mlon=6.615"]
