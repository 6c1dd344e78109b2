"""The input of a placement recommendation and its validation (the ``recommend`` contract)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

SCHOOL_TYPES = (
    "none",
    "primary",
    "lower_secondary",
    "upper_secondary_general",
    "upper_secondary_academic",
    "vocational",
)
LEVELS = ("none", "A1", "A2", "B1", "B2", "C1")


class PlacementInputError(ValueError):
    """The input cannot be used; the message is one line that says what to fix."""


@dataclass(frozen=True, slots=True)
class PlacementInput:
    birth_date: date
    counselling_date: date
    arrival_date: date | None = None
    municipality: str | None = None
    school_years_abroad: float | None = None
    last_grade_abroad: int | None = None
    school_type_abroad: str | None = None
    schooling_interrupted_years: float | None = None
    latin_literate: bool | None = None
    literate_other_script: bool | None = None
    german_level: str | None = None
    english_level: str | None = None
    special_needs: bool | None = None
    asylum_assigned_date: date | None = None
    vocational_training_contract: bool | None = None

    @property
    def schooling_years(self) -> float | None:
        """Years of school attended abroad; 0 when the school type says none."""
        if self.school_type_abroad == "none":
            return 0
        return self.school_years_abroad


_DATES = ("birth_date", "counselling_date", "arrival_date", "asylum_assigned_date")
_BOOLS = (
    "latin_literate",
    "literate_other_script",
    "special_needs",
    "vocational_training_contract",
)
_NUMBERS = ("school_years_abroad", "schooling_interrupted_years")


def _date(key: str, value: object) -> date:
    if not isinstance(value, str):
        raise PlacementInputError(f"{key}: Datum als Text JJJJ-MM-TT erwartet, nicht {value!r}.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PlacementInputError(
            f"{key}: „{value}“ ist kein gültiges Datum (JJJJ-MM-TT)."
        ) from None


def parse_placement_input(data: object, today: date) -> PlacementInput:
    """Validate a JSON object; unknown keys, wrong types and impossible dates are errors."""
    if not isinstance(data, dict):
        raise PlacementInputError("Die Eingabe muss ein JSON-Objekt sein.")
    known = {f.name for f in fields(PlacementInput)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise PlacementInputError(f"Unbekannte Angabe: {', '.join(unknown)}.")
    if "birth_date" not in data:
        raise PlacementInputError("birth_date fehlt (Geburtsdatum ist Pflicht).")
    values: dict[str, object] = {}
    for key, value in data.items():
        if value is None:
            if key == "birth_date":
                raise PlacementInputError("birth_date darf nicht leer sein.")
            continue
        if key in _DATES:
            values[key] = _date(key, value)
        elif key in _BOOLS:
            if not isinstance(value, bool):
                raise PlacementInputError(f"{key}: true oder false erwartet, nicht {value!r}.")
            values[key] = value
        elif key in _NUMBERS:
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or value < 0
                or value > 20
            ):
                raise PlacementInputError(f"{key}: Zahl von 0 bis 20 erwartet, nicht {value!r}.")
            values[key] = value
        elif key == "last_grade_abroad":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 13:
                raise PlacementInputError(
                    f"last_grade_abroad: ganze Zahl von 0 bis 13 erwartet, nicht {value!r}."
                )
            values[key] = value
        elif key == "school_type_abroad":
            if value not in SCHOOL_TYPES:
                raise PlacementInputError(
                    f"school_type_abroad: einer von {', '.join(SCHOOL_TYPES)} erwartet, nicht {value!r}."
                )
            values[key] = value
        elif key in ("german_level", "english_level"):
            if value not in LEVELS:
                raise PlacementInputError(
                    f"{key}: einer von {', '.join(LEVELS)} erwartet, nicht {value!r}."
                )
            values[key] = value
        elif key == "municipality":
            if not isinstance(value, str) or len(value) != 8 or not value.isdigit():
                raise PlacementInputError(
                    f"municipality: 8-stelliger Gemeindeschlüssel erwartet, nicht {value!r}."
                )
            values[key] = value
    values.setdefault("counselling_date", today)
    result = PlacementInput(**values)  # type: ignore[arg-type]
    if result.birth_date > result.counselling_date:
        raise PlacementInputError("Das Geburtsdatum liegt nach dem Beratungsdatum.")
    if result.counselling_date.year - result.birth_date.year > 40:
        raise PlacementInputError(
            "Das Geburtsdatum ist für eine Schulberatung nicht plausibel (älter als 40 Jahre)."
        )
    if result.arrival_date and result.arrival_date < result.birth_date:
        raise PlacementInputError("Das Einreisedatum liegt vor dem Geburtsdatum.")
    return result
