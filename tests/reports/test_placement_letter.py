"""The placement letter PDF: content, page flow, page numbers and the missing-font error."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from ki_desktop.reports.pdf_style import find_font_files, font_search_dirs
from ki_desktop.reports.placement_letter import (
    Counsellor,
    FontMissingError,
    LetterChild,
    Letterhead,
    LetterRecommendation,
    PlacementLetter,
    ProposedSchool,
    build_placement_letter,
)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

SCHOOLS = [
    ProposedSchool("187654", "Gesamtschule Borken", "Borken", 2.35, 3),
    ProposedSchool("165432", "Städtische Realschule Rhede", "Rhede", 7.0, None),
    ProposedSchool("190001", "Sekundarschule Raesfeld-Erle", "Raesfeld", None, 1),
    ("176543", "Gymnasium Remigianum", "Borken", 12.84, 0),
    ("123456", "Hauptschule Gescher", "Gescher", 15.1, 2),
    ("134567", "Gesamtschule Velen-Ramsdorf", "Velen", 9.9, 4),
    ("145678", "Euregio-Gesamtschule Rheine", "Rheine", 48.0, 5),
    ("156789", "Bischöfliche Realschule Ahaus", "Ahaus", 22.6, 2),
]

REASONS = [
    "R1 Schulpflicht: Das Kind ist am 1. August 2026 13 Jahre alt und vollzeitschulpflichtig.",
    "R3 Stufe: Nach Alter und Schulbesuch gehört das Kind in die Sekundarstufe I.",
    "R6 Jahrgang nach Alter: Alter am 30. September 2026 ist 13, also Jahrgangsstufe 8.",
    "R7 Absenkung: Zwei Jahre ohne Schulbesuch, daher eine Jahrgangsstufe niedriger (7).",
    "R9 Alphabetisierung: Das Kind liest und schreibt die lateinische Schrift noch nicht.",
    "R10 Erstförderung: Bis zu 3 Jahre, weil zuerst alphabetisiert wird.",
    "R12 Schulformen: Gesamtschule & Sekundarschule vor Realschule <wegen Durchlässigkeit>.",
    "R13 Entfernung: Schulen nach Luftlinie zur Wohnanschrift sortiert.",
    "R14 Kapazität: Nur Schulen mit gemeldeten Plätzen in der Erstförderung.",
    "R15 Schulbiografie: Letzte besuchte Klasse im Herkunftsland war Klasse 5.",
    "R16 Sprache: Englisch A1, Deutsch keine Vorkenntnisse.",
    "R17 Regelstand: Runderlass BASS 13-63 Nr. 3 in der Fassung vom 6. Dezember 2023.",
]


def make_letter(first="Ayşe", last="Şahin", reasons=3, schools=3) -> PlacementLetter:
    return PlacementLetter(
        letterhead=Letterhead(
            ki_name="Kommunales Integrationszentrum Kreis Borken",
            street="Burloer Straße 93",
            postcode_city="46325 Borken",
            phone="02861 681-4000",
            email="ki@kreis-borken.de",
            website="www.kreis-borken.de/ki",
        ),
        recipient=(
            "Staatliches Schulamt für den Kreis Borken",
            "Burloer Straße 93",
            "46325 Borken",
        ),
        date=date(2026, 11, 5),
        reference="KI-2026-0815",
        counsellor=Counsellor("Zahra Ahmadi", "02861 681-4012", "z.ahmadi@kreis-borken.de"),
        child=LetterChild(
            first_name=first,
            last_name=last,
            birth_date=date(2013, 3, 5),
            sex="weiblich",
            nationality="Türkei",
            first_language="Türkisch",
            municipality="Borken",
            arrival_date=date(2026, 9, 14),
            address="Ahauser Straße 12\n46325 Borken",
        ),
        recommendation=LetterRecommendation(
            school_year="2026/27",
            stage="Sekundarstufe I",
            grade=7,
            support=("Lerngruppe zur Erstalphabetisierung", "Deutschfördergruppe"),
            support_months=36,
            school_forms=(("15", "Gesamtschule"), ("14", "Sekundarschule"), ("10", "Realschule")),
            schools=SCHOOLS[:schools],
            reasons=REASONS[:reasons],
            rules_version="2025-03-17",
        ),
        consent=(
            "Einwilligung zur Weitergabe an Schule und Schulamt erteilt am 3. November 2026 "
            "von Zahra Ahmadi"
        ),
    )


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return re.sub(r"[ \t]+", " ", out)


def flat(text: str) -> str:
    """The text with line breaks and runs of spaces collapsed (for wrapped sentences)."""
    return re.sub(r"\s+", " ", text)


def pages(text: str) -> list[str]:
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


def test_one_page_letter_has_the_content(tmp_path):
    letter = make_letter()
    path = tmp_path / "letter.pdf"
    build_placement_letter(letter, path)
    text = pdf_text(path)
    assert len(pages(text)) == 1
    whole = flat(text)
    assert "Schulplatzempfehlung für Ayşe Şahin, geb. 5. März 2013" in whole
    for expected in (
        "Şahin",
        "Ayşe",
        "5. März 2013",
        "14. September 2026",
        "5. November 2026",
        "KI-2026-0815",
        "Staatliches Schulamt für den Kreis Borken",
        "Sehr geehrte Damen und Herren,",
        "Gesamtschule (15)",
        "Sekundarschule (14)",
        "Realschule (10)",
        "Lerngruppe zur Erstalphabetisierung",
        "bis zu 36 Monate",
        "Regelstand: 2025-03-17",
        "Einwilligung zur Weitergabe an Schule und Schulamt erteilt am 3. November 2026",
        "Mit freundlichen Grüßen",
        "Seite 1 von 1",
        "2,4 km",  # German decimal comma, one place
        "7,0 km",
    ):
        assert expected in whole, expected
    for school in SCHOOLS[:3]:
        assert school[0] in whole and school[1] in whole
    for reason in REASONS[:3]:
        assert flat(reason) in whole, reason
    # the form order is kept
    assert whole.index("Gesamtschule (15)") < whole.index("Sekundarschule (14)")


def test_romanian_and_special_characters(tmp_path):
    path = tmp_path / "letter.pdf"
    build_placement_letter(make_letter(first="Ștefan", last="Popescu-Țăranu", reasons=7), path)
    whole = flat(pdf_text(path))
    assert "Ștefan Popescu-Țăranu" in whole
    # markup characters in reasons are printed, not interpreted
    assert "Gesamtschule & Sekundarschule vor Realschule <wegen Durchlässigkeit>." in whole


def test_long_letter_flows_onto_two_pages(tmp_path):
    path = tmp_path / "long.pdf"
    build_placement_letter(make_letter(reasons=12, schools=8), path)
    text = pdf_text(path)
    parts = pages(text)
    assert len(parts) == 2
    assert "Seite 1 von 2" in parts[0] and "Seite 2 von 2" in parts[1]
    assert "Sehr geehrte Damen und Herren," in parts[0]
    assert "Mit freundlichen Grüßen" in parts[1]
    # the continuation page repeats subject and reference in its header
    assert "KI-2026-0815" in parts[1] and "Schulplatzempfehlung für Ayşe Şahin" in parts[1]
    whole = flat(text)
    for reason in REASONS:
        assert flat(reason) in whole, reason
    for school in SCHOOLS:
        assert school[1] in whole, school
    # every page has the footer with the KI's contact line
    for part in parts:
        assert "ki@kreis-borken.de" in part
    # the rules version stays right after the last reason
    assert flat(parts[1]).index(flat(REASONS[-1])) < flat(parts[1]).index("Regelstand: 2025-03-17")


def test_fonts_are_embedded(tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("needs pdffonts")
    path = tmp_path / "letter.pdf"
    build_placement_letter(make_letter(), path)
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    embedded = [row.split()[0] for row in listing.splitlines()[2:] if " yes yes " in row]
    # reportlab lists its standard Helvetica in every PDF's resources, but no text uses it
    for font in find_font_files():
        assert any(name.endswith("+" + font.stem) for name in embedded), listing


def test_writes_to_a_binary_stream():
    buffer = io.BytesIO()
    build_placement_letter(make_letter(), buffer)
    assert buffer.getvalue().startswith(b"%PDF-")


def test_no_schools_and_missing_optional_data(tmp_path):
    base = make_letter()
    child = LetterChild(**{**base.child.__dict__, "arrival_date": None, "address": None})
    rec = LetterRecommendation(**{**base.recommendation.__dict__, "schools": (), "grade": None})
    letter = PlacementLetter(**{**base.__dict__, "child": child, "recommendation": rec})
    path = tmp_path / "letter.pdf"
    build_placement_letter(letter, path)
    assert "keine Schulen" in flat(pdf_text(path))


def installed(name: str) -> Path | None:
    """Where ``name`` is in the system's font folders, if anywhere."""
    for folder in font_search_dirs():
        for found in sorted(folder.rglob(name)) if folder.is_dir() else ():
            return found
    return None


