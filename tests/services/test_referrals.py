"""Referrals of cases to offers, and the profile behind "Passende Angebote", on a real
database."""

from datetime import date, timedelta

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import offers
from ki_desktop.services.database import ServiceError
from ki_desktop.store.cases import add_cases
from ki_desktop.store.models import AuditEvent, Case, Referral
from ki_desktop.store.users import recent_events

DAY = date(2026, 11, 22)


@pytest.fixture
def case_and_offers(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    add_cases(
        [
            dm.Case(
                first_name="Amira",
                last_name="Haddad",
                birth_date=date(2014, 12, 1),
                municipality_ags="05554020",
                first_language="ar",
                languages=[
                    dm.LanguageSkill("ku", is_family_language=True),
                    dm.LanguageSkill("ar", is_first_language=True),
                    dm.LanguageSkill("en", level="A2"),
                ],
            )
        ]
    )
    case_id = Case.get().id
    items = offers.offers()
    return case_id, items[0], items[1]


def test_refer_case_stores_lists_and_audits(case_and_offers):
    case_id, first, second = case_and_offers
    offers.refer_case(case_id, first.id, DAY - timedelta(days=3), "  Mutter meldet an ", "anna")
    entry = offers.refer_case(case_id, second.id, DAY, user="anna", today=DAY)

    assert entry.offer_title == second.title
    listed = offers.referrals_of_case(case_id)
    assert [(r.referred_on, r.offer_title, r.category, r.note) for r in listed] == [
        (DAY, second.title, second.category, ""),
        (DAY - timedelta(days=3), first.title, first.category, "Mutter meldet an"),
    ]
    assert {r.user for r in listed} == {"anna"}
    events = recent_events("case.refer")
    assert len(events) == 2
    assert all(e.target == case_id and e.user == "anna" for e in events)
    assert "Mutter" not in "".join(e.detail for e in events)  # notes stay out of the log


def test_refuses_unknown_case_unknown_offer_and_future_date(case_and_offers):
    case_id, offer, _other = case_and_offers
    before = AuditEvent.select().count()
    with pytest.raises(ServiceError, match="Fall"):
        offers.refer_case("nope", offer.id, DAY)
    with pytest.raises(ServiceError, match="Angebot"):
        offers.refer_case(case_id, "nope", DAY)
    with pytest.raises(ServiceError, match="Zukunft"):
        offers.refer_case(case_id, offer.id, DAY + timedelta(days=1), today=DAY)
    assert Referral.select().count() == 0
    assert AuditEvent.select().count() == before


def test_remove_referral_leaves_a_tombstone(case_and_offers):
    from ki_desktop.store.models import Tombstone

    case_id, offer, _other = case_and_offers
    entry = offers.refer_case(case_id, offer.id, DAY, today=DAY)
    offers.remove_referral(entry.id, user="anna")
    assert offers.referrals_of_case(case_id) == []
    assert Tombstone.get(Tombstone.record_id == entry.id).table == "referral"
    with pytest.raises(ServiceError):
        offers.remove_referral(entry.id)


def test_referrals_go_with_the_case_and_the_offer(case_and_offers):
    from ki_desktop.store.models import Offer

    case_id, first, second = case_and_offers
    offers.refer_case(case_id, first.id, DAY, today=DAY)
    offers.refer_case(case_id, second.id, DAY, today=DAY)
    Offer.delete().where(Offer.id == first.id).execute()
    assert [r.offer_id for r in offers.referrals_of_case(case_id)] == [second.id]
    Case.delete().where(Case.id == case_id).execute()
    assert Referral.select().count() == 0


def test_case_profile_for_matching_offers(case_and_offers):
    case_id, _first, _second = case_and_offers
    profile = offers.case_profile(case_id, DAY)
    assert profile is not None
    assert profile.name == "Haddad, Amira"
    assert profile.age == 11
    assert profile.languages == ("ar", "ku")
    assert profile.municipality_ags == "05554020"
    assert offers.case_profile("nope", DAY) is None
