"""Rules of the published statistics: periods, stage groups, waiting buckets, percentiles and
the suppression of small counts (statistische Geheimhaltung). Pure functions, no I/O.

Suppression, per table column (each column is one population with its own total):

1. Primary: every count from 1 to ``SUPPRESSION_LIMIT - 1`` is shown as :data:`SUPPRESSED`
   ("<3"); 0 stays 0.
2. Secondary: if exactly one cell of a column with a published total is suppressed, the
   total minus the other cells would give it away. Then the smallest other non-zero cell is
   masked too, shown as :data:`MASKED` ("x") because its true value is not small.
3. Totals are the sums of the true values; a total from 1 to 2 is suppressed itself.

Long lists (nationality, first language) show the categories with at least
``SUPPRESSION_LIMIT`` cases in the current period, at most :data:`TOP_CATEGORIES` of them;
everything else is merged into one "Sonstige" row before the suppression is applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from ki_desktop.domain.statistics import SUPPRESSED, SUPPRESSION_LIMIT, Cell, Period

QUARTERLY = "quarterly"
MONTHLY = "monthly"
KINDS = (QUARTERLY, MONTHLY)
MASKED = "x"  # secondary suppression: a cell hidden so that a "<3" cannot be recalculated
TOP_CATEGORIES = 15
OTHER = "__other__"  # the key of the merged "Sonstige" row
UNKNOWN = ""  # the key of "unbekannt" / "ohne Angabe"

_GERMAN_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)

# (kind, year, number) -> label in the UI language; the default is German.
PeriodLabeller = Callable[[str, int, int], str]


def german_label(kind: str, year: int, number: int) -> str:
    """ "3. Quartal 2026" or "Oktober 2026"."""
    if kind == QUARTERLY:
        return f"{number}. Quartal {year}"
    return f"{_GERMAN_MONTHS[number - 1]} {year}"


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def quarter(year: int, q: int, label: PeriodLabeller = german_label) -> Period:
    """Quarter ``q`` (1–4) of ``year``: 1 January – 31 March, …"""
    if not 1 <= q <= 4:
        raise ValueError(f"quarter {q} is not 1–4")
    first = 3 * q - 2
    return Period(
        QUARTERLY, date(year, first, 1), _month_end(year, first + 2), label(QUARTERLY, year, q)
    )


def month(year: int, m: int, label: PeriodLabeller = german_label) -> Period:
    """Month ``m`` (1–12) of ``year``."""
    if not 1 <= m <= 12:
        raise ValueError(f"month {m} is not 1–12")
    return Period(MONTHLY, date(year, m, 1), _month_end(year, m), label(MONTHLY, year, m))


def period(kind: str, year: int, number: int, label: PeriodLabeller = german_label) -> Period:
    """A quarter or a month by ``kind`` ("quarterly" | "monthly")."""
    if kind == QUARTERLY:
        return quarter(year, number, label)
    if kind == MONTHLY:
        return month(year, number, label)
    raise ValueError(f"unknown kind {kind!r}")


def number_of(p: Period) -> int:
    """The quarter (1–4) or month (1–12) ``p`` is."""
    return (p.start.month + 2) // 3 if p.kind == QUARTERLY else p.start.month


def previous(p: Period, label: PeriodLabeller = german_label) -> Period:
    """The period before ``p`` of the same kind (the previous quarter or month)."""
    day = p.start - timedelta(days=1)
    number = (day.month + 2) // 3 if p.kind == QUARTERLY else day.month
    return period(p.kind, day.year, number, label)


# -- stage groups --------------------------------------------------------------------------

NO_RECOMMENDATION = "none"
STAGE_GROUPS = (
    "pre_school",
    "primary",
    "grades_5_7",
    "grades_8_10",
    "vocational_college",
    "adult_education",
    NO_RECOMMENDATION,
)
# (stage code of the recommendation, lowest grade, highest grade, group); first match wins.
# A Sekundarstufe-I recommendation without a grade counts as classes 5–7.
STAGE_RULES: tuple[tuple[str, int | None, int | None, str], ...] = (
    ("pre_school", None, None, "pre_school"),
    ("primary", None, None, "primary"),
    ("secondary_1", 8, None, "grades_8_10"),
    ("secondary_1", None, None, "grades_5_7"),
    ("vocational_college", None, None, "vocational_college"),
    ("adult_education", None, None, "adult_education"),
)


def stage_group(stage: str | None, grade: int | None) -> str:
    """The published stage group of a case's latest recommendation (stage and grade)."""
    if not stage:
        return NO_RECOMMENDATION
    for code, low, high, group in STAGE_RULES:
        if stage != code:
            continue
        if low is not None and (grade is None or grade < low):
            continue
        if high is not None and (grade is None or grade > high):
            continue
        return group
    return NO_RECOMMENDATION


# Stages that need no school place (not yet or no longer schulpflichtig).
NO_SCHOOL_PLACE_NEEDED = ("pre_school", "adult_education")

