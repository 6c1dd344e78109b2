"""Checks of the intake form while it is typed: plain German messages per field.

``required`` issues mark what a complete case file needs; they never block saving a draft.
``error`` issues are impossible data (birth in the future, arrival before birth) and block
saving until corrected; ``warning`` issues are unusual but possible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ki_desktop.domain.model import GERMAN_LEVELS, Case

REQUIRED, ERROR, WARNING = "required", "error", "warning"
_GRADES = re.compile(r"^\s*(\d{1,2})\s*(?:[-–]\s*(\d{1,2}))?\s*$")


@dataclass(frozen=True, slots=True)
class Issue:
    field: str
    severity: str
    message: str


def grades_count(text: str) -> int | None:
    """How many grades "1–4", "3" or "5-6" names; None when it cannot be read."""
    m = _GRADES.match(text or "")
    if not m:
        return None
    first, last = int(m.group(1)), int(m.group(2) or m.group(1))
    return last - first + 1 if last >= first else None


def validate_case(case: Case, today: date) -> list[Issue]:
    """Every problem of the case as typed so far."""
    issues: list[Issue] = []
    add = issues.append
    if not case.last_name.strip():
        add(Issue("last_name", REQUIRED, "Bitte den Nachnamen eintragen."))
    if not case.first_name.strip():
        add(Issue("first_name", REQUIRED, "Bitte den Vornamen eintragen."))
    birth = case.birth_date
    if birth is None:
        add(
            Issue(
                "birth_date",
                REQUIRED,
                "Bitte das Geburtsdatum eintragen (für Schulpflicht und Klasse).",
            )
        )
    elif birth > today:
        add(Issue("birth_date", ERROR, "Das Geburtsdatum liegt in der Zukunft."))
    else:
        age = case.age_on(today)
        if age is not None and age < 3:
            add(
                Issue(
                    "birth_date",
                    WARNING,
                    f"Das Kind ist {age} Jahre alt: für eine Schulberatung sehr jung.",
                )
            )
        elif age is not None and age > 26:
            add(Issue("birth_date", WARNING, f"{age} Jahre: älter als die Zielgruppe (bis 26)."))
    if case.arrival_date:
        if birth and case.arrival_date < birth:
            add(Issue("arrival_date", ERROR, "Die Einreise liegt vor der Geburt."))
        if case.arrival_date > today:
            add(Issue("arrival_date", ERROR, "Die Einreise liegt in der Zukunft."))
    if case.assignment_date:
        if case.arrival_date and case.assignment_date < case.arrival_date:
            add(Issue("assignment_date", WARNING, "Die Zuweisung liegt vor der Einreise."))
        if birth and case.assignment_date < birth:
            add(Issue("assignment_date", ERROR, "Die Zuweisung liegt vor der Geburt."))
    if not case.municipality_ags:
        add(
            Issue(
                "municipality_ags",
                REQUIRED,
                "Bitte die Gemeinde wählen (für Schulen und Angebote in der Nähe).",
            )
        )
    for n, entry in enumerate(case.school_history):
        key = f"school_history[{n}]"
        if entry.year_from and entry.year_to and entry.year_from > entry.year_to:
            add(Issue(key, ERROR, f"Schulbesuch Zeile {n + 1}: „von“ liegt nach „bis“."))
        if birth and entry.year_from and entry.year_from < birth.year + 4:
            add(Issue(key, ERROR, f"Schulbesuch Zeile {n + 1}: Beginn vor dem 4. Lebensjahr."))
        if entry.year_to and entry.year_to > today.year:
            add(Issue(key, ERROR, f"Schulbesuch Zeile {n + 1}: „bis“ liegt in der Zukunft."))
        count = grades_count(entry.grades) if entry.grades else None
        if entry.grades and count is None:
            add(
                Issue(
                    key,
                    WARNING,
                    f"Schulbesuch Zeile {n + 1}: Klassen bitte als „3“ oder „1–4“ angeben.",
                )
            )
        elif count and entry.year_from and entry.year_to:
            years = entry.year_to - entry.year_from
            if count > years + 1:
                add(
                    Issue(
                        key,
                        WARNING,
                        f"Schulbesuch Zeile {n + 1}: {count} Klassen in {years} Jahren passen nicht zusammen.",
                    )
                )
    for n, consent in enumerate(case.consents):
        if consent.given and (consent.given_on is None or not consent.given_by.strip()):
            add(
                Issue(
                    f"consents[{n}]",
                    REQUIRED,
                    "Bei einer Einwilligung bitte Datum und wer sie gegeben hat eintragen.",
                )
            )
        if consent.given_on and consent.given_on > today:
            add(Issue(f"consents[{n}]", ERROR, "Das Datum der Einwilligung liegt in der Zukunft."))
    for interview in case.interviews:
        if interview.german_level and interview.german_level not in GERMAN_LEVELS:
            add(Issue("german_level", ERROR, "Unbekanntes Sprachniveau."))
        if interview.held_on > today:
            add(Issue("held_on", ERROR, "Das Gespräch liegt in der Zukunft."))
        if interview.interpreter_needed and not interview.interpreter_language:
            add(
                Issue(
                    "interpreter_language",
                    REQUIRED,
                    "Für welche Sprache wird eine Sprachmittlung gebraucht?",
                )
            )
    return issues


def blocking(issues: list[Issue]) -> list[Issue]:
    """Issues that prevent saving (impossible data); required fields never block a draft."""
    return [i for i in issues if i.severity == ERROR]
