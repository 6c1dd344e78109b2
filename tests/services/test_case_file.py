"""The Art. 15 case file as a service: everything collected, audited, atomic, cancellable."""

from __future__ import annotations

import json
import subprocess
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import cases, intake, placement
from ki_desktop.services.case_file import collect_case_file, write_case_file
from ki_desktop.services.database import ServiceError
from ki_desktop.services.export_files import ExportCancelled
from ki_desktop.store.connection import set_setting
from ki_desktop.store.users import recent_events
from tests.services.test_intake import full_case

TODAY = date(2026, 11, 22)
HEALTH = "Asthma, Notfallspray im Ranzen"
NEEDS = "Förderbedarf Sehen"


@pytest.fixture
def out(tmp_path):
    """An empty folder for the exports (the database lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def pdf_text(path) -> str:
    out = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return out


def stored_case(changes: int = 3, consent: bool = True, **over) -> str:
    """A case of a Syrian girl with health notes, an accepted recommendation, an assignment
    and ``changes`` saved edits of the address (history)."""
    case = full_case(
        last_name="Şahin-Moldoveanu",
        first_name="Ayşe Ștefania",
        nationality="SY",
        country_of_birth="SY",
        first_language="ar",
        **over,
    )
    case.languages = [dm.LanguageSkill("ar", "", True, True), dm.LanguageSkill("en", "A2")]
    case.interviews[0].special_needs = NEEDS
    case.interviews[0].health_notes = HEALTH
    if not consent:
        case.consents = [c for c in case.consents if c.kind != "school_schulamt"]
    case_id, _ = intake.save_case(case, "abecker", TODAY)
    for n in range(changes):
        again = cases.case_detail(case_id, "abecker")
        again.address = f"Hauptstraße {n + 10}"
        intake.save_case(again, "mkaya", TODAY)
    result = placement.recommend_for_case(case_id, TODAY)
    placement.accept_recommendation(
        case_id,
        result,
        {"grade": (result.grade - 1, "Lücken in Mathematik")},
        "abecker",
        today=TODAY,
    )
    if result.schools:
        placement.record_assignment(case_id, result.schools[0]["schulnummer"], TODAY, "abecker")
    return case_id


def test_collects_every_part_of_the_case(demo_db):
    case_id = stored_case(changes=2)
    case_file = collect_case_file(case_id, TODAY)
    titles = [s.title for s in case_file.sections]
    for expected in (
        "Angaben zum Kind",
        "Sorgeberechtigte und Kontakt",
        "Sprachen",
        "Schulbesuch vor der Einreise",
        "Erstberatung vom 5. Oktober 2026",
        "Einwilligungen",
        "Schulempfehlung vom 22. November 2026",
        "Zuweisung und Schulbeginn",
        "Vermittelte Angebote",
    ):
        assert expected in titles
    values = {v for s in case_file.sections for _label, v in s.rows}
    assert HEALTH in values and NEEDS in values  # the family sees everything
    assert "erteilt am 01.10.2026 von Iryna Kovalenko" in values
    assert any("Lücken in Mathematik" in v and "R6" in v for v in values)
    # the change history, oldest first, with German field names and only what changed
    assert case_file.history[0][2] == "Fall angelegt"
    address = [row for row in case_file.history if row[2] == "Anschrift"]
    assert [(r[3], r[4]) for r in address] == [
        ("Hauptstraße 3", "Hauptstraße 10"),
        ("Hauptstraße 10", "Hauptstraße 11"),
    ]
    actions = [row[2] for row in case_file.access_log]
    assert "Fall angesehen" in actions and "Schulempfehlung übernommen" in actions
    assert case_file.explanation[2][1].startswith(
        "Die Daten werden spätestens 5 Jahre nach dem letzten Kontakt gelöscht."
    )


def test_retention_setting_is_used(demo_db):
    set_setting("retention_months", "12")
    case_file = collect_case_file(stored_case(changes=0), TODAY)
    assert "spätestens 1 Jahr nach dem letzten Kontakt" in case_file.explanation[2][1]


def test_writes_pdf_and_audits_without_personal_data(demo_db, out):
    case_id = stored_case()
    seen: list[tuple[int, int]] = []
    target = write_case_file(
        case_id,
        out / "Auskunft Şahin.pdf",
        "abecker",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert target.read_bytes().startswith(b"%PDF")
    assert "Ayşe Ștefania Şahin-Moldoveanu" in " ".join(pdf_text(target).split())
    assert seen[-1] == (100, 100)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
    assert sorted(p.name for p in out.iterdir()) == ["Auskunft Şahin.pdf"]
    event = recent_events("case.case_file")[0]
    assert (event.user, event.target) == ("abecker", case_id)
    assert "Şahin" not in event.detail and "Auskunft" not in event.detail
    assert json.loads(event.detail or "{}") == {}


def test_cancelled_leaves_no_file(demo_db, out):
    case_id = stored_case()
    with pytest.raises(ExportCancelled):
        write_case_file(case_id, out / "a.pdf", "abecker", cancelled=lambda: True)
    calls = {"n": 0}

    def late_cancel() -> bool:  # cancelled while the PDF is being laid out
        calls["n"] += 1
        return calls["n"] > 6

    with pytest.raises(ExportCancelled):
        write_case_file(case_id, out / "b.pdf", "abecker", cancelled=late_cancel)
    assert list(out.iterdir()) == []
    assert recent_events("case.case_file") == []


def test_existing_file_survives_a_cancelled_export(demo_db, out):
    target = out / "a.pdf"
    target.write_bytes(b"old")
    with pytest.raises(ExportCancelled):
        write_case_file(stored_case(), target, "abecker", cancelled=lambda: True)
    assert target.read_bytes() == b"old"


def test_unknown_case_and_unwritable_folder(demo_db, out):
    with pytest.raises(ServiceError, match="nicht gefunden"):
        write_case_file("0" * 32, out / "a.pdf")
    with pytest.raises(ServiceError, match="kann nicht geschrieben werden"):
        write_case_file(stored_case(), out / "fehlt" / "a.pdf")
    assert list(out.iterdir()) == []


def test_missing_font_is_a_clear_message(demo_db, out, monkeypatch):
    from ki_desktop.reports import case_file as report
    from ki_desktop.reports.pdf_style import FontMissingError

    def no_font(_dirs=None):
        raise FontMissingError("Keine Schrift für die Briefe gefunden")

    monkeypatch.setattr(report, "letter_fonts", no_font)
    with pytest.raises(ServiceError, match="Keine Schrift"):
        write_case_file(stored_case(), out / "a.pdf")
    assert list(out.iterdir()) == []
