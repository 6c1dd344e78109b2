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

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
)

from ki_desktop.domain.statistics import StatisticsReport
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.reports.pdf_document import build_numbered, din_document
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
    draw_letterhead,
    draw_running_header,
    letter_fonts,
    letter_styles,
    pairs_table,
)
from ki_desktop.reports.statistics_format import (
    anonymisation_note,
    period_span,
    published_tables,
    report_title,
)
from ki_desktop.reports.statistics_pdf_tables import (
    ACCENT,
    summary_box,
    table_flowables,
    table_heading,
)


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
        *summary_box(report, styles, locale),
    ]
    tables = published_tables(report)
    story.append(Paragraph(escape(_("Inhalt")), styles["section"]))
    contents = [table_heading(n, t) for n, t in enumerate(tables, start=1)]
    contents.append(_("Definitionen und Hinweise"))
    story += [Paragraph(escape(line), styles["contents"]) for line in contents]
    story.append(PageBreak())
    for number, table in enumerate(tables, start=1):
        story += table_flowables(report, table, number, styles, fonts, locale)
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
        "stat_title", styles["subject"], fontSize=17, leading=21, textColor=ACCENT
    )
    styles["subtitle"] = ParagraphStyle(
        "stat_subtitle", styles["body"], textColor=GREY, spaceAfter=4 * mm
    )
    styles["section"] = ParagraphStyle(
        "stat_section",
        styles["heading"],
        fontSize=11.5,
        leading=15,
        textColor=ACCENT,
        spaceBefore=4 * mm,
        spaceAfter=2 * mm,
    )
    styles["table_title"] = ParagraphStyle(
        "stat_table_title", styles["heading"], fontSize=10.5, leading=14, spaceAfter=1.5 * mm
    )
    styles["head_center"] = ParagraphStyle("stat_head_center", styles["head"], alignment=TA_CENTER)
    styles["caption"] = ParagraphStyle(
        "stat_caption", styles["small"], fontName=fonts.bold, textColor=GREY, keepWithNext=1
    )
    styles["contents"] = ParagraphStyle(
        "stat_contents", styles["body"], fontSize=9.5, leading=14, leftIndent=2 * mm
    )
    styles["big"] = ParagraphStyle(
        "stat_big", styles["cell_right"], fontSize=11, leading=13, textColor=ACCENT
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
    doc = din_document(
        target,
        font=fonts.regular,
        title=report_title(report),
        author=report.issuer,
        subject=_("Anonymisierte Statistik der Seiteneinsteigerberatung"),
        first_top=50 * mm if letterhead is not None else 32 * mm,
        on_first=partial(_first_page, report=report, head=letterhead, fonts=fonts),
        later_top=22 * mm,
        on_later=partial(_later_page, report=report, fonts=fonts),
    )
    build_numbered(doc, _story(report, styles, fonts, locale), fonts.regular)
