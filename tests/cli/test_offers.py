"""`ki-desktop offers search | import | export`, run as real processes."""

import json

import pytest

from ki_desktop.domain.offer_csv import COLUMNS
from tests.cli.test_cli import ki
from tests.store.catalogue import Catalogue

FIELDS = {
    "id",
    "title",
    "category",
    "provider",
    "age_min",
    "age_max",
    "languages",
    "municipality",
    "address",
    "latitude",
    "longitude",
    "schedule",
    "valid_from",
    "valid_to",
    "free_of_charge",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """One database of the selected backend for the module (the commands run as processes)."""
    made = Catalogue(tmp_path_factory.mktemp("cli"), lambda: None)
    result = ki("init", "--demo", "--demo-size", "0", "--db", made.location)
    assert result.returncode == 0, result.stderr
    yield made.location
    made.drop()


def test_search_json(db):
    result = ki("offers", "search", "kurs", "--age", "17", "--language", "de", "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found and set(found[0]) >= FIELDS
    assert "kurs" in found[0]["title"]
    for offer in found:
        assert "de" in offer["languages"]
        assert (offer["age_min"] or 0) <= 17 <= (offer["age_max"] or 200)


def test_search_municipality_and_text_output(db):
    result = ki("offers", "search", "", "--municipality", "05554060", "--db", db, "--json")
    found = json.loads(result.stdout)
    assert found and {o["municipality"] for o in found} == {"05554060"}
    result = ki("offers", "search", "Hausaufgabnhilfe", "--db", db)
    assert result.returncode == 0
    assert "hausaufgabenhilfe" in result.stdout.splitlines()[0]
    assert "Angebote gefunden" in result.stdout


def test_search_json_has_the_coordinates(db):
    result = ki("offers", "search", "Bocholt", "--db", db, "--json")
    found = json.loads(result.stdout)
    placed = [o for o in found if o["latitude"] is not None]
    assert placed and all(51 < o["latitude"] < 53 and 6 < o["longitude"] < 9 for o in placed)


@pytest.mark.parametrize(
    "args",
    [
        ["search", "x", "--language", "xx"],
        ["search", "x", "--municipality", "abc"],
        ["search", "x", "--municipality", "05554999"],
        ["search", "x", "--age", "-1"],
        ["import", "/does/not/exist.csv"],
        ["export", "/does/not/exist/x.csv"],
    ],
)
def test_bad_input_one_line(db, args):
    result = ki("offers", *args, "--db", db)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_export_then_import_dry_run_and_only_valid(db, tmp_path):
    file = tmp_path / "angebote.csv"
    result = ki("offers", "export", str(file), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "80 Angebote" in result.stdout
    lines = file.read_text(encoding="utf-8-sig").splitlines()
    header = [h for _k, h in COLUMNS]
    bad = lines[1].split(";")
    bad[header.index("Alter")] = "18–6"
    bad[header.index("Titel")] = "Kaputt"
    file.write_text("\r\n".join([*lines, ";".join(bad)]) + "\r\n", encoding="utf-8-sig")

    result = ki("offers", "import", str(file), "--dry-run", "--db", db, "--json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["rejected"] == [
        {
            "line": 82,
            "reasons": ["Altersbereich „18–6“: das Mindestalter ist größer als das Höchstalter"],
        }
    ]
    assert not report["written"]
    assert "Probelauf" in result.stderr and len(result.stderr.splitlines()) == 1

    result = ki("offers", "import", str(file), "--db", db)
    assert result.returncode == 1
    assert "Zeile 82:" in result.stdout
    assert "--only-valid" in result.stderr

    result = ki("offers", "import", str(file), "--only-valid", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "0 Angebote neu, 0 aktualisiert" in result.stdout


def test_cp1252_file(db, tmp_path):
    file = tmp_path / "ansi.csv"
    file.write_bytes(";".join(h for _k, h in COLUMNS).encode("cp1252") + b"\r\n")
    result = ki("offers", "import", str(file), "--db", db)
    assert result.returncode == 1
    assert "nicht UTF-8" in result.stderr and len(result.stderr.splitlines()) == 1
