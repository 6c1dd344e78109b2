"""Searching offers through the service: text, typos, filters, neighbours, bad input."""

from datetime import date

import pytest

from ki_desktop.services import offers
from ki_desktop.services.database import ServiceError
from ki_desktop.services.offers import OfferFilter

DAY = date(2026, 11, 22)


@pytest.fixture
def catalogue(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    return open_db


def titles(text, **filters):
    filters.setdefault("valid_on", DAY)
    return [o.title for o in offers.search_offers(text, OfferFilter(**filters))]


@pytest.mark.parametrize("fts", [True, False])
def test_typo_falls_back_to_similar_words(catalogue, fts):
    result = offers.search("Hausaufgabnhilfe", OfferFilter(valid_on=DAY), fts=fts)
    assert result.corrections == {"hausaufgabnhilfe": ["hausaufgabenhilfe"]}
    assert result.offers
    assert all("Hausaufgabenhilfe" in o.title for o in result.offers)


def test_typo_while_typing_and_an_exact_hit_needs_no_correction(catalogue):
    assert "Hausaufgabenhilfe Grundschule" in titles("hausaufgabn")
    exact = offers.search("Hausaufgabenhilfe", OfferFilter(valid_on=DAY))
    assert exact.corrections == {}


def test_nothing_similar_finds_nothing(catalogue):
    result = offers.search("Quantenphysik", OfferFilter(valid_on=DAY))
    assert result.offers == [] and result.corrections == {}


def test_umlauts_and_sharp_s(catalogue):
    assert titles("Fussball") == titles("Fußball") == titles("FUSSBALL") != []
    assert set(titles("Sudlohn")) == set(titles("Südlohn")) != set()


def test_word_parts(catalogue):
    found = titles("Kurs", limit=None)
    assert "Integrationskurs (allgemein)" in found
    assert "Sprachkurse für Eltern im Familienzentrum" in found


def test_municipality_and_neighbours(catalogue):
    alone = offers.search_offers("", OfferFilter(municipality_ags="05554060", valid_on=DAY))
    assert alone and {o.municipality_name for o in alone} == {"Südlohn"}
    near = offers.search_offers(
        "", OfferFilter(municipality_ags="05554060", neighbours=True, valid_on=DAY, limit=None)
    )
    names = [o.municipality_name for o in near]
    assert names[: len(alone)] == ["Südlohn"] * len(alone)
    assert {"Stadtlohn", "Borken", "Vreden"} <= set(names)
    assert "Warendorf" not in names
    closer = offers.search_offers(
        "",
        OfferFilter(
            municipality_ags="05554060", neighbours=True, radius_km=8, valid_on=DAY, limit=None
        ),
    )
    assert {o.municipality_name for o in closer} == {"Südlohn", "Stadtlohn"}


def test_passende_angebote_for_a_child(catalogue):
    """Age, family language and home municipality with neighbours, as with a case open."""
    found = offers.search_offers(
        "",
        OfferFilter(
            age=14, language="ti", municipality_ags="05570052", neighbours=True, valid_on=DAY
        ),
    )
    assert found
    for offer in found:
        assert "ti" in offer.languages
        assert (offer.age_min or 0) <= 14 <= (offer.age_max or 200)


def test_default_is_today_and_hides_expired(catalogue):
    today = [o.title for o in offers.search_offers("sommerkurs")]
    assert "Deutsch-Sommerkurs 2025" not in today
    assert "Deutsch-Sommerkurs 2025" in [
        o.title for o in offers.search_offers("sommerkurs", OfferFilter(include_expired=True))
    ]


@pytest.mark.parametrize(
    "filters, message",
    [
        (OfferFilter(language="xx"), "kein bekannter Sprachcode"),
        (OfferFilter(municipality_ags="5554060"), "kein Gemeindeschlüssel"),
        (OfferFilter(municipality_ags="05554999"), "nicht bekannt"),
        (OfferFilter(age=130), "zwischen 0 und 120"),
    ],
)
def test_bad_filters(catalogue, filters, message):
    with pytest.raises(ServiceError, match=message):
        offers.search_offers("", filters)


def test_lists_for_the_filter_widgets(catalogue):
    assert "Sprachkurs" in offers.categories()
    assert {"de", "ar", "ti", "uk"} <= set(offers.languages_in_use())
    assert offers.provider("Volkshochschule Borken").contact_person == "Herr Wessels"
    assert offers.provider("gibt es nicht") is None
    assert offers.is_language("prs") is False and offers.is_language("ps")
