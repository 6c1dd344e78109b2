"""Small rules on the domain types."""

from datetime import date

import pytest

from ki_desktop.domain.model import Case, Municipality, school_form_name


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(2015, 9, 30), date(2021, 9, 30), 6),
        (date(2015, 10, 1), date(2021, 9, 30), 5),
        (date(2008, 2, 29), date(2026, 2, 28), 17),
        (date(2008, 2, 29), date(2026, 3, 1), 18),
        (None, date(2026, 1, 1), None),
    ],
)
def test_age_on(birth, day, age):
    assert Case("A", "B", birth).age_on(day) == age


def test_school_form_names_and_kreis():
    assert school_form_name("02") == "Grundschule"
    assert school_form_name("30") == "Berufskolleg"
    assert school_form_name("99") == "Schulform 99"
    assert Municipality("05554016", "Gescher").kreis == "05554"


@pytest.mark.parametrize(
    ("group", "today", "earliest", "latest"),
    [
        ("6-9", date(2026, 11, 22), date(2016, 11, 23), date(2020, 11, 22)),
        ("18+", date(2026, 11, 22), None, date(2008, 11, 22)),
        ("0-5", date(2028, 2, 29), date(2022, 3, 1), date(2028, 2, 29)),
    ],
)
def test_birth_dates_for_age_group(group, today, earliest, latest):
    from ki_desktop.domain.queries import birth_dates_for_age

    assert birth_dates_for_age(group, today) == (earliest, latest)
