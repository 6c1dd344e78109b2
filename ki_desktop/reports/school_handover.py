"""The handover of a newly arrived child to the receiving school: a CSV line for the school
administration software and a one-page PDF with the same data.

Only what the school needs to enrol the child (least data): no health or special-needs data,
no notes, no free text of the interview. The CSV follows the conventions of the text import
of SchILD-NRW, the school administration software of NRW schools:

- UTF-8 *with* byte order mark (SchILD's text import and Excel then read ä, ö, ü, ş, ğ
  correctly), semicolon as separator, CRLF line ends, a header line, one line per child;
- dates as DD.MM.YYYY, countries as ISO 3166-1 alpha-3 codes ("SYR"), languages as German
  words ("Arabisch"), yes/no as "ja"/"nein" (empty when not known), sex as m/w/d.

Columns, in this order (:data:`COLUMNS`):

``Nachname``, ``Vorname``, ``Geschlecht`` (m/w/d), ``Geburtsdatum``, ``Geburtsland``
(alpha-3), ``Staatsangehörigkeit`` (alpha-3), ``Zuzugsdatum`` (arrival in Germany),
``Schulbeginn`` (first school day in Germany, planned or done), ``Schulnummer``, ``Schule``,
``Schulform``, ``Jahrgang`` (grade of the accepted recommendation), ``Erstförderung`` (form of
German support), ``Verkehrssprache`` (home language), ``Weitere Sprachen``,
``Sprachmittlung benötigt`` (ja/nein), ``Sprache der Sprachmittlung``, ``Lateinische Schrift``
(reads and writes the Latin script: ja/nein), ``Anschrift``, then for two guardians
``Sorgeberechtigte 1 Name``, ``Sorgeberechtigte 1 Telefon``, ``Sorgeberechtigte 1 Anschrift``
and the same for 2.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from ki_desktop.i18n import N_, _
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.reports.pdf_document import build_numbered, din_document
from ki_desktop.reports.pdf_style import (
    TEXT_WIDTH,
    Fonts,
    Letterhead,
    draw_footer,
    draw_letterhead,
    letter_fonts,
    letter_styles,
    pairs_table,
)

GUARDIAN_SLOTS = 2
COLUMNS: tuple[str, ...] = (
    "Nachname",
    "Vorname",
    "Geschlecht",
    "Geburtsdatum",
    "Geburtsland",
    "Staatsangehörigkeit",
    "Zuzugsdatum",
    "Schulbeginn",
    "Schulnummer",
    "Schule",
    "Schulform",
    "Jahrgang",
    "Erstförderung",
    "Verkehrssprache",
    "Weitere Sprachen",
    "Sprachmittlung benötigt",
    "Sprache der Sprachmittlung",
    "Lateinische Schrift",
    "Anschrift",
    *(
        f"Sorgeberechtigte {n} {part}"
        for n in range(1, GUARDIAN_SLOTS + 1)
        for part in ("Name", "Telefon", "Anschrift")
    ),
)


@dataclass(frozen=True)
class SchoolHandover:
    """The handover of one child, every value already formatted (see :data:`COLUMNS`)."""

    letterhead: Letterhead
    created: date
    values: dict[str, str]  # column → value
    school_address: tuple[str, ...] = ()  # the receiving school: name, street, place
    consent: str = ""  # when and by whom the consent was given
    # Friendlier forms of some values for the PDF ("Syrien (SYR)", "weiblich").
    readable: dict[str, str] = field(default_factory=dict)

    @property
    def child_name(self) -> str:
        return f"{self.values.get('Vorname', '')} {self.values.get('Nachname', '')}".strip()


def csv_date(day: date | None) -> str:
    """DD.MM.YYYY, "" for no date."""
    return day.strftime("%d.%m.%Y") if day else ""


def write_handover_csv(handover: SchoolHandover, target: Path) -> None:
    """The handover as a SchILD-style CSV (UTF-8 with BOM, semicolons, CRLF)."""
    with open(target, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        writer.writerow([handover.values.get(c, "") for c in COLUMNS])


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br/>") if value else "–"


# The PDF shows the same columns under friendlier labels: the child, then the school.
_CHILD_LABELS = (
    ("Nachname", N_("Nachname")),
    ("Vorname", N_("Vorname")),
    ("Geschlecht", N_("Geschlecht")),
    ("Geburtsdatum", N_("Geburtsdatum")),
    ("Geburtsland", N_("Geburtsland")),
    ("Staatsangehörigkeit", N_("Staatsangehörigkeit")),
    ("Zuzugsdatum", N_("Zuzug nach Deutschland")),
    ("Verkehrssprache", N_("Verkehrssprache")),
    ("Weitere Sprachen", N_("Weitere Sprachen")),
    ("Lateinische Schrift", N_("Lateinische Schrift")),
    ("Sprachmittlung benötigt", N_("Sprachmittlung nötig")),
    ("Sprache der Sprachmittlung", N_("Sprache der Sprachmittlung")),
)
_SCHOOL_LABELS = (
    ("Schulnummer", N_("Schulnummer")),
    ("Schule", N_("Schule")),
    ("Schulform", N_("Schulform")),
    ("Jahrgang", N_("Jahrgang")),
    ("Erstförderung", N_("Erstförderung")),
    ("Schulbeginn", N_("Schulbeginn")),
)


def _story(handover: SchoolHandover, styles: dict) -> list:
    v = {**handover.values, **handover.readable}
    title = _("Übergabe an die Schule – {name}").format(name=handover.child_name)
    widths = (45 * mm, TEXT_WIDTH - 45 * mm)
    family = [(_("Anschrift des Kindes"), _text(v.get("Anschrift", "")))]
    for n in range(1, GUARDIAN_SLOTS + 1):
        name = v.get(f"Sorgeberechtigte {n} Name", "")
        if not name:
            continue
        details = "\n".join(
            p
            for p in (
                name,
                v.get(f"Sorgeberechtigte {n} Telefon", ""),
                v.get(f"Sorgeberechtigte {n} Anschrift", ""),
            )
            if p
        )
        family.append((_("Sorgeberechtigte {n}").format(n=n), _text(details)))
    tables = [
        Paragraph(_("Angaben zum Kind"), styles["heading"]),
        pairs_table(
            [(_(label), _text(v.get(key, ""))) for key, label in _CHILD_LABELS], styles, widths
        ),
        Paragraph(_("Aufnehmende Schule"), styles["heading"]),
        pairs_table(
            [(_(label), _text(v.get(key, ""))) for key, label in _SCHOOL_LABELS], styles, widths
        ),
        Paragraph(_("Familie"), styles["heading"]),
        pairs_table(family, styles, widths),
    ]
    recipient = ", ".join(p for p in handover.school_address if p)
    story = [
        Paragraph(escape(title), styles["title"]),
        Paragraph(
            escape(
                _("Erstellt am {date} für: {school}").format(
                    date=format_date(handover.created, "de", "long"), school=recipient or "–"
                )
            ),
            styles["small"],
        ),
        Spacer(0, 1 * mm),
        *tables,
        Spacer(0, 4 * mm),
    ]
    if handover.consent:
        story.append(Paragraph(_text(handover.consent), styles["body"]))
        story.append(Spacer(0, 2 * mm))
    story.append(
        Paragraph(
            escape(
                _(
                    "Vertraulich: personenbezogene Daten, nur für die Aufnahme an der Schule. "
                    "Angaben zur Gesundheit und zu besonderem Förderbedarf werden nicht "
                    "weitergegeben; die Familie kann sie der Schule selbst mitteilen."
                )
            ),
            styles["small"],
        )
    )
    return story


def _page(canvas, doc, head: Letterhead, fonts: Fonts) -> None:
    canvas.saveState()
    draw_letterhead(canvas, head, fonts)
    draw_footer(canvas, head, fonts)
    canvas.restoreState()


def build_handover_pdf(
    handover: SchoolHandover, target: Path, *, font_dirs: Sequence[Path | str] | None = None
) -> None:
    """The handover as a one-page A4 PDF with the KI's letterhead."""
    fonts = letter_fonts(font_dirs)
    styles = dict(letter_styles(fonts))
    styles["title"] = ParagraphStyle(
        "handover_title", styles["subject"], fontSize=14, leading=18, spaceAfter=1.5 * mm
    )
    doc = din_document(
        str(target),
        font=fonts.regular,
        title=_("Übergabe an die Schule – {name}").format(name=handover.child_name),
        author=handover.letterhead.ki_name,
        first_top=48 * mm,
        on_first=partial(_page, head=handover.letterhead, fonts=fonts),
    )
    build_numbered(doc, _story(handover, styles), fonts.regular)
