"""The coordinates of an offer in the offer editing service: both or none, ranges, a sanity
check for NRW with a message naming the field; and the demo catalogue's positions."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.coordinates import coordinate_problem
from ki_desktop.services import offer_editing as editing
from ki_desktop.services import offers
from ki_desktop.services.database import ServiceError
from ki_desktop.store.users import recent_events

DAY = date(2026, 11, 22)
BOCHOLT = "05554008"
SEED = Path(__file__).parents[2] / "resources" / "seed" / "angebote-beispiel.json"


@pytest.fixture
def catalogue(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=DAY)
    return open_db


def new_offer(**changes) -> dm.Offer:
    offer = dm.Offer(
        title="Elterncafé am Markt",
        category="Begegnung",
        languages=["de", "ar"],
        municipality_ags=BOCHOLT,
        address="Markt 1, 46395 Bocholt",
    )
    return replace(offer, **changes)


CASES = [
    # (latitude, longitude, municipality, field or None, message part)
    (None, None, BOCHOLT, None, ""),
    (51.838, 6.615, BOCHOLT, None, ""),
    (51.838, 6.615, "", None, ""),
    (52.6, 5.8, BOCHOLT, None, ""),  # edge of the box around NRW
    (
        51.838,
        None,
        BOCHOLT,
        "longitude",
        "Koordinaten: Bitte Breite und Länge angeben oder beide Felder leer lassen.",
    ),
    (None, 6.615, BOCHOLT, "latitude", "Koordinaten: Bitte Breite und Länge angeben"),
    (95.5, 6.615, BOCHOLT, "latitude", "Breite: 95,5 liegt nicht zwischen −90 und 90 Grad."),
    (51.838, -190.0, BOCHOLT, "longitude", "Länge: -190 liegt nicht zwischen −180 und 180 Grad."),
    (
        6.615,
        51.838,
        BOCHOLT,
        "coordinates",
        "Koordinaten: Breite 6,615 und Länge 51,838 liegen nicht in NRW – Breite und Länge "
        "vertauscht?",
    ),
    (
        48.137,
        11.575,
        BOCHOLT,
        "coordinates",
        "Koordinaten: Breite 48,137 und Länge 11,575 liegen nicht in NRW. Bitte prüfen: In NRW "
        "liegt die Breite etwa zwischen 50,3 und 52,6, die Länge zwischen 5,8 und 9,5.",
    ),
    (50.29, 6.615, "", "coordinates", "liegen nicht in NRW."),
]


@pytest.mark.parametrize(("lat", "lon", "ags", "field", "message"), CASES)
def test_coordinate_checks_name_the_field(catalogue, lat, lon, ags, field, message):
    offer = new_offer(latitude=lat, longitude=lon, municipality_ags=ags)
    problems = editing.offer_problems(offer, None, {BOCHOLT})
    if field is None:
        assert problems == []
        return
    assert [p.field for p in problems] == [field]
    assert message in problems[0].message


@pytest.mark.parametrize(("lat", "lon", "ags", "field", "message"), CASES)
def test_saving_refuses_what_the_checks_find(catalogue, lat, lon, ags, field, message):
    offer = new_offer(latitude=lat, longitude=lon, municipality_ags=ags)
    before = offers.offer_count()
    if field is not None:
        with pytest.raises(ServiceError, match=message[:20]):
            editing.save_offer(offer, None, "anna")
        assert offers.offer_count() == before
        return
    saved = editing.save_offer(offer, None, "anna")
    assert (saved.latitude, saved.longitude) == (lat, lon)


def test_changing_the_position_is_audited(catalogue):
    saved = editing.save_offer(new_offer(latitude=51.838, longitude=6.615), None, "anna")
    editing.save_offer(replace(saved, latitude=51.84, longitude=6.62), None, "anna")
    event = recent_events("offer.")[0]
    assert event.action == "offer.update"
    assert json.loads(event.detail)["fields"] == ["latitude", "longitude"]


def test_demo_catalogue_has_about_ten_positions_all_in_nrw(catalogue):
    seed = json.loads(SEED.read_text(encoding="utf-8"))["offers"]
    expected = {
        (o["title"], o["address"]): (o["latitude"], o["longitude"]) for o in seed if "latitude" in o
    }
    assert 8 <= len(expected) <= 12
    loaded = {(o.title, o.address): (o.latitude, o.longitude) for o in offers.offers()}
    for key, position in expected.items():
        assert loaded[key] == position
    with_position = [o for o in offers.offers() if o.latitude is not None]
    assert len(with_position) == len(expected)
    for o in with_position:
        assert coordinate_problem(o.latitude, o.longitude, o.municipality_ags) is None, o.title
