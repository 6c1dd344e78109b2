"""The Art. 15 case file PDF, read back with pdftotext."""

from __future__ import annotations

import re
import subprocess
from datetime import date

from ki_desktop.reports.case_file import CaseFile, Section, build_case_file
from ki_desktop.reports.pdf_style import Letterhead
from ki_desktop.services.case_file import write_case_file
from tests.services.test_case_file import HEALTH, NEEDS, TODAY, stored_case

HEAD = Letterhead(
    "Kommunales Integrationszentrum Kreis Borken",
    "Burloer Straße 93",
    "46325 Borken",
    "02861 000-0",
    "ki@example.org",
)


def pdf_pages(path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_case_file_of_a_stored_case(demo_db, tmp_path):
    case_id = stored_case(changes=45)
    target = write_case_file(case_id, tmp_path / "auskunft.pdf", "abecker", today=TODAY)
    pages = pdf_pages(target)
    text = flat("\n".join(pages))
    assert (
        "Auskunft nach Art. 15 DSGVO – gespeicherte Daten zu Ayşe Ștefania Şahin-Moldoveanu" in text
    )
    assert "Erstellt am 22. November 2026" in text
    assert "Kommunales Integrationszentrum Kreis Borken" in text
    for heading in (
        "Was ist dieses Dokument?",
        "Wozu verarbeiten wir die Daten?",
        "Wie lange werden die Daten gespeichert?",
        "Ihre Rechte",
        "Ansprechperson",
        "Angaben zum Kind",
        "Sorgeberechtigte und Kontakt",
        "Sprachen",
        "Schulbesuch vor der Einreise",
        "Erstberatung vom 5. Oktober 2026",
        "Einwilligungen",
        "Schulempfehlung vom 22. November 2026",
        "Zuweisung und Schulbeginn",
        "Vermittelte Angebote",
        "Änderungsverlauf",
        "Zugriffe und Ausgaben (Protokoll)",
    ):
        assert heading in text, heading
    assert "5 Jahre nach dem letzten Kontakt" in text
    assert "erteilt am 01.10.2026 von Iryna Kovalenko" in text  # a consent with its date
    assert "Regelstand 2025-03-17" in text and "Lücken in Mathematik" in text
    # the Art. 9 fields are there and marked as such
    lines = "\n".join(pages).splitlines()
    assert any(re.match(r"Gesundheit \(Art\. 9 DSGVO,\s+" + re.escape(HEALTH), ln) for ln in lines)
    assert any(re.match(r"Besonderer Förderbedarf \(Art\. 9\s+" + NEEDS, ln) for ln in lines)
    assert "freiwillige Angabe" in text and "besonderen Kategorien" in text
    # a history entry: field, old → new
    assert re.search(r"Anschrift\s+Hauptstraße 3\s+Hauptstraße 10", text)
    # many pages, each numbered, the history header repeated on the pages it runs over
    assert len(pages) >= 3
    for n, page in enumerate(pages, 1):
        assert f"Seite {n} von {len(pages)}" in page
    history_pages = [p for p in pages if "Hauptstraße 2" in p or "Hauptstraße 4" in p]
    assert len(history_pages) >= 2
    assert all(re.search(r"Datum\s+Wer\s+Feld\s+vorher\s+nachher", p) for p in history_pages)


def test_names_with_turkish_and_romanian_letters_render(tmp_path):
    name = "Işıl Ğülşen Țărănuș"
    case_file = CaseFile(
        letterhead=HEAD,
        child_name=name,
        created=date(2026, 11, 22),
        reference="SE-1234ABCD",
        explanation=[("Was ist dieses Dokument?", "Eine Auskunft.")],
        sections=[Section("Angaben zum Kind", [("Name", name)]), Section("Sprachen", [])],
        history=[("01.10.2026 10:00", "abecker", "Anschrift", "Alt", "Neu")] * 120,
        access_log=[("01.10.2026 10:00", "abecker", "Fall angesehen")],
    )
    target = tmp_path / "a.pdf"
    build_case_file(case_file, target)
    pages = pdf_pages(target)
    text = flat("\n".join(pages))
    assert f"gespeicherte Daten zu {name}" in text
    assert "Keine Angaben gespeichert." in text  # the empty section says so
    assert len(pages) >= 3
    assert sum(bool(re.search(r"Datum\s+Wer\s+Feld\s+vorher\s+nachher", p)) for p in pages) >= 2
