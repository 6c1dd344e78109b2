"""The SQL aggregates of the statistics on a known small data set (see statistics_dataset)."""

import pytest

from ki_desktop.domain.statistics_rules import previous, quarter
from ki_desktop.store import statistics as store
from tests.store import statistics_dataset as data

Q3 = quarter(2026, 3)
Q2 = previous(Q3)


@pytest.fixture
def figures(open_db):
    data.load()
    return store.aggregate(Q3, Q2, Q3.end)


def dimension(figures, name):
    return {k: v for (d, k), v in figures.items() if d == name}


def test_counselled_population_by_every_breakdown(figures):
    assert dimension(figures, "stage") == {
        "grades_5_7": [2, 1],  # C1 C7 | C10
        "grades_8_10": [1, 0],  # C2
        "primary": [2, 0],  # C3, C4 (its later recommendation counts)
        "vocational_college": [1, 0],  # C5 (recommended after Q2)
        "adult_education": [1, 0],  # C9
        "none": [2, 4],  # C6, C8 (recommended after Q3) | C11 C12 C13 C5
    }
    assert dimension(figures, "age") == {
        "10-15": [4, 2],  # C1 11, C2 13, C6 10, C7 12 | C10 10, C13 15
        "6-9": [2, 0],  # C3 7, C4 8 on its birthday
        "16-17": [1, 1],  # C5 16 (both)
        "0-5": [1, 1],  # C8 5 | C12 5 (turns 6 the day after)
        "18+": [1, 0],  # C9 19
        "": [0, 1],  # C11 without birth date
    }
    assert dimension(figures, "sex") == {"f": [5, 1], "m": [3, 4], "d": [1, 0]}
    assert dimension(figures, "nationality") == {
        "SY": [4, 1],
        "UA": [3, 2],
        "AF": [1, 2],
        "": [1, 0],
    }
    assert dimension(figures, "language") == {
        "ar": [4, 1],
        "uk": [3, 2],
        "fa": [1, 2],
        "": [1, 0],
    }
    assert dimension(figures, "municipality") == {
        data.AGS["A"]: [4, 3],
        data.AGS["B"]: [3, 2],
        data.AGS["C"]: [1, 0],
        data.AGS["D"]: [1, 0],
    }
    assert dimension(figures, "alphabetisation") == {
        "not_latin": [3, 1],  # C1 C3 C6 | C12
        "group": [3, 1],  # C1 C2 C7 | C10
    }


def test_overview_counts(figures):
    assert dimension(figures, "overview") == {
        "counselled": [9, 5],
        "sessions": [10, 5],  # C1 twice; C2's session in Q1 does not count
        "new": [7, 6],
        "recommendations": [8, 2],  # C4 twice, C8 in October not | C10 C16
        "assigned": [4, 2],
        "as_recommended": [3, 1],  # C1 C3 C5 | C10 (C11 had no recommendation)
        "school_started": [4, 1],
    }


def test_recommended_and_assigned_school_forms(figures):
    assert dimension(figures, "form_recommended") == {
        "14": [1, 0],
        "10": [1, 0],
        "02": [1, 0],
        "30": [1, 0],
        "15": [0, 1],
        "": [0, 1],
    }
    assert dimension(figures, "form_assigned") == {
        "14": [1, 0],
        "04": [1, 0],
        "02": [1, 1],
        "30": [1, 0],
        "15": [0, 1],
    }


def test_without_school_place_on_the_reference_dates(figures):
    # 30.9.: C4 72 days, C6 60, C7 41, C8 29, C12 121 (assigned only in October), C14 5;
    # not C9 (adult), C13 (closed in July), C15 (placed without dates), C16 (pre-school).
    # 30.6.: C1 10, C2 121, C5 60, C12 29, C13 71 (closed later).
    assert dimension(figures, "waiting") == {
        "0-14": [1, 1],
        "15-30": [1, 1],
        "31-60": [2, 1],
        "61-90": [1, 1],
        "91+": [1, 1],
    }


def test_medians_and_90th_percentiles_by_nearest_rank(figures):
    n, median, p90 = (dimension(figures, f"days_{x}") for x in ("n", "median", "p90"))
    # first counselling ever in Q3: 1 11 12 14 14 14 24 | Q2: 9 12 15 19 29
    assert (n["to_counselling"], median["to_counselling"], p90["to_counselling"]) == (
        [7, 5],
        [14, 15],
        [24, 29],
    )
    # assigned in Q3: 19 30 132 153 | Q2: 19 87
    assert (n["to_assignment"], median["to_assignment"], p90["to_assignment"]) == (
        [4, 2],
        [30, 19],
        [153, 87],
    )
    # school start in Q3: 42 51 103 142 | Q2: 31
    assert (n["to_school_start"], median["to_school_start"], p90["to_school_start"]) == (
        [4, 1],
        [51, 31],
        [142, 31],
    )
    # still waiting: 5 29 41 60 72 121 | 10 29 60 71 121
    assert (n["still_waiting"], median["still_waiting"], p90["still_waiting"]) == (
        [6, 5],
        [41, 60],
        [121, 121],
    )


def test_referrals_by_category(figures):
    assert dimension(figures, "referrals") == {
        "Sprachkurs": [4, 2],
        "Beratung": [1, 3],
        "Lernförderung": [3, 0],
    }


def test_a_single_breakdown_runs_alone(open_db):
    data.load()
    only = store.aggregate(Q3, Q2, Q3.end, ["municipality"])
    assert {d for d, _k in only} == {"municipality"}
    assert only[("municipality", data.AGS["A"])] == [4, 3]


def test_empty_database_gives_no_rows(open_db):
    assert store.aggregate(Q3, Q2, Q3.end) == {}


@pytest.mark.parametrize("server", [False, True])
def test_no_personal_columns_in_the_statement(server):
    sql = store.statement(server=server).lower()
    for column in ("first_name", "last_name", "address", "notes", "special_needs", "health"):
        assert column not in sql
    assert "reasons" not in sql and "note" not in sql
