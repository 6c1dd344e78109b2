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
