"""The monthly or quarterly statistics as one CSV file for Excel.

Format: semicolon-separated, UTF-8 with byte order mark, CRLF line ends, so that Excel with
German settings opens it by double-click with umlauts intact.

Layout: the tables one after the other, as they appear in the PDF (not a long format): a few
lines about the report (title, period, issuer, created at, reference date), an empty line, then
for each table a line with its title, the header, the rows, the totals row and an empty line;
at the end the definitions. This reads like the printed report when opened in Excel.

Values: counts are plain integers ("1234", no thousands separator); days with decimals are
written the German way ("12,5"), which Excel with German settings reads as a number; "<3"
stays as text; an empty cell is empty. Dates are written as "30.09.2026".
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import BinaryIO

from ki_desktop.domain.statistics import Cell, StatisticsReport
from ki_desktop.i18n import _
from ki_desktop.reports.statistics_format import anonymisation_note, report_title

DELIMITER = ";"
ENCODING = "utf-8-sig"


def csv_value(value: Cell) -> str:
    """A cell as written: integers plain, decimals with a comma, "<3" as is, "" for empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return f"{round(value, 1):.1f}".replace(".", ",")
    return str(value)


def statistics_csv_text(report: StatisticsReport) -> str:
    """The whole file as text (without the byte order mark)."""
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    out.writerow([report_title(report)])
    out.writerow(
        [
            _("Zeitraum"),
            report.period.label,
            report.period.start.strftime("%d.%m.%Y"),
            report.period.end.strftime("%d.%m.%Y"),
        ]
    )
    out.writerow([_("Vergleichszeitraum"), report.previous.label])
    out.writerow([_("Stichtag"), report.reference_date.strftime("%d.%m.%Y")])
    out.writerow([_("Herausgeber"), report.issuer])
    out.writerow([_("Erstellt am"), report.created_at.strftime("%d.%m.%Y %H:%M")])
    out.writerow([anonymisation_note()])
    out.writerow([])
    for table in report.tables:
        out.writerow([table.title])
        out.writerow(table.columns)
        for row in table.rows:
            out.writerow([csv_value(v) for v in row])
        if table.total is not None:
            out.writerow([csv_value(v) for v in table.total])
        if table.note:
            out.writerow([table.note])
        out.writerow([])
    out.writerow([_("Definitionen")])
    out.writerow([_("Begriff"), _("Wie gezählt wird")])
    for term, text in report.definitions:
        out.writerow([term, text])
    return buffer.getvalue()


def build_statistics_csv(report: StatisticsReport, target: Path | BinaryIO) -> None:
    """Write ``report`` as CSV to ``target`` (a path or a binary file object)."""
    data = statistics_csv_text(report).encode(ENCODING)
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)
