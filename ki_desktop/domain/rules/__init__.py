"""Dated rule data for the placement recommendation (one JSON file per rules version).

A rule change (for example "Fit für mehr" moving from 16–25 to 16–18 on 17.3.2025) is a new
file, so that old recommendations still show the rules they were made with.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules_version: str
    valid_from: date
    title: str
    school_year_start: tuple[int, int]
    school_entry_cutoff: tuple[int, int]
    plan_next_school_year_from: tuple[int, int]
    ifk_direct_entry_until: tuple[int, int]
    entry_age: int
    full_time_years: int
    vocational_until_age: int
    training_contract_before_age: int
    grade_age_offset: int
    highest_grade: int
    lower_grade_interrupted_years: float
    lower_grade_missing_years: float
    max_grade_lowering: int
    sufficient_german: str
    support_months: int
    support_months_with_alphabetisation: int
    alphabetisation_months: int
    alphabetisation_min_grade: int
    secondary_support: dict[str, str]
    primary_support: str
    ifk_ages: tuple[int, int]
    fit_fuer_mehr_ages: tuple[int, int]
    integration_course_below_age: int
    school_forms: dict[str, tuple[str, ...]]

    @classmethod
    def from_json(cls, data: dict) -> RuleSet:
        """A rule set from its JSON form (dates as ISO, month-days as "MM-DD")."""
        return cls(
            rules_version=data["rules_version"],
            valid_from=date.fromisoformat(data["valid_from"]),
            title=data["title"],
            school_year_start=_month_day(data["school_year_start"]),
            school_entry_cutoff=_month_day(data["school_entry_cutoff"]),
            plan_next_school_year_from=_month_day(data["plan_next_school_year_from"]),
            ifk_direct_entry_until=_month_day(data["ifk_direct_entry_until"]),
            entry_age=data["entry_age"],
            full_time_years=data["full_time_years"],
            vocational_until_age=data["vocational_until_age"],
            training_contract_before_age=data["training_contract_before_age"],
            grade_age_offset=data["grade_age_offset"],
            highest_grade=data["highest_grade"],
            lower_grade_interrupted_years=data["lower_grade_interrupted_years"],
            lower_grade_missing_years=data["lower_grade_missing_years"],
            max_grade_lowering=data["max_grade_lowering"],
            sufficient_german=data["sufficient_german"],
            support_months=data["support_months"],
            support_months_with_alphabetisation=data["support_months_with_alphabetisation"],
            alphabetisation_months=data["alphabetisation_months"],
            alphabetisation_min_grade=data["alphabetisation_min_grade"],
            secondary_support=dict(data["secondary_support"]),
            primary_support=data["primary_support"],
            ifk_ages=tuple(data["ifk_ages"]),
            fit_fuer_mehr_ages=tuple(data["fit_fuer_mehr_ages"]),
            integration_course_below_age=data["integration_course_below_age"],
            school_forms={k: tuple(v) for k, v in data["school_forms"].items()},
        )


@lru_cache(maxsize=1)
def rule_sets() -> tuple[RuleSet, ...]:
    """Every rule set shipped, oldest first."""
    found = []
    for entry in resources.files(__package__).iterdir():
        if entry.name.endswith(".json"):
            found.append(RuleSet.from_json(json.loads(entry.read_text(encoding="utf-8"))))
    return tuple(sorted(found, key=lambda r: r.valid_from))


def rules_for(day: date) -> RuleSet:
    """The rule set in force on ``day`` (the oldest one for days before all of them)."""
    sets = rule_sets()
    current = sets[0]
    for rules in sets:
        if rules.valid_from <= day:
            current = rules
    return current


def rules_by_version(version: str) -> RuleSet | None:
    """The rule set with this ``rules_version``, to show an old recommendation's rules."""
    return next((r for r in rule_sets() if r.rules_version == version), None)
