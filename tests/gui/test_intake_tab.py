"""The Erstberatung tab: lazy case list from the database, filters, sorting, detail pane."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt

from ki_desktop.domain.model import CaseStatus
from ki_desktop.domain.queries import CaseFilter, CaseSort, Page
from ki_desktop.gui.case_list_model import PAGE_SIZE, CaseListModel
from ki_desktop.services import cases, schools
from tests.gui.conftest import GUI_DEMO_CASES


def test_case_list_loads_the_first_page_then_more_on_demand(window):
    model = window.intake.model
    total = cases.case_count(CaseFilter())
    assert total == GUI_DEMO_CASES
    assert model.total == total
    assert model.rowCount() == min(PAGE_SIZE, total)
    expected = cases.case_page(CaseFilter(), Page(0, PAGE_SIZE))
    assert [model.case_id(r) for r in range(model.rowCount())] == [r.id for r in expected]
    assert model.index(0, 0).data() == expected[0].last_name
    assert model.index(0, 1).data() == expected[0].first_name

    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == min(2 * PAGE_SIZE, total)
    model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    assert not model.canFetchMore(QModelIndex())
    ids = [model.case_id(r) for r in range(total)]
    assert len(set(ids)) == total


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, window):
    table = window.intake.ui.caseTable
    table.scrollToBottom()
    qtbot.waitUntil(lambda: window.intake.model.rowCount() > PAGE_SIZE)


def test_cells_are_german_texts(window):
    model = window.intake.model
    row = cases.case_page(CaseFilter(), Page(0, 1))[0]
    birth = model.index(0, 2).data()
    assert birth == row.birth_date.strftime("%d.%m.%y")
    assert model.index(0, 3).data() not in ("", row.nationality)  # a country name, not a code
    status_texts = {model.index(r, 5).data() for r in range(model.rowCount())}
    assert status_texts <= {
        "Registriert",
        "Erstberatung geführt",
        "Empfehlung erstellt",
        "Schule zugewiesen",
        "Schulbesuch begonnen",
        "Nachbetreuung",
        "Abgeschlossen",
    }
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Name",
        "Vorname",
        "Geburtsdatum",
        "Staatsangehörigkeit",
        "Gemeinde",
        "Status",
        "Registriert am",
        "Tage wartend",
        "Beraterin/Berater",
    ]


def test_typing_in_the_search_field_filters_the_list(qtbot, window):
    tab = window.intake
    name = tab.model.index(0, 0).data()
    prefix = name[:3]
    qtbot.keyClicks(tab.ui.searchEdit, prefix)
    qtbot.waitUntil(lambda: tab.model.case_filter.text == prefix)
    expected = cases.case_count(CaseFilter(text=prefix))
    assert 0 < expected < GUI_DEMO_CASES
    assert tab.model.total == expected
    assert tab.model.rowCount() == min(PAGE_SIZE, expected)
    assert str(expected) in tab.ui.countLabel.text()
    for row in range(tab.model.rowCount()):
        names = f"{tab.model.index(row, 0).data()} {tab.model.index(row, 1).data()}".casefold()
        assert prefix.casefold() in names


def test_a_search_without_matches_explains_the_empty_list(qtbot, window):
    tab = window.intake
    qtbot.keyClicks(tab.ui.searchEdit, "Qxzvw")
    qtbot.waitUntil(lambda: tab.model.case_filter.text == "Qxzvw")
    assert tab.model.total == 0
    assert tab.ui.listStack.currentWidget() is tab.ui.emptyPage
    assert "Keine Fälle passen" in tab.ui.emptyLabel.text()
    tab.ui.searchEdit.clear()
    qtbot.waitUntil(lambda: tab.model.total == GUI_DEMO_CASES)
    assert tab.ui.listStack.currentWidget() is tab.ui.tablePage


def test_status_municipality_and_counsellor_filters(window):
    tab = window.intake
    combo = tab.ui.statusCombo
    combo.setCurrentIndex(combo.findText("Nachbetreuung"))
    assert tab.model.total == cases.case_count(CaseFilter(status=CaseStatus.FOLLOW_UP))

    municipality = schools.municipalities()[0]
    combo = tab.ui.municipalityCombo
    combo.setCurrentIndex(combo.findData(municipality.ags))
    flt = CaseFilter(status=CaseStatus.FOLLOW_UP, municipality_ags=municipality.ags)
    assert tab.model.total == cases.case_count(flt)

    username, display_name = cases.counsellors()[0]
    tab.ui.statusCombo.setCurrentIndex(0)
    tab.ui.municipalityCombo.setCurrentIndex(0)
    combo = tab.ui.counsellorCombo
    combo.setCurrentIndex(combo.findText(display_name))
    assert tab.model.total == cases.case_count(CaseFilter(counsellor=username)) > 0
    assert {tab.model.index(r, 8).data() for r in range(tab.model.rowCount())} == {display_name}


def _click_header(qtbot, table, column: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def test_clicking_a_column_header_sorts_in_the_database(qtbot, window):
    tab = window.intake
    table = tab.ui.caseTable
    header = table.horizontalHeader()
    for _click in range(2):  # once one way, then the other
        _click_header(qtbot, table, 2)
        descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert tab.model.sort_order == (CaseSort.BIRTH_DATE, descending)
        expected = cases.case_page(
            CaseFilter(), Page(0, PAGE_SIZE, CaseSort.BIRTH_DATE, descending)
        )
        assert [tab.model.case_id(r) for r in range(tab.model.rowCount())] == [
            r.id for r in expected
        ]
    _click_header(qtbot, table, 8)
    assert tab.model.sort_order[0] == CaseSort.COUNSELLOR


def test_selecting_a_case_shows_its_detail(qtbot, window):
    tab = window.intake
    tab.ui.caseTable.selectRow(3)
    case = cases.case_detail(tab.model.case_id(3))
    qtbot.waitUntil(lambda: case.display_name in tab.ui.detailView.toPlainText())
    text = tab.ui.detailView.toPlainText()
    assert "Geburtsdatum" in text
    assert "Sorgeberechtigte" in text
    assert case.guardians[0].name in text


def test_arrow_down_moves_from_search_into_the_list(qtbot, window):
    tab = window.intake
    tab.focus_search()
    qtbot.keyClick(tab.ui.searchEdit, Qt.Key.Key_Down)
    assert tab.ui.caseTable.currentIndex().row() == 0


def test_empty_database_shows_what_to_do(empty_window):
    tab = empty_window.intake
    assert tab.model.total == 0
    assert tab.ui.listStack.currentWidget() is tab.ui.emptyPage
    assert tab.ui.emptyLabel.text() == "Noch keine Fälle — Demodaten laden (Datei-Menü)"


def test_model_pages_with_any_page_size(gui_db):
    model = CaseListModel(page_size=100)
    model.reload()
    assert model.rowCount() == 100
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == GUI_DEMO_CASES


def _select_first_case(qtbot, tab):
    assert not tab.ui.closeCaseButton.isEnabled()  # nothing selected yet
    tab.ui.caseTable.selectRow(0)
    qtbot.waitUntil(tab.ui.closeCaseButton.isEnabled)
    return tab.model.case_id(0)


def test_close_case_moved_away(qtbot, window, prompts):
    tab = window.intake
    case_id = _select_first_case(qtbot, tab)
    prompts.choice_answer = None
    assert not tab.close_selected_case()  # cancelled: nothing changes
    before = cases.case_detail(case_id).status
    prompts.choice_answer = next(
        i for i, label in enumerate(prompts.choices) if label == "Verzogen"
    )
    qtbot.mouseClick(tab.ui.closeCaseButton, Qt.MouseButton.LeftButton)
    case = cases.case_detail(case_id)
    assert case.status == "closed" and case.closed_reason == "moved_away" and before != "closed"
    qtbot.waitUntil(lambda: not tab.ui.closeCaseButton.isEnabled())  # a closed case stays closed


def test_close_case_other_needs_a_reason(qtbot, window, prompts):
    tab = window.intake
    case_id = _select_first_case(qtbot, tab)
    prompts.choice_answer = None
    tab.close_selected_case()
    prompts.choice_answer = prompts.choices.index("Anderer Grund …")
    prompts.text_answer = "  "
    assert not tab.close_selected_case()
    prompts.text_answer = "Rückkehr ins Herkunftsland"
    assert tab.close_selected_case()
    assert cases.case_detail(case_id).closed_reason == "other: Rückkehr ins Herkunftsland"


def test_age_filter_in_the_list(qtbot, window):
    tab = window.intake
    combo = tab.ui.ageCombo
    combo.setCurrentIndex(combo.findText("6–9 Jahre"))
    assert tab.model.case_filter.age_group == "6-9"
    assert tab.model.total == cases.case_count(tab.model.case_filter) < cases.case_count()
