"""Gap analysis: demand rows against matching offers (table-driven)."""

from datetime import date

import pytest

from ki_desktop.domain.gap_analysis import (
    NEED_ALPHABETISATION,
    DemandChild,
    GapOffer,
    age_group,
    age_on,
    analyse,
    cells_of,
    covers_age_group,
    is_alphabetisation_offer,
    rows_of,
)

DAY = date(2026, 11, 1)
GESCHER = "05554016"
BORKEN = "05554012"


def row(analysis, dimension, key):
    (found,) = [r for r in rows_of(analysis, dimension) if r.key == key]
    return found


def cell(analysis, table, key, ags):
    (found,) = [
        c for c in cells_of(analysis, table) if (c.row_key, c.municipality_ags) == (key, ags)
    ]
    return found


@pytest.mark.parametrize(
    ("age", "group"),
    [
        (None, None),
        (0, "0-5"),
        (5, "0-5"),
        (6, "6-9"),
        (9, "6-9"),
        (10, "10-15"),
        (15, "10-15"),
        (16, "16-17"),
        (17, "16-17"),
        (18, "18-25"),
        (25, "18-25"),
        (26, "26+"),
        (60, "26+"),
    ],
)
def test_age_groups(age, group):
    assert age_group(age) == group


def test_age_on_counts_completed_years():
    assert age_on(date(2010, 11, 2), DAY) == 15
    assert age_on(date(2010, 11, 1), DAY) == 16
    assert age_on(None, DAY) is None


@pytest.mark.parametrize(
    ("age_min", "age_max", "group", "covers"),
    [
        (None, None, "18-25", True),  # no range: everyone
        (16, 27, "18-25", True),  # overlaps at both ends
        (25, 40, "18-25", True),  # overlap of one year is enough
        (10, 17, "18-25", False),
        (26, None, "18-25", False),
        (None, 5, "0-5", True),
        (None, 5, "6-9", False),
        (12, 12, "10-15", True),
        (30, None, "26+", True),
        (3, 20, "26+", False),
    ],
)
def test_age_overlap(age_min, age_max, group, covers):
    assert covers_age_group(GapOffer(age_min=age_min, age_max=age_max), group) is covers


@pytest.mark.parametrize(
    ("offer", "children", "matching"),
    [
        (GapOffer(languages=("ti",)), 1, 1),  # held in Tigrinya
        (GapOffer(languages=("de", "ti")), 1, 1),  # German with Tigrinya
        (GapOffer(languages=("de",)), 1, 0),  # German only does not serve the language cell
        (GapOffer(languages=("ar", "fa")), 1, 0),
        (GapOffer(languages=()), 1, 0),
    ],
)
def test_language_match(offer, children, matching):
    result = analyse([DemandChild(age=12, languages=("ti",))], [offer], DAY)
    lang = row(result, "language", "ti")
    assert (lang.children, lang.matching_offers, lang.gap) == (children, matching, not matching)


def test_german_is_not_a_language_of_demand():
    result = analyse([DemandChild(age=12, languages=("de", "ar"))], [], DAY)
    assert [r.key for r in rows_of(result, "language")] == ["ar"]


@pytest.mark.parametrize(
    ("offer_ags", "child_ags", "matching"),
    [
        (GESCHER, GESCHER, 1),
        (BORKEN, GESCHER, 0),
        ("", GESCHER, 1),  # without municipality: Kreis-wide
    ],
)
def test_municipality_and_kreis_wide(offer_ags, child_ags, matching):
    result = analyse(
        [DemandChild(age=20, municipality_ags=child_ags, languages=("ti",))],
        [GapOffer(age_min=18, age_max=27, languages=("ti",), municipality_ags=offer_ags)],
        DAY,
    )
    assert row(result, "municipality", child_ags).matching_offers == matching
    assert cell(result, "age_municipality", "18-25", child_ags).matching_offers == matching
    language_cell = cell(result, "language_municipality", "ti", child_ags)
    assert (language_cell.children, language_cell.matching_offers) == (1, matching)
    assert language_cell.gap is (matching == 0)


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "counted"),
    [
        (None, None, True),
        (date(2026, 1, 1), date(2026, 11, 1), True),  # last valid day
        (date(2026, 11, 1), None, True),  # first valid day
        (None, date(2026, 10, 31), False),  # expired
        (date(2026, 11, 2), None, False),  # not yet valid
    ],
)
def test_only_offers_valid_on_the_reference_date(valid_from, valid_to, counted):
    result = analyse(
        [DemandChild(age=20)], [GapOffer(valid_from=valid_from, valid_to=valid_to)], DAY
    )
    assert result.valid_offers == int(counted)
    assert row(result, "age_group", "18-25").matching_offers == int(counted)
    assert row(result, "age_group", "18-25").gap is not counted


def test_gap_for_young_adults_in_gescher():
    children = [
        DemandChild(age=19, municipality_ags=GESCHER, languages=("ti",)),
        DemandChild(age=8, municipality_ags=GESCHER, languages=("ar",)),
    ]
    offers = [
        GapOffer(age_min=6, age_max=12, languages=("de", "ar"), municipality_ags=GESCHER),
        GapOffer(age_min=18, age_max=25, languages=("de", "ti"), municipality_ags=BORKEN),
    ]
    result = analyse(children, offers, DAY)
    assert row(result, "age_group", "18-25").gap is False  # there is one, in Borken
    assert cell(result, "age_municipality", "18-25", GESCHER).gap is True
    assert cell(result, "age_municipality", "6-9", GESCHER).gap is False
    assert cell(result, "language_municipality", "ti", GESCHER).gap is True
    assert [r.key for r in result.gaps] == []
    assert row(result, "age_group", "0-5").gap is False  # no children, no gap


def test_need_alphabetisation():
    children = [DemandChild(age=14, needs=(NEED_ALPHABETISATION,)), DemandChild(age=14)]
    without = analyse(children, [GapOffer()], DAY)
    assert row(without, "need", NEED_ALPHABETISATION).children == 1
    assert row(without, "need", NEED_ALPHABETISATION).gap is True
    with_course = analyse(children, [GapOffer(needs=(NEED_ALPHABETISATION,))], DAY)
    assert row(with_course, "need", NEED_ALPHABETISATION).matching_offers == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Integrationskurs mit Alphabetisierung", True),
        ("Zweitschriftlernerkurs", True),
        ("Hausaufgabenhilfe", False),
    ],
)
def test_alphabetisation_offers_are_recognised(text, expected):
    assert is_alphabetisation_offer(text) is expected


def test_labels_and_counts():
    result = analyse(
        [DemandChild(age=None, municipality_ags=GESCHER, languages=("ti",))],
        [],
        DAY,
        label=lambda dimension, key: f"{dimension}:{key}",
    )
    assert result.open_cases == 1
    assert sum(r.children for r in rows_of(result, "age_group")) == 0  # no birth date
    assert row(result, "municipality", GESCHER).label == f"municipality:{GESCHER}"
    assert [r.key for r in result.gaps] == ["ti", GESCHER]


@pytest.mark.parametrize(("closed", "counted"), [(False, 1), (True, 0)])
def test_closed_cases_are_left_out(closed, counted):
    result = analyse(
        [DemandChild(age=20, municipality_ags=GESCHER, languages=("ti",), closed=closed)], [], DAY
    )
    assert result.open_cases == counted
    assert row(result, "age_group", "18-25").children == counted
    assert len(rows_of(result, "language")) == counted
