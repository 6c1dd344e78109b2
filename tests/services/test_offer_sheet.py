"""The offer sheet from stored offers: the family's language from the case, errors, audit."""

from __future__ import annotations

import subprocess
import unicodedata
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import intake
from ki_desktop.services import offers as offer_service
from ki_desktop.services.database import ServiceError
from ki_desktop.services.offer_sheet import family_language, sheet_languages, write_offer_sheet
from ki_desktop.store.users import recent_events
from tests.services.test_intake import full_case

TODAY = date(2026, 11, 22)


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", out.stdout)


def offers_with(language: str) -> list[dm.Offer]:
    return [o for o in offer_service.offers() if o.descriptions.get(language)]


def test_family_language_from_the_case():
    case = full_case()
    assert family_language(case) == "uk"
    case.languages = [dm.LanguageSkill("ru", "B1"), dm.LanguageSkill("ar", "", True, False)]
    assert family_language(case) == "ar"
    case.languages, case.first_language = [], "fa"
    assert family_language(case) == "fa"
    case.first_language = ""
    assert family_language(case) == "de"


def test_sheet_for_a_case_uses_its_family_language(demo_db, tmp_path):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)  # Ukrainian family
    chosen = offers_with("uk")[:3]
    path = write_offer_sheet(
        [o.id for o in chosen], tmp_path / "blatt.pdf", case_id, user="abecker", today=TODAY
    )
    flat = " ".join(pdf_text(path).split())
    assert "Пропозиції для вашої родини" in flat
    for offer in chosen:
        assert offer.title in flat
        assert " ".join(offer.descriptions["uk"].split()[:4]) in flat
    event = recent_events("report.offer_sheet", 1)[0]
    assert event.user == "abecker" and event.target == case_id
    assert "blatt.pdf" in event.detail and "uk" in event.detail


def test_sheet_in_arabic_from_the_demo_offers(demo_db, tmp_path):
    chosen = offers_with("ar")[:4]
    path = write_offer_sheet(
        [o.id for o in chosen], tmp_path / "ar.pdf", language="ar", today=TODAY
    )
    text = pdf_text(path)
    for offer in chosen:
        for word in offer.descriptions["ar"].replace("«", " ").replace("»", " ").split()[:3]:
            assert word.strip("().,،؛") in text, word


def test_provider_contact_is_printed(demo_db, tmp_path):
    offer = offers_with("ar")[0]
    provider = offer_service.provider(offer.provider_name)
    path = write_offer_sheet([offer.id], tmp_path / "a.pdf", today=TODAY)
    flat = " ".join(pdf_text(path).split())
    assert provider.contact_person in flat and provider.phone in flat and provider.email in flat


def test_sheet_languages_count_the_descriptions(demo_db):
    chosen = offers_with("fa")[:2]
    counts = dict(sheet_languages([o.id for o in chosen]))
    assert counts["fa"] == 2
    assert "de" not in counts
    assert "uk" in counts  # a translated heading is enough to offer the language


@pytest.mark.parametrize(
    ("ids", "message"),
    [
        ([], "mindestens ein Angebot"),
        (["no-such-offer"], "nicht gefunden"),
    ],
)
def test_errors_for_no_or_unknown_offers(demo_db, tmp_path, ids, message):
    with pytest.raises(ServiceError, match=message):
        write_offer_sheet(ids, tmp_path / "x.pdf", language="ar")
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_case(demo_db, tmp_path):
    offer = offer_service.offers()[0]
    with pytest.raises(ServiceError, match="Fall wurde nicht gefunden"):
        write_offer_sheet([offer.id], tmp_path / "x.pdf", case_id="no-such-case")


def test_missing_font_becomes_a_service_error(demo_db, tmp_path, monkeypatch):
    from ki_desktop.reports import offer_sheet as report

    real = report.ScriptFonts
    monkeypatch.setattr(report, "ScriptFonts", lambda dirs=None: real([tmp_path / "none"]))
    offer = offers_with("ti")[0]
    with pytest.raises(ServiceError, match="fonts-"):
        write_offer_sheet([offer.id], tmp_path / "x.pdf", language="ti")


def test_unwritable_target(demo_db, tmp_path):
    offer = offer_service.offers()[0]
    with pytest.raises(ServiceError, match="kann nicht geschrieben werden"):
        write_offer_sheet([offer.id], tmp_path / "missing-folder" / "x.pdf")
