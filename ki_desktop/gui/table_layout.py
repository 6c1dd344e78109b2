"""Sizing of the list tables: compact rows and columns as wide as their content (within limits),
measured with the widget's own font so that it holds at any DPI scaling."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QSplitter, QTableView

SAMPLE_ROWS = 60


def compact_rows(table: QTableView) -> None:
    """Rows one text line high plus a little air (styles default to roomier rows)."""
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)


def fit_columns(table: QTableView, max_chars: int = 40, stretch: int | None = None) -> None:
    """Columns as wide as their header text and loaded content, but none wider than
    ``max_chars`` average characters. Column ``stretch`` (default: the last one) takes the
    space that is left.

    Unlike ``resizeColumnsToContents`` no room is kept for a sort arrow in every header: the
    sorted column's title may be shortened a little instead, which keeps the list narrow.
    """
    limit = table.fontMetrics().averageCharWidth() * max_chars
    header = table.horizontalHeader()
    # Measuring the first rows is enough for a good width and keeps this quick.
    header.setResizeContentsPrecision(SAMPLE_ROWS)
    model = table.model()
    metrics = header.fontMetrics()
    if stretch is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    last = header.count() - 1
    for column in range(header.count()):
        if column == stretch or (stretch is None and column == last):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(table.sizeHintForColumn(column), metrics.horizontalAdvance(title) + 16)
        header.resizeSection(column, min(width, limit))


def split(splitter: QSplitter, first_share: float) -> None:
    """Divide the splitter: ``first_share`` of its length to the first pane."""
    total = sum(splitter.sizes()) or 1000
    first = int(total * first_share)
    splitter.setSizes([first, total - first])


def rows_height(table: QTableView, rows: int) -> int:
    """Height that shows ``rows`` rows with the header, without scrolling."""
    frame = 2 * table.frameWidth()
    return table.horizontalHeader().sizeHint().height() + rows * table.rowHeight(0) + frame + 2
