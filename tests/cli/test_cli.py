"""The command-line contract, run as a real process."""

import json
import subprocess
import sys

import pytest

SUBCOMMANDS = ["init", "schools", "recommend", "offers", "report", "sync", "backup", "restore"]


def ki(*args, env_db=None):
    return subprocess.run(
        [sys.executable, "-m", "ki_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_help_lists_the_contract():
    result = ki("--help")
    assert result.returncode == 0
    for name in SUBCOMMANDS:
        assert name in result.stdout


def test_init_and_import_real_school_list(new_location, school_list):
    db = new_location("cli")
    result = ki("init", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema_version"] >= 1
    result = ki("schools", "import", str(school_list), "--kreis", "05554", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["inserted"], data["municipalities"]) == (122, 17)
    again = json.loads(
        ki("schools", "import", str(school_list), "--kreis", "05554", "--db", db, "--json").stdout
    )
    assert (again["inserted"], again["unchanged"]) == (0, 122)


def test_init_demo(new_location):
    db = new_location("demo")
    result = ki("init", "--demo", "--demo-size", "40", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["demo"]["cases"] == 40


@pytest.mark.parametrize(
    "args",
    [
        ["bogus"],
        ["schools", "import", "/does/not/exist.csv"],
        ["schools", "import", "x.csv", "--kreis", "abc"],
        ["init", "--demo-size", "-3"],
        ["report", "quarterly", "--year", "2026"],
        ["restore", "/does/not/exist.sqlite"],
    ],
)
def test_bad_input_one_line_no_traceback(tmp_path, args):
    result = ki(*args, "--db", str(tmp_path / "x.sqlite"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@pytest.mark.sqlite_only("file backup")
def test_backup_command(tmp_path):
    db = str(tmp_path / "b.sqlite")
    assert ki("init", "--db", db).returncode == 0
    result = ki("backup", "--out", str(tmp_path / "copy.sqlite"), "--db", db)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "copy.sqlite").stat().st_size > 0
