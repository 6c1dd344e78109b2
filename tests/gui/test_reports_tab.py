"""The Berichte & Export tab: the gap analysis table and its export; the statistics panel
(period, format, preview, export in the background, cancelling)."""

import threading
from datetime import date
from functools import partial

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ki_desktop.gui import reports_tab
from ki_desktop.gui.reports_tab import GAP_KIND, ReportsTab
from ki_desktop.gui.statistics_panel import last_complete_period
from ki_desktop.services import gap_analysis as gap_service
from ki_desktop.services import statistics_export
from ki_desktop.store.users import recent_events
from tests.gui.conftest import ScriptedPrompts
from tests.reports.statistics_sample import sample_report

DAY = date(2026, 11, 1)


class SavePrompts(ScriptedPrompts):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.asked: list[tuple[str, str]] = []

    def save_file_name(self, parent, title, suggested, file_filter):
        self.asked.append((suggested, file_filter))
        return self.name


def fixed_statistics(kind, year, number):
    return sample_report(kind)


def make_tab(qtbot, prompts, **options):
    tab = ReportsTab(
        prompts=prompts,
        load_gap=partial(gap_service.gap_analysis, DAY),
        export_gap=partial(gap_service.export_gap_analysis, on=DAY),
        load_statistics=options.pop("load_statistics", fixed_statistics),
        user="anna",
        today=lambda: DAY,
        **options,
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


def previewed(qtbot, panel):
    """Wait until the statistics preview (computed off the GUI thread) is shown."""
    qtbot.waitUntil(lambda: not panel.computing, timeout=10000)


def column(model, col):
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_gap_analysis_table_and_button(qtbot, demo_db, tmp_path):
    tab = make_tab(qtbot, SavePrompts(None))
    assert not tab.ui.gapTable.isVisible()
    assert not tab.ui.createButton.isEnabled()

    tab.select_kind("quarterly")
    assert not tab.ui.gapTable.isVisible()
    assert tab.statistics.isVisible() and tab.ui.createButton.isEnabled()
    assert not tab.ui.notYetLabel.isVisible()

    for kind in ("case_file", "school_handover"):
        tab.select_kind(kind)
        assert not tab.ui.createButton.isEnabled()
        assert tab.ui.notYetLabel.isVisible() and not tab.statistics.isVisible()
        assert "„Erstberatung“" in tab.ui.notYetLabel.text()

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
    assert tab.ui.createButton.isEnabled()
    assert not tab.ui.gapTable.isVisible() and tab.statistics.isVisible()


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


@pytest.mark.parametrize(
    ("error", "shown"),
    [
        (gap_service.ServiceError("Es gibt noch keine Angebote."), "keine Angebote"),
        (RuntimeError("no such table: offer_internal"), "kann gerade nicht berechnet werden"),
    ],
)
def test_gap_analysis_error_is_a_sentence(qtbot, demo_db, error, shown):
    def broken():
        raise error

    tab = ReportsTab(prompts=SavePrompts(None), load_gap=broken)
    qtbot.addWidget(tab)
    tab.refresh()
    tab.select_kind(GAP_KIND)
    text = tab.ui.gapSummaryLabel.text()
    assert shown in text and "offer_internal" not in text
    assert tab.model.rowCount() and tab.gap_model.rowCount() == 0
    assert not tab.ui.createButton.isEnabled()


# -- statistics ----------------------------------------------------------------------------


@pytest.fixture
def fixed_export(monkeypatch):
    """The export service over the fixed report (its aggregates are tested elsewhere)."""
    monkeypatch.setattr(statistics_export, "build_report", fixed_statistics)


def test_last_complete_period():
    assert last_complete_period("quarterly", date(2026, 11, 1)) == (2026, 3)
    assert last_complete_period("quarterly", date(2026, 2, 10)) == (2025, 4)
    assert last_complete_period("monthly", date(2026, 11, 1)) == (2026, 10)
    assert last_complete_period("monthly", date(2026, 1, 31)) == (2025, 12)


def test_statistics_pickers_and_preview(qtbot, demo_db):
    loaded = []

    def load(kind, year, number):
        loaded.append((kind, year, number))
        return sample_report(kind)

    tab = make_tab(qtbot, SavePrompts(None), load_statistics=load)
    tab.select_kind("quarterly")
    panel = tab.statistics
    previewed(qtbot, panel)
    assert panel.period() == (2026, 3) and panel.periodCombo.currentText() == "3. Quartal"
    assert loaded[-1] == ("quarterly", 2026, 3)
    assert "3. Quartal 2026" in panel.summaryLabel.text()
    titles = [panel.tableCombo.itemText(i) for i in range(panel.tableCombo.count())]
    assert titles[:2] == ["Neue Fälle nach Schulstufe", "Neue Fälle nach Kommune"]
    model = panel.preview_model
    assert model.horizontalHeaderItem(1).text() == "3. Quartal 2026"
    assert [model.item(4, c).text() for c in range(3)] == ["ohne Zuordnung", "<3", "3"]
    assert model.item(5, 0).text() == "Insgesamt" and model.item(5, 1).font().bold()
    panel.tableCombo.setCurrentIndex(titles.index("Wartezeiten in Tagen"))
    assert [model.item(0, c).text() for c in (0, 1)] == ["Anmeldung bis Beratung", "12,5"]
    assert model.item(2, 1).text() == "–"

    panel.select_period(2025, 4)
    previewed(qtbot, panel)
    assert loaded[-1] == ("quarterly", 2025, 4)
    # the table looked at stays chosen for the next period
    assert panel.tableCombo.currentText() == "Wartezeiten in Tagen"
    assert model.item(0, 1).text() == "12,5"
    tab.select_kind("monthly")
    previewed(qtbot, panel)
    assert panel.period() == (2026, 10) and panel.periodCombo.currentText() == "Oktober"
    assert loaded[-1] == ("monthly", 2026, 10)


def test_statistics_preview_error_is_shown(qtbot, demo_db):
    def broken(kind, year, number):
        raise statistics_export.ServiceError("Das Quartal hat noch nicht begonnen.")

    tab = make_tab(qtbot, SavePrompts(None), load_statistics=broken)
    tab.select_kind("quarterly")
    previewed(qtbot, tab.statistics)
    assert "noch nicht begonnen" in tab.statistics.summaryLabel.text()
    assert tab.statistics.preview_model.rowCount() == 0


def test_statistics_created_in_the_background(qtbot, demo_db, tmp_path, fixed_export):
    prompts = SavePrompts(str(tmp_path / "statistik"))
    tab = make_tab(qtbot, prompts)
    tab.select_kind("quarterly")
    tab.statistics.select_period(2026, 2)
    tab.statistics.select_format("xlsx")
    qtbot.mouseClick(tab.ui.createButton, Qt.MouseButton.LeftButton)
    assert prompts.asked == [("Quartalsstatistik-2026-Q2.xlsx", "Excel-Arbeitsmappe (*.xlsx)")]
    assert tab.statistics.operation is not None
    assert not tab.ui.createButton.isEnabled()  # one export at a time
    qtbot.waitUntil(lambda: tab.statistics.operation is None, timeout=10000)
    target = tmp_path / "statistik.xlsx"
    assert load_workbook(target)["Übersicht"]["A1"].value == "Quartalsstatistik 3. Quartal 2026"
    assert "Gespeichert: statistik.xlsx" in tab.statistics.summaryLabel.text()
    assert tab.ui.createButton.isEnabled() and prompts.errors == []
    event = recent_events("report.")[0]
    assert (event.action, event.user) == ("report.quarterly", "anna")
    row = next(r for r in range(tab.model.rowCount()) if tab.model.item(r).kind.key == "quarterly")
    assert tab.model.index(row, 3).data() != "noch nie"
    assert tab.statistics.period() == (2026, 2)  # the chosen period stays after the refresh
    previewed(qtbot, tab.statistics)  # the preview is computed again after the refresh ...
    assert "Gespeichert: statistik.xlsx" in tab.statistics.summaryLabel.text()  # ... noted


def test_statistics_export_cancelled(qtbot, demo_db, tmp_path, fixed_export):
    """Cancel while the export runs: no file, no error, no audit event."""
    started = threading.Event()

    def slow_export(kind, year, number, fmt, path, user, progress, cancelled):
        started.set()
        while not cancelled():
            threading.Event().wait(0.01)
        return statistics_export.export_report(
            kind, year, number, fmt, path, user, progress, cancelled
        )

    prompts = SavePrompts(str(tmp_path / "statistik.pdf"))
    tab = make_tab(qtbot, prompts, export_statistics=slow_export)
    tab.select_kind("monthly")
    tab.create_report()
    operation = tab.statistics.operation
    assert started.wait(5)
    cancel = operation.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Abbrechen"
    cancel.click()
    qtbot.waitUntil(lambda: tab.statistics.operation is None, timeout=10000)
    assert list(tmp_path.glob("statistik*")) == []
    assert [p for p in tmp_path.iterdir() if p.suffix == ".part"] == []
    assert prompts.errors == [] and recent_events("report.") == []
    assert tab.ui.createButton.isEnabled()


def test_statistics_failure_is_reported(qtbot, demo_db, tmp_path, fixed_export):
    prompts = SavePrompts(str(tmp_path / "fehlt" / "statistik.csv"))
    tab = make_tab(qtbot, prompts)
    tab.select_kind("monthly")
    tab.create_report()
    qtbot.waitUntil(lambda: tab.statistics.operation is None, timeout=10000)
    assert prompts.errors and "Den Ordner" in prompts.errors[0]
    assert tab.ui.createButton.isEnabled()
