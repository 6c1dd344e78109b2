"""The placement letter (Schulplatzempfehlung) to the Schulamt or the school, as an A4 PDF.

Laid out after DIN 5008 form B: letterhead at the top right, sender line and address in the
window (45 mm from the top), information block at 125 mm, text from 96 mm; later pages carry a
short header; every page the KI's contact line and "Seite n von m" in the footer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import BinaryIO, NamedTuple
from xml.sax.saxutils import escape

from babel.numbers import format_decimal
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer

from ki_desktop.i18n import _, ngettext
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.reports.pdf_document import build_numbered, din_document
from ki_desktop.reports.pdf_style import (
    FontMissingError,
    Fonts,
    Letterhead,
    draw_address,
    draw_fold_marks,
    draw_footer,
    draw_info_block,
    draw_letterhead,
    draw_running_header,
    grid_table,
    letter_fonts,
    letter_styles,
    pairs_table,
    side_by_side,
)

__all__ = [
    "Counsellor",
    "FontMissingError",
    "LetterChild",
    "LetterRecommendation",
    "Letterhead",
    "PlacementLetter",
    "ProposedSchool",
    "build_placement_letter",
]

NONE = "–"


@dataclass(frozen=True)
class Counsellor:
    name: str
    phone: str
    email: str


@dataclass(frozen=True)
class LetterChild:
    first_name: str
    last_name: str
    birth_date: date
    sex: str  # label, e.g. "weiblich"
    nationality: str  # German country name
    first_language: str  # German language name
    municipality: str
    arrival_date: date | None = None
    address: str | None = None


class ProposedSchool(NamedTuple):
    schulnummer: str
    name: str
    municipality: str
    distance_km: float | None
    free_places: int | None


@dataclass(frozen=True)
class LetterRecommendation:
    school_year: str  # "2026/27"
    stage: str  # label, e.g. "Sekundarstufe I"
    grade: int | None
    support: Sequence[str]  # labels, e.g. "Deutschfördergruppe"
    support_months: int | None
    school_forms: Sequence[tuple[str, str]]  # (key, name) in order of fit
    schools: Sequence[ProposedSchool | tuple]  # nearest first
    reasons: Sequence[str]  # each naming its rule
    rules_version: str


@dataclass(frozen=True)
class PlacementLetter:
    letterhead: Letterhead
    recipient: tuple[str, ...]
    date: date
    reference: str
    counsellor: Counsellor
    child: LetterChild
    recommendation: LetterRecommendation
    consent: str


def _text(value: object) -> str:
    """Escaped text for a Paragraph; line breaks kept, "–" for nothing."""
    if value is None or value == "":
        return NONE
    return escape(str(value)).replace("\n", "<br/>")


def _km(value: float | None) -> str:
    return NONE if value is None else f"{format_decimal(value, format='#,##0.0', locale='de')} km"


def _subject(letter: PlacementLetter) -> str:
    child = letter.child
    return _("Schulplatzempfehlung für {name}, geb.\u00a0{birth}").format(
        name=f"{child.first_name} {child.last_name}",
        birth=format_date(child.birth_date, "de", "long").replace(" ", "\u00a0"),  # one piece
    )


def _first_page(canvas, doc, letter: PlacementLetter, fonts: Fonts) -> None:
    canvas.saveState()
    draw_letterhead(canvas, letter.letterhead, fonts)
    draw_address(canvas, letter.letterhead, letter.recipient, fonts)
    info = [
        (_("Ansprechperson"), letter.counsellor.name),
        (_("Telefon"), letter.counsellor.phone),
        (_("E-Mail"), letter.counsellor.email),
        (_("Aktenzeichen"), letter.reference),
        (_("Datum"), format_date(letter.date, "de", "long")),
    ]
    draw_info_block(canvas, info, fonts)
    draw_fold_marks(canvas)
    draw_footer(canvas, letter.letterhead, fonts)
    canvas.restoreState()


def _later_page(canvas, doc, letter: PlacementLetter, fonts: Fonts) -> None:
    canvas.saveState()
    day = format_date(letter.date, "de", "long")
    reference = _("Aktenzeichen {ref} · {date}").format(ref=letter.reference, date=day)
    draw_running_header(canvas, _subject(letter), reference, fonts)
    draw_fold_marks(canvas)
    draw_footer(canvas, letter.letterhead, fonts)
    canvas.restoreState()


def _child_rows(child: LetterChild) -> list[tuple[str, str]]:
    return [
        (_("Name, Vorname"), _text(f"{child.last_name}, {child.first_name}")),
        (_("Geburtsdatum"), _text(format_date(child.birth_date, "de", "long"))),
        (_("Geschlecht"), _text(child.sex)),
        (_("Staatsangehörigkeit"), _text(child.nationality)),
        (_("Erstsprache"), _text(child.first_language)),
        (_("Einreisedatum"), _text(format_date(child.arrival_date, "de", "long"))),
        (_("Anschrift"), _text(child.address)),
        (_("Wohnort"), _text(child.municipality)),
    ]


def _recommendation_rows(rec: LetterRecommendation) -> list[tuple[str, str]]:
    months = rec.support_months
    duration = None
    if months is not None:
        duration = ngettext("bis zu {n} Monat", "bis zu {n} Monate", months).format(n=months)
    forms = [
        f"{i}. {_text(name)} ({_text(key)})" for i, (key, name) in enumerate(rec.school_forms, 1)
    ]
    return [
        (_("Schuljahr"), _text(rec.school_year)),
        (_("Stufe"), _text(rec.stage)),
        (_("Jahrgangsstufe"), _text(rec.grade)),
        (_("Erstförderung"), "<br/>".join(_text(s) for s in rec.support) or NONE),
        (_("Dauer"), _text(duration)),
        (_("Schulformen"), "<br/>".join(forms) or NONE),
    ]


def _schools(rec: LetterRecommendation, styles: dict):
    if not rec.schools:
        text = _("Für diese Empfehlung liegen keine Schulen mit freien Plätzen vor.")
        return Paragraph(escape(text), styles["body"])
    header = [_("Schulnr."), _("Schule"), _("Gemeinde"), _("Entfernung"), _("Freie Plätze")]
    rows = [
        [_text(number), _text(name), _text(place), _km(km), _text(free)]
        for number, name, place, km, free in rec.schools
    ]
    widths = (18 * mm, 68 * mm, 32 * mm, 23 * mm, 24 * mm)
    return grid_table(header, rows, widths, styles, right=(3, 4))


def _story(letter: PlacementLetter, styles: dict) -> list:
    child, rec = letter.child, letter.recommendation
    intro = _(
        "nach dem Beratungsgespräch empfehlen wir für {name} zum Schuljahr {year} die folgende "
        "schulische Aufnahme und bitten Sie um die Zuweisung eines Schulplatzes."
    ).format(name=f"{child.first_name} {child.last_name}", year=rec.school_year)
    reasons = [Paragraph(_text(r), styles["bullet"], bulletText="•") for r in rec.reasons]
    version = _("Regelstand: {version}").format(version=rec.rules_version)
    # the rules version stays with the last reason, never alone at the top of a page
    reasons[-1:] = [KeepTogether([*reasons[-1:], Paragraph(escape(version), styles["small"])])]
    closing = [
        Paragraph(_("Mit freundlichen Grüßen"), styles["body"]),
        Spacer(0, 9 * mm),
        Paragraph(_text(letter.counsellor.name), styles["body"]),
        Paragraph(_text(letter.letterhead.ki_name), styles["body"]),
    ]
    return [
        Paragraph(escape(_subject(letter)), styles["subject"]),
        Spacer(0, 5 * mm),
        Paragraph(_("Sehr geehrte Damen und Herren,"), styles["body"]),
        Spacer(0, 3 * mm),
        Paragraph(escape(intro), styles["body"]),
        Spacer(0, 2.5 * mm),  # a heading's spaceBefore does not apply inside a table cell
        side_by_side(
            [
                Paragraph(_("Angaben zum Kind"), styles["heading"]),
                pairs_table(_child_rows(child), styles, (32 * mm, 47.5 * mm)),
            ],
            [
                Paragraph(_("Empfehlung"), styles["heading"]),
                pairs_table(_recommendation_rows(rec), styles, (25 * mm, 54.5 * mm)),
            ],
        ),
        Paragraph(_("Vorgeschlagene Schulen"), styles["heading"]),
        _schools(rec, styles),
        Paragraph(_("Begründung"), styles["heading"]),
        *reasons,
        Spacer(0, 3 * mm),
        Paragraph(_text(letter.consent), styles["body"]),
        Spacer(0, 3 * mm),
        KeepTogether(closing),
    ]


def build_placement_letter(
    letter: PlacementLetter,
    target: Path | BinaryIO,
    *,
    font_dirs: Sequence[Path | str] | None = None,
) -> None:
    """Write ``letter`` as an A4 PDF to ``target`` (a path or a binary file object).

    ``font_dirs`` replaces the folders searched for the fonts; raises :class:`FontMissingError`
    (before anything is written) when no suitable font is found there, ``ValueError`` when the
    recipient's address does not fit the window (more than six lines).
    """
    if len(letter.recipient) > 6:
        raise ValueError(_("Die Anschrift passt mit mehr als sechs Zeilen nicht ins Fenster."))
    fonts = letter_fonts(font_dirs)
    doc = din_document(
        target,
        font=fonts.regular,
        title=_subject(letter),
        author=letter.letterhead.ki_name,
        first_top=96 * mm,
        on_first=partial(_first_page, letter=letter, fonts=fonts),
        later_top=24 * mm,
        on_later=partial(_later_page, letter=letter, fonts=fonts),
    )
    build_numbered(doc, _story(letter, letter_styles(fonts)), fonts.regular)
