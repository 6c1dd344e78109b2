"""The gap analysis (Bedarfsanalyse) as a table in the reports tab: one line per row of each
dimension, then the combined cells that have children; gaps marked with text and an icon."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QWidget

from ki_desktop.domain.gap_analysis import TABLES, GapAnalysis
from ki_desktop.gui.item_table_model import Column, Index, ItemTableModel
from ki_desktop.i18n import N_, _

_AREAS = {
    "age_group": N_("Altersgruppe"),
    "language": N_("Sprache"),
    "municipality": N_("Kommune"),
    "need": N_("Besonderer Bedarf"),
    "age_municipality": N_("Altersgruppe × Kommune"),
    "language_municipality": N_("Sprache × Kommune"),
}


@dataclass(frozen=True, slots=True)
class GapLine:
    """One line of the on-screen table: a row of the analysis or a combined cell."""

    order: int
    area: str
    label: str
    children: int
    offers: int
    gap: bool


def gap_lines(analysis: GapAnalysis) -> list[GapLine]:
    """The rows of every dimension, then the combined cells that have children."""
    lines = [
        GapLine(n, _(_AREAS[r.dimension]), r.label, r.children, r.matching_offers, r.gap)
        for n, r in enumerate(analysis.rows)
    ]
    cells = [c for c in analysis.cells if c.children and c.table in TABLES]
    cells.sort(key=lambda c: (TABLES.index(c.table), c.municipality_label.casefold()))
    lines += [
        GapLine(
            len(lines) + n,
            _(_AREAS[c.table]),
            f"{c.municipality_label} · {c.row_label}",
            c.children,
            c.matching_offers,
            c.gap,
        )
        for n, c in enumerate(cells)
    ]
    return lines


class GapModel(ItemTableModel):
    """The gap table; the gap column shows a warning icon next to the word "fehlt"."""

    GAP_COLUMN = 4

    def __init__(self, parent: QWidget) -> None:
        super().__init__(
            [
                Column(_("Bereich"), lambda g: g.area, sort_key=lambda g: g.order),
                Column(_("Merkmal"), lambda g: g.label),
                Column(_("Kinder"), lambda g: str(g.children), lambda g: g.children, True),
                Column(_("passende Angebote"), lambda g: str(g.offers), lambda g: g.offers, True),
                Column(
                    _("Lücke"),
                    lambda g: _("fehlt") if g.gap else "",
                    tip=lambda g: _("Kinder ohne passendes Angebot") if g.gap else "",
                ),
            ],
            search_text=lambda g: f"{g.area} {g.label}",
            parent=parent,
        )
        self._icon = parent.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            role == Qt.ItemDataRole.DecorationRole
            and index.isValid()
            and index.column() == self.GAP_COLUMN
            and self.item(index.row()).gap
        ):
            return self._icon
        return super().data(index, role)
