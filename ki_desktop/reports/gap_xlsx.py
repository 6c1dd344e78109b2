"""The gap analysis as an Excel workbook: one sheet per table and a "Definitionen" sheet."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ki_desktop.domain.gap_analysis import DIMENSIONS, TABLES, GapAnalysis, cells_of, rows_of
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.reports import gap_texts as t

_HEAD_FONT = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="ECECEC")
_GAP_FONT = Font(bold=True, color="9C0006")
_MAX_WIDTH = 60


def _sheet_title(text: str) -> str:
    # Excel allows 31 characters and no []:*?/\ in sheet names.
    for bad in "[]:*?/\\":
        text = text.replace(bad, " ")
    return text[:31]


def _write_table(ws: Worksheet, header: list[str], rows: list[list[object]], gap_col: int) -> None:
    ws.append(header)
    for cell in ws[1]:
        cell.font = _HEAD_FONT
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(vertical="top")
    for values in rows:
        ws.append(values)
        if values[gap_col]:
            ws.cell(ws.max_row, gap_col + 1).font = _GAP_FONT
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col in range(1, len(header) + 1):
        longest = max(len(str(c.value or "")) for c in ws[get_column_letter(col)])
        ws.column_dimensions[get_column_letter(col)].width = min(longest + 3, _MAX_WIDTH)


def build_gap_xlsx(analysis: GapAnalysis, target: Path | BinaryIO, kreis: str = "") -> None:
    """Write ``analysis`` as an XLSX workbook to ``target`` (a path or a binary file object)."""
    wb = Workbook()
    wb.remove(wb.active)
    for dimension in DIMENSIONS:
        rows = rows_of(analysis, dimension)
        ws = wb.create_sheet(_sheet_title(_(t.DIMENSION_TITLES[dimension])))
        header = [_(t.DIMENSION_KEY_HEADERS[dimension]), _(t.CHILDREN), _(t.OFFERS), _(t.GAP)]
        data = [[r.label, int(r.children), int(r.matching_offers), t.gap_text(r.gap)] for r in rows]
        _write_table(ws, header, data, 3)
    for table in TABLES:
        cells = cells_of(analysis, table)
        ws = wb.create_sheet(_sheet_title(_(t.TABLE_TITLES[table])))
        header = [
            _(t.TABLE_ROW_HEADERS[table]),
            _(t.MUNICIPALITY),
            _(t.CHILDREN),
            _(t.OFFERS),
            _(t.GAP),
        ]
        data = [
            [
                c.row_label,
                c.municipality_label,
                int(c.children),
                int(c.matching_offers),
                t.gap_text(c.gap),
            ]
            for c in cells
        ]
        _write_table(ws, header, data, 4)

    ws = wb.create_sheet(_sheet_title(_("Definitionen")))
    ws.append([_(t.REPORT_TITLE) + (f" – {kreis}" if kreis else "")])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([_("Stichtag"), format_date(analysis.reference_date, "de")])
    ws.append([_("Offene Fälle"), int(analysis.open_cases)])
    ws.append([_("Gültige Angebote"), int(analysis.valid_offers)])
    ws.append([])
    for term, text in t.definitions():
        ws.append([term, text])
        ws.cell(ws.max_row, 1).font = _HEAD_FONT
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(ws.max_row, 1).alignment = Alignment(vertical="top")
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 90
    wb.properties.title = _(t.REPORT_TITLE)
    wb.properties.creator = "ki-desktop"
    wb.save(target)
