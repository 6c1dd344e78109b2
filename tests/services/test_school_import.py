"""Importing the real NRW school list, and re-importing a newer file."""

import csv
import io

import pytest

from ki_desktop.services import schools
from ki_desktop.services.database import ServiceError
from ki_desktop.store.models import School


def test_import_real_list_for_kreis_borken(open_db, school_list):
    report = schools.import_school_list(school_list, kreis="05554")
    assert report.schools_in_file == report.inserted == 122
    assert report.municipalities == 17
    listed = schools.schools()
    assert len(listed) == 122
    assert {s.ags[:5] for s in listed} == {"05554"}
    gescher = [s for s in listed if s.municipality_name == "Gescher"]
    assert len(gescher) == 5
    assert all(s.utm_east and s.utm_north for s in listed)
    names = {m.name for m in schools.municipalities()}
    assert {"Ahaus", "Bocholt", "Gronau (Westf.)", "Südlohn", "Vreden"} <= names


def test_import_real_list_for_kreis_warendorf(open_db, school_list):
    report = schools.import_school_list(school_list, kreis="05570")
    assert report.inserted == 87
    assert report.municipalities == 13


def _rewrite(source, target, change):
    """Copy the school list in its published format, changing rows with ``change``."""
    lines = source.read_text(encoding="utf-8").splitlines()
    reader = csv.reader(lines[2:], delimiter=";")
    out = io.StringIO()
    out.write(lines[0] + "\n" + lines[1] + "\n")
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\n")
    header = lines[1].split(";")
    for values in reader:
        row = dict(zip(header, values, strict=False))
        row = change(row)
        if row is not None:
            writer.writerow([row.get(h, "") for h in header[:-1]])
    target.write_text(out.getvalue(), encoding="utf-8")


def test_reimport_newer_file_updates_in_place(open_db, school_list, tmp_path):
    schools.import_school_list(school_list, kreis="05554")
    first = {s.schulnummer: s for s in School.select()}
    # the KI's own data must survive a re-import
    keep = next(iter(first.values()))
    keep.erstfoerderung_places, keep.erstfoerderung_free, keep.contact_person = (
        15,
        4,
        "Frau Terhorst",
    )
    keep.save()
    renamed = sorted(first)[1]
    closed = sorted(first)[2]

    def change(row):
        if row["Schulnummer"] == renamed:
            row["Schulbezeichnung_1"] = "Neue Bezeichnung"
            row["Strasse"] = "Neue Straße 7"
        if row["Schulnummer"] == closed:
            row["Schulbetriebsschluessel"] = "2"
        return row

    newer = tmp_path / "newer.csv"
    _rewrite(school_list, newer, change)
    report = schools.import_school_list(newer, kreis="05554")
    assert report.inserted == 0
    assert report.updated == 1
    assert report.closed == 1
    assert School.select().count() == 122  # never duplicated
    row = School.get(School.schulnummer == renamed)
    assert row.name.startswith("Neue Bezeichnung") and row.street == "Neue Straße 7"
    assert row.id == first[renamed].id and row.version == first[renamed].version + 1
    kept = School.get_by_id(keep.id)
    assert (kept.erstfoerderung_places, kept.erstfoerderung_free, kept.contact_person) == (
        15,
        4,
        "Frau Terhorst",
    )
    assert not School.get(School.schulnummer == closed).in_operation
    assert len(schools.schools()) == 121
    # importing the same file again changes nothing
    again = schools.import_school_list(newer, kreis="05554")
    assert (again.inserted, again.updated, again.closed) == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "nicht gefunden"),
        (b"\xff\xfe\x00garbage", "UTF-8"),
        (b"Name;Ort\nA;B\n", "Schulgrunddaten"),
    ],
)
def test_bad_files(open_db, tmp_path, content, message):
    path = tmp_path / "list.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ServiceError, match=message):
        schools.import_school_list(path)


def test_unknown_kreis(open_db, school_list):
    with pytest.raises(ServiceError, match="keine Schulen im Kreis 05999"):
        schools.import_school_list(school_list, kreis="05999")
