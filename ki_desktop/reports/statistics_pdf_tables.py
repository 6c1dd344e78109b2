"""The tables of the statistics PDF: the summary box of key figures and each published table
with its chart. Numbers right-aligned, totals bold, the previous period in grey; headings of
the form "Median, 3. Quartal 2026" become a two-row header (period above, figure below)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from ki_desktop.domain.statistics import PublishedTable, StatisticsReport
from ki_desktop.i18n import _
from ki_desktop.reports.pdf_style import CELL_PADDING, LIGHT, RULE, TEXT_WIDTH, Fonts
from ki_desktop.reports.statistics_charts import bar_chart
from ki_desktop.reports.statistics_format import (
    format_cell,
    format_change,
    key_figures,
    previous_columns,
)

ACCENT = colors.HexColor("#2f5d8a")
_BOX = colors.HexColor("#f3f6f9")
_PREVIOUS_TEXT = "#555555"


def summary_box(report: StatisticsReport, styles: dict, locale: str) -> list:
    figures = key_figures(report)
    if not figures:
        return []
    head = [
        Paragraph(escape(_("Kennzahl")), styles["head"]),
        Paragraph(escape(report.period.label), styles["head_right"]),
        Paragraph(escape(report.previous.label), styles["head_right"]),
        Paragraph(escape(_("Veränderung")), styles["head_right"]),
    ]
    rows = [head]
    for figure in figures:
        rows.append(
            [
                Paragraph(escape(figure.label), styles["cell"]),
                Paragraph(f"<b>{escape(format_cell(figure.value, locale))}</b>", styles["big"]),
                Paragraph(escape(format_cell(figure.previous, locale)), styles["cell_right"]),
                Paragraph(
                    escape(format_change(figure.value, figure.previous, locale)),
                    styles["cell_right"],
                ),
            ]
        )
    num = 32 * mm
    table = Table(rows, colWidths=(TEXT_WIDTH - 3 * num, num, num, num), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _BOX),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, ACCENT),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, RULE),
                ("LINEBELOW", (0, -1), (-1, -1), 0.4, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [
        Paragraph(escape(_("Auf einen Blick")), styles["section"]),
        table,
        Paragraph(
            escape(
                _("Veränderung gegenüber dem {previous}; „–“, wo ein Wert unterdrückt ist.").format(
                    previous=report.previous.label
                )
            ),
            styles["small"],
        ),
    ]


def _cell_markup(value, col: int, previous: set[int], bold: bool, locale: str) -> str:
    text = escape(value if col == 0 and isinstance(value, str) else format_cell(value, locale))
    if col in previous:
        text = f'<font color="{_PREVIOUS_TEXT}">{text}</font>'
    return f"<b>{text}</b>" if bold else text


def _split_heading(heading: str, periods: tuple[str, str]) -> tuple[str, str] | None:
    """ "Median, 3. Quartal 2026" -> ("3. Quartal 2026", "Median"); None for other headings."""
    for period in periods:
        if heading.endswith(f", {period}"):
            return period, heading[: -len(period) - 2]
    return None


def _header_rows(report: StatisticsReport, table: PublishedTable, styles: dict):
    """One header row, or two when every value column names a period after a comma; the
    style commands for the spans."""
    periods = (report.period.label, report.previous.label)
    parts = [_split_heading(h, periods) for h in table.columns[1:]]

    def head(text: str, right: bool = True) -> Paragraph:
        return Paragraph(escape(text), styles["head_right" if right else "head"])

    if not parts or None in parts:
        return [[head(table.columns[0], False), *map(head, table.columns[1:])]], []
    top: list = [head(table.columns[0], False)]
    spans = [("SPAN", (0, 0), (0, 1))]
    start = 1
    for col, (period, _what) in enumerate(parts, start=1):
        if col == len(parts) or parts[col][0] != period:  # the last column of this period
            top += [Paragraph(escape(period), styles["head_center"])] + [""] * (col - start)
            if col > start:
                spans.append(("SPAN", (start, 0), (col, 0)))
            spans.append(("LINEBELOW", (start, 0), (col, 0), 0.4, RULE))
            start = col + 1
    bottom = ["", *(head(what) for _period, what in parts)]
    return [top, bottom], spans


def _cell_markup(value, col: int, previous: set[int], bold: bool, locale: str) -> str:
    text = escape(value if col == 0 and isinstance(value, str) else format_cell(value, locale))
    if col in previous:
        text = f'<font color="{_PREVIOUS_TEXT}">{text}</font>'
    return f"<b>{text}</b>" if bold else text


def _grid(report: StatisticsReport, table: PublishedTable, styles: dict, locale: str) -> Table:
    previous = previous_columns(report, table)
    values = len(table.columns) - 1
    num = min(30 * mm, TEXT_WIDTH * 0.72 / max(values, 1))
    widths = (TEXT_WIDTH - values * num, *([num] * values))
    header, spans = _header_rows(report, table, styles)
    body = [*table.rows, *([table.total] if table.total is not None else [])]
    data = [*header]
    for n, row in enumerate(body):
        bold = table.total is not None and n == len(body) - 1
        style = [styles["cell"]] + [styles["cell_right"]] * values
        data.append(
            [
                Paragraph(_cell_markup(v, c, previous, bold, locale), style[c])
                for c, v in enumerate(row)
            ]
        )
    grid = Table(data, colWidths=widths, repeatRows=len(header), hAlign="LEFT")
    commands = [
        *CELL_PADDING,
        ("BACKGROUND", (0, 0), (-1, len(header) - 1), LIGHT),
        ("VALIGN", (0, 0), (-1, len(header) - 1), "BOTTOM"),
        ("LINEBELOW", (0, len(header) - 1), (-1, len(header) - 1), 0.6, RULE),
        *spans,
    ]
    if table.total is not None:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black))
    grid.setStyle(TableStyle(commands))
    return grid


def table_heading(number: int, table: PublishedTable) -> str:
    """ "Tabelle 3: Beratene Kinder und Jugendliche nach Alter"."""
    return _("Tabelle {n}: {title}").format(n=number, title=table.title)


def table_flowables(
    report: StatisticsReport,
    table: PublishedTable,
    number: int,
    styles: dict,
    fonts: Fonts,
    locale: str,
) -> list:
    """Heading, note, table and (for ``chart == "bar"``) its chart with a caption."""
    head: list = [Paragraph(escape(table_heading(number, table)), styles["table_title"])]
    if table.note:
        head.append(Paragraph(escape(table.note), styles["small"]))
    if not table.rows:
        empty = _("Keine Angaben für diesen Zeitraum.")
        return [KeepTogether([*head, Paragraph(escape(empty), styles["body"])]), Spacer(0, 4 * mm)]
    parts: list = [*head, _grid(report, table, styles, locale)]
    if table.unit == "days" and not table.note:
        parts.append(Paragraph(escape(_("Angaben in Tagen.")), styles["small"]))
    chart: list = []
    if table.chart == "bar":
        caption = _("Abbildung zu Tabelle {n}: {title}").format(n=number, title=table.title)
        chart = [
            Spacer(0, 3 * mm),
            Paragraph(escape(caption), styles["caption"]),
            bar_chart(report, table, TEXT_WIDTH, fonts, locale),
        ]
    flowables: list = [CondPageBreak(60 * mm)]
    if len(table.rows) <= 15:  # short: table and chart on one page
        flowables.append(KeepTogether([*parts, *chart]))
    else:
        flowables += [*parts, KeepTogether(chart)] if chart else parts
    flowables.append(Spacer(0, 5 * mm))
    return flowables
