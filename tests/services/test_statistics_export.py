"""Statistics export: formats, atomic writes, cancelling, audit trail, German errors."""

import csv
import io

import pytest
from openpyxl import load_workbook

from ki_desktop.services import export_files, statistics_export
from ki_desktop.services import reports as report_service
from ki_desktop.services.database import ServiceError
from ki_desktop.services.export_files import ExportCancelled
from ki_desktop.services.statistics_export import export_report
from ki_desktop.store.users import recent_events
from tests.reports.statistics_sample import sample_report


@pytest.fixture
def fixed_report(monkeypatch):
    """The export over a fixed report (the aggregates are tested on their own)."""
    calls = []

    def build(kind, year, number):
        calls.append((kind, year, number))
        return sample_report(kind)

    monkeypatch.setattr(statistics_export, "build_report", build)
    return calls


@pytest.fixture
def out(tmp_path):
    """An empty folder for the exports (the database lives beside it)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "csv"])
def test_export_writes_and_records(open_db, out, fixed_report, fmt):
    target = out / f"statistik.{fmt}"
    seen = []
    path = export_report(
        "quarterly", 2026, 3, fmt.upper(), target, "anna", progress=lambda d, t: seen.append(d)
    )
    assert path == target and target.stat().st_size > 0
    assert fixed_report == [("quarterly", 2026, 3)]
    assert seen[0] == 0 and seen[-1] == 3 and seen == sorted(seen)
    assert [p.name for p in out.iterdir()] == [target.name]  # no temporary file left
    if fmt == "pdf":
        assert target.read_bytes().startswith(b"%PDF")
    elif fmt == "xlsx":
        assert "Übersicht" in load_workbook(target).sheetnames
    else:
        rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
        assert rows[0] == ["Quartalsstatistik 3. Quartal 2026"]
    event = recent_events("report.")[0]
    assert (event.action, event.user, event.target) == ("report.quarterly", "anna", target.name)
    assert f'"format": "{fmt}"' in event.detail
    last = {r.kind.key: r.last_created for r in report_service.available_reports()}
    assert last["quarterly"] is not None and last["monthly"] is None


@pytest.mark.parametrize("stop_after", [1, 2, 3])
def test_cancelled_export_leaves_no_file(open_db, out, fixed_report, stop_after):
    """Cancelled before the report is built, while it is written, or before it is renamed."""
    target = out / "statistik.pdf"
    checks = []

    def cancelled():
        checks.append(1)
        return len(checks) >= stop_after

    with pytest.raises(ExportCancelled):
        export_report("monthly", 2026, 10, "pdf", target, "anna", cancelled=cancelled)
    assert list(out.iterdir()) == []
    assert recent_events("report.") == []


def test_existing_file_survives_a_failed_export(open_db, out, monkeypatch, fixed_report):
    target = out / "statistik.xlsx"
    target.write_bytes(b"old")

    def broken(report, fmt, path):
        path.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(statistics_export, "_write", broken)
    with pytest.raises(ServiceError, match="kann nicht geschrieben werden"):
        export_report("quarterly", 2026, 3, "xlsx", target, "anna")
    assert target.read_bytes() == b"old"
    assert [p.name for p in out.iterdir()] == ["statistik.xlsx"]


@pytest.mark.parametrize(
    ("kind", "fmt", "where", "message"),
    [
        ("quarterly", "docx", "x.docx", "Unbekanntes Format „docx“"),
        ("yearly", "pdf", "x.pdf", "Unbekannte Statistik"),
        ("quarterly", "pdf", "missing/x.pdf", "Den Ordner"),
        ("quarterly", "pdf", ".", "ist ein Ordner"),
    ],
)
def test_bad_input(open_db, tmp_path, fixed_report, kind, fmt, where, message):
    with pytest.raises(ServiceError, match=message):
        export_report(kind, 2026, 3, fmt, tmp_path / where, "anna")
    assert fixed_report == []


def test_folder_without_write_permission(open_db, out, fixed_report, monkeypatch):
    def refuse(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export_files.tempfile, "mkstemp", refuse)
    with pytest.raises(ServiceError, match="kann nicht geschrieben werden: Permission denied"):
        export_report("quarterly", 2026, 3, "csv", out / "x.csv", "anna")
    assert list(out.iterdir()) == []


def test_export_over_the_demo_data(demo_db, out):
    """The real aggregates of the demo data, written and read back (no names in the file)."""
    from tests.reports.test_gap_exports import assert_no_names, person_names

    target = out / "q3.xlsx"
    result = statistics_export.export_statistics("quarterly", 2026, 3, "xlsx", target, "anna")
    wb = load_workbook(target)
    assert wb["Übersicht"]["A1"].value == "Quartalsstatistik 3. Quartal 2026"
    assert len(wb.sheetnames) == len(result.report.tables) + 2
    text = "\n".join(
        str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v
    )
    assert_no_names(text, person_names())
    counts = [
        v
        for ws, table in zip(wb.worksheets[1:-1], result.report.tables, strict=True)
        if table.unit == "count" and table.key != "overview"  # not days, not changes
        for row in ws.iter_rows(min_row=3, values_only=True)
        for v in row[1:]
        if v is not None
    ]
    assert counts and all(isinstance(v, int) or v in ("<3", "x") for v in counts)
    assert not any(isinstance(v, int) and 0 < v < 3 for v in counts)  # suppressed
