"""The placement letter from a stored case: consent first, then a real PDF."""

import subprocess
from datetime import date

import pytest

from ki_desktop.services import intake, placement
from ki_desktop.services.database import ServiceError
from ki_desktop.services.placement_letter import write_placement_letter
from tests.services.test_intake import full_case

TODAY = date(2026, 11, 22)


def pdf_text(path) -> str:
    return subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_refused_without_consent(demo_db, tmp_path):
    case = full_case(last_name="Şahin", first_name="Ömer")
    case.consents = [c for c in case.consents if c.kind != "school_schulamt"]
    case_id, _ = intake.save_case(case, "abecker", TODAY)
    with pytest.raises(ServiceError, match="Einwilligung"):
        write_placement_letter(case_id, tmp_path / "brief.pdf", "abecker", TODAY)
    assert not (tmp_path / "brief.pdf").exists()


def test_letter_contains_child_school_forms_and_reasons(demo_db, tmp_path):
    case_id, _ = intake.save_case(full_case(last_name="Şahin", first_name="Ömer"), "abecker", TODAY)
    result = placement.recommend_for_case(case_id, TODAY)
    placement.accept_recommendation(
        case_id,
        result,
        {"grade": (result.grade - 1, "Lücken in Mathematik")},
        user="abecker",
        today=TODAY,
    )
    target = write_placement_letter(case_id, tmp_path / "brief.pdf", "abecker", TODAY)
    text = pdf_text(target)
    flat = " ".join(text.split())
    assert "Ömer" in flat and "Şahin" in flat
    assert "10. März 2014" in flat  # babel long date
    assert "Gesamtschule" in flat and "Staatliches Schulamt für den Kreis Borken" in flat
    assert "Lücken in Mathematik" in flat
    for reason in result.reasons[:3]:
        assert reason.split(":")[0] in flat
    assert "Regelstand: 2025-03-17" in flat
