"""Rules of the published statistics: periods, stage groups, percentiles, suppression."""

from datetime import date

import pytest

from ki_desktop.domain.statistics import SUPPRESSED
from ki_desktop.domain.statistics_rules import (
    MASKED,
    NO_RECOMMENDATION,
    OTHER,
    change,
    month,
    nearest_rank,
    percentile,
    period,
    previous,
    published_days,
    quarter,
    stage_group,
    suppress_column,
    suppress_part,
    suppress_table,
    top_categories,
)

S, X = SUPPRESSED, MASKED


@pytest.mark.parametrize(
    ("made", "start", "end", "label"),
    [
        (quarter(2026, 1), date(2026, 1, 1), date(2026, 3, 31), "1. Quartal 2026"),
        (quarter(2026, 3), date(2026, 7, 1), date(2026, 9, 30), "3. Quartal 2026"),
        (quarter(2026, 4), date(2026, 10, 1), date(2026, 12, 31), "4. Quartal 2026"),
        (month(2024, 2), date(2024, 2, 1), date(2024, 2, 29), "Februar 2024"),
        (month(2026, 12), date(2026, 12, 1), date(2026, 12, 31), "Dezember 2026"),
        (period("monthly", 2026, 3), date(2026, 3, 1), date(2026, 3, 31), "März 2026"),
    ],
)
def test_periods(made, start, end, label):
    assert (made.start, made.end, made.label) == (start, end, label)


@pytest.mark.parametrize(
    ("current", "before"),
    [
        (quarter(2026, 1), quarter(2025, 4)),
        (quarter(2026, 3), quarter(2026, 2)),
        (month(2026, 1), month(2025, 12)),
        (month(2026, 3), month(2026, 2)),
    ],
)
def test_previous_period_is_the_one_just_before(current, before):
    assert previous(current) == before


def test_period_numbers_are_checked():
    with pytest.raises(ValueError):
        quarter(2026, 5)
    with pytest.raises(ValueError):
        month(2026, 0)
    with pytest.raises(ValueError):
        period("weekly", 2026, 1)


def test_labels_come_from_the_labeller():
    assert quarter(2026, 2, lambda kind, y, n: f"{kind} {n}/{y}").label == "quarterly 2/2026"


@pytest.mark.parametrize(
    ("stage", "grade", "group"),
    [
        (None, None, NO_RECOMMENDATION),
        ("", None, NO_RECOMMENDATION),
        ("pre_school", None, "pre_school"),
        ("primary", 1, "primary"),
        ("primary", 4, "primary"),
        ("secondary_1", 5, "grades_5_7"),
        ("secondary_1", 7, "grades_5_7"),
        ("secondary_1", 8, "grades_8_10"),
        ("secondary_1", 10, "grades_8_10"),
        ("secondary_1", None, "grades_5_7"),
        ("vocational_college", None, "vocational_college"),
        ("adult_education", None, "adult_education"),
        ("unheard_of", 3, NO_RECOMMENDATION),
    ],
)
def test_stage_groups(stage, grade, group):
    assert stage_group(stage, grade) == group


@pytest.mark.parametrize(
    ("values", "median", "p90"),
    [
        ([], None, None),
        ([7], 7, 7),
        ([3, 1], 1, 3),
        ([1, 11, 12, 14, 14, 14, 24], 14, 24),
        ([9, 12, 15, 19, 29], 15, 29),
        (list(range(1, 11)), 5, 9),
        (list(range(1, 101)), 50, 90),
    ],
)
def test_nearest_rank_percentiles(values, median, p90):
    assert percentile(values, 50) == median
    assert percentile(values, 90) == p90


def test_nearest_rank():
    assert [nearest_rank(n, 50) for n in (1, 2, 3, 4, 5)] == [1, 1, 2, 2, 3]
    assert [nearest_rank(n, 90) for n in (1, 5, 10, 11)] == [1, 5, 9, 10]


