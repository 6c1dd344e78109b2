"""Gap analysis (Bedarfsanalyse): demand from the open cases set against matching offers.

Pure calculation. The inputs are anonymous: a child is only an age, languages, a
municipality and needs; no names or ids reach this module or its results.

Counting rules (also printed on the "Definitionen" sheet of the export):

- Only open cases count (closed cases are left out).
- A child counts once in every row it belongs to: once in its age group, once in its
  municipality, once per language (first and family languages, German excluded) and once per
  need. Children without a birth date are left out of the age rows only.
- An offer counts for a row when it is valid on the reference date and
  - age group: its age range overlaps the group (an open end is unlimited);
  - language: it is held in that language (also "German with that language");
  - municipality: it is in that municipality or has none (Kreis-wide);
  - need "alphabetisation": it is an alphabetisation or second-script course.
- In the combined cells (age group × municipality, language × municipality) both conditions
  of the cell must hold for the same offer.
- A row is a gap when it has children and no matching offer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

# (key, lowest age, highest age or None); keys are also the labels' lookup keys.
AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("0-5", 0, 5),
    ("6-9", 6, 9),
    ("10-15", 10, 15),
    ("16-17", 16, 17),
    ("18-25", 18, 25),
    ("26+", 26, None),
)

DIMENSIONS = ("age_group", "language", "municipality", "need")
TABLES = ("age_municipality", "language_municipality")
NEED_ALPHABETISATION = "alphabetisation"
GERMAN = "de"
KREIS_WIDE = ""  # municipality key of offers without a municipality

# Words in an offer's title, target group or description that mark an alphabetisation course.
_ALPHABETISATION_WORDS = ("alphabetis", "zweitschrift")


@dataclass(frozen=True, slots=True)
class DemandChild:
    """One open case, reduced to what the analysis needs."""

    age: int | None
    municipality_ags: str = ""
    languages: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    closed: bool = False  # closed cases are no demand and are left out


@dataclass(frozen=True, slots=True)
class GapOffer:
    """An offer, reduced to what the analysis needs."""

    age_min: int | None = None
    age_max: int | None = None
    languages: tuple[str, ...] = ()
    municipality_ags: str = KREIS_WIDE
    valid_from: date | None = None
    valid_to: date | None = None
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class GapRow:
    dimension: str
    key: str
    label: str
    children: int
    matching_offers: int
    gap: bool


@dataclass(frozen=True, slots=True)
class GapCell:
    """One cell of a combined table: ``row_key`` is an age group or a language."""

    table: str  # one of TABLES
    row_key: str
    row_label: str
    municipality_ags: str
    municipality_label: str
    children: int
    matching_offers: int
    gap: bool


@dataclass(frozen=True, slots=True)
class GapAnalysis:
    reference_date: date
    open_cases: int
    valid_offers: int
    rows: list[GapRow] = field(default_factory=list)
    cells: list[GapCell] = field(default_factory=list)

    @property
    def gaps(self) -> list[GapRow]:
        return [r for r in self.rows if r.gap]


Labeller = Callable[[str, str], str]


def age_group(age: int | None) -> str | None:
    """The key of the age group of ``age``; None without an age."""
    if age is None or age < 0:
        return None
    for key, low, high in AGE_GROUPS:
        if age >= low and (high is None or age <= high):
            return key
    return None  # pragma: no cover - the last group is open-ended


def age_on(birth: date | None, day: date) -> int | None:
    """Completed years on ``day``."""
    if birth is None:
        return None
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_alphabetisation_offer(*texts: str) -> bool:
    """True when one of the texts names an alphabetisation or second-script course."""
    joined = " ".join(texts).casefold()
    return any(word in joined for word in _ALPHABETISATION_WORDS)


def offer_valid_on(offer: GapOffer, day: date) -> bool:
    return (offer.valid_from is None or offer.valid_from <= day) and (
        offer.valid_to is None or offer.valid_to >= day
    )


def covers_age_group(offer: GapOffer, key: str) -> bool:
    """The offer's age range overlaps the group (overlap is enough; open ends are unlimited)."""
    for group, low, high in AGE_GROUPS:
        if group == key:
            offer_low = offer.age_min if offer.age_min is not None else 0
            if high is not None and offer_low > high:
                return False
            return offer.age_max is None or offer.age_max >= low
    raise ValueError(f"unknown age group {key!r}")


def in_language(offer: GapOffer, language: str) -> bool:
    """Held in the language, alone or together with German."""
    return language in offer.languages


