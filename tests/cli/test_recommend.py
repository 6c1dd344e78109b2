"""``ki-desktop recommend CASE.json --json``: the contract, with and without a school list."""

import json
import subprocess
import sys

import pytest

from tests import backend

CONTRACT_KEYS = {
    "compulsory_schooling",
    "compulsory_until",
    "stage",
    "grade",
    "support",
    "support_months",
    "school_forms",
    "schools",
    "reasons",
    "rules_version",
}


def recommend(tmp_path, data, *extra, db=None):
    case = tmp_path / "case.json"
    case.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "ki_desktop",
            "recommend",
            str(case),
            "--db",
            str(db or backend.new_location(tmp_path, "empty")),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_contract_without_school_list(tmp_path):
    result = recommend(
        tmp_path,
        {
            "birth_date": "2014-03-10",
            "counselling_date": "2026-11-20",
            "german_level": "none",
            "latin_literate": True,
        },
        "--json",
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) >= CONTRACT_KEYS
    assert out["compulsory_schooling"] == "full_time" and out["compulsory_until"] == "2030-07-31"
    assert (out["stage"], out["grade"]) == ("secondary_1", 7)
    assert out["support"] == ["separate_group"] and out["support_months"] == 24
    assert out["school_forms"][0] == "15"
    assert out["schools"] == []
    assert out["rules_version"] == "2025-03-17"
    assert all(r.startswith("R") for r in out["reasons"])


def test_schools_nearest_first_with_free_places_first(tmp_path, new_location):
    db = new_location("demo")
    init = subprocess.run(
        [sys.executable, "-m", "ki_desktop", "init", "--demo", "--demo-size", "5", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert init.returncode == 0, init.stderr
    result = recommend(
        tmp_path,
        {"birth_date": "2018-03-10", "counselling_date": "2026-11-20", "municipality": "05554016"},
        "--json",
        db=db,
    )
    assert result.returncode == 0, result.stderr
    schools = json.loads(result.stdout)["schools"]
    assert schools and all(s["schulform"] == "02" for s in schools)
    free = [s for s in schools if s["free_places"] > 0]
    full = [s for s in schools if s["free_places"] == 0]
    assert schools == free + full  # schools without free places after the others, not hidden
    for group in (free, full):
        distances = [s["distance_km"] for s in group]
        assert distances == sorted(distances)


def test_text_output(tmp_path):
    result = recommend(tmp_path, {"birth_date": "2009-03-03", "counselling_date": "2026-11-20"})
    assert result.returncode == 0, result.stderr
    assert "R12" in result.stdout and "Regelstand: 2025-03-17" in result.stdout


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"birth_date": "2014-03-10", "hobby": "chess"}, "Unbekannte Angabe: hobby"),
        ({"birth_date": "2014-13-01"}, "kein gültiges Datum"),
        ({"birth_date": "2026-12-01", "counselling_date": "2026-11-20"}, "nach dem Beratungsdatum"),
        ('{"birth_date": ', "kein gültiges JSON"),
    ],
)
def test_bad_input_one_line(tmp_path, data, message):
    result = recommend(tmp_path, data, "--json")
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_missing_file(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ki_desktop",
            "recommend",
            str(tmp_path / "no.json"),
            "--db",
            str(tmp_path / "x.sqlite"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "nicht gefunden" in result.stderr
