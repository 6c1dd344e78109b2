"""The offer sheet PDF for a family: German and the family's language, re-read with pdftotext."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date

import pytest

from ki_desktop.reports.offer_sheet import (
    HEADINGS,
    OfferSheet,
    SheetOffer,
    build_offer_sheet,
    heading,
)
from ki_desktop.reports.pdf_style import Letterhead
from ki_desktop.reports.scripts import FontMissingError

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

HEAD = Letterhead(
    "Kommunales Integrationszentrum Kreis Borken",
    "Burloer Straße 93",
    "46325 Borken",
    "02861 000-0",
    "ki@kreis-borken.example",
)
ARABIC = "استشارة مستقلة حول إجراءات اللجوء ووقف الترحيل (Duldung) ولمّ شمل الأسرة في 3 مدن."
UKRAINIAN = "Волонтери допомагають з домашніми завданнями та вивченням німецької мови."


def offer(n: int, family: str = "") -> SheetOffer:
    return SheetOffer(
        title=f"Hausaufgabenhilfe {n}",
        provider="Caritasverband Ahaus",
        address="Kirchplatz 3, 48691 Vreden",
        schedule="Mo, Mi 14:30–16:30",
        contact_person="Frau Terhorst",
        phone="02561 0000-10",
        email="integration@caritas-ahaus.example",
        languages=("de", "ar", "uk"),
        free_of_charge=n % 2 == 0,
        valid_to=date(2027, 7, 31) if n == 1 else None,
        description_de="Ehrenamtliche helfen bei den Hausaufgaben und beim Deutschlernen.",
        description_family=family,
    )


def pdf_text(path, *args: str) -> str:
    out = subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return unicodedata.normalize("NFKC", out)


def pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def test_arabic_sheet_has_german_and_arabic_text(tmp_path):
    sheet = OfferSheet(HEAD, date(2026, 3, 12), "ar", [offer(1, ARABIC), offer(2)])
    path = tmp_path / "ar.pdf"
    build_offer_sheet(sheet, path)
    text = pdf_text(path)
    flat = " ".join(text.split())
    for german in (
        "Angebote für Ihre Familie",
        "12. März 2026",
        "Hausaufgabenhilfe 1",
        "Caritasverband Ahaus",
        "Kirchplatz 3, 48691 Vreden",
        "Mo, Mi 14:30–16:30",
        "Frau Terhorst",
        "02561 0000-10",
        "integration@caritas-ahaus.example",
        "Arabisch, Deutsch, Ukrainisch",
        "kostenlos",
        "31. Juli 2027",
        "ohne Enddatum",
        "Deutschlernen",
        "Kommunales Integrationszentrum Kreis Borken",
    ):
        assert german in flat, german
    assert "kostenpflichtig" in flat  # offer 1 is not free
    for word in ("عروض", "لعائلتكم", "استشارة", "إجراءات", "اللجوء", "Duldung", "الأسرة", "مدن"):
        assert word in text, word
    assert "الوصف" in text  # the translated heading of the description
    assert not [c for c in text if 0xE000 <= ord(c) <= 0xF8FF]


def test_arabic_description_is_right_aligned(tmp_path):
    sheet = OfferSheet(HEAD, date(2026, 3, 12), "ar", [offer(1, ARABIC)])
    path = tmp_path / "ar.pdf"
    build_offer_sheet(sheet, path)
    boxes = pdf_text(path, "-bbox")
    right_edges = {}
    for line in boxes.splitlines():
        if "<word" in line:
            word = line.split(">")[1].split("<")[0]
            # -bbox gives the glyphs from left to right: Arabic words come reversed
            for known in ("استشارة", "عروض", "Familie"):
                if known in (word, word[::-1]):
                    right_edges[known] = float(line.split('xMax="')[1].split('"')[0])
    # the first Arabic word of a line ends at the right margin (A4 minus 20 mm: 538.6 pt)
    assert right_edges["استشارة"] == pytest.approx(538.6, abs=2)
    assert right_edges["عروض"] == pytest.approx(538.6, abs=2)
    assert right_edges["Familie"] < 300  # German stays on the left


def test_ukrainian_sheet_and_page_numbers(tmp_path):
    sheet = OfferSheet(HEAD, date(2026, 3, 12), "uk", [offer(n, UKRAINIAN) for n in range(6)])
    path = tmp_path / "uk.pdf"
    build_offer_sheet(sheet, path)
    flat = " ".join(pdf_text(path).split())
    assert "Пропозиції для вашої родини" in flat
    assert "12 березня 2026" in flat  # the date in the family's locale (babel)
    assert "Волонтери допомагають з домашніми завданнями" in flat
    total = pages(path)
    assert total >= 2
    assert f"Seite 1 von {total}" in flat and f"Seite {total} von {total}" in flat


def test_missing_translation_falls_back_to_german_visibly(tmp_path):
    assert heading("title", "so") is None
    sheet = OfferSheet(HEAD, date(2026, 3, 12), "so", [offer(1, "Caawinaad casharrada guriga.")])
    path = tmp_path / "so.pdf"
    build_offer_sheet(sheet, path)
    flat = " ".join(pdf_text(path).split())
    assert "Angebote für Ihre Familie" in flat
    assert "Die Überschrift liegt auf Somali noch nicht vor." in flat
    assert "Caawinaad casharrada guriga." in flat


def test_german_only_sheet_has_no_second_column(tmp_path):
    sheet = OfferSheet(HEAD, date(2026, 3, 12), "de", [offer(1, ARABIC)])
    path = tmp_path / "de.pdf"
    build_offer_sheet(sheet, path)
    text = pdf_text(path)
    assert "Hausaufgabenhilfe 1" in text
    assert not any("\u0600" <= c <= "\u06ff" for c in text)


@pytest.mark.parametrize("language", sorted(HEADINGS["title"]))
def test_every_translated_heading_prints(tmp_path, language):
    sheet = OfferSheet(HEAD, date(2026, 3, 12), language, [offer(1)])
    path = tmp_path / f"{language}.pdf"
    build_offer_sheet(sheet, path)
    text = pdf_text(path)
    for word in HEADINGS["title"][language].split():
        assert unicodedata.normalize("NFKC", word) in text, word


def test_missing_font_is_reported_before_writing(tmp_path):
    sheet = OfferSheet(HEAD, date(2026, 3, 12), "ti", [offer(1, "ሓገዝ ኣብ ደብዳቤታት")])
    path = tmp_path / "ti.pdf"
    with pytest.raises(FontMissingError):
        build_offer_sheet(sheet, path, font_dirs=[tmp_path / "no-fonts"])
    assert not path.exists()
