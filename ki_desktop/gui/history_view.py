"""The "Verlauf" of a case: every change with when, who, which field, old → new."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ki_desktop.domain.model import HistoryEntry
from ki_desktop.i18n import N_, _, ui_language
from ki_desktop.i18n.locale_data import format_date

_FIELDS = {
    "angelegt": N_("angelegt"),
    "first_name": N_("Vorname"),
    "last_name": N_("Nachname"),
    "birth_date": N_("Geburtsdatum"),
    "sex": N_("Geschlecht"),
    "country_of_birth": N_("Geburtsland"),
    "nationality": N_("Staatsangehörigkeit"),
    "arrival_date": N_("Einreise"),
    "assignment_date": N_("Zuweisung"),
    "registered_on": N_("Registriert am"),
    "address": N_("Adresse"),
    "first_language": N_("Erstsprache"),
    "status": N_("Status"),
    "closed_reason": N_("Grund des Abschlusses"),
    "municipality": N_("Gemeinde"),
    "counsellor": N_("Beraterin/Berater"),
    "guardians": N_("Sorgeberechtigte"),
    "school_history": N_("Schulbesuch"),
    "languages": N_("Sprachen"),
    "consents": N_("Einwilligungen"),
    "interviews": N_("Erstberatung"),
}


def field_label(key: str) -> str:
    """German name of a history field key; "guardians[2]" becomes "Sorgeberechtigte 2"."""
    name, _bracket, rest = key.partition("[")
    label = _(_FIELDS[name]) if name in _FIELDS else name
    return f"{label} {rest.rstrip(']')}" if rest else label


def _when(entry: HistoryEntry, locale: str) -> str:
    at = entry.at
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    local = at.astimezone()
    return f"{format_date(local.date(), locale, 'short')} {local:%H:%M}"


class HistoryView(QTableWidget):
    """A read-only table of history entries, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        self.setAccessibleName(_("Verlauf des Falls"))
        self.setHorizontalHeaderLabels([_("Wann"), _("Wer"), _("Feld"), _("Alt → Neu")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.setWordWrap(True)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def show_entries(self, entries: Sequence[HistoryEntry]) -> None:
        locale = ui_language()
        self.clearSpans()
        if not entries:
            self.setRowCount(1)
            self.setItem(0, 0, QTableWidgetItem(_("Noch keine Änderungen gespeichert.")))
            self.setSpan(0, 0, 1, self.columnCount())
            for column in range(1, self.columnCount()):
                self.setItem(0, column, QTableWidgetItem(""))
            return
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            change = f"{entry.old} → {entry.new}" if entry.old else entry.new
            cells = (_when(entry, locale), entry.user, field_label(entry.field), change)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.setItem(row, column, item)
        self.resizeRowsToContents()