# -- waiting -------------------------------------------------------------------------------

# Days since registration of a child still without a school place: (key, from, to or None).
WAITING_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-14", 0, 14),
    ("15-30", 15, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("91+", 91, None),
)

# Spans of the waiting-time table, in order.
SPANS = ("to_counselling", "to_assignment", "to_school_start", "still_waiting")


def nearest_rank(n: int, percent: int) -> int:
    """1-based rank of the ``percent``-th percentile of ``n`` sorted values (nearest rank:
    the smallest value with at least ``percent`` % of the values at or below it)."""
    return max(1, -(-percent * n // 100))


def percentile(values: Iterable[int], percent: int) -> int | None:
    """The nearest-rank percentile of ``values`` (None for no values)."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[nearest_rank(len(ordered), percent) - 1]


def published_days(value: int | None, contributing: int) -> Cell:
    """A median or percentile, published only when at least the limit of cases contribute."""
    return value if contributing >= SUPPRESSION_LIMIT else None


# -- suppression ---------------------------------------------------------------------------


def suppress_count(value: int) -> Cell:
    """One count on its own: 1–2 become "<3"."""
    return SUPPRESSED if 0 < value < SUPPRESSION_LIMIT else value


def _determined(hidden_sum: int, small: int, masked: int) -> bool:
    """Whether the hidden cells of a column can be worked out from the total: ``small`` cells
    are known to be 1–2 and ``masked`` cells at least 3, and together they make
    ``hidden_sum``. Only the extreme sums leave a single possibility."""
    if small == 0 and masked == 0:
        return False
    if masked == 0:
        return hidden_sum in (small, 2 * small)
    return hidden_sum == small + 3 * masked


def suppress_part(part: int, whole: int) -> Cell:
    """A count that is part of a count published elsewhere ("davon …"): like
    :func:`suppress_count`, and masked when the rest (``whole − part``) is 1–2, which the
    difference of the two would give away."""
    cell = suppress_count(part)
    published = whole >= SUPPRESSION_LIMIT  # a whole shown as "<3" gives nothing away
    if isinstance(cell, int) and published and 0 < whole - part < SUPPRESSION_LIMIT:
        return MASKED
    return cell


def suppress_column(values: Sequence[int]) -> tuple[list[Cell], Cell]:
    """The published cells of one column and its total (see the module docstring): counts of
    1–2 become "<3"; then further cells are masked ("x"), smallest first, until the total no
    longer tells what the hidden cells are; if no cell is left to mask, the total is masked."""
    cells: list[Cell] = [suppress_count(v) for v in values]
    total = sum(values)
    small = sum(1 for c in cells if c == SUPPRESSED)
    masked = 0
    while small and _determined(total - sum(c for c in cells if isinstance(c, int)), small, masked):
        candidates = [i for i, c in enumerate(cells) if isinstance(c, int) and c > 0]
        if not candidates:  # the total would give the hidden cells away: not published
            alone = small == 1 and not masked  # "<3" says no more than the cell itself
            return cells, suppress_count(total) if alone else MASKED
        smallest = min(candidates, key=lambda i: (values[i], i))
        cells[smallest] = MASKED
        masked += 1
    return cells, suppress_count(total)


def suppress_table(
    rows: Sequence[tuple[str, Sequence[int]]],
) -> tuple[list[tuple[Cell, ...]], tuple[Cell, ...]]:
    """Rows of (label, counts per column) → published rows and the totals row (without its
    label), each column suppressed on its own."""
    width = len(rows[0][1]) if rows else 0
    columns = [suppress_column([r[1][c] for r in rows]) for c in range(width)]
    published = [
        (label, *(columns[c][0][i] for c in range(width))) for i, (label, _) in enumerate(rows)
    ]
    return published, tuple(col[1] for col in columns)


def top_categories(
    counts: dict[str, Sequence[int]], limit: int = TOP_CATEGORIES
) -> list[tuple[str, tuple[int, ...]]]:
    """Keys with at least the suppression limit in the first column, at most ``limit``, largest
    first (ties by key); the rest summed into one :data:`OTHER` row (left out when empty)."""
    width = len(next(iter(counts.values()))) if counts else 0
    big = sorted(
        (k for k, v in counts.items() if v[0] >= SUPPRESSION_LIMIT and k != OTHER),
        key=lambda k: (-counts[k][0], k),
    )[:limit]
    rest = [0] * width
    for key, values in counts.items():
        if key not in big:
            rest = [a + b for a, b in zip(rest, values, strict=True)]
    rows = [(k, tuple(counts[k])) for k in big]
    if any(rest):
        rows.append((OTHER, tuple(rest)))
    return rows


def change(current: Cell, before: Cell) -> Cell:
    """Difference of two published counts; None when either is suppressed or missing."""
    if isinstance(current, int) and isinstance(before, int):
        return current - before
    return None
