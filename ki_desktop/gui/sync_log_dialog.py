"""The sync log: every export and import (also refused files) with counts, newest first."""

from __future__ import annotations

from datetime import UTC

from babel.dates import format_datetime
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.item_table_model import Column, ItemTableModel
from ki_desktop.gui.sync_export_dialog import short_device
from ki_desktop.gui.table_layout import compact_rows
from ki_desktop.i18n import N_, _, ui_language
from ki_desktop.services import sync
from ki_desktop.services.sync import LogEntry

RESULTS = {"ok": N_("erfolgreich"), "refused": N_("abgelehnt"), "failed": N_("fehlgeschlagen")}
MESSAGE_COLUMN = 10


def _when(entry: LogEntry) -> str:
    moment = entry.at.replace(tzinfo=UTC).astimezone()
    return format_datetime(moment, "dd.MM.yyyy HH:mm", locale=ui_language())


def _peer(entry: LogEntry) -> str:
    if entry.peer in ("", sync.EVERYONE):
        return _("alle Geräte") if entry.peer == sync.EVERYONE else "–"
    return short_device(entry.peer)


def _count(name: str):
    return lambda e: str(getattr(e, name)) if e.result == "ok" else ""


def _counts(*names: str):
    return lambda e: tuple(getattr(e, n) for n in names)


def columns() -> list[Column]:
    return [
        Column(_("Zeit"), _when, sort_key=lambda e: e.at.isoformat()),
        Column(_("Vorgang"), lambda e: _("Export") if e.direction == "export" else _("Import")),
        Column(_("Gerät"), _peer, tip=lambda e: e.peer),
        Column(_("Datei"), lambda e: e.file_name),
        Column(_("Datensätze"), _count("records"), sort_key=lambda e: e.records, align_right=True),
        Column(_("Neu"), _count("created"), sort_key=lambda e: e.created, align_right=True),
        Column(_("Geändert"), _count("updated"), sort_key=lambda e: e.updated, align_right=True),
        Column(_("Gelöscht"), _count("deleted"), sort_key=lambda e: e.deleted, align_right=True),
        Column(
            _("Konflikte"), _count("conflicts"), sort_key=lambda e: e.conflicts, align_right=True
        ),
        Column(_("Ergebnis"), lambda e: _(RESULTS.get(e.result, e.result))),
        Column(_("Meldung"), lambda e: e.message, tip=lambda e: e.message),
        Column(_("Benutzer"), lambda e: e.user),
    ]


class SyncLogDialog(QDialog):
    """A read-only table of :func:`sync.log_entries`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sync-Protokoll"))
        self.setAccessibleName(_("Sync-Protokoll"))
        layout = QVBoxLayout(self)
        self.model = ItemTableModel(columns(), search_text=lambda e: "", parent=self)
        self.table = QTableView(self)
        self.table.setAccessibleName(_("Sync-Vorgänge"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MESSAGE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(
            _("Noch keine Sync-Vorgänge. Eine Sync-Datei erstellen Sie mit Strg+Umschalt+E."),
            self,
        )
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(self)
        buttons.addButton(_("Schließen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(1040, 420)
        self.reload()

    def reload(self) -> None:
        entries = sync.log_entries()
        self.model.set_items(entries)
        self.empty.setVisible(not entries)
        self.table.setVisible(bool(entries))
