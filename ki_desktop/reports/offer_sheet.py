"""The offer sheet for a family (Angebotsblatt): the chosen offers on A4, to take home.

The KI's letterhead, a title in German and in the family's language, the date in both, then
one block per offer: title, provider, address, times, contact, languages, cost, how long it
runs (each labelled in German on the left and in the family's language on the right), and
the description in German beside the one in the family's language where the offer has it
(right-aligned for right-to-left languages). Text in the family's language goes through
:mod:`script_text`, so Arabic, Persian, Pashto and Tigrinya print correctly.

The labels are parent texts (``P_``) translated in ``translations/parents``; a language whose
catalogue lacks the sheet's title gets a German sheet with a visible note instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from babel.lists import format_list
from reportlab.lib.units import mm
from reportlab.platypus import (
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import format_date, language_name
from ki_desktop.i18n.parents import GERMAN, parent_text
from ki_desktop.reports.handout_labels import HEADINGS, LABELS, PAGE_LABEL, heading
from ki_desktop.reports.handout_labels import label as family_label
from ki_desktop.reports.handout_page import BilingualNumberedCanvas
from ki_desktop.reports.pdf_document import build_numbered, din_document
from ki_desktop.reports.pdf_style import (
    CELL_PADDING,
    GREY,
    LIGHT,
    TEXT_WIDTH,
    FontMissingError,
    Letterhead,
    draw_footer,
    draw_letterhead,
    draw_running_header,
    letter_styles,
    pairs_table,
)
from ki_desktop.reports.script_text import ScriptParagraph, TextStyle
from ki_desktop.reports.scripts import ScriptFonts

__all__ = [
    "HEADINGS",
    "LABELS",
    "FontMissingError",
    "OfferSheet",
    "SheetOffer",
    "build_offer_sheet",
    "heading",
    "sheet_texts",
]

NONE = "–"


@dataclass(frozen=True)
class SheetOffer:
    """One offer as printed: plain values, the description in the family's language or ""."""

    title: str
    provider: str
    address: str
    schedule: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    languages: Sequence[str] = ()  # ISO 639 codes
    free_of_charge: bool = True
    valid_to: date | None = None
    description_de: str = ""
    description_family: str = ""


@dataclass(frozen=True)
class OfferSheet:
    letterhead: Letterhead
    date: date
    language: str  # the family's language (ISO 639); "de" for German only
    offers: Sequence[SheetOffer] = field(default_factory=tuple)


def _text(value: object) -> str:
    if value is None or value == "":
        return NONE
    return escape(str(value)).replace("\n", "<br/>")


def _locale(language: str) -> str:
    """A babel locale for the family's language's dates; German when babel has none."""
    try:
        format_date(date(2000, 1, 1), language, "long")
    except (ValueError, LookupError):
        return GERMAN
    return language


def _family(sheet: OfferSheet) -> bool:
    """Whether the sheet has a family column (a language other than German whose catalogue
    translates the sheet's title)."""
    return sheet.language != GERMAN and heading("title", sheet.language) is not None


def _rows(offer: SheetOffer, language: str) -> list[tuple[str, str, str]]:
    """(label key, German value as markup, value in the family's language) per row; the
    family's value only where it depends on the language (languages, cost, end date), else
    ""."""
    contact = [offer.contact_person, offer.phone, offer.email]
    languages = ", ".join(sorted(language_name(code, GERMAN) for code in offer.languages))
    cost = "free" if offer.free_of_charge else "paid"
    until = format_date(offer.valid_to, GERMAN, "long") if offer.valid_to else LABELS["open_end"]
    family_languages = family_cost = family_until = ""
    if language != GERMAN:
        locale = _locale(language)
        names = sorted(language_name(code, locale) for code in offer.languages)
        family_languages = format_list(names, locale=locale).replace("\u200f", "")
        family_cost = family_label(cost, language)
        family_until = (
            format_date(offer.valid_to, locale, "long")
            if offer.valid_to
            else family_label("open_end", language)
        )
    return [
        ("provider", _text(offer.provider), ""),
        ("address", _text(offer.address), ""),
        ("schedule", _text(offer.schedule), ""),
        ("contact", "<br/>".join(_text(c) for c in contact if c) or NONE, ""),
        ("languages", _text(languages), family_languages),
        ("cost", _text(LABELS[cost]), family_cost),
        ("valid_to", _text(until), family_until),
    ]


def _no_padding(table: Table, gap_column: int | None = None) -> Table:
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
    ]
    if gap_column is not None:
        style.append(("LINEAFTER", (gap_column, 0), (gap_column, -1), 0.4, LIGHT))
    table.setStyle(TableStyle(style))
    return table


_LABEL = TextStyle(size=8.5, leading=10.8, color=GREY)
_VALUE = TextStyle(size=9, leading=10.8)


def _facts(offer: SheetOffer, sheet: OfferSheet, styles: dict, fonts: ScriptFonts) -> Table:
    """The offer's facts: German label, value, and with a family column the label in the
    family's language on the right (values that depend on the language in both)."""
    rows = _rows(offer, sheet.language)
    if not _family(sheet):
        pairs = [(LABELS[key], german) for key, german, _family_value in rows]
        return pairs_table(pairs, styles, (28 * mm, TEXT_WIDTH - 28 * mm))
    language = sheet.language
    cells = []
    for key, german, family_value in rows:
        value: list = [Paragraph(german, styles["cell"])]
        if family_value:
            value.append(ScriptParagraph(family_value, language, fonts, _VALUE))
        right = ScriptParagraph(family_label(key, language), language, fonts, _LABEL)
        cells.append([Paragraph(escape(LABELS[key]), styles["label"]), value, right])
    table = Table(cells, colWidths=(28 * mm, TEXT_WIDTH - 62 * mm, 34 * mm), hAlign="LEFT")
    style = [*CELL_PADDING, ("LEFTPADDING", (0, 0), (0, -1), 0)]
    style += [("RIGHTPADDING", (-1, 0), (-1, -1), 0)]
    table.setStyle(TableStyle([*style, ("LINEABOVE", (0, 0), (-1, 0), 0.4, LIGHT)]))
    return table


