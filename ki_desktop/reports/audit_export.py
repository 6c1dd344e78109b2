"""The audit trail as a CSV file or an Excel workbook, for the administrator.

Each entry is written with its place in the chain, its time in UTC exactly as it was hashed
(ISO 8601), who, what, which record, the detail, the previous hash and its own hash, so that
the export can be checked against the chain (see :mod:`ki_desktop.domain.audit`). The first
lines name the chain's head (last number and hash) at the time of the export: noted somewhere
else, it shows later whether the chain was cut off or rewritten.

CSV: semicolon-separated, UTF-8 with byte order mark, CRLF line ends (Excel with German
settings). A cell that Excel would take for a formula (beginning with = + - @) gets a leading
apostrophe there. XLSX: every value is text, so such a cell stays exactly as stored.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ki_desktop.domain.audit import AuditRecord, at_text
from ki_desktop.i18n import _

DELIMITER = ";"
ENCODING = "utf-8-sig"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class ExportHeading:
    """What the first lines say: when, by whom, the chain's head, the filter."""

    created_at: datetime
    created_by: str
    head_seq: int
    head_hash: str
    span: str = ""


def header() -> list[str]:
    return [
        _("Nr."),
        _("Zeit (UTC)"),
        _("Benutzer"),
        _("Aktion"),
        _("Ziel"),
        _("Details"),
        _("Vorheriger Prüfwert"),
        _("Prüfwert"),
    ]


def row(record: AuditRecord) -> list[str]:
    """One entry's cells (all text; an entry outside the chain has no number)."""
    return [
        "" if record.seq is None else str(record.seq),
        at_text(record.at),
        record.user,
        record.action,
        record.target,
        record.detail,
        record.prev_hash or "",
        record.hash or "",
    ]


def heading_lines(heading: ExportHeading) -> list[list[str]]:
    lines = [
        [_("Protokoll (Audit-Trail) von KI Desktop")],
        [_("Erstellt (UTC)"), at_text(heading.created_at), _("von"), heading.created_by],
        [_("Letzter Eintrag der Kette"), str(heading.head_seq), heading.head_hash],
    ]
    if heading.span:
        lines.append([_("Auswahl"), heading.span])
    return lines


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def write_csv(target: Path, heading: ExportHeading, records: Iterable[AuditRecord]) -> int:
    """Write the CSV file; returns the number of entries."""
    count = 0
    with open(target, "w", encoding=ENCODING, newline="") as handle:
        out = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
        out.writerows(heading_lines(heading))
        out.writerow([])
        out.writerow(header())
        for record in records:
            out.writerow([_safe(c) for c in row(record)])
            count += 1
    return count


def write_xlsx(target: Path, heading: ExportHeading, records: Iterable[AuditRecord]) -> int:
    """Write the workbook (one sheet, write-only mode: memory stays flat); returns the number
    of entries."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Protokoll"))
    widths = (8, 28, 16, 26, 34, 60, 20, 20)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)

    def cells(values: list[str], font: Font | None = None) -> list[WriteOnlyCell]:
        made = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # never a formula, whatever the text begins with
            if font is not None:
                cell.font = font
            made.append(cell)
        return made

    for line in heading_lines(heading):
        sheet.append(cells(line))
    sheet.append([])
    sheet.append(cells(header(), bold))
    count = 0
    for record in records:
        sheet.append(cells(row(record)))
        count += 1
    book.save(target)
    return count
