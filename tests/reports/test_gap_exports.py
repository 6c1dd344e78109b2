"""Gap analysis exports, read back: XLSX with openpyxl, PDF with pdftotext."""

import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from ki_desktop.services.gap_analysis import export_gap_analysis
from ki_desktop.store.models import Case, Guardian

DAY = date(2026, 11, 1)


def person_names() -> set[str]:
    names = set()
    for case in Case.select(Case.first_name, Case.last_name):
        names.update((case.first_name, case.last_name))
    names.update(g.name for g in Guardian.select(Guardian.name))
    return {n for n in names if len(n) >= 3}


def assert_no_names(text: str, names: set[str]) -> None:
    words = set(re.findall(r"\w+", text))
    found = sorted(n for n in names if n in text and set(re.findall(r"\w+", n)) <= words)
    assert found == []


def test_xlsx(demo_db, tmp_path):
    path = export_gap_analysis(tmp_path / "gap.xlsx", on=DAY)
    wb = load_workbook(path)
    assert wb.sheetnames == [
        "Altersgruppen",
        "Sprachen",
        "Kommunen",
        "Besonderer Bedarf",
        "Altersgruppe × Kommune",
        "Sprache × Kommune",
        "Definitionen",
    ]
    ages = wb["Altersgruppen"]
    assert [c.value for c in ages[1]] == ["Altersgruppe", "Kinder", "passende Angebote", "Lücke"]
    assert ages.freeze_panes == "A2"
    assert [r[0].value for r in ages.iter_rows(min_row=2)][4] == "18–25 Jahre"
    for row in ages.iter_rows(min_row=2):
        assert type(row[1].value) is int and type(row[2].value) is int
    cells = wb["Sprache × Kommune"]
    assert [c.value for c in cells[1]][:2] == ["Sprache", "Kommune"]
    values = list(cells.iter_rows(min_row=2, values_only=True))
    assert values and all(isinstance(v[2], int) and v[2] > 0 for v in values)
    assert {v[4] for v in values} <= {"fehlt", None}
    assert any(v[4] == "fehlt" for v in values)
    assert ages.column_dimensions["A"].width > 10
    definitions = wb["Definitionen"]
    assert "Bedarfsanalyse" in definitions["A1"].value
    assert definitions["B3"].value > 0

    text = "\n".join(
        str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v
    )
    assert "Bocholt" in text
    assert_no_names(text, person_names())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler) missing")
def test_pdf(demo_db, tmp_path):
    path = export_gap_analysis(tmp_path / "gap.pdf", on=DAY)
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Bedarfsanalyse Angebote" in text
    assert "Stichtag 1. November 2026" in text
    assert "Bocholt" in text and "Gescher" in text
    assert "18–25 Jahre" in text
    assert "fehlt" in text
    assert "Definitionen" in text
    assert re.search(r"Seite 1 von \d+", text)
    assert_no_names(text, person_names())
