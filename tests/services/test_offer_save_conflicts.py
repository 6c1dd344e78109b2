"""Saving an offer someone else saved after it was loaded: nothing is written, the conflict
carries the merge with readable labels and values, who saved and when, and its resolution
saves on top of the stored version."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import offer_editing as editing
from ki_desktop.services.offer_conflicts import OfferSaveConflict, last_saved_by
from ki_desktop.store import offers as repo
from ki_desktop.store.accounts import create_account

BOCHOLT, AHLEN = "05554008", "05570004"
PROVIDER = dm.Provider("Familienzentrum Sonnenblume", "Frau Yilmaz", "02871 0000-11")


@pytest.fixture
def loaded(open_db):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0, seed=1, reference=date(2026, 11, 22))
    create_account("bschulte", "Ben Schulte", "admin")
    offer = dm.Offer(
        title="Elterncafé",
        category="Begegnung",
        languages=["de", "ar"],
        municipality_ags=BOCHOLT,
        latitude=51.838,
        longitude=6.615,
        schedule="dienstags",
        descriptions={"ar": "لقاء"},
    )
    saved = editing.save_offer(offer, PROVIDER, "anna")
    return editing.offer_for_editing(saved.id)[0]


def _conflict(loaded: dm.Offer, mine: dm.Offer, base: dm.Offer | None) -> OfferSaveConflict:
    with pytest.raises(OfferSaveConflict) as raised:
        editing.save_offer(mine, PROVIDER, "anna", base)
    return raised.value


def test_conflicting_fields_are_labelled_and_shown_readably(loaded):
    theirs = editing.save_offer(
        replace(
            loaded,
            municipality_ags=AHLEN,
            valid_to=date(2027, 7, 31),
            latitude=51.76,
            longitude=7.89,
            languages=["de", "ar", "uk"],
        ),
        PROVIDER,
        "bschulte",
    )
    mine = replace(
        loaded,
        municipality_ags="05554020",
        valid_to=date(2027, 6, 30),
        latitude=51.85,
        longitude=6.86,
        schedule="montags",
        descriptions={},
    )
    conflict = _conflict(loaded, mine, loaded)
    fields = {f.label: (f.base, f.mine, f.theirs) for f in conflict.fields()}
    assert fields == {
        "Gemeinde": ("Bocholt (05554008)", "Gronau (Westf.) (05554020)", "Ahlen (05570004)"),
        "Koordinaten": ("51,838, 6,615", "51,85, 6,86", "51,76, 7,89"),
        "gültig bis": ("—", "30.06.2027", "31.07.2027"),
    }
    assert conflict.taken() == ["Sprache Ukrainisch"]
    assert (conflict.saved_by, conflict.saved_at) == ("Ben Schulte", repo.last_saved(loaded.id))
    assert "inzwischen von jemand anderem geändert" in str(conflict)
    stored = repo.get_offer(loaded.id)
    assert (stored.schedule, stored.version) == ("dienstags", theirs.version)  # nothing written

    merged = conflict.resolve({"municipality_ags": "theirs"})
    assert (merged.version, merged.municipality_ags, merged.schedule) == (
        theirs.version,
        AHLEN,
        "montags",
    )
    saved = editing.save_offer(merged, PROVIDER, "anna", conflict.theirs)
    assert (saved.municipality_name, saved.valid_to, saved.descriptions) == (
        "Ahlen",
        date(2027, 6, 30),
        {},
    )
    assert saved.languages == ["de", "ar", "uk"] and saved.version == theirs.version + 1


def test_a_description_removed_here_and_changed_there_is_a_choice(loaded):
    editing.save_offer(replace(loaded, descriptions={"ar": "لقاء الأهل"}), PROVIDER, "bschulte")
    conflict = _conflict(loaded, replace(loaded, descriptions={}), loaded)
    [field] = conflict.fields()
    assert (field.label, field.base, field.mine, field.theirs) == (
        "Beschreibung (Arabisch)",
        "لقاء",
        "(entfernt)",
        "لقاء الأهل",
    )


def test_without_the_loaded_offer_every_difference_is_a_choice(loaded):
    editing.save_offer(replace(loaded, title="Elterncafé am Markt"), PROVIDER, "bschulte")
    conflict = _conflict(loaded, replace(loaded, schedule="montags"), None)
    assert [f.label for f in conflict.fields()] == ["Titel", "Termine"]


def test_who_saved_is_not_known_for_a_version_without_an_audit_entry(loaded):
    # written beside the services (as a sync writes): the audit names an earlier save
    repo.save_offer(replace(loaded, schedule="freitags"), PROVIDER)
    assert last_saved_by(loaded.id) == ("", repo.last_saved(loaded.id))
    conflict = _conflict(loaded, replace(loaded, schedule="montags"), loaded)
    assert conflict.saved_by == ""


def test_a_deleted_offer_is_a_plain_message(loaded):
    editing.delete_offer(loaded.id, "bschulte")
    with pytest.raises(editing.ServiceError) as raised:
        editing.save_offer(replace(loaded, schedule="montags"), PROVIDER, "anna", loaded)
    assert not isinstance(raised.value, OfferSaveConflict)
    assert "inzwischen gelöscht" in str(raised.value)
