"""The SQL aggregates of a monthly report and the age on a birthday, counted by hand from the
known data set (statistics_dataset); the same figures on SQLite and on PostgreSQL."""

from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.statistics_rules import month, previous, quarter
from ki_desktop.services.demo import load_demo_data
from ki_desktop.store import statistics as store
from ki_desktop.store.cases import add_cases
from tests.store import statistics_dataset as data

SEPTEMBER = month(2026, 9)
AUGUST = previous(SEPTEMBER)


@pytest.fixture
def figures(open_db):
    data.load()
    return store.aggregate(SEPTEMBER, AUGUST, SEPTEMBER.end)


def dimension(figures, name):
    return {k: v for (d, k), v in figures.items() if d == name}


def test_counselled_in_september_and_august(figures):
    # September: C1 (second session) C7 C8 C9 | August: C4 C5 C6
    assert dimension(figures, "overview") == {
        "counselled": [4, 3],
        "sessions": [4, 3],
        "new": [3, 2],  # C8 C9 C14 | C6 C7
        "recommendations": [2, 3],  # C7 C9 | C4 twice, C5
        "assigned": [1, 1],  # C5 | C2
        "as_recommended": [1, 0],  # C5 (C2 was recommended 10 first, assigned 04)
        "school_started": [1, 2],  # C5 | C1 C3
    }
    assert dimension(figures, "sex") == {"f": [2, 2], "m": [1, 1], "d": [1, 0]}
    assert dimension(figures, "age") == {
        "10-15": [2, 1],  # C1 11, C7 12 | C6 10
        "0-5": [1, 0],  # C8 5
        "18+": [1, 0],  # C9 19
        "6-9": [0, 1],  # C4 8 on its birthday
        "16-17": [0, 1],  # C5 16, turns 17 on 1.9.
    }
    assert dimension(figures, "stage") == {
        "grades_5_7": [2, 0],  # C1 C7
        "none": [1, 1],  # C8 (recommended in October) | C6
        "adult_education": [1, 0],  # C9
        "primary": [0, 1],  # C4's later recommendation
        "vocational_college": [0, 1],  # C5
    }
    assert dimension(figures, "municipality") == {
        data.AGS["A"]: [1, 1],
        data.AGS["B"]: [1, 2],
        data.AGS["C"]: [1, 0],
        data.AGS["D"]: [1, 0],
    }
    # C1 read Latin script in September; C6 not in August | C1 C7 in the group
    assert dimension(figures, "alphabetisation") == {"not_latin": [0, 1], "group": [2, 0]}


def test_forms_referrals_and_waiting_in_september_and_august(figures):
    assert dimension(figures, "form_recommended") == {"30": [1, 0], "10": [0, 1]}
    assert dimension(figures, "form_assigned") == {"30": [1, 0], "04": [0, 1]}
    assert dimension(figures, "referrals") == {
        "Beratung": [1, 0],
        "Lernförderung": [1, 2],
        "Sprachkurs": [0, 1],
    }
    # 30.9.: C14 5, C8 29, C7 41, C6 60, C4 72, C12 121
    # 31.8.: C7 11, C6 30, C4 42, C12 91, C5 122 (assigned only on 10.9.)
    assert dimension(figures, "waiting") == {
        "0-14": [1, 1],
        "15-30": [1, 1],
        "31-60": [2, 1],
        "61-90": [1, 0],
        "91+": [1, 2],
    }


def test_waiting_times_in_september_and_august(figures):
    n, median, p90 = (dimension(figures, f"days_{x}") for x in ("n", "median", "p90"))
    expected = {
        # first counselling ever: C9 1, C7 12, C8 14 | C4 14, C6 24
        "to_counselling": ([3, 2], [12, 14], [14, 24]),
        "to_assignment": ([1, 1], [132, 153], [132, 153]),  # C5 | C2
        "to_school_start": ([1, 2], [142, 42], [142, 51]),  # C5 | C3 42, C1 51
        "still_waiting": ([6, 5], [41, 42], [121, 122]),
    }
    assert {span: (n[span], median[span], p90[span]) for span in expected} == expected


def test_age_on_the_day_before_and_of_the_birthday_of_a_leap_day_child(open_db):
    load_demo_data(size=0, seed=1, reference=data.TODAY)
    cases = [
        dm.Case(
            first_name="Lea",
            last_name=f"Schalttag{day}",
            birth_date=date(2008, 2, 29),
            sex=dm.Sex.FEMALE,
            municipality_ags=data.AGS["A"],
            registered_on=date(2026, 1, 5),
            interviews=[dm.Interview(held_on=date(2026, 2, day) if day else date(2026, 3, 1))],
        )
        for day in (28, 0)
    ]
    add_cases(cases)
    q1 = quarter(2026, 1)
    figures = store.aggregate(q1, previous(q1), q1.end, ["age"])
    # 17 on 28.2.2026, 18 on 1.3.2026
    assert figures == {("age", "16-17"): [1, 0], ("age", "18+"): [1, 0]}
