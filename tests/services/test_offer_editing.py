"""Keeping single offers by hand: checks, create, update, stale versions, delete, audit; on a
real database."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import offer_editing as editing
from ki_desktop.services import offers
from ki_desktop.services.database import ServiceError
from ki_desktop.store.cases import add_cases
from ki_desktop.store.models import Case, Offer, Tombstone
from ki_desktop.store.users import recent_events

DAY = date(2026, 11, 22)
BORKEN = "05554008"  # Bocholt
PROVIDER = dm.Provider("Familienzentrum Sonnenblume", "Frau Yilmaz", "02871 0000-11", "fz@x.de")


@pytest.fixture
def catalogue(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    return open_db


def new_offer(**changes) -> dm.Offer:
    offer = dm.Offer(
        title="Elterncafé mit Sprachmittlung",
        category="Begegnung",
        age_min=0,
        age_max=6,
        target_group="Eltern mit kleinen Kindern",
        languages=["de", "ar", "fa"],
        free_of_charge=True,
        municipality_ags=BORKEN,
        address="Markt 1, 46395 Bocholt",
        schedule="dienstags 9–11 Uhr",
        valid_from=date(2026, 1, 1),
        valid_to=None,
        accessibility="ebenerdig",
        description_de="Austausch bei Kaffee und Tee; Sprachmittlerinnen helfen.",
        descriptions={"ar": "لقاء للآباء والأمهات", "fa": "دیدار والدین"},
    )
    return replace(offer, **changes)


BAD_INPUTS = [
    ({"title": "  "}, None, "Titel: Bitte einen Titel eintragen."),
    ({"category": ""}, None, "Kategorie: Bitte eine Kategorie"),
    ({"age_min": 130}, None, "Alter: 130 ist kein mögliches Lebensalter (0 bis 120)."),
    ({"age_max": -1}, None, "Alter: -1 ist kein mögliches Lebensalter"),
    ({"age_min": 12, "age_max": 6}, None, "Mindestalter (12) ist größer als das Höchstalter (6)"),
    ({"languages": ["de", "xx"]}, None, "Sprachen: unbekannter Sprachcode (ISO 639): „xx“"),
    ({"municipality_ags": "05999999"}, None, "Gemeinde: Die Gemeinde mit dem Schlüssel 05999999"),
    (
        {"valid_from": date(2026, 5, 1), "valid_to": date(2026, 4, 30)},
        None,
        "Gültigkeit: „gültig von“ (01.05.2026) liegt nach „gültig bis“ (30.04.2026).",
    ),
    ({"descriptions": {"de": "Doppelt"}}, None, "gehört in das Feld „Beschreibung (Deutsch)“"),
    ({"descriptions": {"zz": "Text"}}, None, "„zz“ ist kein bekannter Sprachcode"),
    ({"descriptions": {"": "Text"}}, None, "Bitte zu jedem Text die Sprache wählen."),
    ({}, dm.Provider("", contact_person="Frau Berg"), "Träger: Bitte den Träger eintragen"),
    ({}, replace(PROVIDER, email="fz at x.de"), "E-Mail: „fz at x.de“ ist keine gültige"),
]


@pytest.mark.parametrize(("changes", "provider", "expected"), BAD_INPUTS)
def test_bad_input_is_refused_naming_the_field(catalogue, changes, provider, expected):
    before = offers.offer_count()
    with pytest.raises(ServiceError) as err:
        editing.save_offer(new_offer(**changes), provider or PROVIDER, "anna")
    assert expected in str(err.value)
    assert offers.offer_count() == before


def test_problems_while_typing_name_each_field(catalogue):
    offer = new_offer(title="", age_min=9, age_max=3, languages=["qq"])
    problems = editing.offer_problems(offer, PROVIDER, {BORKEN})
    assert [p.field for p in problems] == ["title", "ages", "languages"]
    assert editing.offer_problems(new_offer(), PROVIDER, {BORKEN}) == []


def test_create_with_new_provider_is_found_and_audited(catalogue):
    before = offers.offer_count()
    saved = editing.save_offer(
        new_offer(title="  Elterncafé mit Sprachmittlung "), PROVIDER, "anna"
    )

    assert offers.offer_count() == before + 1
    assert saved.id and saved.version == 1
    assert saved.title == "Elterncafé mit Sprachmittlung"
    assert saved.provider_name == PROVIDER.name and saved.municipality_name == "Bocholt"
    assert saved.description_in("ar") == "لقاء للآباء والأمهات"
    assert offers.provider(PROVIDER.name).phone == "02871 0000-11"
    found = offers.search_offers("sonnenblume", offers.OfferFilter(valid_on=DAY))
    assert [o.id for o in found] == [saved.id]
    [event] = recent_events("offer.")
    assert (event.action, event.user, event.target) == ("offer.create", "anna", saved.id)


def test_same_title_provider_and_place_twice_is_refused(catalogue):
    editing.save_offer(new_offer(), PROVIDER, "anna")
    with pytest.raises(ServiceError, match="gibt es schon"):
        editing.save_offer(new_offer(), PROVIDER, "anna")
    # Elsewhere it is another offer.
    editing.save_offer(new_offer(municipality_ags="05570052"), PROVIDER, "anna")


def test_update_changes_offer_and_provider_and_audits_the_fields(catalogue):
    stored = offers.offers()[0]
    offer, provider = editing.offer_for_editing(stored.id)
    assert offer.version == 1 and provider.name == offer.provider_name
    changed = replace(offer, schedule="neu: montags", languages=["de", "uk"], valid_to=None)
    saved = editing.save_offer(changed, replace(provider, phone=""), "ben")

    assert saved.version == 2
    assert saved.schedule == "neu: montags" and saved.languages == ["de", "uk"]
    assert offers.provider(provider.name).phone == ""  # cleared, not kept
    [event] = recent_events("offer.")
    assert event.action == "offer.update" and event.target == stored.id
    detail = json.loads(event.detail)
    assert detail["fields"] == ["languages", "schedule", "provider.phone"]
    found = offers.search_offers("", offers.OfferFilter(language="uk", valid_on=DAY))
    assert stored.id in {o.id for o in found}  # the search index follows


def test_saving_unchanged_offer_writes_no_new_version(catalogue):
    offer, provider = editing.offer_for_editing(offers.offers()[0].id)
    assert editing.save_offer(offer, provider, "ben").version == offer.version
    assert recent_events("offer.") == []


def test_stale_version_is_refused_without_overwriting(catalogue):
    offer, provider = editing.offer_for_editing(offers.offers()[0].id)
    editing.save_offer(replace(offer, schedule="von Ben"), provider, "ben")
    with pytest.raises(ServiceError, match="inzwischen von jemand anderem geändert"):
        editing.save_offer(replace(offer, schedule="von Anna"), provider, "anna")
    assert editing.offer_for_editing(offer.id)[0].schedule == "von Ben"


def test_saving_a_deleted_offer_is_refused(catalogue):
    offer, provider = editing.offer_for_editing(offers.offers()[0].id)
    editing.delete_offer(offer.id, "ben")
    with pytest.raises(ServiceError, match="inzwischen gelöscht"):
        editing.save_offer(replace(offer, schedule="x"), provider, "anna")


def test_offer_without_provider_and_place(catalogue):
    saved = editing.save_offer(
        new_offer(municipality_ags="", descriptions={}, age_min=None, age_max=None), None, "anna"
    )
    assert saved.provider_name == "" and saved.municipality_ags == ""
    assert saved.age_min is None and saved.age_max is None


def test_delete_leaves_tombstone_and_audit(catalogue):
    offer = offers.offers()[0]
    before = offers.offer_count()
    editing.delete_offer(offer.id, "anna")
    assert offers.offer_count() == before - 1
    assert Tombstone.get(Tombstone.record_id == offer.id).table == "offer"
    assert offer.id not in {o.id for o in offers.search_offers(offer.title)}
    [event] = recent_events("offer.")
    assert (event.action, event.target) == ("offer.delete", offer.id)
    with pytest.raises(ServiceError, match="nicht gefunden"):
        editing.delete_offer(offer.id, "anna")


def test_delete_is_refused_while_referrals_point_to_the_offer(catalogue):
    add_cases([dm.Case(first_name="Amira", last_name="Haddad", birth_date=date(2014, 12, 1))])
    offer = offers.offers()[0]
    offers.refer_case(Case.get().id, offer.id, DAY, user="anna", today=DAY)
    with pytest.raises(ServiceError) as err:
        editing.delete_offer(offer.id, "anna")
    assert "1 Vermittlung eines Falls verweist darauf" in str(err.value)
    assert "gültig bis" in str(err.value)
    assert Offer.get_or_none(Offer.id == offer.id) is not None
    assert len(offers.referrals_of_case(Case.get().id)) == 1
