"""The statistics CSV, read back with the csv module."""

import csv
import io

from ki_desktop.reports.statistics_csv import build_statistics_csv, csv_value
from tests.reports.statistics_sample import sample_report


def read_rows(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    text = raw.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def block(rows, title):
    """The rows of the table titled ``title``: header first, up to the empty line."""
    start = rows.index([title]) + 1
    end = rows.index([], start)
    return rows[start:end]


def test_csv(tmp_path):
    path = tmp_path / "q.csv"
    build_statistics_csv(sample_report(), path)
    rows = read_rows(path)
    assert rows[0] == ["Quartalsstatistik 3. Quartal 2026"]
    assert ["Zeitraum", "3. Quartal 2026", "01.07.2026", "30.09.2026"] in rows
    assert ["Stichtag", "30.09.2026"] in rows
    assert ["Erstellt am", "05.10.2026 09:30"] in rows
    assert any("Anzahlen unter 3" in r[0] for r in rows if r)

    stage = block(rows, "Neue Fälle nach Schulstufe")
    assert stage[0] == ["Schulstufe", "3. Quartal 2026", "2. Quartal 2026"]
    assert stage[1] == ["Primarstufe", "118", "104"]
    assert ["ohne Zuordnung", "<3", "3"] in stage
    assert stage[-1] == ["Insgesamt", "253", "249"]

    waiting = block(rows, "Wartezeiten in Tagen")
    assert waiting[1] == ["Anmeldung bis Beratung", "12,5", "7", "21", "240"]
    assert waiting[2] == ["Beratung bis Zuweisung", "23", "14", "35,5", "198"]
    assert waiting[3] == ["Zuweisung bis Schulbeginn", "", "", "", "<3"]

    nationality = block(rows, "Neue Fälle nach Staatsangehörigkeit")
    assert nationality[-1] == ["Nur Staatsangehörigkeiten mit mindestens drei Fällen einzeln."]
    definitions = rows[rows.index(["Definitionen"]) + 1 :]
    assert definitions[0] == ["Begriff", "Wie gezählt wird"]
    assert ["Stichtag", "Der letzte Tag des Zeitraums."] in definitions


def test_values():
    assert csv_value(1234) == "1234"
    assert csv_value(12.54) == "12,5"
    assert csv_value(7.0) == "7"
    assert csv_value("<3") == "<3"
    assert csv_value(None) == ""
