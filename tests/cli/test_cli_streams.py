"""The command runner writes to the process's streams as they are when a command runs, not as
they were when the module was imported (a test capturing the output, or a caller that
replaced them, gets the output; nothing is written to a stream closed meanwhile)."""

from __future__ import annotations

import io
import json
import sys

from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse

CASE = {"birth_date": "2014-03-10", "counselling_date": "2026-11-20", "german_level": "none"}


def _case_file(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(CASE), encoding="utf-8")
    return path


def test_output_goes_to_the_streams_of_the_moment(tmp_path, db_path, monkeypatch):
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    args = parse(["recommend", str(_case_file(tmp_path)), "--json", "--db", str(db_path)])
    assert run(args) == 0
    assert json.loads(out.getvalue())["stage"] == "secondary_1"
    assert err.getvalue() == ""

    missing = parse(["recommend", str(tmp_path / "fehlt.json"), "--db", str(db_path)])
    assert run(missing) == 1
    assert err.getvalue().startswith("Fehler: ") and err.getvalue().count("\n") == 1


def test_under_capsys(tmp_path, db_path, capsys):
    args = parse(["recommend", str(_case_file(tmp_path)), "--json", "--db", str(db_path)])
    assert run(args) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["stage"] == "secondary_1"
    assert captured.err == ""


def test_streams_given_still_come_first(tmp_path, db_path, capsys):
    out, err = io.StringIO(), io.StringIO()
    args = parse(["recommend", str(_case_file(tmp_path)), "--json", "--db", str(db_path)])
    assert run(args, out, err) == 0
    assert json.loads(out.getvalue())["stage"] == "secondary_1"
    assert capsys.readouterr().out == ""
