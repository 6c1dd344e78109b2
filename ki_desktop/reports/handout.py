"""Bilingual handouts for parents (Elternhandzettel): A4, German on the left, the family's
language on the right.

The KI's letterhead, the title and the date in both languages, then each section as a table
of rows, one per paragraph, so that a German paragraph and its translation stay side by side
however long either is. The family's column goes through :mod:`script_text`: Arabic, Persian
and Pashto are shaped, ordered right to left and right-aligned; Tigrinya prints in Ethiopic
letters. A paragraph without a translation is printed in German in the family's column too,
with a visible note, never as an empty line. Page numbers ("Seite x von y") are in both
languages.

The texts come ready (see ``services.parent_texts``); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import BinaryIO, Protocol
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from ki_desktop.i18n.locale_data import format_date
from ki_desktop.i18n.parents import GERMAN, P_, parent_text
from ki_desktop.reports.handout_page import BilingualNumberedCanvas
from ki_desktop.reports.pdf_document import din_document
from ki_desktop.reports.pdf_style import (
    GREY,
    LIGHT,
    TEXT_WIDTH,
    FontMissingError,
    Letterhead,
    draw_footer,
    draw_letterhead,
    draw_running_header,
    letter_styles,
)
from ki_desktop.reports.script_text import ScriptParagraph, TextStyle
from ki_desktop.reports.scripts import ScriptFonts

__all__ = ["FontMissingError", "Handout", "HandoutSection", "build_handout", "handout_texts"]

DATE_LABEL = P_("Datum")
PAGE_LABEL = P_("Seite {page} von {pages}")
# The note beside a paragraph that is not translated yet (German, and in the family's
# language where the catalogue has at least that).
NOT_TRANSLATED = P_("(noch keine Übersetzung)")

GAP = 8 * mm
HALF = (TEXT_WIDTH - GAP) / 2

BODY = TextStyle(size=9.5, leading=14.5)
TITLE = TextStyle(size=13, leading=18, bold=True)
HEADING = TextStyle(size=10.5, leading=15, bold=True)
SMALL = TextStyle(size=8.5, leading=12, color=GREY)


class Text(Protocol):
    """A text in German and the family's language (``services.parent_texts.Bilingual``)."""

    german: str
    family: str
    translated: bool


@dataclass(frozen=True)
class HandoutSection:
    title: Text
    paragraphs: Sequence[Text] = field(default_factory=tuple)


@dataclass(frozen=True)
class Handout:
    """What a handout says: title, the family's language, the date and the sections.
    ``language`` "de" gives a German-only handout over the full width."""

    letterhead: Letterhead
    date: date
    language: str
    title: Text
    sections: Sequence[HandoutSection]
    # The two languages' names, each in itself ("Deutsch", "العربية"), over the columns.
    column_names: tuple[str, str] = ("Deutsch", "")


def _locale(language: str) -> str:
    try:
        format_date(date(2000, 1, 1), language, "long")
    except (ValueError, LookupError):
        return GERMAN
    return language


def _family_date(handout: Handout) -> str:
    label = parent_text(DATE_LABEL, handout.language).text
    return f"{label}: {format_date(handout.date, _locale(handout.language), 'long')}"


def _note(language: str) -> str:
    family = parent_text(NOT_TRANSLATED, language)
    return f"{NOT_TRANSLATED} {family.text}" if family.translated else NOT_TRANSLATED


def _styles(handout: Handout, fonts: ScriptFonts) -> dict[str, ParagraphStyle]:
    base = letter_styles(fonts.base)
    return {
        "body": ParagraphStyle("h_body", base["body"], fontSize=BODY.size, leading=BODY.leading),
        "title": ParagraphStyle(
            "h_title", base["subject"], fontSize=TITLE.size, leading=TITLE.leading
        ),
        "heading": ParagraphStyle(
            "h_heading", base["subject"], fontSize=HEADING.size, leading=HEADING.leading
        ),
        "small": ParagraphStyle(
            "h_small", base["small"], fontSize=SMALL.size, leading=SMALL.leading
        ),
    }


def _family_cell(text: Text, handout: Handout, fonts: ScriptFonts, style: TextStyle) -> list:
    language = handout.language
    if text.translated:
        return [ScriptParagraph(text.family, language, fonts, style)]
    # the German text, left-aligned as German is, and the note under it
    german = TextStyle(style.size, style.leading, style.bold, style.color, align="left")
    return [
        ScriptParagraph(text.german, GERMAN, fonts, german),
        ScriptParagraph(_note(language), language, fonts, SMALL),
    ]


def _rows_table(rows: list[list], bottom: float, line: bool = True) -> Table:
    table = Table(rows, colWidths=(HALF, GAP / 2, GAP / 2, HALF), hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]
    if line:
        style.append(("LINEAFTER", (1, 0), (1, -1), 0.4, LIGHT))
    table.setStyle(TableStyle(style))
    return table


