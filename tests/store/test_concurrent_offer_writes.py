"""Offers written at the same time by several people: an import (CSV, or one offer by id) does
not undo a save in the dialog made while it ran, and of two people creating the same offer at
once only one succeeds, the other is told that it exists."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import offer_editing
from ki_desktop.services.database import ServiceError
from ki_desktop.store import offers as repo
from tests.store.concurrency import Hold, interleave


@pytest.fixture
def offer_id(open_db):
    offer = dm.Offer(title="Sprachcafé", category="Sprache", schedule="dienstags")
    return repo.save_offer(offer, dm.Provider("Caritas", phone="0151"))[0]


def _hand_save(loaded: dm.Offer) -> str:
    return repo.save_offer(replace(loaded, address="Markt 1"), dm.Provider("Caritas", "", "0151"))[
        0
    ]


def _imported(loaded: dm.Offer) -> dm.Offer:
    return replace(loaded, schedule="mittwochs", id=None, version=0)


IMPORTS = {
    "one offer": lambda offer: repo.update_offer(replace(_imported(offer), id=offer.id)),
    "catalogue": lambda offer: repo.save_offers([_imported(offer)], []).updated == 1,
}


@pytest.mark.parametrize("name", IMPORTS)
def test_a_save_while_an_import_holds_the_offer_is_not_undone(name, offer_id, monkeypatch):
    """The import has read the offer; a save in the dialog waits for it and then sees the
    import's new version instead of being overwritten by it."""
    loaded = repo.get_offer(offer_id)
    hold = Hold(monkeypatch, "first", 'FROM "offer"')
    outcome = interleave(lambda: IMPORTS[name](loaded), lambda: _hand_save(loaded), hold)
    assert outcome["first"] is True, outcome
    stored = repo.get_offer(offer_id)
    assert stored.schedule == "mittwochs"
    if isinstance(outcome["second"], repo.StaleOfferError):
        assert (stored.address, stored.version) == ("", loaded.version + 1)
    else:
        assert outcome["second"] == offer_id, outcome
        assert (stored.address, stored.version) == ("Markt 1", loaded.version + 2)


@pytest.mark.parametrize("name", IMPORTS)
def test_an_import_after_a_save_counts_the_version_up_again(name, offer_id, monkeypatch):
    """The import waits for a save that holds the offer and then writes the file's values
    (a file holds every field of an offer); both writes show in the version, so a dialog
    opened before the import cannot save over it unnoticed."""
    loaded = repo.get_offer(offer_id)
    hold = Hold(monkeypatch, "first", 'FROM "offer"')
    outcome = interleave(lambda: _hand_save(loaded), lambda: IMPORTS[name](loaded), hold)
    assert outcome == {"first": offer_id, "second": True}, outcome
    stored = repo.get_offer(offer_id)
    assert (stored.schedule, stored.address) == ("mittwochs", "")
    assert stored.version == loaded.version + 2
    with pytest.raises(repo.StaleOfferError):
        repo.save_offer(replace(loaded, accessibility="Aufzug"), None)


def _create(title: str) -> dm.Offer:
    offer = dm.Offer(title=title, category="Sport", municipality_ags="")
    return offer_editing.save_offer(offer, dm.Provider("Caritas"), "anna")


def test_two_people_creating_the_same_offer_at_once_make_one(offer_id, monkeypatch):
    """The first creator is held right after its check for an offer with the same title,
    provider and municipality; the second must not pass its own check meanwhile."""
    hold = Hold(monkeypatch, "first", "COALESCE")
    outcome = interleave(lambda: _create("Schwimmkurs"), lambda: _create("Schwimmkurs"), hold)
    assert isinstance(outcome["first"], dm.Offer), outcome
    assert isinstance(outcome["second"], ServiceError), outcome
    assert "„Schwimmkurs“ dieses Trägers in dieser Gemeinde gibt es schon" in str(outcome["second"])
    assert [o.id for o in repo.list_offers() if o.title == "Schwimmkurs"] == [outcome["first"].id]


def test_renaming_into_the_key_of_another_offer_is_refused_in_the_store(offer_id):
    other_id = repo.save_offer(dm.Offer(title="Lesepaten", category="Sprache"), None)[0]
    other = repo.get_offer(other_id)
    with pytest.raises(repo.DuplicateOfferError) as raised:
        repo.save_offer(replace(other, title="Sprachcafé"), dm.Provider("Caritas", "", "0151"))
    assert raised.value.offer_id == offer_id
    assert repo.get_offer(other_id).title == "Lesepaten"


def test_writes_change_only_what_differs(offer_id):
    loaded = repo.get_offer(offer_id)
    assert repo.update_offer(loaded)  # nothing differs: no new version
    assert repo.get_offer(offer_id).version == loaded.version
    assert repo.save_offers([_imported(loaded)], []).updated == 1
    assert repo.save_offers([_imported(loaded)], []).unchanged == 1
    assert repo.get_offer(offer_id).version == loaded.version + 1