def test_days_only_published_from_three_cases():
    assert published_days(40, 3) == 40
    assert published_days(40, 2) is None
    assert published_days(None, 0) is None


@pytest.mark.parametrize(
    ("values", "cells", "total"),
    [
        ([], [], 0),
        ([0, 0], [0, 0], 0),
        ([5, 7, 3], [5, 7, 3], 15),
        ([1], [S], S),  # the total equals the only value: suppressed as well
        ([2, 0, 0], [S, 0, 0], S),
        ([3, 0], [3, 0], 3),
        # exactly one small cell: the next smallest non-zero cell is masked too
        ([5, 3, 1, 0], [X, X, S, 0], 9),  # with 5 shown, 9 - 5 = 4 would mean 1 + 3
        ([1, 4], [S, X], 5),
        ([10, 2, 4, 4], [10, S, X, 4], 20),  # ties: the first of the smallest
        # two or more small cells protect each other, unless the total gives them away
        ([4, 3, 1, 1], [X, X, S, S], 9),  # with 4 and 3 shown, the two <3 would be 1 + 1
        ([1, 2, 2], [S, S, S], 5),
        ([0, 1, 2, 0, 1, 1, 2], [0, S, S, 0, S, S, S], 7),
    ],
)
def test_suppression_of_a_column(values, cells, total):
    assert suppress_column(values) == (cells, total)


def test_the_totals_are_the_true_sums():
    rows, total = suppress_table([("a", [1, 4]), ("b", [4, 4]), ("c", [0, 1])])
    assert rows == [("a", S, X), ("b", X, 4), ("c", 0, S)]
    assert total == (5, 9)


def test_no_suppressed_cell_can_be_recalculated_from_its_column():
    """Brute force over small columns: for every published column, every hidden cell ("<3"
    known to be 1–2, "x" known to be at least 3) can take more than one value among all the
    columns that would publish the same cells and total."""
    import itertools

    for values in itertools.product(range(6), repeat=4):
        cells, total = suppress_column(list(values))
        hidden = [i for i, c in enumerate(cells) if c in (S, X)]
        if not hidden or not isinstance(total, int):
            continue
        shown = sum(c for c in cells if isinstance(c, int))
        ranges = [range(1, 3) if cells[i] == S else range(3, total + 1) for i in hidden]
        fits = [combo for combo in itertools.product(*ranges) if sum(combo) == total - shown]
        for position in range(len(hidden)):
            assert len({combo[position] for combo in fits}) > 1, (values, cells, total)


def test_top_categories_and_other():
    counts = {"SY": [40, 30], "UA": [3, 9], "AF": [2, 5], "IQ": [1, 0], "": [0, 2]}
    assert top_categories(counts) == [
        ("SY", (40, 30)),
        ("UA", (3, 9)),
        (OTHER, (3, 7)),
    ]
    many = {f"K{i:02}": [20 - i, 1] for i in range(18)}
    rows = top_categories(many)
    assert [k for k, _ in rows][:3] == ["K00", "K01", "K02"]
    assert len(rows) == 16  # the 15 largest (20 … 6) and the rest (5 + 4 + 3)
    assert rows[-1] == (OTHER, (12, 3))
    assert top_categories({"SY": [5, 0]}) == [("SY", (5, 0))]
    assert top_categories({}) == []


def test_change_only_between_published_counts():
    assert change(10, 7) == 3
    assert change(0, 4) == -4
    assert change(S, 4) is None
    assert change(10, X) is None


@pytest.mark.parametrize(
    "part, whole, cell",
    [
        (10, 10, 10),  # all of them: nothing to give away
        (9, 10, X),  # 10 − 9 = 1 would show
        (8, 10, X),
        (7, 10, 7),
        (1, 10, S),
        (0, 2, 0),
        (2, 3, S),
    ],
)
def test_a_part_is_masked_when_its_rest_would_be_small(part, whole, cell):
    assert suppress_part(part, whole) == cell