def _section(section: HandoutSection, handout: Handout, fonts: ScriptFonts, styles) -> list:
    """A section as one two-column table per row (rows split cleanly across pages); the
    title's row stays with the first paragraph's."""
    if handout.language == GERMAN:
        title = Paragraph(escape(section.title.german), styles["heading"])
        story = [title] + [Paragraph(escape(p.german), styles["body"]) for p in section.paragraphs]
        return [*story, Spacer(0, 3 * mm)]
    title = _rows_table(
        [
            [
                Paragraph(escape(section.title.german), styles["heading"]),
                "",
                "",
                _family_cell(section.title, handout, fonts, HEADING),
            ]
        ],
        bottom=2.2 * mm,
    )
    title.keepWithNext = True
    story: list = [title]
    for paragraph in section.paragraphs:
        row = [
            Paragraph(escape(paragraph.german), styles["body"]),
            "",
            "",
            _family_cell(paragraph, handout, fonts, BODY),
        ]
        story.append(_rows_table([row], bottom=2.2 * mm))
    return [*story, Spacer(0, 3 * mm)]


def _header(handout: Handout, fonts: ScriptFonts, styles) -> list:
    day = f"{DATE_LABEL}: {format_date(handout.date, GERMAN, 'long')}"
    if handout.language == GERMAN:
        return [
            Paragraph(escape(handout.title.german), styles["title"]),
            Paragraph(escape(day), styles["small"]),
            Spacer(0, 6 * mm),
        ]
    german_name, family_name = handout.column_names
    rows = [
        [
            Paragraph(escape(german_name), styles["small"]),
            "",
            "",
            ScriptParagraph(family_name, handout.language, fonts, SMALL),
        ],
        [
            Paragraph(escape(handout.title.german), styles["title"]),
            "",
            "",
            _family_cell(handout.title, handout, fonts, TITLE),
        ],
        [
            Paragraph(escape(day), styles["small"]),
            "",
            "",
            ScriptParagraph(_family_date(handout), handout.language, fonts, SMALL),
        ],
    ]
    return [_rows_table(rows, bottom=1.2 * mm, line=False), Spacer(0, 5 * mm)]


def _first_page(canvas, doc, handout: Handout, fonts: ScriptFonts) -> None:
    canvas.saveState()
    draw_letterhead(canvas, handout.letterhead, fonts.base)
    draw_footer(canvas, handout.letterhead, fonts.base)
    canvas.restoreState()


def _later_page(canvas, doc, handout: Handout, fonts: ScriptFonts) -> None:
    canvas.saveState()
    day = format_date(handout.date, GERMAN, "long")
    draw_running_header(canvas, handout.title.german, day, fonts.base)
    draw_footer(canvas, handout.letterhead, fonts.base)
    canvas.restoreState()


def handout_texts(handout: Handout) -> list[str]:
    """Every text of ``handout`` (for looking up the fonts it needs before writing)."""
    texts = [handout.title.family, *handout.column_names, _family_date(handout)]
    texts += [parent_text(PAGE_LABEL, handout.language).text, _note(handout.language)]
    for section in handout.sections:
        texts.append(section.title.family)
        texts += [p.family for p in section.paragraphs]
    return texts


def build_handout(
    handout: Handout, target: Path | BinaryIO, *, font_dirs: Sequence[Path | str] | None = None
) -> None:
    """Write ``handout`` as an A4 PDF to ``target`` (a path or a binary file object).

    The fonts of every text are looked up first: :class:`FontMissingError` (naming the font
    and the package that brings it) is raised before anything is written."""
    fonts = ScriptFonts(font_dirs)
    fonts.require(handout_texts(handout))
    styles = _styles(handout, fonts)
    doc = din_document(
        target,
        font=fonts.base.regular,
        title=handout.title.german,
        author=handout.letterhead.ki_name,
        subject=handout.title.family if handout.title.translated else None,
        first_top=48 * mm,
        on_first=partial(_first_page, handout=handout, fonts=fonts),
        later_top=24 * mm,
        on_later=partial(_later_page, handout=handout, fonts=fonts),
    )
    story = _header(handout, fonts, styles)
    for section in handout.sections:
        story += _section(section, handout, fonts, styles)
    family_label = parent_text(PAGE_LABEL, handout.language)
    canvas = partial(
        BilingualNumberedCanvas,
        fonts=fonts,
        language=handout.language,
        german_label=PAGE_LABEL,
        family_label=family_label.text
        if family_label.translated and handout.language != GERMAN
        else "",
    )
    doc.build(story, canvasmaker=canvas)
