"""The offer sheet for a family (Angebotsblatt): the chosen offers on A4, to take home.

The KI's letterhead, a title in German and in the family's language, the date in both, then
one block per offer: title, provider, address, times, contact, languages, cost, how long it
runs, and the description in German beside the one in the family's language where the offer
has it (right-aligned for right-to-left languages). Text in the family's language goes
through :mod:`script_text`, so Arabic, Persian, Pashto and Tigrinya print correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

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
from ki_desktop.reports.pdf_document import build_numbered, din_document
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
    pairs_table,
)
from ki_desktop.reports.script_text import ScriptParagraph, TextStyle
from ki_desktop.reports.scripts import ScriptFonts

__all__ = ["FontMissingError", "OfferSheet", "SheetOffer", "build_offer_sheet", "heading"]

NONE = "–"
GERMAN = "de"

# The sheet's own headings in the families' languages (the demo data's and the most asked
# ones). A language missing here gets the German heading and a visible note.
HEADINGS: dict[str, dict[str, str]] = {
    "title": {
        "ar": "عروض لعائلتكم",
        "fa": "پیشنهادها برای خانواده شما",
        "ps": "ستاسو د کورنۍ لپاره وړاندیزونه",
        "uk": "Пропозиції для вашої родини",
        "ru": "Предложения для вашей семьи",
        "tr": "Aileniz için teklifler",
        "en": "Offers for your family",
        "ti": "ንስድራቤትኩም ዝቐረቡ ኣገልግሎታት",
        "ro": "Oferte pentru familia dumneavoastră",
        "bg": "Предложения за вашето семейство",
        "pl": "Oferty dla Państwa rodziny",
        "sq": "Oferta për familjen tuaj",
        "ku": "Pêşniyar ji bo malbata we",
    },
    "date": {
        "ar": "التاريخ",
        "fa": "تاریخ",
        "ps": "نېټه",
        "uk": "Дата",
        "ru": "Дата",
        "tr": "Tarih",
        "en": "Date",
        "ti": "ዕለት",
        "ro": "Data",
        "bg": "Дата",
        "pl": "Data",
        "sq": "Data",
        "ku": "Dîrok",
    },
    "description": {
        "ar": "الوصف",
        "fa": "توضیحات",
        "ps": "تشریح",
        "uk": "Опис",
        "ru": "Описание",
        "tr": "Açıklama",
        "en": "Description",
        "ti": "መግለጺ",
        "ro": "Descriere",
        "bg": "Описание",
        "pl": "Opis",
        "sq": "Përshkrimi",
        "ku": "Danasîn",
    },
}

_GERMAN_HEADINGS = {
    "title": "Angebote für Ihre Familie",
    "date": "Datum",
    "description": "Beschreibung",
}


def heading(key: str, language: str) -> str | None:
    """The heading ``key`` ("title", "date", "description") in ``language``; None when there
    is no translation (German headings are always there)."""
    if language == GERMAN:
        return _GERMAN_HEADINGS[key]
    return HEADINGS[key].get(language)


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


def _rows(offer: SheetOffer) -> list[tuple[str, str]]:
    contact = [offer.contact_person, offer.phone, offer.email]
    languages = sorted(language_name(code, GERMAN) for code in offer.languages)
    cost = (
        _("kostenlos")
        if offer.free_of_charge
        else _("kostenpflichtig – bitte beim Träger nachfragen")
    )
    until = format_date(offer.valid_to, GERMAN, "long") if offer.valid_to else _("ohne Enddatum")
    return [
        (_("Träger"), _text(offer.provider)),
        (_("Adresse"), _text(offer.address)),
        (_("Zeiten"), _text(offer.schedule)),
        (_("Kontakt"), "<br/>".join(_text(c) for c in contact if c) or NONE),
        (_("Sprachen"), _text(", ".join(languages))),
        (_("Kosten"), _text(cost)),
        (_("Gültig bis"), _text(until)),
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


def _descriptions(offer: SheetOffer, sheet: OfferSheet, styles: dict, fonts: ScriptFonts) -> list:
    german = [
        Paragraph(escape(_GERMAN_HEADINGS["description"]), styles["label"]),
        Paragraph(_text(offer.description_de), styles["cell"]),
    ]
    if not offer.description_family or sheet.language == GERMAN:
        return german
    label = heading("description", sheet.language) or _GERMAN_HEADINGS["description"]
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
            pairs_table(_rows(offer), styles, (28 * mm, TEXT_WIDTH - 28 * mm)),
            Spacer(0, 2 * mm),
            *_descriptions(offer, sheet, styles, fonts),
            Spacer(0, 4 * mm),
        ]
    )


def _header(sheet: OfferSheet, styles: dict, fonts: ScriptFonts) -> list:
    day = format_date(sheet.date, GERMAN, "long")
    story = [
        Paragraph(escape(_GERMAN_HEADINGS["title"]), styles["subject"]),
        Paragraph(escape(f"{_GERMAN_HEADINGS['date']}: {day}"), styles["small"]),
    ]
    if sheet.language == GERMAN:
        return [*story, Spacer(0, 5 * mm)]
    title = heading("title", sheet.language)
    big = TextStyle(size=13, leading=19, bold=True, space_after=1)
    small = TextStyle(size=8.5, leading=13, color=GREY)
    if title is None:
        note = _("Die Überschrift liegt auf {language} noch nicht vor.").format(
            language=language_name(sheet.language, GERMAN)
        )
        return [*story, Paragraph(escape(note), styles["small"]), Spacer(0, 5 * mm)]
    label = heading("date", sheet.language)
    family_day = format_date(sheet.date, _locale(sheet.language), "long")
    return [
        *story,
        Spacer(0, 2 * mm),
        ScriptParagraph(title, sheet.language, fonts, big),
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
    draw_running_header(canvas, _GERMAN_HEADINGS["title"], day, fonts.base)
    draw_footer(canvas, sheet.letterhead, fonts.base)
    canvas.restoreState()


def build_offer_sheet(
    sheet: OfferSheet, target: Path | BinaryIO, *, font_dirs: Sequence[Path | str] | None = None
) -> None:
    """Write ``sheet`` as an A4 PDF to ``target`` (a path or a binary file object).

    Every font the texts need is looked up first: :class:`FontMissingError` (naming the font
    and where to get it) is raised before anything is written.
    """
    fonts = ScriptFonts(font_dirs)
    texts = [o.description_family for o in sheet.offers]
    texts += [heading(key, sheet.language) or "" for key in HEADINGS]
    texts.append(format_date(sheet.date, _locale(sheet.language), "long"))
    fonts.require(texts)
    styles = letter_styles(fonts.base)
    doc = din_document(
        target,
        font=fonts.base.regular,
        title=_GERMAN_HEADINGS["title"],
        author=sheet.letterhead.ki_name,
        first_top=48 * mm,
        on_first=partial(_first_page, sheet=sheet, fonts=fonts),
        later_top=24 * mm,
        on_later=partial(_later_page, sheet=sheet, fonts=fonts),
    )
    story = _header(sheet, styles, fonts)
    story += [_offer_block(offer, sheet, styles, fonts) for offer in sheet.offers]
    build_numbered(doc, story, fonts.base.regular)
