"""The published statistics: what a monthly or quarterly report holds once it is anonymised.

The store computes raw counts in SQL; :mod:`ki_desktop.services.statistics` turns them into a
:class:`StatisticsReport` whose cells are already suppressed (counts below
:data:`SUPPRESSION_LIMIT` shown as :data:`SUPPRESSED`). The PDF, XLSX and CSV writers only
lay out these tables; they never see a name, a note or a single case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

SUPPRESSION_LIMIT = 3
SUPPRESSED = "<3"

# A published cell: a count or a number of days, the suppression mark, or empty.
Cell = int | float | str | None


@dataclass(frozen=True, slots=True)
class Period:
    """The reported span, both days included."""

    kind: str  # "quarterly" | "monthly"
    start: date
    end: date
    label: str  # "3. Quartal 2026", "Oktober 2026" (in the UI language)


@dataclass(frozen=True, slots=True)
class PublishedTable:
    """One table of the report.

    ``columns`` are the headings, the first one for the row labels ("Schulstufe", ...).
    Every row has ``len(columns)`` cells, the first being the row's label (a str).
    ``total`` is the totals row (same shape) or None. ``chart`` names the chart the PDF draws
    for the table ("bar": one bar per row for the first value column; None: no chart).
    ``unit`` is "count" (suppressed below the limit) or "days" (median and percentiles, only
    given when at least the limit of cases contribute).
    """

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total: tuple[Cell, ...] | None = None
    unit: str = "count"
    chart: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class StatisticsReport:
    """A whole report, ready to be written."""

    period: Period
    previous: Period  # the period it is compared with
    reference_date: date  # "on the reference date" figures (children without a school place)
    created_at: datetime
    issuer: str  # the KI / Kreis named in the letterhead
    tables: tuple[PublishedTable, ...]
    definitions: tuple[tuple[str, str], ...]  # (term, how it is counted)
