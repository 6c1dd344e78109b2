"""Coordinates of offers in the store: written and read by every path (single save, bulk add,
CSV import, search), cleared again, and carried by sync."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.offer_search import OfferFilter, SearchTerms
from ki_desktop.store import offer_search as index
from ki_desktop.store import offers as repo
from ki_desktop.store.models import DB, Municipality
from ki_desktop.store.sync_records import BY_NAME
from tests import backend

DAY = date(2026, 11, 22)
BOCHOLT = "05554008"


@pytest.fixture
def store(open_db):
    Municipality.create(ags=BOCHOLT, name="Bocholt", kreis="05554")
    return open_db


def offer(**changes) -> dm.Offer:
    base = dm.Offer(
        title="Nähcafé International",
        category="Begegnung",
        languages=["de", "ar"],
        municipality_ags=BOCHOLT,
        address="Nordstraße 12, 46399 Bocholt",
        latitude=51.8381234,
        longitude=6.6151234,
    )
    return replace(base, **changes)


def stored_row(offer_id: str) -> tuple:
    """The stored coordinates and the stored type ("real" or "null"; the server's column is
    checked to be an 8-byte float in ``test_columns_are_nullable_reals``)."""
    kind = (
        "CASE WHEN latitude IS NULL THEN 'null' ELSE 'real' END"
        if backend.on_server()
        else "typeof(latitude)"
    )
    return DB.execute_sql(
        f"SELECT latitude, longitude, {kind} FROM offer WHERE id = ?", (offer_id,)
    ).fetchone()


def test_save_and_read_back_exactly(store):
    offer_id, _version = repo.save_offer(offer(), dm.Provider("Caritas"))
    assert stored_row(offer_id) == (51.8381234, 6.6151234, "real")
    back = repo.get_offer(offer_id)
    assert (back.latitude, back.longitude) == (51.8381234, 6.6151234)
    assert [(o.latitude, o.longitude) for o in repo.list_offers()] == [(51.8381234, 6.6151234)]


@pytest.mark.parametrize("fts", [True, False])
def test_search_results_carry_the_coordinates(store, fts):
    repo.save_offer(offer(), None)
    repo.save_offer(offer(title="Lesepaten", latitude=None, longitude=None), None)
    found = index.search(SearchTerms.of(""), OfferFilter(), DAY, None, fts)
    assert {o.title: (o.latitude, o.longitude) for o in found} == {
        "Nähcafé International": (51.8381234, 6.6151234),
        "Lesepaten": (None, None),
    }


def test_cleared_coordinates_are_stored_as_null(store):
    offer_id, version = repo.save_offer(offer(), None)
    cleared = replace(offer(), id=offer_id, version=version, latitude=None, longitude=None)
    repo.save_offer(cleared, None)
    assert stored_row(offer_id) == (None, None, "null")
    assert repo.get_offer(offer_id).latitude is None


def test_bulk_add_and_csv_import_write_them(store):
    assert repo.add_offers([offer()], []) == 1
    [added] = repo.list_offers()
    assert (added.latitude, added.longitude) == (51.8381234, 6.6151234)
    # importing the same offer again (same title, provider, municipality) updates its position
    result = repo.save_offers([offer(latitude=51.9, longitude=6.7)], [])
    assert (result.created, result.updated) == (0, 1)
    assert stored_row(added.id)[:2] == (51.9, 6.7)
    assert repo.save_offers([offer(latitude=51.9, longitude=6.7)], []).unchanged == 1


def test_sync_carries_the_coordinates(store):
    assert {"latitude", "longitude"} <= set(BY_NAME["offer"].fields)


def test_columns_are_nullable_reals(store, db_path):
    if backend.on_server():
        rows = backend.run(
            db_path,
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_name = 'offer'",
        )
        columns = {name: (kind, nullable) for name, kind, nullable in rows}
        wide = ("double precision", "YES")  # 8 bytes, as SQLite's REAL
        assert columns["latitude"] == wide and columns["longitude"] == wide
        return
    con = sqlite3.connect(db_path)
    columns = {r[1]: (r[2], r[3]) for r in con.execute('PRAGMA table_info("offer")')}
    con.close()
    assert columns["latitude"] == ("REAL", 0) and columns["longitude"] == ("REAL", 0)
