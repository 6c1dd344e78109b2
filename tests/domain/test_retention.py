"""When a case is due for deletion: month arithmetic, month ends, leap days, the cut-off."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from ki_desktop.domain import retention as r


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2021, 3, 15), 60, date(2026, 3, 15)),
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),  # leap day, one year on
        (date(2024, 2, 29), 48, date(2028, 2, 29)),  # leap day, four years on
        (date(2020, 2, 29), 60, date(2025, 2, 28)),
        (date(2021, 8, 31), 6, date(2022, 2, 28)),
        (date(2021, 12, 31), 1, date(2022, 1, 31)),  # over the year's end
        (date(2021, 10, 31), 120, date(2031, 10, 31)),
        (date(2021, 5, 31), -3, date(2021, 2, 28)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 15), -1, date(2024, 12, 15)),
    ],
)
def test_add_months(day, months, expected):
    assert r.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("last", "months", "today", "due"),
    [
        (date(2021, 3, 15), 60, date(2026, 3, 14), False),
        (date(2021, 3, 15), 60, date(2026, 3, 15), True),  # due on the day itself
        (date(2021, 3, 15), 60, date(2026, 3, 16), True),
        (date(2025, 1, 31), 1, date(2025, 2, 27), False),
        (date(2025, 1, 31), 1, date(2025, 2, 28), True),
        (date(2024, 2, 29), 12, date(2025, 2, 28), True),
        (date(2024, 2, 28), 12, date(2025, 2, 27), False),
        (date(2025, 6, 1), 12, date(2026, 5, 31), False),
        (date(2025, 6, 1), 12, date(2026, 6, 1), True),
        (date(2019, 11, 30), 6, date(2020, 5, 30), True),
        (date(2019, 11, 30), 6, date(2020, 5, 29), False),
    ],
)
def test_is_due(last, months, today, due):
    assert r.is_due(last, months, today) is due


@pytest.mark.parametrize(
    ("today", "months", "expected"),
    [
        (date(2026, 3, 15), 60, date(2021, 3, 15)),
        (date(2025, 2, 28), 1, date(2025, 1, 31)),  # 29, 30, 31 January are all due
        (date(2024, 2, 29), 1, date(2024, 1, 31)),
        (date(2024, 2, 28), 1, date(2024, 1, 28)),
        (date(2025, 2, 28), 12, date(2024, 2, 29)),  # the leap day is due with the 28th
        (date(2028, 2, 29), 48, date(2024, 2, 29)),
        (date(2026, 4, 30), 2, date(2026, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2026, 3, 30), 1, date(2026, 2, 28)),
        (date(2026, 3, 28), 1, date(2026, 2, 28)),
        (date(2026, 3, 27), 1, date(2026, 2, 27)),
    ],
)
def test_cutoff(today, months, expected):
    assert r.cutoff(today, months) == expected


@pytest.mark.parametrize("months", [1, 6, 12, 13, 60, 120])
def test_cutoff_agrees_with_is_due_every_day_of_four_years(months):
    today = date(2027, 1, 1)
    for _ in range(4 * 366):
        limit = r.cutoff(today, months)
        assert r.is_due(limit, months, today)
        assert not r.is_due(limit + timedelta(days=1), months, today)
        today += timedelta(days=1)


@pytest.mark.parametrize(
    ("values", "created", "expected"),
    [
        ((date(2022, 1, 1), None, date(2023, 5, 2)), None, date(2023, 5, 2)),
        ((None, "2024-02-29", "2024-02-28 23:59:59.000000"), None, date(2024, 2, 29)),
        ((datetime(2025, 1, 1, 8, 0), date(2024, 12, 31)), None, date(2025, 1, 1)),
        ((None, ""), "2020-01-01 10:00:00", date(2020, 1, 1)),  # only without any contact
        ((date(2019, 1, 1),), "2026-01-01 10:00:00", date(2019, 1, 1)),
        ((), None, None),
    ],
)
def test_last_contact(values, created, expected):
    assert r.last_contact(*values, created=created) == expected


@pytest.mark.parametrize(
    ("months", "valid"), [(5, False), (6, True), (12, True), (60, True), (120, True), (121, False)]
)
def test_valid_months(months, valid):
    assert r.valid_months(months) is valid


def test_case_reference_uses_the_random_end_of_the_id():
    assert r.case_reference("0190f3a2b4c57d8e9f0a1b2c3d4e5f6a") == "SE-3D4E5F6A"
