"""Filters and sort orders the lists ask for (plain data, understood by the store)."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class CaseFilter:
    text: str = ""
    status: str = ""
    municipality_ags: str = ""
    counsellor: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    offset: int = 0
    limit: int = 200
    sort: CaseSort = CaseSort.LAST_NAME
    descending: bool = False
