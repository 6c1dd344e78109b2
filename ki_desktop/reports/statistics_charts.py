"""Bar charts of the statistics PDF (reportlab graphics): one bar per row of a table.

The bars show the table's first value column; when the table has a previous-period column,
a lighter second bar shows it beside. Suppressed cells ("<3") are drawn as 0 but labelled
"<3", so a reader never mistakes them for nothing.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ki_desktop.domain.statistics import PublishedTable, StatisticsReport
from ki_desktop.reports.pdf_style import GREY, Fonts
from ki_desktop.reports.statistics_format import (
    chart_value,
    format_cell,
    previous_columns,
)

CURRENT = colors.HexColor("#2f5d8a")
PREVIOUS = colors.HexColor("#b9c7d6")
AXIS = colors.HexColor("#777777")
GRID = colors.HexColor("#e3e3e3")

_FONT_SIZE = 7.5
_VERTICAL_MAX_ROWS = 6
_VERTICAL_MAX_LABEL = 16
_COMPARE_MAX_ROWS = 20  # more rows: the previous period only in the table
_MAX_PLOT_HEIGHT = 560.0  # points; the chart stays on one page under its heading


def _label(value, locale: str) -> str:
    return format_cell(value, locale)  # "–" for no value, "<3" for a suppressed one


def _wrapped(label: str, font: str, room: float) -> str:
    """The label in lines of at most ``room`` points (category labels take "\\n")."""
    lines: list[str] = []
    for word in label.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, _FONT_SIZE) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return "\n".join(lines[:2]) + ("…" if len(lines) > 2 else "")


def _nice_max(values: list[float]) -> tuple[float, float]:
    """An axis end a little above the highest bar and a step giving about five gridlines."""
    top = max([*values, 0.0])
    if top <= 0:
        return 5.0, 1.0
    raw = top / 5
    magnitude = 10 ** (len(str(int(raw))) - 1) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    end = step * (int(top / step) + 1)
    return float(end), float(step)


def _series(report: StatisticsReport, table: PublishedTable) -> list[tuple[str, int]]:
    """(legend text, column index) of the drawn series: the first value column, then the
    previous period's column if there is one."""
    series = [(table.columns[1], 1)]
    previous = sorted(previous_columns(report, table) - {1})
    if previous:
        series.append((table.columns[previous[0]], previous[0]))
    return series


def bar_chart(
    report: StatisticsReport, table: PublishedTable, width: float, fonts: Fonts, locale: str = "de"
) -> Drawing:
    """The chart of ``table`` across ``width`` points; vertical bars for a few short labels,
    horizontal bars (first row on top) otherwise."""
    rows = list(table.rows)
    series = _series(report, table)
    if len(rows) > _COMPARE_MAX_ROWS:  # a long list: only this period, or it would not fit
        series = series[:1]
    labels = [str(row[0]) for row in rows]
    vertical = len(rows) <= _VERTICAL_MAX_ROWS and max(map(len, labels), default=0) <= (
        _VERTICAL_MAX_LABEL
    )
    if not vertical:  # reportlab draws the first category at the bottom
        rows.reverse()
        labels.reverse()
    data = [[chart_value(row[col]) for row in rows] for _text, col in series]
    texts = [[_label(row[col], locale) for row in rows] for _text, col in series]
    top, step = _nice_max([v for values in data for v in values])

    legend_height = 14 if len(series) > 1 or table.unit == "days" else 0
    if vertical:
        plot_height = 110
        height = plot_height + 34 + legend_height
        chart = VerticalBarChart()
        label_room = 30
        chart.x, chart.y = label_room, 24
        chart.width, chart.height = width - label_room - 6, plot_height
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.dy = -3
    else:
        per_row = min(5 + 7 * len(series), _MAX_PLOT_HEIGHT / len(rows))
        plot_height = per_row * len(rows)
        height = plot_height + 26 + legend_height
        labels = [_wrapped(label, fonts.regular, width * 0.4) for label in labels]
        label_room = 8 + max(
            stringWidth(line, fonts.regular, _FONT_SIZE)
            for label in labels
            for line in label.split("\n")
        )
        chart = HorizontalBarChart()
        chart.x, chart.y = label_room, 18
        chart.width, chart.height = width - label_room - 26, plot_height
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.textAnchor = "end"
        chart.categoryAxis.labels.dx = -4
    fills = [CURRENT, PREVIOUS][: len(series)]
    if not vertical:  # the current period's bar on top within each group
        data, texts, fills = data[::-1], texts[::-1], fills[::-1]
    chart.data = data
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = _FONT_SIZE
    chart.categoryAxis.strokeColor = AXIS
    chart.categoryAxis.visibleTicks = False
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = _FONT_SIZE - 0.5
    chart.valueAxis.labels.fillColor = GREY
    chart.valueAxis.labelTextFormat = lambda v: format_cell(
        int(v) if float(v).is_integer() else v, locale
    )
    chart.valueAxis.strokeColor = AXIS
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.5
    chart.barSpacing = 1
    chart.groupSpacing = 6 if len(series) > 1 else 5
    chart.barLabelFormat = "values"
    chart.barLabelArray = texts
    chart.barLabels.fontName = fonts.regular
    chart.barLabels.fontSize = _FONT_SIZE - 0.5
    chart.barLabels.fillColor = colors.black
    if vertical:
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 2
    else:
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
    for i, fill in enumerate(fills):
        chart.bars[i].fillColor = fill
        chart.bars[i].strokeColor = None

    drawing = Drawing(width, height)
    drawing.add(chart)
    if len(series) > 1:
        legend = Legend()
        legend.x, legend.y = chart.x, height - 4
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 110
        legend.dxTextSpace = 4
        legend.boxAnchor = "nw"
        legend.fontName = fonts.regular
        legend.fontSize = _FONT_SIZE
        legend.colorNamePairs = [
            (fill, text) for fill, (text, _col) in zip((CURRENT, PREVIOUS), series, strict=False)
        ]
        legend.dx = legend.dy = 7
        legend.strokeColor = None
        drawing.add(legend)
    elif table.unit == "days":
        caption = String(chart.x, height - 9, table.columns[1], fontName=fonts.regular)
        caption.fontSize = _FONT_SIZE
        caption.fillColor = GREY
        drawing.add(caption)
    return drawing
