"""The monthly or quarterly statistics as an Excel workbook.

Sheet "Übersicht": title, period, issuer, date of creation (a datetime cell) and reference
date (a date cell). Then one sheet per table: the title in row 1, the bold header in row 2
(rows 1–2 and the label column frozen), counts as integers, days as numbers with one decimal,
"<3" as right-aligned text, the totals row bold. Sheet "Definitionen" at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ki_desktop.domain.statistics import Cell, PublishedTable, StatisticsReport
from ki_desktop.i18n import _
from ki_desktop.reports.statistics_format import (
    anonymisation_note,
    previous_columns,
    report_title,
)

_TITLE_FONT = Font(bold=True, size=13)
_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="ECECEC")
_PREVIOUS_FONT = Font(color="555555")
_TOTAL_BORDER = Border(top=Side(style="thin", color="000000"))
_RIGHT = Alignment(horizontal="right")
_WRAP = Alignment(wrap_text=True, vertical="top")
_INT_FORMAT = "#,##0"
_DAYS_FORMAT = "#,##0.0"
_DATE_FORMAT = "DD.MM.YYYY"
_DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
_MAX_WIDTH = 60
_BAD_SHEET_CHARS = "[]:*?/\\"


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\ (added to
    ``taken``, compared without case as Excel does)."""
    for bad in _BAD_SHEET_CHARS:
        text = text.replace(bad, " ")
    text = " ".join(text.split()).strip("'") or _("Tabelle")
    if len(text) > 31 and " nach " in text:  # "... nach Wohnort": the breakdown tells apart
        tail = text.rsplit(" nach ", 1)[1]
        text = tail[:1].upper() + tail[1:]
    if len(text) > 31:  # the full title stands in the sheet's first row
        text = text[:30].rstrip() + "…"
    name, n = text, 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = text[: 31 - len(suffix)].rstrip(" …") + suffix
    taken.add(name.casefold())
    return name


def _put(ws: Worksheet, row: int, col: int, value: Cell, unit: str) -> None:
    cell = ws.cell(row, col)
    if isinstance(value, bool) or value is None:
        cell.value = None if value is None else str(value)
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = _INT_FORMAT
    elif isinstance(value, float):
        cell.value = value
        cell.number_format = _DAYS_FORMAT if unit == "days" else "#,##0.0##"
    else:
        cell.value = str(value)
        if col > 1:  # "<3" stands where the number would
            cell.alignment = _RIGHT


def _fit_columns(ws: Worksheet, first_row: int, columns: int) -> None:
    for col in range(1, columns + 1):
        letter = get_column_letter(col)
        lengths = [
            len(str(ws.cell(r, col).value or "")) + (2 if col > 1 else 0)
            for r in range(first_row, ws.max_row + 1)
        ]
        ws.column_dimensions[letter].width = min(max([*lengths, 8]) + 2, _MAX_WIDTH)


def _table_sheet(ws: Worksheet, report: StatisticsReport, table: PublishedTable) -> None:
    ws["A1"] = table.title
    ws["A1"].font = _TITLE_FONT
    previous = previous_columns(report, table)
    for col, heading in enumerate(table.columns, start=1):
        cell = ws.cell(2, col, heading)
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
        if col > 1:
            cell.alignment = _RIGHT
    row = 2
    for values in table.rows:
        row += 1
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value, table.unit)
            if col - 1 in previous:
                ws.cell(row, col).font = _PREVIOUS_FONT
    if table.total is not None:
        row += 1
        for col, value in enumerate(table.total, start=1):
            _put(ws, row, col, value, table.unit)
            ws.cell(row, col).font = _HEAD_FONT
            ws.cell(row, col).border = _TOTAL_BORDER
    ws.freeze_panes = "B3"
    _fit_columns(ws, 2, len(table.columns))
    notes = [table.note] if table.note else []
    if table.unit == "days":
        notes.append(_("Angaben in Tagen."))
    row += 1  # an empty row between the table and its notes
    for note in [*notes, anonymisation_note()]:
        row += 1
        ws.cell(row, 1, note).font = Font(italic=True, color="555555")


def _overview(ws: Worksheet, report: StatisticsReport, sheets: list[str]) -> None:
    ws["A1"] = report_title(report)
    ws["A1"].font = _TITLE_FONT
    rows: list[tuple[str, object, str | None]] = [
        (_("Zeitraum"), report.period.label, None),
        (_("Von"), report.period.start, _DATE_FORMAT),
        (_("Bis"), report.period.end, _DATE_FORMAT),
        (_("Vergleichszeitraum"), report.previous.label, None),
        (_("Stichtag"), report.reference_date, _DATE_FORMAT),
        (_("Herausgeber"), report.issuer, None),
        (_("Erstellt am"), report.created_at, _DATETIME_FORMAT),
    ]
    for n, (label, value, number_format) in enumerate(rows, start=3):
        ws.cell(n, 1, label).font = _HEAD_FONT
        cell = ws.cell(n, 2, value)
        cell.alignment = Alignment(horizontal="left")
        if number_format:
            cell.number_format = number_format
    n = len(rows) + 4
    ws.cell(n, 1, _("Tabelle")).font = _HEAD_FONT
    ws.cell(n, 2, _("Tabellenblatt")).font = _HEAD_FONT
    for table, sheet in zip(report.tables, sheets, strict=True):
        n += 1
        ws.cell(n, 1, table.title)
        ws.cell(n, 2, sheet)
    ws.cell(n + 2, 1, anonymisation_note()).font = Font(italic=True, color="555555")
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 44


def _definitions(ws: Worksheet, report: StatisticsReport) -> None:
    ws.append([_("Begriff"), _("Wie gezählt wird")])
    for cell in ws[1]:
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
    for term, text in [*report.definitions, (_("Datenschutz"), anonymisation_note())]:
        ws.append([term, text])
        ws.cell(ws.max_row, 1).font = _HEAD_FONT
        ws.cell(ws.max_row, 1).alignment = Alignment(vertical="top")
        ws.cell(ws.max_row, 2).alignment = _WRAP
    ws.freeze_panes = "A2"
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 90


def build_statistics_xlsx(report: StatisticsReport, target: Path | BinaryIO) -> None:
    """Write ``report`` as an XLSX workbook to ``target`` (a path or a binary file object)."""
    wb = Workbook()
    taken: set[str] = set()
    overview = wb.active
    overview.title = sheet_title(_("Übersicht"), taken)
    taken.add(_("Definitionen").casefold())  # kept for the last sheet
    sheets = [sheet_title(table.title, taken) for table in report.tables]
    _overview(overview, report, sheets)
    for table, sheet in zip(report.tables, sheets, strict=True):
        _table_sheet(wb.create_sheet(sheet), report, table)
    _definitions(wb.create_sheet(_("Definitionen")), report)
    wb.properties.title = report_title(report)
    wb.properties.creator = report.issuer or "ki-desktop"
    wb.save(target)
