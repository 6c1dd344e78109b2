"""`ki-desktop audit check|export` on real database files."""

from __future__ import annotations

import csv
import io
import json

from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse
from ki_desktop.services import database
from ki_desktop.store.users import record_event
from tests import backend


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run(parse(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def make_trail(path, n: int = 12) -> None:
    database.open_app_database(str(path))
    for i in range(n):
        record_event("anna" if i % 2 else "bert", "case.read", f"case{i}")
    database.close_app_database()


def test_check_ok_then_broken_with_the_first_bad_entry(db_path):
    make_trail(db_path)
    code, out, err = run_cli("audit", "check", "--db", str(db_path))
    assert (code, err) == (0, "")
    assert out.startswith("Protokoll unverändert: 12 Einträge geprüft, letzter Eintrag Nr. 12")
    assert out.count("\n") == 1

    backend.run(db_path, "UPDATE audit_event SET \"user\" = 'mallory' WHERE seq = 5")
    code, out, err = run_cli("audit", "check", "--db", str(db_path))
    assert code == 1
    assert out.startswith("Protokoll beschädigt: Protokolleintrag Nr. 5 wurde nachträglich")
    assert out.count("\n") == 1 and "Traceback" not in out + err


def test_check_json_and_a_noted_head(db_path):
    make_trail(db_path)
    code, out, _err = run_cli("audit", "check", "--db", str(db_path), "--json")
    first = json.loads(out)
    assert code == 0 and first["ok"] and first["entries"] == 12 and first["head_seq"] == 12
    assert len(first["head_hash"]) == 64
    # The check itself is entry 13; the noted head (entry 12) is still in the chain.
    code, out, _err = run_cli("audit", "check", "--head", first["head_hash"], "--db", str(db_path))
    assert code == 0
    backend.run(db_path, "DELETE FROM audit_event WHERE seq >= 12")  # cut off the tail
    code, out, _err = run_cli(
        "audit", "check", "--head", first["head_hash"], "--db", str(db_path), "--json"
    )
    result = json.loads(out)
    assert code == 1 and not result["ok"] and result["reason"] == "unknown_head"
    assert "gekürzt" in result["message"]


def test_export_csv_with_a_span_and_a_user(db_path, tmp_path):
    make_trail(db_path)
    target = tmp_path / "protokoll.csv"
    code, out, err = run_cli(
        "audit", "export", "--out", str(target), "--by-user", "anna", "--from", "2000-01-01",
        "--to", "31.12.2099", "--db", str(db_path), "--json",
    )  # fmt: skip
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["entries"] == 6 and data["head_seq"] == 12
    lines = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig")), delimiter=";"))
    header = lines.index(["Nr.", "Zeit (UTC)", "Benutzer", "Aktion", "Ziel", "Details",
                          "Vorheriger Prüfwert", "Prüfwert"])  # fmt: skip
    rows = lines[header + 1 :]
    assert [r[0] for r in rows] == ["2", "4", "6", "8", "10", "12"]
    assert {r[2] for r in rows} == {"anna"}
    assert ["Letzter Eintrag der Kette", "12", data["head_hash"]] in lines[:header]
    # The export is in the trail itself.
    code, out, _err = run_cli("audit", "check", "--db", str(db_path), "--json")
    assert json.loads(out)["entries"] == 13


def test_export_xlsx_by_the_file_ending(db_path, tmp_path):
    from openpyxl import load_workbook

    make_trail(db_path, 3)
    target = tmp_path / "protokoll.xlsx"
    code, out, _err = run_cli("audit", "export", "--out", str(target), "--db", str(db_path))
    assert code == 0 and "3 Protokolleinträge nach" in out
    sheet = load_workbook(target).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["1", values[-3][1], "bert", "case.read", "case0", None, "0" * 64, values[-3][7]] == (
        values[-3]
    )
    assert len(values[-1][7]) == 64


def test_bad_input_is_one_line(db_path, tmp_path):
    make_trail(db_path, 1)
    code, _out, err = run_cli(
        "audit", "export", "--out", str(tmp_path / "a.csv"), "--from", "2026-05-02",
        "--to", "2026-05-01", "--db", str(db_path),
    )  # fmt: skip
    assert code == 1 and err.startswith("Fehler: Das Anfangsdatum liegt nach dem Enddatum")
    assert err.count("\n") == 1
    code, _out, err = run_cli(
        "audit", "export", "--out", str(tmp_path / "missing" / "x" / "a.csv"), "--db", str(db_path)
    )
    assert code == 1 and err.count("\n") == 1 and "kann nicht geschrieben werden" in err


def test_a_date_that_is_none_is_refused_in_one_line_as_a_process(db_path):
    from tests.cli.test_cli import ki

    result = ki("audit", "export", "--out", "x.csv", "--from", "gestern", "--db", str(db_path))
    assert result.returncode == 2 and result.stdout == ""
    assert "„gestern“ ist kein Datum" in result.stderr and result.stderr.count("\n") == 1
    assert "audit" in ki("--help").stdout
