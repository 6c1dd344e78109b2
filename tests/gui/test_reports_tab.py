"""The Berichte & Export tab: the gap analysis table and its export."""

from datetime import date
from functools import partial

import pytest
from PySide6.QtCore import Qt

from ki_desktop.gui import reports_tab
from ki_desktop.gui.reports_tab import GAP_KIND, ReportsTab
from ki_desktop.services import gap_analysis as gap_service
from tests.gui.conftest import ScriptedPrompts

DAY = date(2026, 11, 1)


class SavePrompts(ScriptedPrompts):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.asked: list[tuple[str, str]] = []

    def save_file_name(self, parent, title, suggested, file_filter):
        self.asked.append((suggested, file_filter))
        return self.name


def make_tab(qtbot, prompts):
    tab = ReportsTab(
        prompts=prompts,
        load_gap=partial(gap_service.gap_analysis, DAY),
        export_gap=partial(gap_service.export_gap_analysis, on=DAY),
    )
    qtbot.addWidget(tab)
    tab.resize(1100, 800)
    tab.show()
    qtbot.waitExposed(tab)
    tab.refresh()
    return tab


@pytest.fixture
def background_calls(monkeypatch):
    """The tab's background helper, run at once on this thread: the options it was given.

    (The real helper is covered by test_background.py.)"""
    calls = []

    def run_now(parent, work, **options):
        calls.append(options)
        try:
            result = work(lambda done, total: None, lambda: False)
        except Exception as exc:  # noqa: BLE001 - handed on like the real helper
            options["on_failure"](exc)
        else:
            options["on_success"](result)

    monkeypatch.setattr(reports_tab, "run_in_background", run_now)
    return calls


def column(model, col):
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_gap_analysis_table_and_button(qtbot, demo_db, tmp_path):
    tab = make_tab(qtbot, SavePrompts(None))
    assert not tab.ui.gapTable.isVisible()
    assert not tab.ui.createButton.isEnabled()

    tab.select_kind("quarterly")
    assert not tab.ui.gapTable.isVisible()
    assert not tab.ui.createButton.isEnabled()
    assert "Berichtsfunktion" in tab.ui.notYetLabel.text()

    tab.select_kind(GAP_KIND)
    assert tab.ui.gapTable.isVisible()
    assert tab.ui.createButton.isEnabled()
    assert not tab.ui.notYetLabel.isVisible()
    model = tab.gap_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Bereich", "Merkmal", "Kinder", "passende Angebote", "Lücke"]
    labels = column(model, 1)
    assert "18–25 Jahre" in labels and "Bocholt" in labels
    assert any(label.startswith("Gescher · ") for label in labels)
    gaps = [r for r in range(model.rowCount()) if model.index(r, 4).data() == "fehlt"]
    assert gaps, "the demo data has gaps"
    # marked with text and an icon, not colour alone
    assert model.index(gaps[0], 4).data(Qt.ItemDataRole.DecorationRole) is not None
    no_gap = next(r for r in range(model.rowCount()) if model.index(r, 4).data() == "")
    assert model.index(no_gap, 4).data(Qt.ItemDataRole.DecorationRole) is None
    assert "offene Fälle" in tab.ui.gapSummaryLabel.text()
    assert "01.11.2026" in tab.ui.gapSummaryLabel.text()

    tab.select_kind("monthly")
    assert not tab.ui.createButton.isEnabled()
    assert not tab.ui.gapTable.isVisible()


def test_create_saves_in_the_background(qtbot, demo_db, tmp_path, background_calls):
    target = tmp_path / "bedarf.xlsx"
    prompts = SavePrompts(str(target))
    tab = make_tab(qtbot, prompts)
    tab.select_kind(GAP_KIND)
    qtbot.mouseClick(tab.ui.createButton, Qt.MouseButton.LeftButton)
    assert prompts.asked and prompts.asked[0][0].endswith(".pdf")
    assert "*.xlsx" in prompts.asked[0][1]
    assert background_calls and background_calls[0]["title"] == "Bedarfsanalyse speichern"
    assert tab.operation is None
    assert target.stat().st_size > 0
    assert "Gespeichert: bedarf.xlsx" in tab.ui.gapSummaryLabel.text()
    row = next(r for r in range(tab.model.rowCount()) if tab.model.item(r).kind.key == GAP_KIND)
    assert tab.model.index(row, 3).data() != "noch nie"
    assert tab.ui.createButton.isEnabled()


def test_cancelled_file_dialog_writes_nothing(qtbot, demo_db, tmp_path):
    tab = make_tab(qtbot, SavePrompts(None))
    tab.select_kind(GAP_KIND)
    tab.create_report()
    assert tab.operation is None
    assert list(tmp_path.glob("*.pdf")) == []


def test_pdf_suffix_is_added(qtbot, demo_db, tmp_path, background_calls):
    prompts = SavePrompts(str(tmp_path / "bedarf"))
    tab = make_tab(qtbot, prompts)
    tab.select_kind(GAP_KIND)
    tab.create_report()
    assert (tmp_path / "bedarf.pdf").read_bytes().startswith(b"%PDF")


def test_failed_export_is_reported(qtbot, demo_db, tmp_path, background_calls):
    def broken(_name):
        raise OSError("Datenträger voll")

    prompts = SavePrompts(str(tmp_path / "bedarf.pdf"))
    tab = ReportsTab(
        prompts=prompts, load_gap=partial(gap_service.gap_analysis, DAY), export_gap=broken
    )
    qtbot.addWidget(tab)
    tab.refresh()
    tab.select_kind(GAP_KIND)
    tab.create_report()
    assert prompts.errors and "Datenträger voll" in prompts.errors[0]
    assert tab.ui.createButton.isEnabled()
