"""The statistics PDF, read back with pdftotext."""

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from ki_desktop.domain.statistics import PublishedTable
from ki_desktop.reports.pdf_style import Letterhead, letter_fonts
from ki_desktop.reports.statistics_charts import bar_chart
from ki_desktop.reports.statistics_format import format_cell, format_change, key_figures
from ki_desktop.reports.statistics_pdf import build_statistics_pdf
from tests.reports.statistics_sample import sample_report

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext missing")

HEAD = Letterhead(
    "Kommunales Integrationszentrum Kreis Borken",
    "Burloer Straße 93",
    "46325 Borken",
    "02861 681-0",
    "ki@kreis-borken.de",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_quarterly_pdf(tmp_path):
    path = tmp_path / "q.pdf"
    build_statistics_pdf(sample_report(), path, letterhead=HEAD)
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert "Quartalsstatistik 3. Quartal 2026" in text
    assert "Kommunales Integrationszentrum Kreis Borken" in text
    assert "Burloer Straße 93" in text  # the letterhead
    assert "5. Oktober 2026" in text  # created (babel, long German date)
    assert "30. September 2026" in text  # reference date
    assert "Auf einen Blick" in text
    for title in (
        "Neue Fälle nach Schulstufe",
        "Neue Fälle nach Kommune",
        "Neue Fälle nach Staatsangehörigkeit",
        "Kinder ohne Schulplatz am Stichtag",
        "Wartezeiten in Tagen",
        "Definitionen und Hinweise",
    ):
        assert title in text
    # table rows: label, this period, previous period (right-aligned on one line)
    assert re.search(r"Primarstufe\s+118\s+104", text)
    assert re.search(r"Gescher\s+<3\s+4", text)
    assert re.search(r"Insgesamt\s+253\s+249", text)
    assert re.search(r"Anmeldung bis Beratung\s+12,5\s+7\s+21\s+240", text)
    assert re.search(r"Beratung bis Zuweisung\s+23\s+14\s+35,5\s+198", text)
    # the summary: key figure, previous period, change
    assert re.search(r"Neue Fälle nach Kommune\s+269\s+259\s+\+10", text)
    assert "Ein Kind, dessen Erstberatung im Zeitraum stattfand." in text
    assert "Anzahlen unter 3 werden nicht ausgewiesen" in text
    pages = int(re.search(r"Seite 1 von (\d+)", text).group(1))
    assert pages >= 2
    assert f"Seite {pages} von {pages}" in text
    assert text.count("Anzahlen unter 3 werden nicht ausgewiesen") >= pages  # every foot


def test_chart_labels_suppressed_bars(tmp_path):
    """The charts are drawings in the PDF: their labels are text, "<3" included."""
    report = sample_report()
    municipality = next(t for t in report.tables if t.key == "municipality")
    only_chart = replace(
        report, tables=(replace(municipality, rows=municipality.rows, total=None),)
    )
    path = tmp_path / "chart.pdf"
    build_statistics_pdf(only_chart, path)
    text = pdf_text(path)
    # the table and the chart both show the suppressed cells
    assert text.count("<3") >= 2 * 4
    assert "3. Quartal 2026" in text and "2. Quartal 2026" in text  # the legend


def test_bar_chart_counts_suppressed_as_zero():
    report = sample_report()
    stage = next(t for t in report.tables if t.key == "stage")
    drawing = bar_chart(report, stage, 400, letter_fonts())
    chart = drawing.contents[0]
    assert chart.data[0] == [118.0, 64.0, 41.0, 29.0, 0.0]
    assert chart.barLabelArray[0][-1] == "<3"
    assert chart.data[1][-1] == 3.0  # the previous quarter beside


def test_monthly_pdf_without_letterhead(tmp_path):
    path = tmp_path / "m.pdf"
    build_statistics_pdf(sample_report("monthly"), path)
    text = pdf_text(path)
    assert "Monatsstatistik Oktober 2026" in text
    assert "Kommunales Integrationszentrum Kreis Borken" in text
    assert "September 2026" in text
    assert "Seite 1 von" in text


def test_number_formats():
    assert format_cell(1234) == "1.234"
    assert format_cell(12.5) == "12,5"
    assert format_cell(14.0) == "14"
    assert format_cell("<3") == "<3"
    assert format_cell(None) == "–"
    assert format_change(10, 12) == "−2"
    assert format_change("<3", 4) == "–"
    figures = {f.label: f for f in key_figures(sample_report())}
    assert figures["Neue Fälle nach Schulstufe"].previous == 249
    assert figures["Kinder ohne Schulplatz am Stichtag"].previous is None


def test_summary_from_the_overview_table(tmp_path):
    """A report with an "overview" table: its rows are the key figures, not repeated later."""
    report = sample_report()
    overview = PublishedTable(
        "overview",
        "Überblick",
        ("Kennzahl", "3. Quartal 2026", "2. Quartal 2026", "Veränderung"),
        (("Beratungsgespräche", 1234, 1200, 34), ("Schulplätze zugewiesen", "<3", 5, None)),
    )
    report = replace(report, tables=(overview, *report.tables))
    path = tmp_path / "o.pdf"
    build_statistics_pdf(report, path)
    text = pdf_text(path)
    assert re.search(r"Beratungsgespräche\s+1\.234\s+1\.200\s+\+34", text)
    assert re.search(r"Schulplätze zugewiesen\s+<3\s+5\s+–", text)
    assert "Überblick" not in text  # the summary box is the overview
    assert "Tabelle 1: Neue Fälle nach Schulstufe" in text
    assert "Abbildung zu Tabelle 1: Neue Fälle nach Schulstufe" in text
