"""The monthly or quarterly statistics as an A4 PDF report.

First page: the KI's letterhead, the title, period, reference date and date of creation, and a
summary box with the key figures against the previous period. Then every table (numbers
right-aligned, totals bold, the previous period in grey) with a bar chart where the table asks
for one, and the definitions at the end. Every page carries "Seite x von y" and the note that
the figures are anonymised with counts below 3 suppressed.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ki_desktop.domain.statistics import PublishedTable, StatisticsReport
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.reports.pdf_style import (
    FOOTER_TOP,
    GREY,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    RULE,
    TEXT_WIDTH,
    Fonts,
    Letterhead,
    NumberedCanvas,
    draw_letterhead,
    draw_running_header,
    grid_table,
    letter_fonts,
    letter_styles,
    pairs_table,
)
from ki_desktop.reports.statistics_charts import bar_chart
from ki_desktop.reports.statistics_format import (
    anonymisation_note,
    format_cell,
    format_change,
    key_figures,
    period_span,
    previous_columns,
    published_tables,
    report_title,
)

_ACCENT = colors.HexColor("#2f5d8a")
_BOX = colors.HexColor("#f3f6f9")
_PREVIOUS_TEXT = "#555555"


def _created_text(report: StatisticsReport, locale: str) -> str:
    return _("{date}, {time} Uhr").format(
        date=format_date(report.created_at.date(), locale, "long"),
        time=report.created_at.strftime("%H:%M"),
    )


def _first_page(canvas, doc, report: StatisticsReport, head: Letterhead | None, fonts: Fonts):
    canvas.saveState()
    if head is not None:
        draw_letterhead(canvas, head, fonts)
    else:
        canvas.setFont(fonts.bold, 12.5)
        canvas.drawRightString(PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 17 * mm, report.issuer)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, PAGE_HEIGHT - 24 * mm, PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 24 * mm)
    _footer(canvas, report, fonts)
    canvas.restoreState()


def _later_page(canvas, doc, report: StatisticsReport, fonts: Fonts):
    canvas.saveState()
    draw_running_header(canvas, report_title(report), report.issuer, fonts)
    _footer(canvas, report, fonts)
    canvas.restoreState()


def _footer(canvas, report: StatisticsReport, fonts: Fonts) -> None:
    """Title and issuer, then the anonymisation note; the page number is added at the end."""
    y = FOOTER_TOP - 5 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, y + 3.5 * mm, PAGE_WIDTH - RIGHT, y + 3.5 * mm)
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.regular, 7.5)
    canvas.drawString(LEFT, y, f"{report.issuer} · {report_title(report)}")
    canvas.setFont(fonts.regular, 6.8)
    canvas.drawString(LEFT, y - 3.5 * mm, anonymisation_note())


def _summary_box(report: StatisticsReport, styles: dict, locale: str) -> list:
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
    num = 31 * mm
    table = Table(rows, colWidths=(TEXT_WIDTH - 3 * num, num, num, num), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _BOX),
                ("LINEABOVE", (0, 0), (-1, 0), 1.2, _ACCENT),
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


def _table_flowables(
    report: StatisticsReport, table: PublishedTable, styles: dict, fonts: Fonts, locale: str
) -> list:
    previous = previous_columns(report, table)
    values = len(table.columns) - 1
    num = min(30 * mm, TEXT_WIDTH * 0.6 / max(values, 1))
    widths = (TEXT_WIDTH - values * num, *([num] * values))
    rows = [
        [_cell_markup(v, c, previous, False, locale) for c, v in enumerate(row)]
        for row in table.rows
    ]
    if table.total is not None:
        rows.append([_cell_markup(v, c, previous, True, locale) for c, v in enumerate(table.total)])
    grid = grid_table(table.columns, rows, widths, styles, right=range(1, len(table.columns)))
    extra = [("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE)]
    if table.total is not None:
        extra += [("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black)]
    grid.setStyle(TableStyle(extra))
    head = [Paragraph(escape(table.title), styles["table_title"])]
    if table.note:
        head.append(Paragraph(escape(table.note), styles["small"]))
    parts: list = [*head, grid]
    if table.unit == "days":
        parts.append(Paragraph(escape(_("Angaben in Tagen.")), styles["small"]))
    flowables: list = [CondPageBreak(60 * mm)]
    if len(table.rows) <= 25:
        flowables.append(KeepTogether(parts))
    else:
        flowables += parts
    if table.chart == "bar" and table.rows:
        flowables += [Spacer(0, 2.5 * mm), bar_chart(report, table, TEXT_WIDTH, fonts, locale)]
    flowables.append(Spacer(0, 4 * mm))
    return flowables


def _story(report: StatisticsReport, styles: dict, fonts: Fonts, locale: str) -> list:
    title = report_title(report)
    facts = [
        (_("Zeitraum"), escape(period_span(report.period.start, report.period.end, locale))),
        (
            _("Vergleich"),
            escape(
                f"{report.previous.label} "
                f"({period_span(report.previous.start, report.previous.end, locale)})"
            ),
        ),
        (_("Stichtag"), escape(format_date(report.reference_date, locale, "long"))),
        (_("Herausgeber"), escape(report.issuer)),
        (_("Erstellt am"), escape(_created_text(report, locale))),
    ]
    story: list = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(_("Seiteneinsteigerberatung – anonymisierte Zahlen")), styles["subtitle"]),
        pairs_table(facts, styles, (36 * mm, TEXT_WIDTH - 36 * mm)),
        Spacer(0, 3 * mm),
        *_summary_box(report, styles, locale),
        Spacer(0, 5 * mm),
    ]
    for table in published_tables(report):
        story += _table_flowables(report, table, styles, fonts, locale)
    definitions = [(term, escape(text)) for term, text in report.definitions]
    definitions.append((_("Datenschutz"), escape(anonymisation_note())))
    story.append(
        KeepTogether(
            [
                Paragraph(escape(_("Definitionen und Hinweise")), styles["section"]),
                pairs_table(definitions, styles, (38 * mm, TEXT_WIDTH - 38 * mm)),
            ]
        )
    )
    return story


def _styles(fonts: Fonts) -> dict:
    styles = dict(letter_styles(fonts))
    styles["title"] = ParagraphStyle(
        "stat_title", styles["subject"], fontSize=17, leading=21, textColor=_ACCENT
    )
    styles["subtitle"] = ParagraphStyle(
        "stat_subtitle", styles["body"], textColor=GREY, spaceAfter=4 * mm
    )
    styles["section"] = ParagraphStyle(
        "stat_section",
        styles["heading"],
        fontSize=11.5,
        leading=15,
        textColor=_ACCENT,
        spaceBefore=4 * mm,
        spaceAfter=2 * mm,
    )
    styles["table_title"] = ParagraphStyle(
        "stat_table_title", styles["heading"], fontSize=10.5, leading=14, spaceAfter=1.5 * mm
    )
    styles["big"] = ParagraphStyle(
        "stat_big", styles["cell_right"], fontSize=11, leading=13, textColor=_ACCENT
    )
    return styles


def build_statistics_pdf(
    report: StatisticsReport,
    target: Path | BinaryIO,
    *,
    letterhead: Letterhead | None = None,
    font_dirs: Sequence[Path | str] | None = None,
    locale: str = "de",
) -> None:
    """Write ``report`` as an A4 PDF to ``target`` (a path or a binary file object)."""
    fonts = letter_fonts(font_dirs)
    styles = _styles(fonts)
    doc = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=report_title(report),
        author=report.issuer,
        subject=_("Anonymisierte Statistik der Seiteneinsteigerberatung"),
        creator="ki-desktop",
        lang="de-DE",
        initialFontName=fonts.regular,
    )
    bottom = FOOTER_TOP + 2 * mm
    pad = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
    first_top = 50 * mm if letterhead is not None else 32 * mm
    first = Frame(LEFT, bottom, TEXT_WIDTH, PAGE_HEIGHT - first_top - bottom, **pad)
    later = Frame(LEFT, bottom, TEXT_WIDTH, PAGE_HEIGHT - 22 * mm - bottom, **pad)
    on_first = partial(_first_page, report=report, head=letterhead, fonts=fonts)
    on_later = partial(_later_page, report=report, fonts=fonts)
    doc.addPageTemplates(
        [
            PageTemplate("first", [first], onPage=on_first, autoNextPageTemplate="later"),
            PageTemplate("later", [later], onPage=on_later),
        ]
    )
    canvas = partial(NumberedCanvas, page_font=fonts.regular)
    doc.build(_story(report, styles, fonts, locale), canvasmaker=canvas)
