"""The statistics preview is computed off the GUI thread: the window stays responsive, the
newest period wins, errors are shown as sentences, and the export is never held up."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from ki_desktop.gui.statistics_panel import StatisticsPanel
from ki_desktop.services.database import ServiceError
from tests.gui.conftest import ScriptedPrompts
from tests.reports.statistics_sample import sample_report

DAY = date(2026, 11, 1)


def report_for(kind, year, number):
    """The sample report, labelled with the requested period (as the header and summary)."""
    report = sample_report(kind)
    label = f"{number}. Quartal {year}"
    tables = tuple(
        replace(table, columns=(table.columns[0], label, *table.columns[2:]))
        for table in report.tables
    )
    return replace(report, period=replace(report.period, label=label), tables=tables)


class SavePrompts(ScriptedPrompts):
    def __init__(self, name=None):
        super().__init__()
        self.name = name

    def save_file_name(self, parent, title, suggested, file_filter):
        return self.name


def make_panel(qtbot, load, prompts=None, export=None):
    panel = StatisticsPanel(prompts or SavePrompts(), "anna", load, export, lambda: DAY)
    qtbot.addWidget(panel)
    panel.resize(900, 500)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def wait_previewed(qtbot, panel):
    qtbot.waitUntil(lambda: not panel.computing, timeout=10000)


def test_gui_thread_stays_responsive_while_the_preview_computes(qtbot):
    threads = []

    def slow(kind, year, number):
        threads.append(threading.get_ident())
        time.sleep(0.5)
        return report_for(kind, year, number)

    panel = make_panel(qtbot, slow)
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(panel.computing))
    timer.start()
    started = time.monotonic()
    panel.set_kind("quarterly")
    assert time.monotonic() - started < 0.2  # returned at once, the work runs elsewhere
    assert panel.computing
    assert panel.summaryLabel.text() == "Vorschau wird berechnet …"
    assert not panel.tableCombo.isEnabled() and panel.busyBar.isVisible()
    wait_previewed(qtbot, panel)
    timer.stop()
    assert threads and threads[0] != threading.get_ident()
    # the GUI thread handled timer ticks while the loader slept
    assert ticks.count(True) >= 5, ticks
    assert "3. Quartal 2026" in panel.summaryLabel.text()
    assert panel.tableCombo.isEnabled() and not panel.busyBar.isVisible()
    assert panel.preview_model.horizontalHeaderItem(1).text() == "3. Quartal 2026"
    assert panel.preview_model.item(0, 0).text() == "Primarstufe"


def test_newest_period_wins_over_a_late_result(qtbot):
    """The first period is still computing when the user picks two more: its result comes
    in last of all requests made so far and is dropped; the waiting middle one is skipped;
    the newest one is shown."""
    first_may_finish = threading.Event()
    calls = []

    def load(kind, year, number):
        calls.append((year, number))
        if len(calls) == 1:
            assert first_may_finish.wait(5)
        return report_for(kind, year, number)

    panel = make_panel(qtbot, load)
    shown = []
    original = panel._show_table

    def record():
        shown.append(panel.report.period.label if panel.report else None)
        original()

    panel._show_table = record
    panel.set_kind("quarterly")  # 3. Quartal 2026, held back
    qtbot.waitUntil(lambda: calls == [(2026, 3)])
    panel.select_period(2026, 1)
    panel.select_period(2025, 4)
    assert panel.summaryLabel.text() == "Vorschau wird berechnet …"
    first_may_finish.set()
    wait_previewed(qtbot, panel)
    assert calls == [(2026, 3), (2025, 4)]  # the middle request was replaced before it ran
    assert shown == ["4. Quartal 2025"]  # the late first result was never shown
    assert "4. Quartal 2025" in panel.summaryLabel.text()
    assert panel.preview_model.horizontalHeaderItem(1).text() == "4. Quartal 2025"


def test_service_error_message_is_shown(qtbot):
    def broken(kind, year, number):
        raise ServiceError("Das Quartal hat noch nicht begonnen.")

    panel = make_panel(qtbot, broken)
    panel.set_kind("quarterly")
    wait_previewed(qtbot, panel)
    assert panel.summaryLabel.text() == (
        "Die Statistik kann nicht berechnet werden: Das Quartal hat noch nicht begonnen."
    )
    assert panel.preview_model.rowCount() == 0 and panel.tableCombo.count() == 0
    assert panel.tableCombo.isEnabled() and not panel.busyBar.isVisible()


def test_unexpected_error_is_logged_not_shown(qtbot, caplog):
    def broken(kind, year, number):
        raise RuntimeError("no such column: c.secret_internal")

    panel = make_panel(qtbot, broken)
    with caplog.at_level(logging.ERROR):
        panel.set_kind("quarterly")
        wait_previewed(qtbot, panel)
    text = panel.summaryLabel.text()
    assert text.startswith("Die Statistik kann gerade nicht berechnet werden.")
    assert "Administration" in text
    assert "secret_internal" not in text and "RuntimeError" not in text
    assert panel.preview_model.rowCount() == 0
    logged = [r for r in caplog.records if r.exc_info and "secret_internal" in str(r.exc_info[1])]
    assert logged, "the internal error goes to the log"


def test_preview_recovers_after_an_error(qtbot):
    def load(kind, year, number):
        if year == 2025:
            raise ServiceError("Für 2025 gibt es keine Daten.")
        return report_for(kind, year, number)

    panel = make_panel(qtbot, load)
    panel.set_kind("quarterly")
    wait_previewed(qtbot, panel)
    panel.select_period(2025, 2)
    wait_previewed(qtbot, panel)
    assert "keine Daten" in panel.summaryLabel.text()
    panel.select_period(2026, 2)
    wait_previewed(qtbot, panel)
    assert "2. Quartal 2026" in panel.summaryLabel.text()
    assert panel.preview_model.rowCount() == 6  # five stages and the total


def test_export_is_not_held_up_by_a_running_preview(qtbot, tmp_path):
    release = threading.Event()
    first = threading.Event()

    def blocked(kind, year, number):
        if first.is_set():
            assert release.wait(10)
        first.set()
        return report_for(kind, year, number)

    def export(kind, year, number, fmt, path, user, progress, cancelled):
        Path(path).write_text(f"{kind} {year} {number} {fmt} {user}", encoding="utf-8")
        return Path(path)

    created = []
    panel = make_panel(
        qtbot, blocked, prompts=SavePrompts(str(tmp_path / "statistik.csv")), export=export
    )
    panel.created.connect(created.append)
    panel.set_kind("quarterly")
    wait_previewed(qtbot, panel)
    panel.select_period(2026, 1)  # this preview waits for ``release``
    assert panel.computing
    try:
        panel.create()
        assert panel.operation is not None
        qtbot.waitUntil(lambda: panel.operation is None, timeout=5000)
        assert panel.computing  # the preview is still running ...
        # ... and the export of the chosen period is written all the same
        assert (tmp_path / "statistik.csv").read_text(encoding="utf-8") == (
            "quarterly 2026 1 csv anna"
        )
        assert created == [tmp_path / "statistik.csv"]
        assert "Gespeichert: statistik.csv" in panel.summaryLabel.text()
    finally:
        release.set()
    wait_previewed(qtbot, panel)
    assert "1. Quartal 2026" in panel.summaryLabel.text()
    assert "Gespeichert: statistik.csv" in panel.summaryLabel.text()


@pytest.mark.parametrize("kind", ["quarterly", "monthly"])
def test_same_kind_again_recomputes_the_chosen_period(qtbot, kind):
    calls = []

    def load(kind, year, number):
        calls.append((kind, year, number))
        return report_for(kind, year, number)

    panel = make_panel(qtbot, load)
    panel.set_kind(kind)
    wait_previewed(qtbot, panel)
    panel.select_period(2025, 2)
    wait_previewed(qtbot, panel)
    panel.set_kind(kind)
    wait_previewed(qtbot, panel)
    assert calls[-2:] == [(kind, 2025, 2), (kind, 2025, 2)]
