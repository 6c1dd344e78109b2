"""The gap analysis as an A4 PDF report: summary, one table per dimension, the combined tables
(only cells with children) and the definitions. Page numbers on every page."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
)

from ki_desktop.domain.gap_analysis import DIMENSIONS, TABLES, GapAnalysis, cells_of, rows_of
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.reports import gap_texts as t
from ki_desktop.reports.pdf_document import build_numbered, din_document
from ki_desktop.reports.pdf_style import (
    FOOTER_TOP,
    LEFT,
    RULE,
    TEXT_WIDTH,
    Fonts,
    Letterhead,
    draw_footer,
    draw_running_header,
    grid_table,
    letter_fonts,
    letter_styles,
    pairs_table,
)

# The gap mark is text (and a sign), never colour alone.
_GAP_SIGN = "⚠"


def _gap_cell(gap: bool, fonts: Fonts) -> str:
    if not gap:
        return ""
    return f'<font name="{fonts.bold}">{_GAP_SIGN} {escape(_(t.GAP_MARK))}</font>'


def _page(canvas, doc, title: str, date_text: str, head: Letterhead | None, fonts: Fonts) -> None:
    canvas.saveState()
    draw_running_header(canvas, title, date_text, fonts)
    if head is not None:
        draw_footer(canvas, head, fonts)
    else:
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        y = FOOTER_TOP - 1.5 * mm
        canvas.line(LEFT, y, LEFT + TEXT_WIDTH, y)
    canvas.restoreState()


def _story(analysis: GapAnalysis, title: str, styles: dict, fonts: Fonts) -> list:
    day = format_date(analysis.reference_date, "de", "long")
    story: list = [
        Paragraph(escape(title), styles["title"]),
        Spacer(0, 2 * mm),
        pairs_table(
            [
                (_("Stichtag"), escape(day)),
                (_("Offene Fälle"), str(analysis.open_cases)),
                (_("Gültige Angebote"), str(analysis.valid_offers)),
                (
                    _("Lücken"),
                    escape(", ".join(r.label for r in analysis.gaps) or _("keine")),
                ),
            ],
            styles,
            (40 * mm, TEXT_WIDTH - 40 * mm),
        ),
    ]
    num = 24 * mm
    for dimension in DIMENSIONS:
        rows = rows_of(analysis, dimension)
        if not rows:
            continue
        header = [_(t.DIMENSION_KEY_HEADERS[dimension]), _(t.CHILDREN), _(t.OFFERS), _(t.GAP)]
        data = [
            [escape(r.label), str(r.children), str(r.matching_offers), _gap_cell(r.gap, fonts)]
            for r in rows
        ]
        widths = (TEXT_WIDTH - 2 * num - 30 * mm, num, num + 8 * mm, 22 * mm)
        story += [
            Paragraph(escape(_(t.DIMENSION_TITLES[dimension])), styles["heading"]),
            grid_table(header, data, widths, styles, right=(1, 2)),
        ]
    for table in TABLES:
        cells = [c for c in cells_of(analysis, table) if c.children]
        if not cells:
            continue
        header = [
            _(t.MUNICIPALITY),
            _(t.TABLE_ROW_HEADERS[table]),
            _(t.CHILDREN),
            _(t.OFFERS),
            _(t.GAP),
        ]
        cells.sort(key=lambda c: (c.municipality_label.casefold(), c.row_label.casefold()))
        data = [
            [
                escape(c.municipality_label),
                escape(c.row_label),
                str(c.children),
                str(c.matching_offers),
                _gap_cell(c.gap, fonts),
            ]
            for c in cells
        ]
        first = 42 * mm
        widths = (first, TEXT_WIDTH - first - 2 * num - 30 * mm, num, num + 8 * mm, 22 * mm)
        story += [
            Paragraph(escape(_(t.TABLE_TITLES[table])), styles["heading"]),
            Paragraph(escape(_("Nur Zellen mit Kindern.")), styles["small"]),
            grid_table(header, data, widths, styles, right=(2, 3)),
        ]
    definitions = [(term, escape(text)) for term, text in t.definitions()]
    story.append(
        KeepTogether(
            [
                Paragraph(escape(_("Definitionen")), styles["heading"]),
                pairs_table(definitions, styles, (36 * mm, TEXT_WIDTH - 36 * mm)),
            ]
        )
    )
    return story


def build_gap_pdf(
    analysis: GapAnalysis,
    target: Path | BinaryIO,
    *,
    kreis: str = "",
    letterhead: Letterhead | None = None,
    font_dirs: Sequence[Path | str] | None = None,
) -> None:
    """Write ``analysis`` as an A4 PDF to ``target`` (a path or a binary file object)."""
    fonts = letter_fonts(font_dirs)
    styles = dict(letter_styles(fonts))
    styles["title"] = ParagraphStyle(
        "gap_title", styles["subject"], fontSize=15, leading=19, spaceAfter=1 * mm
    )
    title = _(t.REPORT_TITLE) + (f" – {kreis}" if kreis else "")
    date_text = _("Stichtag {date}").format(date=format_date(analysis.reference_date, "de", "long"))
    doc = din_document(
        target,
        font=fonts.regular,
        title=title,
        author=letterhead.ki_name if letterhead else "",
        first_top=22 * mm,
        on_first=partial(_page, title=title, date_text=date_text, head=letterhead, fonts=fonts),
    )
    build_numbered(doc, _story(analysis, title, styles, fonts), fonts.regular)