def _descriptions(offer: SheetOffer, sheet: OfferSheet, styles: dict, fonts: ScriptFonts) -> list:
    german = [
        Paragraph(escape(LABELS["description"]), styles["label"]),
        Paragraph(_text(offer.description_de), styles["cell"]),
    ]
    if not offer.description_family or sheet.language == GERMAN:
        return german
    label = family_label("description", sheet.language)
    small = TextStyle(size=8.5, leading=12, color=GREY)
    body = TextStyle(size=9.5, leading=14.5)
    family = [
        ScriptParagraph(label, sheet.language, fonts, small),
        ScriptParagraph(offer.description_family, sheet.language, fonts, body),
    ]
    half = (TEXT_WIDTH - 8 * mm) / 2
    table = Table([[german, "", "", family]], colWidths=(half, 4 * mm, 4 * mm, half))
    return [_no_padding(table, gap_column=1)]


def _offer_block(offer: SheetOffer, sheet: OfferSheet, styles: dict, fonts: ScriptFonts):
    return KeepTogether(
        [
            Paragraph(_text(offer.title), styles["heading"]),
            _facts(offer, sheet, styles, fonts),
            Spacer(0, 2 * mm),
            *_descriptions(offer, sheet, styles, fonts),
            Spacer(0, 4 * mm),
        ]
    )


def _header(sheet: OfferSheet, styles: dict, fonts: ScriptFonts) -> list:
    day = format_date(sheet.date, GERMAN, "long")
    story = [
        Paragraph(escape(LABELS["title"]), styles["subject"]),
        Paragraph(escape(f"{LABELS['date']}: {day}"), styles["small"]),
    ]
    if sheet.language == GERMAN:
        return [*story, Spacer(0, 5 * mm)]
    big = TextStyle(size=13, leading=19, bold=True, space_after=1)
    small = TextStyle(size=8.5, leading=13, color=GREY)
    if not _family(sheet):
        note = _("Die Überschrift liegt auf {language} noch nicht vor.").format(
            language=language_name(sheet.language, GERMAN)
        )
        return [*story, Paragraph(escape(note), styles["small"]), Spacer(0, 5 * mm)]
    label = family_label("date", sheet.language)
    family_day = format_date(sheet.date, _locale(sheet.language), "long")
    return [
        *story,
        Spacer(0, 2 * mm),
        ScriptParagraph(family_label("title", sheet.language), sheet.language, fonts, big),
        ScriptParagraph(f"{label}: {family_day}", sheet.language, fonts, small),
        Spacer(0, 5 * mm),
    ]


def _first_page(canvas, doc, sheet: OfferSheet, fonts: ScriptFonts) -> None:
    canvas.saveState()
    draw_letterhead(canvas, sheet.letterhead, fonts.base)
    draw_footer(canvas, sheet.letterhead, fonts.base)
    canvas.restoreState()


def _later_page(canvas, doc, sheet: OfferSheet, fonts: ScriptFonts) -> None:
    canvas.saveState()
    day = format_date(sheet.date, GERMAN, "long")
    draw_running_header(canvas, LABELS["title"], day, fonts.base)
    draw_footer(canvas, sheet.letterhead, fonts.base)
    canvas.restoreState()


def sheet_texts(sheet: OfferSheet) -> list[str]:
    """Every text of ``sheet`` in the family's language (for :meth:`ScriptFonts.require`)."""
    texts = [o.description_family for o in sheet.offers]
    if sheet.language != GERMAN:
        texts += [family_label(key, sheet.language) for key in LABELS]
        texts.append(parent_text(PAGE_LABEL, sheet.language).text)
        texts.append(format_date(sheet.date, _locale(sheet.language), "long"))
        locale = _locale(sheet.language)
        texts += [language_name(c, locale) for o in sheet.offers for c in o.languages]
    return texts


def build_offer_sheet(
    sheet: OfferSheet, target: Path | BinaryIO, *, font_dirs: Sequence[Path | str] | None = None
) -> None:
    """Write ``sheet`` as an A4 PDF to ``target`` (a path or a binary file object).

    Every font the texts need is looked up first: :class:`FontMissingError` (naming the font
    and where to get it) is raised before anything is written.
    """
    fonts = ScriptFonts(font_dirs)
    fonts.require(sheet_texts(sheet))
    styles = letter_styles(fonts.base)
    doc = din_document(
        target,
        font=fonts.base.regular,
        title=LABELS["title"],
        author=sheet.letterhead.ki_name,
        first_top=48 * mm,
        on_first=partial(_first_page, sheet=sheet, fonts=fonts),
        later_top=24 * mm,
        on_later=partial(_later_page, sheet=sheet, fonts=fonts),
    )
    story = _header(sheet, styles, fonts)
    story += [_offer_block(offer, sheet, styles, fonts) for offer in sheet.offers]
    if not _family(sheet):
        build_numbered(doc, story, fonts.base.regular)
        return
    page_label = parent_text(PAGE_LABEL, sheet.language).text
    canvas = partial(
        BilingualNumberedCanvas,
        fonts=fonts,
        language=sheet.language,
        german_label=PAGE_LABEL,
        family_label=page_label,
    )
    doc.build(story, canvasmaker=canvas)
