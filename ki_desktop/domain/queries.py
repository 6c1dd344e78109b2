"""Filters and sort orders the lists ask for (plain data, understood by the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class CaseSort(StrEnum):
    LAST_NAME = "last_name"
    FIRST_NAME = "first_name"
    BIRTH_DATE = "birth_date"
    NATIONALITY = "nationality"
    MUNICIPALITY = "municipality"
    STATUS = "status"
    REGISTERED_ON = "registered_on"
    COUNSELLOR = "counsellor"


# Age groups of the case list: key -> (youngest, oldest) age in completed years.
AGE_GROUPS: dict[str, tuple[int, int | None]] = {
    "0-5": (0, 5),
    "6-9": (6, 9),
    "10-15": (10, 15),
    "16-17": (16, 17),
    "18+": (18, None),
}


def birth_dates_for_age(group: str, today: date) -> tuple[date | None, date]:
    """(earliest, latest) birth date of children whose age today is in ``group``."""
    youngest, oldest = AGE_GROUPS[group]
    latest = _years_before(today, youngest)
    earliest = None if oldest is None else _years_before(today, oldest + 1) + timedelta(days=1)
    return earliest, latest


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True, slots=True)
class CaseFilter:
    text: str = ""
    status: str = ""
    municipality_ags: str = ""
    counsellor: str = ""
    age_group: str = ""  # a key of AGE_GROUPS
    today: date | None = None  # reference day of the age filter (default: today)


@dataclass(frozen=True, slots=True)
class Page:
    offset: int = 0
    limit: int = 200
    sort: CaseSort = CaseSort.LAST_NAME
    descending: bool = False
