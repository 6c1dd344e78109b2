"""Merging a case file two people saved at the same time: own fields and list entries."""

import copy
from datetime import date

import pytest

from ki_desktop.domain.case_merge import SCALARS, flatten, merge_cases
from ki_desktop.domain.merge import MISSING, Side
from ki_desktop.domain.model import Case, CaseStatus, Consent, Guardian, Interview


def stored() -> Case:
    return Case(
        "Olena",
        "Kovalenko",
        date(2014, 3, 10),
        address="Ring 1",
        id="c1",
        version=4,
        guardians=[
            Guardian("Iryna", "Mutter", "0151", id="g1"),
            Guardian("Taras", "Vater", "0152", id="g2"),
        ],
        consents=[Consent("data_processing", True, date(2026, 10, 1), id="k1")],
        interviews=[Interview(date(2026, 10, 1), notes="erstes Gespräch", id="i1")],
    )


def edits():
    base = stored()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    theirs.version = 5
    return base, mine, theirs


def test_flatten_names_own_fields_and_entries():
    flat = flatten(stored())
    assert set(SCALARS) <= set(flat)
    assert "id" not in flat and "version" not in flat
    assert flat[("guardians", "g1", "phone")] == "0151"
    assert flat[("consents", "kind:data_processing", "given")] is True
    assert flat[("interviews", "i1", "documents_seen")] == ()


def test_nothing_changed_by_both_merges_without_conflicts():
    base, mine, theirs = edits()
    mine.address = "Ring 2"
    theirs.first_name = "Olha"
    theirs.status = CaseStatus.INTERVIEWED
    result = merge_cases(base, mine, theirs)
    assert result.conflicts == ()
    assert set(result.taken) == {"first_name", "status"}
    merged = result.resolve()
    assert (merged.first_name, merged.address, merged.status) == (
        "Olha",
        "Ring 2",
        CaseStatus.INTERVIEWED,
    )
    assert merged.version == 5 and merged.id == "c1"


def test_the_same_field_changed_differently_is_a_conflict_settled_as_chosen():
    base, mine, theirs = edits()
    mine.address, theirs.address = "Ring 2", "Weg 3"
    mine.last_name = "Kowalenko"
    result = merge_cases(base, mine, theirs)
    assert [(c.key, c.base, c.mine, c.theirs) for c in result.conflicts] == [
        ("address", "Ring 1", "Ring 2", "Weg 3")
    ]
    assert result.resolve().address == "Ring 2"
    merged = result.resolve({"address": Side.THEIRS})
    assert (merged.address, merged.last_name) == ("Weg 3", "Kowalenko")


def test_entries_merge_field_by_field():
    base, mine, theirs = edits()
    mine.guardians[0].phone = "0170"
    theirs.guardians[0].relation = "Tante"
    theirs.interviews[0].notes = "ergänzt"
    mine.interviews[0].german_level = "A1"
    result = merge_cases(base, mine, theirs)
    assert result.conflicts == ()
    merged = result.resolve()
    assert (merged.guardians[0].phone, merged.guardians[0].relation) == ("0170", "Tante")
    assert merged.guardians[0].id == "g1"
    assert (merged.interviews[0].notes, merged.interviews[0].german_level) == ("ergänzt", "A1")


def test_entries_added_on_both_sides_are_all_kept_and_removals_stand():
    base, mine, theirs = edits()
    mine.guardians.append(Guardian("Oma"))  # new: no id yet
    theirs.guardians.append(Guardian("Opa", id="g3"))
    del theirs.guardians[1]  # they removed Taras
    result = merge_cases(base, mine, theirs)
    assert result.conflicts == ()
    merged = result.resolve()
    assert [(g.name, g.id) for g in merged.guardians] == [
        ("Iryna", "g1"),
        ("Opa", "g3"),
        ("Oma", None),
    ]


def test_an_entry_removed_by_one_and_changed_by_the_other_is_one_conflict():
    base, mine, theirs = edits()
    del mine.guardians[1]
    theirs.guardians[1].phone = "0999"
    theirs.guardians[1].email = "t@example.org"
    result = merge_cases(base, mine, theirs)
    assert len(result.conflicts) == 1
    conflict = result.conflicts[0]
    assert conflict.key == ("guardians", "g2")
    assert conflict.mine is MISSING and conflict.theirs.phone == "0999"
    assert result.taken == ()
    assert [g.name for g in result.resolve().guardians] == ["Iryna"]
    kept = result.resolve({("guardians", "g2"): Side.THEIRS}).guardians
    assert [(g.name, g.phone, g.id) for g in kept] == [
        ("Iryna", "0151", "g1"),
        ("Taras", "0999", "g2"),
    ]


def test_consents_are_matched_by_kind_and_keep_the_stored_id():
    base, mine, theirs = edits()
    mine.consents.append(Consent("school_schulamt", True, date(2026, 11, 2)))
    theirs.consents.append(Consent("school_schulamt", True, date(2026, 11, 2), id="k2"))
    merged = merge_cases(base, mine, theirs).resolve()
    assert [(c.kind, c.id) for c in merged.consents] == [
        ("data_processing", "k1"),
        ("school_schulamt", "k2"),
    ]


def test_consent_recorded_differently_on_both_sides_conflicts_per_field():
    base, mine, theirs = edits()
    mine.consents.append(Consent("school_schulamt", True, date(2026, 11, 2)))
    theirs.consents.append(Consent("school_schulamt", False, date(2026, 11, 2), id="k2"))
    result = merge_cases(base, mine, theirs)
    assert [c.key for c in result.conflicts] == [("consents", "kind:school_schulamt", "given")]
    merged = result.resolve({("consents", "kind:school_schulamt", "given"): "theirs"})
    assert [(c.kind, c.given, c.id) for c in merged.consents][1] == ("school_schulamt", False, "k2")


@pytest.mark.parametrize("same", [True, False])
def test_without_the_base_every_difference_needs_a_choice(same):
    _base, mine, theirs = edits()
    theirs.address = "Weg 3"
    if same:
        mine.address = "Weg 3"
    result = merge_cases(None, mine, theirs)
    assert [c.key for c in result.conflicts] == ([] if same else ["address"])


def test_position_is_the_number_the_user_sees():
    base, mine, theirs = edits()
    theirs.guardians.insert(0, Guardian("Opa", id="g3"))
    result = merge_cases(base, mine, theirs)
    assert result.position("guardians", "g2") == 2
    assert result.position("guardians", "g3") == 1
    assert result.entry("theirs", "guardians", "g3").name == "Opa"
    assert result.entry(Side.MINE, "guardians", "g3") is None
