"""The case file for the family's right of access (Art. 15 GDPR) as an A4 PDF.

The service collects and formats everything stored about one child into a :class:`CaseFile`;
this module only lays it out: the KI's letterhead, the title, the date, a short explanation for
the family, one label/value table per section, then the change history and the access log as
tables whose header row repeats on every page, "Seite x von y" in the footer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    KeepTogether,
    Paragraph,
    Spacer,
)

from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.reports.pdf_document import build_numbered, din_document
from ki_desktop.reports.pdf_style import (
    TEXT_WIDTH,
    Fonts,
    Letterhead,
    draw_footer,
    draw_letterhead,
    draw_running_header,
    grid_table,
    letter_fonts,
    letter_styles,
    pairs_table,
)

NONE = "–"
# Marks the special categories (Art. 9 GDPR) in labels and in the note that explains them.
ART9_MARK = "Art. 9"
# A heading needs this much room below it, else it starts on the next page.
_HEADING_ROOM = 30 * mm


@dataclass(frozen=True)
class Section:
    """One table of the case file: label/value rows (plain text; line breaks kept)."""

    title: str
    rows: Sequence[tuple[str, str]] = ()
    note: str = ""  # a short remark under the heading
    empty: str = ""  # shown instead of the table when there are no rows


@dataclass(frozen=True)
class CaseFile:
    """Everything stored about one child, already formatted as German text."""

    letterhead: Letterhead
    child_name: str  # "Vorname Name"
    created: date
    reference: str
    explanation: Sequence[tuple[str, str]]  # (heading, paragraph) for the family
    sections: Sequence[Section]
    history: Sequence[tuple[str, str, str, str, str]] = ()  # Datum, Wer, Feld, vorher, nachher
    access_log: Sequence[tuple[str, str, str]] = ()  # Datum, Wer, Vorgang


def title_of(case_file: CaseFile) -> str:
    """The document title with the child's name."""
    return _("Auskunft nach Art. 15 DSGVO – gespeicherte Daten zu {name}").format(
        name=case_file.child_name
    )


def _text(value: object) -> str:
    if value is None or value == "":
        return NONE
    return escape(str(value)).replace("\n", "<br/>")


def _first_page(canvas, doc, case_file: CaseFile, fonts: Fonts) -> None:
    canvas.saveState()
    draw_letterhead(canvas, case_file.letterhead, fonts)
    draw_footer(canvas, case_file.letterhead, fonts)
    canvas.restoreState()


def _later_page(canvas, doc, case_file: CaseFile, fonts: Fonts) -> None:
    canvas.saveState()
    right = _("Aktenzeichen {ref} · {date}").format(
        ref=case_file.reference, date=format_date(case_file.created, "de", "long")
    )
    draw_running_header(canvas, title_of(case_file), right, fonts)
    draw_footer(canvas, case_file.letterhead, fonts)
    canvas.restoreState()


def _section(section: Section, styles: dict) -> list:
    heading = Paragraph(escape(section.title), styles["section"])
    parts: list = [CondPageBreak(_HEADING_ROOM), heading]
    if section.note:
        parts.append(Paragraph(_text(section.note), styles["small"]))
        parts.append(Spacer(0, 1.2 * mm))
    if not section.rows:
        parts.append(
            Paragraph(_text(section.empty or _("Keine Angaben gespeichert.")), styles["cell"])
        )
        return parts
    rows = [(label, _text(value)) for label, value in section.rows]
    table = pairs_table(rows, styles, (52 * mm, TEXT_WIDTH - 52 * mm))
    # heading and the first rows stay together; long tables may break after that
    return [*parts, table]


def _story(case_file: CaseFile, styles: dict) -> list:
    story: list = [
        Paragraph(escape(title_of(case_file)), styles["title"]),
        Paragraph(
            escape(
                _("Erstellt am {date} · Aktenzeichen {ref}").format(
                    date=format_date(case_file.created, "de", "long"), ref=case_file.reference
                )
            ),
            styles["small"],
        ),
        Spacer(0, 3 * mm),
    ]
    for heading, text in case_file.explanation:
        story.append(
            KeepTogether(
                [
                    Paragraph(escape(heading), styles["heading"]),
                    Paragraph(_text(text), styles["body"]),
                ]
            )
        )
    for section in case_file.sections:
        story += _section(section, styles)
    story.append(CondPageBreak(_HEADING_ROOM))
    history_title = Paragraph(escape(_("Änderungsverlauf")), styles["section"])
    if case_file.history:
        header = [_("Datum"), _("Wer"), _("Feld"), _("vorher"), _("nachher")]
        rows = [[_text(v) for v in row] for row in case_file.history]
        rest = (TEXT_WIDTH - 91 * mm) / 2
        widths = (34 * mm, 22 * mm, 35 * mm, rest, rest)
        story += [history_title, grid_table(header, rows, widths, styles)]
    else:
        story += [history_title, Paragraph(_("Keine Änderungen gespeichert."), styles["cell"])]
    story.append(CondPageBreak(_HEADING_ROOM))
    log_title = Paragraph(escape(_("Zugriffe und Ausgaben (Protokoll)")), styles["section"])
    if case_file.access_log:
        header = [_("Datum"), _("Wer"), _("Vorgang")]
        rows = [[_text(v) for v in row] for row in case_file.access_log]
        widths = (34 * mm, 45 * mm, TEXT_WIDTH - 79 * mm)
        story += [log_title, grid_table(header, rows, widths, styles)]
    else:
        story += [log_title, Paragraph(_("Keine Zugriffe protokolliert."), styles["cell"])]
    return story


def build_case_file(
    case_file: CaseFile,
    target: Path | BinaryIO,
    *,
    font_dirs: Sequence[Path | str] | None = None,
    on_progress: Callable[[str, int], None] | None = None,
) -> None:
    """Write ``case_file`` as an A4 PDF to ``target`` (a path or a binary file object).

    ``on_progress`` gets reportlab's progress reports (``"SIZE_EST"`` with the number of
    blocks, ``"PROGRESS"`` with the blocks done); an exception raised there stops the build.
    Raises :class:`~ki_desktop.reports.pdf_style.FontMissingError` before anything is written
    when no font with ş, ğ, ı, ș, ț is found.
    """
    fonts = letter_fonts(font_dirs)
    styles = dict(letter_styles(fonts))
    styles["title"] = ParagraphStyle(
        "case_file_title", styles["subject"], fontSize=14, leading=18, spaceAfter=1.5 * mm
    )
    styles["section"] = ParagraphStyle(
        "case_file_section",
        styles["heading"],
        fontSize=11,
        leading=14,
        spaceBefore=5 * mm,
        spaceAfter=1.5 * mm,
        keepWithNext=0,  # long tables follow; CondPageBreak keeps a heading off a page's foot
    )
    doc = din_document(
        target,
        font=fonts.regular,
        title=title_of(case_file),
        author=case_file.letterhead.ki_name,
        first_top=48 * mm,
        on_first=partial(_first_page, case_file=case_file, fonts=fonts),
        later_top=22 * mm,
        on_later=partial(_later_page, case_file=case_file, fonts=fonts),
    )
    if on_progress is not None:
        doc.setProgressCallBack(on_progress)
    build_numbered(doc, _story(case_file, styles), fonts.regular)
