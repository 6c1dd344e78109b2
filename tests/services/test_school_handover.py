"""The handover to the receiving school: consent first, least data, SchILD-style CSV, one page."""

from __future__ import annotations

import csv
import io
import subprocess

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.reports.school_handover import COLUMNS
from ki_desktop.services.database import ServiceError
from ki_desktop.services.school_handover import check_handover, write_school_handover
from ki_desktop.store.users import recent_events
from tests.services.test_case_file import HEALTH, NEEDS, stored_case

DATE = r"\d{2}\.\d{2}\.\d{4}"


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def read_csv(path) -> tuple[bytes, list[dict[str, str]]]:
    raw = path.read_bytes()
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return raw, rows


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(ln for ln in info.stdout.splitlines() if ln.startswith("Pages:")).split()[1])


def test_csv_in_the_conventions_of_the_school_administration(demo_db, out):
    case_id = stored_case(changes=1)
    target = write_school_handover(case_id, out / "uebergabe.csv", "abecker")
    raw, rows = read_csv(target)
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM
    assert raw.count(b"\r\n") == 2 and b"\n" not in raw.replace(b"\r\n", b"")
    header = raw[3:].split(b"\r\n")[0].decode("utf-8").split(";")
    assert header == list(COLUMNS)
    assert header[:7] == [
        "Nachname",
        "Vorname",
        "Geschlecht",
        "Geburtsdatum",
        "Geburtsland",
        "Staatsangehörigkeit",
        "Zuzugsdatum",
    ]
    [row] = rows
    assert row["Nachname"] == "Şahin-Moldoveanu" and row["Vorname"] == "Ayşe Ștefania"
    assert row["Geschlecht"] == "w"
    assert row["Geburtsdatum"] == "10.03.2014"
    assert row["Zuzugsdatum"] == "01.09.2026"
    assert row["Geburtsland"] == "SYR" and row["Staatsangehörigkeit"] == "SYR"
    assert row["Verkehrssprache"] == "Arabisch" and row["Weitere Sprachen"] == "Englisch"
    assert row["Sprachmittlung benötigt"] == "ja" and row["Lateinische Schrift"] == "ja"
    assert row["Sprache der Sprachmittlung"] == "Ukrainisch"
    assert len(row["Schulnummer"]) == 6 and row["Schule"]
    assert row["Jahrgang"].isdigit()
    assert row["Erstförderung"]
    assert row["Sorgeberechtigte 1 Name"] == "Iryna Kovalenko"
    assert row["Sorgeberechtigte 1 Telefon"] == "0151 1234567"
    assert row["Sorgeberechtigte 1 Anschrift"] == "Hauptstraße 10"
    # least data: no Art. 9 data, no notes, no interview free text, no e-mail
    text = raw.decode("utf-8-sig")
    for private in (HEALTH, NEEDS, "Notiz", "Schach", "i.k@example.org", "Kyrillisch"):
        assert private not in text
    event = recent_events("case.school_handover")[0]
    assert (event.user, event.target) == ("abecker", case_id)
    assert "Şahin" not in event.detail and "csv" in event.detail


@pytest.mark.parametrize(("iso2", "iso3"), [("UA", "UKR"), ("AF", "AFG")])
def test_country_codes_are_alpha_3(demo_db, out, iso2, iso3):
    case_id = stored_case(changes=0)
    from ki_desktop.services import cases, intake

    case = cases.case_detail(case_id)
    case.nationality = case.country_of_birth = iso2
    intake.save_case(case, "abecker")
    _raw, [row] = read_csv(write_school_handover(case_id, out / "u.csv"))
    assert (row["Geburtsland"], row["Staatsangehörigkeit"]) == (iso3, iso3)


def test_one_page_pdf_without_health_data(demo_db, out):
    case_id = stored_case(changes=1)
    target = write_school_handover(case_id, out / "uebergabe.pdf", "abecker")
    assert pdf_pages(target) == 1
    text = " ".join(pdf_text(target).split())
    assert "Übergabe an die Schule – Ayşe Ștefania Şahin-Moldoveanu" in text
    assert "Syrien (SYR)" in text and "Arabisch" in text and "10.03.2014" in text
    assert "erteilt am 1. Oktober 2026 von Iryna Kovalenko" in text
    for private in (HEALTH, NEEDS, "Notiz", "Schach"):
        assert private not in text
    assert "csv" not in recent_events("case.school_handover")[0].detail


def test_many_guardians_and_languages_still_fit_one_page(demo_db, out):
    case_id = stored_case(changes=0)
    from ki_desktop.services import cases, intake

    case = cases.case_detail(case_id)
    case.guardians += [
        dm.Guardian(f"Person {n} mit einem recht langen Doppelnamen-Beispiel", "Onkel", "0170 1")
        for n in range(4)
    ]
    case.languages += [dm.LanguageSkill(c, "A1") for c in ("ru", "tr", "fa", "ku", "fr", "ps")]
    case.address = "Sehr lange Straßenbezeichnung am Rande der Gemeinde 123a, Hinterhaus"
    intake.save_case(case, "abecker")
    assert pdf_pages(write_school_handover(case_id, out / "u.pdf")) == 1


def test_refused_without_consent_leaves_no_file(demo_db, out):
    case_id = stored_case(changes=0, consent=False)
    with pytest.raises(ServiceError, match="Einwilligung in der Erstberatung eintragen"):
        check_handover(case_id)
    for name in ("u.csv", "u.pdf"):
        with pytest.raises(ServiceError, match="keine Einwilligung"):
            write_school_handover(case_id, out / name, "abecker")
    assert list(out.iterdir()) == []
    assert recent_events("case.school_handover") == []


def test_refused_without_a_school(demo_db, out):
    from ki_desktop.services import intake
    from tests.services.test_intake import full_case

    case_id, _ = intake.save_case(full_case(), "abecker")
    with pytest.raises(ServiceError, match="noch keine Schule"):
        write_school_handover(case_id, out / "u.csv")
    assert list(out.iterdir()) == []


def test_csv_reader_sees_quoted_semicolons(demo_db, out):
    case_id = stored_case(changes=0)
    from ki_desktop.services import cases, intake

    case = cases.case_detail(case_id)
    case.address = 'Am Markt 1; Hinterhaus "B"'
    intake.save_case(case, "abecker")
    raw = write_school_handover(case_id, out / "u.csv").read_text(encoding="utf-8-sig")
    [row] = csv.DictReader(io.StringIO(raw, newline=""), delimiter=";")
    assert row["Anschrift"] == 'Am Markt 1; Hinterhaus "B"'