def in_municipality(offer: GapOffer, ags: str) -> bool:
    """In the municipality, or Kreis-wide (no municipality)."""
    return offer.municipality_ags in (KREIS_WIDE, ags)


def meets_need(offer: GapOffer, need: str) -> bool:
    return need in offer.needs


def _age_in_municipality(offer: GapOffer, key: str, ags: str) -> bool:
    return covers_age_group(offer, key) and in_municipality(offer, ags)


def _language_in_municipality(offer: GapOffer, language: str, ags: str) -> bool:
    return in_language(offer, language) and in_municipality(offer, ags)


def _default_label(_dimension: str, key: str) -> str:
    return key


def analyse(
    children: Iterable[DemandChild],
    offers: Iterable[GapOffer],
    reference_date: date,
    label: Labeller = _default_label,
) -> GapAnalysis:
    """Rows per age group, language, municipality and need, and the combined cells.

    ``label(dimension, key)`` names a key for people (the service passes translated names);
    ``dimension`` is one of :data:`DIMENSIONS`.
    """
    kids = [c for c in children if not c.closed]
    valid = [o for o in offers if offer_valid_on(o, reference_date)]

    by_age: Counter[str] = Counter()
    by_language: Counter[str] = Counter()
    by_municipality: Counter[str] = Counter()
    by_need: Counter[str] = Counter()
    age_muni: Counter[tuple[str, str]] = Counter()
    lang_muni: Counter[tuple[str, str]] = Counter()
    for child in kids:
        group = age_group(child.age)
        languages = sorted({lang for lang in child.languages if lang and lang != GERMAN})
        muni = child.municipality_ags
        if group:
            by_age[group] += 1
        if muni:
            by_municipality[muni] += 1
        for lang in languages:
            by_language[lang] += 1
            if muni:
                lang_muni[lang, muni] += 1
        if group and muni:
            age_muni[group, muni] += 1
        for need in set(child.needs):
            by_need[need] += 1

    def count(test: Callable[..., bool], *args: str) -> int:
        return sum(1 for o in valid if test(o, *args))

    def row(dimension: str, key: str, demand: int, matching: int) -> GapRow:
        return GapRow(
            dimension, key, label(dimension, key), demand, matching, demand > 0 and not matching
        )

    rows: list[GapRow] = []
    for key, _low, _high in AGE_GROUPS:
        rows.append(row("age_group", key, by_age[key], count(covers_age_group, key)))
    for lang in _by_demand(by_language):
        rows.append(row("language", lang, by_language[lang], count(in_language, lang)))
    for ags in _by_label(by_municipality, "municipality", label):
        rows.append(row("municipality", ags, by_municipality[ags], count(in_municipality, ags)))
    for need in sorted(by_need):
        rows.append(row("need", need, by_need[need], count(meets_need, need)))

    munis = _by_label(by_municipality, "municipality", label)
    cells: list[GapCell] = []
    for key, _low, _high in AGE_GROUPS:
        for ags in munis:
            demand = age_muni[key, ags]
            matching = count(_age_in_municipality, key, ags)
            cells.append(
                GapCell(
                    "age_municipality",
                    key,
                    label("age_group", key),
                    ags,
                    label("municipality", ags),
                    demand,
                    matching,
                    demand > 0 and not matching,
                )
            )
    for lang in _by_demand(by_language):
        for ags in munis:
            demand = lang_muni[lang, ags]
            if not demand:
                continue  # languages are many: list only where there is demand
            matching = count(_language_in_municipality, lang, ags)
            cells.append(
                GapCell(
                    "language_municipality",
                    lang,
                    label("language", lang),
                    ags,
                    label("municipality", ags),
                    demand,
                    matching,
                    not matching,
                )
            )
    return GapAnalysis(reference_date, len(kids), len(valid), rows, cells)


def _by_demand(counts: Counter[str]) -> list[str]:
    return sorted(counts, key=lambda k: (-counts[k], k))


def _by_label(counts: Counter[str], dimension: str, label: Labeller) -> list[str]:
    return sorted(counts, key=lambda k: (label(dimension, k).casefold(), k))


def rows_of(analysis: GapAnalysis, dimension: str) -> list[GapRow]:
    return [r for r in analysis.rows if r.dimension == dimension]


def cells_of(analysis: GapAnalysis, table: str) -> list[GapCell]:
    return [c for c in analysis.cells if c.table == table]
