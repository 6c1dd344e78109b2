"""The three-way merge of two edits of one offer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ki_desktop.domain.merge import MISSING, Side
from ki_desktop.domain.model import Offer
from ki_desktop.domain.offer_merge import POSITION, flatten, merge_offers

BASE = Offer(
    title="Sprachcafé",
    category="Sprache",
    provider_name="Caritas",
    languages=["de", "ar"],
    municipality_ags="05554008",
    municipality_name="Bocholt",
    latitude=51.838,
    longitude=6.615,
    schedule="dienstags",
    valid_from=date(2026, 1, 1),
    descriptions={"ar": "مقهى اللغة", "uk": "Мовне кафе"},
    id="o1",
    version=3,
)


def test_fields_only_one_side_changed_are_merged_without_asking():
    mine = replace(BASE, schedule="montags", languages=["de", "ar", "uk"])
    theirs = replace(BASE, title="Sprachcafé am Markt", languages=["de", "ar", "fa"], version=4)
    merge = merge_offers(BASE, mine, theirs)
    assert merge.conflicts == ()
    assert set(merge.taken) == {"title", ("languages", "fa")}
    merged = merge.resolve()
    assert (merged.title, merged.schedule) == ("Sprachcafé am Markt", "montags")
    assert merged.languages == ["de", "ar", "uk", "fa"]
    assert (merged.id, merged.version) == ("o1", 4)  # saved on top of theirs


def test_a_field_both_changed_differently_is_a_conflict_to_choose():
    mine = replace(BASE, schedule="montags")
    theirs = replace(BASE, schedule="freitags", version=4)
    merge = merge_offers(BASE, mine, theirs)
    [conflict] = merge.conflicts
    assert (conflict.key, conflict.base, conflict.mine, conflict.theirs) == (
        "schedule",
        "dienstags",
        "montags",
        "freitags",
    )
    assert merge.resolve().schedule == "montags"
    assert merge.resolve({"schedule": Side.THEIRS}).schedule == "freitags"


def test_the_position_is_one_field():
    mine = replace(BASE, latitude=51.84)
    theirs = replace(BASE, longitude=6.62, version=4)
    merge = merge_offers(BASE, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.key == POSITION
    assert (conflict.mine, conflict.theirs) == ((51.84, 6.615), (51.838, 6.62))
    merged = merge.resolve({POSITION: "theirs"})
    assert (merged.latitude, merged.longitude) == (51.838, 6.62)


def test_descriptions_are_merged_per_language():
    mine = replace(BASE, descriptions={"ar": "مقهى اللغة", "uk": "Кафе", "fa": "کافه"})
    theirs = replace(BASE, descriptions={"ar": "مقهى", "uk": "Мовне кафе"}, version=4)
    merge = merge_offers(BASE, mine, theirs)
    assert merge.conflicts == ()
    assert merge.resolve().descriptions == {"ar": "مقهى", "uk": "Кафе", "fa": "کافه"}


def test_a_description_removed_by_one_and_changed_by_the_other_is_a_conflict():
    mine = replace(BASE, descriptions={"ar": "مقهى اللغة"})
    theirs = replace(BASE, descriptions={"ar": "مقهى اللغة", "uk": "Кафе"}, version=4)
    merge = merge_offers(BASE, mine, theirs)
    [conflict] = merge.conflicts
    assert conflict.key == ("descriptions", "uk") and conflict.mine is MISSING
    assert "uk" not in merge.resolve().descriptions
    assert merge.resolve({("descriptions", "uk"): "theirs"}).descriptions["uk"] == "Кафе"


def test_without_a_base_every_difference_is_a_conflict():
    mine = replace(BASE, schedule="montags")
    theirs = replace(BASE, title="Neu", version=4)
    merge = merge_offers(None, mine, theirs)
    assert {c.key for c in merge.conflicts} == {"title", "schedule"}


def test_the_municipality_name_follows_the_chosen_key():
    mine = replace(BASE, municipality_ags="05554020", municipality_name="Borken")
    theirs = replace(BASE, municipality_ags="05570052", municipality_name="Ahlen", version=4)
    merge = merge_offers(BASE, mine, theirs)
    assert merge.resolve().municipality_name == "Borken"
    assert merge.resolve({"municipality_ags": "theirs"}).municipality_name == "Ahlen"


def test_flatten_leaves_out_what_says_which_stored_state_it_is():
    keys = set(flatten(BASE))
    assert not keys & {"id", "version", "municipality_name", "latitude", "longitude"}
    assert {"title", POSITION, ("languages", "ar"), ("descriptions", "uk")} <= keys
