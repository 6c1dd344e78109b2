"""What the PDF, XLSX and CSV writers of the statistics share: the title, the number format,
which column holds the previous period, the key figures of the summary.

The writers see only the already suppressed :class:`StatisticsReport`; nothing here can
un-suppress a cell (a "<3" stays "<3", in charts it counts as 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.numbers import format_decimal

from ki_desktop.domain.statistics import SUPPRESSED, Cell, PublishedTable, StatisticsReport
from ki_desktop.i18n import N_, _
from ki_desktop.i18n.locale_data import format_date

# A table with this key, when the report has one, is the summary's list of key figures
# (label, this period, previous period[, change]); otherwise the totals of the count tables.
KEY_FIGURES_KEY = "overview"

KIND_TITLES = {"quarterly": N_("Quartalsstatistik"), "monthly": N_("Monatsstatistik")}
NO_VALUE = "–"


def anonymisation_note() -> str:
    """The note at the foot of every export."""
    return _(
        "Anonymisierte Zahlen: keine Namen, keine Freitexte, keine Einzelfälle. "
        "Anzahlen unter 3 werden nicht ausgewiesen („<3“)."
    )


def report_title(report: StatisticsReport) -> str:
    """ "Quartalsstatistik 3. Quartal 2026", "Monatsstatistik Oktober 2026"."""
    kind = _(KIND_TITLES.get(report.period.kind, N_("Statistik")))
    return f"{kind} {report.period.label}"


def period_span(start: date, end: date, locale: str = "de") -> str:
    """ "01.07.2026 – 30.09.2026"."""
    return f"{format_date(start, locale)} – {format_date(end, locale)}"


def format_cell(value: Cell, locale: str = "de") -> str:
    """A cell as printed: numbers with the locale's separators, "<3" as is, "–" for empty."""
    if value is None or value == "":
        return NO_VALUE
    if isinstance(value, bool):  # not a number, whatever Python says
        return str(value)
    if isinstance(value, int):
        return format_decimal(value, locale=locale)
    if isinstance(value, float):
        return format_decimal(round(value, 1), format="#,##0.#", locale=locale)
    return str(value)


def chart_value(value: Cell) -> float:
    """A cell's height in a chart: suppressed and empty cells count as 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value)


def is_suppressed(value: Cell) -> bool:
    return value == SUPPRESSED


def previous_columns(report: StatisticsReport, table: PublishedTable) -> set[int]:
    """Indexes of the columns that hold the previous period (their heading names it)."""
    label = report.previous.label
    return {i for i, head in enumerate(table.columns) if i and label and label in head}


@dataclass(frozen=True, slots=True)
class KeyFigure:
    label: str
    value: Cell
    previous: Cell
    unit: str  # "count" | "days"


def _change(value: Cell, previous: Cell) -> Cell:
    if isinstance(value, int) and isinstance(previous, int) and not isinstance(value, bool):
        return value - previous
    return None


def format_change(value: Cell, previous: Cell, locale: str = "de") -> str:
    """ "+12", "−3", "±0", or "–" when one side is suppressed or missing."""
    change = _change(value, previous)
    if change is None:
        return NO_VALUE
    if change == 0:
        return "±0"
    sign = "+" if change > 0 else "−"
    return sign + format_decimal(abs(change), locale=locale)


def key_figures(report: StatisticsReport) -> list[KeyFigure]:
    """The figures of the summary box, each with the previous period when the report has it."""
    for table in report.tables:
        if table.key == KEY_FIGURES_KEY:
            width = len(table.columns)
            return [
                KeyFigure(
                    str(row[0]),
                    row[1] if width > 1 else None,
                    row[2] if width > 2 else None,
                    table.unit,
                )
                for row in table.rows
            ]
    figures = []
    for table in report.tables:
        if table.total is None or table.unit != "count" or len(table.columns) < 2:
            continue
        previous = sorted(previous_columns(report, table))
        figures.append(
            KeyFigure(
                table.title,
                table.total[1],
                table.total[previous[0]] if previous else None,
                table.unit,
            )
        )
    return figures


def published_tables(report: StatisticsReport) -> list[PublishedTable]:
    """The tables printed one by one (the key figures are the summary, not a table)."""
    return [t for t in report.tables if t.key != KEY_FIGURES_KEY]