def test_falls_back_to_noto_sans(tmp_path):
    regular, bold = installed("NotoSans-Regular.ttf"), installed("NotoSans-Bold.ttf")
    if regular is None or bold is None:
        pytest.skip("fonts-noto-core not installed")
    fonts = tmp_path / "fonts" / "noto"
    fonts.mkdir(parents=True)
    for source in (regular, bold):
        (fonts / source.name).symlink_to(source)
    assert find_font_files([tmp_path / "fonts"]) == (
        fonts / "NotoSans-Regular.ttf",
        fonts / "NotoSans-Bold.ttf",
    )
    path = tmp_path / "letter.pdf"
    build_placement_letter(make_letter(), path, font_dirs=[tmp_path / "fonts"])
    assert "Ayşe Şahin" in flat(pdf_text(path))


def test_missing_font_names_the_package(tmp_path):
    empty = tmp_path / "fonts"
    empty.mkdir()
    with pytest.raises(FontMissingError, match="fonts-dejavu-core"):
        build_placement_letter(make_letter(), tmp_path / "x.pdf", font_dirs=[empty])
    assert not (tmp_path / "x.pdf").exists()


def test_address_longer_than_the_window_is_refused(tmp_path):
    letter = make_letter()
    letter = PlacementLetter(
        **{**letter.__dict__, "recipient": tuple(f"Zeile {i}" for i in range(7))}
    )
    with pytest.raises(ValueError, match="sechs Zeilen"):
        build_placement_letter(letter, tmp_path / "x.pdf")
