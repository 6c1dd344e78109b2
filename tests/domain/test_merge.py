"""The three-way merge of two edits of one record, field by field."""

import pickle

import pytest

from ki_desktop.domain.merge import MISSING, FieldConflict, Side, merge_value, three_way

# (base, mine, theirs, merged value or "conflict")
TABLE = [
    ("a", "a", "a", "a"),  # nobody changed it
    ("a", "b", "a", "b"),  # only I changed it
    ("a", "a", "b", "b"),  # only they changed it
    ("a", "b", "b", "b"),  # the same change on both sides
    ("a", "b", "c", "conflict"),
    (None, "x", None, "x"),  # I filled an empty field
    ("x", None, "x", None),  # I emptied it
    ("x", "x", None, None),  # they emptied it
    ("x", None, "y", "conflict"),  # I emptied it, they changed it
    ("", "", "", ""),
    (False, True, False, True),
    (True, True, False, False),
    (1, 2, 3, "conflict"),
    (MISSING, MISSING, "new", "new"),  # they added an entry
    (MISSING, "new", MISSING, "new"),  # I added one
    ("x", MISSING, "x", MISSING),  # I removed it, they left it alone
    ("x", "x", MISSING, MISSING),  # they removed it
    ("x", MISSING, "y", "conflict"),  # I removed it, they changed it
    ("x", "y", MISSING, "conflict"),  # I changed it, they removed it
    ("x", MISSING, MISSING, MISSING),  # both removed it
    (MISSING, "a", "b", "conflict"),  # both added it differently
    (MISSING, "a", "a", "a"),  # both added the same
    ((1, 2), (1, 2, 3), (1, 2), (1, 2, 3)),
]


@pytest.mark.parametrize(("base", "mine", "theirs", "expected"), TABLE)
def test_merge_value(base, mine, theirs, expected):
    if expected == "conflict":
        with pytest.raises(ValueError):
            merge_value(base, mine, theirs)
    else:
        assert merge_value(base, mine, theirs) == expected


@pytest.mark.parametrize(("base", "mine", "theirs", "expected"), TABLE)
def test_three_way_agrees_with_the_table_for_one_field(base, mine, theirs, expected):
    def record(value):
        return {} if value is MISSING else {"f": value}

    merge = three_way(record(base), record(mine), record(theirs))
    if expected == "conflict":
        assert merge.conflicts == (FieldConflict("f", base, mine, theirs),)
        assert merge.resolved({"f": Side.THEIRS}) == record(theirs)
        assert merge.resolved({"f": "mine"}) == record(mine)
        assert merge.resolved() == record(mine)  # what was typed stays by default
    else:
        assert merge.conflicts == ()
        assert merge.resolved() == record(expected)


@pytest.mark.parametrize(
    ("mine", "theirs", "conflict"),
    [("a", "a", False), ("a", "b", True), ("x", MISSING, True), (MISSING, MISSING, False)],
)
def test_without_a_base_every_difference_is_a_conflict(mine, theirs, conflict):
    with_value = {k: v for k, v in (("f", mine),) if v is not MISSING}
    other = {k: v for k, v in (("f", theirs),) if v is not MISSING}
    merge = three_way(None, with_value, other)
    assert bool(merge.conflicts) is conflict
    assert merge.taken == ()


def test_a_record_merges_field_by_field_and_reports_what_came_from_whom():
    base = {"name": "Olena", "address": "Ring 1", "phone": "1", "notes": ""}
    mine = {"name": "Olena", "address": "Ring 2", "phone": "1", "notes": "mine"}
    theirs = {"name": "Olga", "address": "Ring 1", "phone": "1", "notes": "theirs"}
    merge = three_way(base, mine, theirs)
    assert merge.taken == ("name",)
    assert merge.kept == ("address",)
    assert [c.key for c in merge.conflicts] == ["notes"]
    assert merge.conflict("notes") == FieldConflict("notes", "", "mine", "theirs")
    assert merge.conflict("name") is None
    assert merge.resolved({"notes": Side.THEIRS}) == {
        "name": "Olga",
        "address": "Ring 2",
        "phone": "1",
        "notes": "theirs",
    }


def test_choosing_a_field_that_is_not_in_conflict_is_refused():
    merge = three_way({"a": 1}, {"a": 2}, {"a": 1})
    with pytest.raises(KeyError):
        merge.resolved({"a": Side.THEIRS})
    with pytest.raises(ValueError):
        three_way({"a": 1}, {"a": 2}, {"a": 3}).resolved({"a": "both"})


def test_missing_is_one_value_that_survives_a_copy():
    assert pickle.loads(pickle.dumps(MISSING)) is MISSING
    assert repr(MISSING) == "MISSING"
