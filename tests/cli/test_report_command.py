"""`ki-desktop report quarterly|monthly`: the command in-process over a fixed report, bad
input as a real process (one line, no traceback)."""

import csv
import io
import json
import re
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse
from ki_desktop.services import statistics_export
from tests.cli.test_cli import ki
from tests.reports.statistics_sample import sample_report


@pytest.fixture
def fixed_report(monkeypatch):
    calls = []

    def build(kind, year, number):
        calls.append((kind, year, number))
        return sample_report(kind)

    monkeypatch.setattr(statistics_export, "build_report", build)
    return calls


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run(parse(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def test_quarterly_xlsx_json(tmp_path, db_path, fixed_report):
    target = tmp_path / "q3.xlsx"
    code, out, err = run_cli(
        "report", "quarterly", "--year", "2026", "--quarter", "3", "--format", "xlsx",
        "--out", str(target), "--db", str(db_path), "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["file"] == str(target)
    assert data["period"] == "3. Quartal 2026"
    assert [t["key"] for t in data["tables"]][:2] == ["stage", "municipality"]
    assert data["tables"][0]["title"] == "Neue Fälle nach Schulstufe"
    assert fixed_report == [("quarterly", 2026, 3)]
    assert load_workbook(target)["Übersicht"]["A1"].value == "Quartalsstatistik 3. Quartal 2026"


def test_monthly_csv_text(tmp_path, db_path, fixed_report):
    target = tmp_path / "okt.csv"
    code, out, err = run_cli(
        "report", "monthly", "--year", "2026", "--month", "10", "--format", "csv",
        "--out", str(target), "--db", str(db_path),
    )  # fmt: skip
    assert code == 0, err
    assert out == f"Oktober 2026: 5 Tabellen nach {target} geschrieben.\n"
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Monatsstatistik Oktober 2026"]
    assert fixed_report == [("monthly", 2026, 10)]


def test_missing_folder_is_one_line(tmp_path, db_path, fixed_report):
    code, out, err = run_cli(
        "report", "monthly", "--year", "2026", "--month", "10", "--format", "pdf",
        "--out", str(tmp_path / "nope" / "x.pdf"), "--db", str(db_path),
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith("Fehler: Den Ordner") and err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["quarterly", "--year", "2026", "--quarter", "5", "--format", "pdf"],
        ["monthly", "--year", "2026", "--month", "0", "--format", "csv"],
        ["monthly", "--year", "zwei", "--month", "1", "--format", "csv"],
        ["quarterly", "--year", "2026", "--quarter", "1", "--format", "docx"],
        ["quarterly", "--year", "2026", "--format", "pdf"],
    ],
)
def test_bad_input_as_a_process(tmp_path, args):
    result = ki("report", *args, "--out", str(tmp_path / "x"), "--db", str(tmp_path / "x.db"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_out_of_range_message(capsys):
    with pytest.raises(SystemExit) as stop:
        parse(["report", "quarterly", "--year", "2026", "--quarter", "5", "--format", "pdf",
               "--out", "x.pdf"])  # fmt: skip
    assert stop.value.code == 2
    assert "5 liegt nicht zwischen 1 und 4" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext missing")
def test_report_over_demo_data_as_a_process(tmp_path, new_location):
    db = new_location("demo")
    assert ki("init", "--demo", "--demo-size", "80", "--db", db).returncode == 0
    today = date.today()
    year, quarter = (today.year, (today.month - 1) // 3) if today.month > 3 else (today.year - 1, 4)
    target = tmp_path / "quartal.pdf"
    result = ki(
        "report", "quarterly", "--year", str(year), "--quarter", str(quarter),
        "--format", "pdf", "--out", str(target), "--db", db, "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["file"] == str(target) and len(data["tables"]) >= 5
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert f"Quartalsstatistik {quarter}. Quartal {year}" in text
    assert data["tables"][1]["title"] in text
    assert re.search(r"Seite 1 von \d+", text)


def test_future_period_is_refused(tmp_path, new_location):
    db = new_location("x")
    result = ki(
        "report", "monthly", "--year", str(date.today().year + 1), "--month", "1",
        "--format", "csv", "--out", str(tmp_path / "x.csv"), "--db", db,
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Fehler: ") and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()
