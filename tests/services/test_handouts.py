"""write_handout: permissions, the audit trail without file names, whole files or none."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.reports import handout as handout_report
from ki_desktop.reports.scripts import ScriptFonts
from ki_desktop.services import handouts, session
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.store.models import AuditEvent, Case, Recommendation, Referral

TODAY = date(2026, 3, 12)


@pytest.fixture
def demo(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=40, seed=5, reference=date(2026, 11, 1))
    return open_db


def recommended_case() -> str:
    return Case.select().join(Recommendation).first().id


def test_school_system_handout_needs_no_case(demo, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    path = handouts.write_handout("school_system", "uk", out / "a.pdf", today=TODAY)
    assert path.read_bytes().startswith(b"%PDF")
    assert list(out.iterdir()) == [path]  # no temporary file left behind


def test_audit_event_names_kind_language_and_case_but_not_the_file(demo, tmp_path):
    case_id = recommended_case()
    handouts.write_handout(
        "recommendation", "ar", tmp_path / "Hamdan-geheim.pdf", case_id, today=TODAY
    )
    event = AuditEvent.select().where(AuditEvent.action == "report.handout").get()
    assert event.user == "test"
    assert event.target == case_id
    assert json.loads(event.detail) == {"kind": "recommendation", "language": "ar"}
    assert "geheim" not in event.detail and ".pdf" not in event.detail


def test_recommendation_needs_a_case(demo, tmp_path):
    with pytest.raises(ServiceError, match="Fall auswählen"):
        handouts.write_handout("recommendation", "ar", tmp_path / "a.pdf")
    with pytest.raises(ServiceError, match="gibt es nicht"):
        handouts.write_handout("poster", "ar", tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()


def test_interpreter_view_reaches_only_its_own_case(demo, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    case_id = recommended_case()
    other = Case.select().where(Case.id != case_id).first().id
    counsellor = session.current()
    session.begin(session.narrowed_to_case(counsellor, case_id))
    path = handouts.write_handout("school_system", "fa", tmp_path / "a.pdf", case_id)
    assert path.exists()
    with pytest.raises(PermissionDenied):
        handouts.write_handout("school_system", "fa", tmp_path / "b.pdf", other)
    # The recommendation for the family, as the view's step „Empfohlene Schule“ shows it.
    assert handouts.write_handout("recommendation", "fa", tmp_path / "c.pdf", case_id).exists()
    with pytest.raises(PermissionDenied):
        handouts.write_handout("recommendation", "fa", tmp_path / "e.pdf", other)
    session.begin(session.Session("stat", "Statistik", frozenset({Role.STATISTICS})))
    with pytest.raises(PermissionDenied):
        handouts.write_handout("school_system", "fa", tmp_path / "d.pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.pdf", "c.pdf"]


def test_offer_sheet_of_the_referred_offers(demo, tmp_path):
    referred = Referral.select().first()
    path = handouts.write_handout(
        "offer_sheet", "ru", tmp_path / "sheet.pdf", referred.case_id, today=TODAY
    )
    assert path.read_bytes().startswith(b"%PDF")
    without = Case.select().where(Case.id.not_in(Referral.select(Referral.case))).first()
    with pytest.raises(ServiceError, match="noch keine Angebote vermittelt"):
        handouts.write_handout("offer_sheet", "ru", tmp_path / "none.pdf", without.id)


def test_missing_font_is_a_message_and_no_file(demo, tmp_path, monkeypatch):
    monkeypatch.setattr(
        handout_report, "ScriptFonts", lambda dirs=None: ScriptFonts([tmp_path / "no-fonts"])
    )
    target = tmp_path / "out" / "a.pdf"
    target.parent.mkdir()
    with pytest.raises(ServiceError, match="Schrift"):
        handouts.write_handout("school_system", "ar", target, today=TODAY)
    assert list(target.parent.iterdir()) == []


def test_defaults_and_languages(demo):
    case_id = recommended_case()
    defaults = handouts.handout_defaults(case_id, "school_system", TODAY)
    assert defaults.file_stem == f"Elterninfo-Schulsystem-{defaults.language}-2026-03-12"
    assert handouts.file_stem("offer_sheet", "ti", TODAY) == "Angebotsblatt-ti-2026-03-12"
    labels = dict(handouts.handout_languages())
    assert labels["ar"] == "Arabisch – العربية"
    assert labels["en"] == "Englisch – English"
    assert labels["sq"] == "Albanisch – shqip (nur teilweise übersetzt)"
    assert labels["de"] == "Nur Deutsch"
    assert list(labels)[:12] == list(handouts.FAMILY_LANGUAGES)
