"""“Passende Angebote”: Strg+G filters the Angebote for the case selected in the Erstberatung,
and the chosen offer is noted as a referral that the case detail lists."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ki_desktop.services import offers as offer_service


def _open_matching_case(qtbot, window):
    """Select cases one after the other until Strg+G shows offers for one of them."""
    intake, tab = window.intake, window.offers
    for row in range(min(intake.model.rowCount(), 60)):
        window.ui.tabs.setCurrentWidget(intake)
        intake.ui.caseTable.selectRow(row)
        case_id = intake.model.case_id(row)
        child = offer_service.case_profile(case_id, date.today())
        if child.age is None or not child.languages or not child.municipality_ags:
            continue
        qtbot.waitUntil(lambda name=child.name: name in intake.ui.detailView.toPlainText())
        qtbot.keyClick(window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        if tab.proxy.rowCount():
            return child
    raise AssertionError("no demo case with matching offers")


def test_strg_g_filters_offers_for_the_case_and_refers_one(qtbot, window, prompts):
    tab = window.offers
    child = _open_matching_case(qtbot, window)

    assert window.ui.tabs.currentWidget() is tab
    assert tab.child == child
    assert tab.caseBar.isVisible()
    assert tab.caseLabel.text().startswith("Passend für: " + child.name)
    filters = tab.filters()
    assert filters.age == child.age
    assert filters.language in child.languages or filters.language == ""
    assert filters.municipality_ags == child.municipality_ags
    assert filters.neighbours
    shown = [tab.proxy.item(r) for r in range(tab.proxy.rowCount())]
    for offer in shown:
        assert offer.age_min is None or offer.age_min <= child.age
        assert offer.age_max is None or child.age <= offer.age_max

    assert not tab.referButton.isEnabled()  # no offer chosen yet
    tab.ui.table.selectRow(0)
    offer = tab.proxy.item(tab.ui.table.currentIndex().row())
    assert tab.referButton.isEnabled()
    prompts.date_note_answer = (date.today(), "Mutter meldet an")
    qtbot.mouseClick(tab.referButton, Qt.MouseButton.LeftButton)

    assert prompts.date_note_asked == (date.today(), date.today())
    [referral] = offer_service.referrals_of_case(child.case_id)
    assert (referral.referred_on, referral.offer_title, referral.note) == (
        date.today(),
        offer.title,
        "Mutter meldet an",
    )
    assert "vorgemerkt" in window.statusBar().currentMessage()

    window.ui.tabs.setCurrentWidget(window.intake)
    detail = window.intake.ui.detailView
    qtbot.waitUntil(lambda: offer.title in detail.toPlainText())
    assert "Vermittelte Angebote" in detail.toPlainText()
    assert "Mutter meldet an" in detail.toPlainText()


def test_cancelled_referral_stores_nothing_and_the_case_filter_can_be_lifted(
    qtbot, window, prompts
):
    tab = window.offers
    child = _open_matching_case(qtbot, window)
    tab.ui.table.selectRow(0)
    prompts.date_note_answer = None
    qtbot.mouseClick(tab.referButton, Qt.MouseButton.LeftButton)
    assert offer_service.referrals_of_case(child.case_id) == []

    qtbot.mouseClick(tab.closeCaseButton, Qt.MouseButton.LeftButton)
    assert tab.child is None
    assert not tab.caseBar.isVisible()
    assert tab.filters().age is None
    assert tab.filters().municipality_ags == ""


def test_strg_g_without_a_selected_case_asks_for_one(qtbot, window):
    window.intake.ui.caseTable.setCurrentIndex(window.intake.model.index(-1, 0))
    window.actionMatchingOffers.trigger()
    assert window.ui.tabs.currentWidget() is window.intake
    assert "Fall auswählen" in window.statusBar().currentMessage()
    assert window.offers.child is None
