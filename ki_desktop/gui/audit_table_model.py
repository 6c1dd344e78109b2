"""The audit trail as a table model: the entries of a filter, newest first, fetched a page at
a time as the view scrolls; German names for the actions the program writes and their groups;
a case as its reference (SE-…), the full id in the tooltip."""

from __future__ import annotations

import re
from datetime import UTC

from babel.dates import format_datetime
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ki_desktop.domain.retention import case_reference
from ki_desktop.i18n import N_, _, ui_language
from ki_desktop.services import audit

PAGE = 200
Index = QModelIndex | QPersistentModelIndex

# German names of the actions the program writes; unknown actions show their code.
ACTION_NAMES = {
    "case.read": N_("Fall angesehen"),
    "case.create": N_("Fall angelegt"),
    "case.update": N_("Fall geändert"),
    "case.refer": N_("An Angebot vermittelt"),
    "case.refer.remove": N_("Vermittlung entfernt"),
    "case.case_file": N_("Auskunft (Art. 15) erstellt"),
    "case.school_handover": N_("Übergabe an die Schule erstellt"),
    "placement.recommend": N_("Schulempfehlung berechnet"),
    "placement.accept": N_("Empfehlung übernommen"),
    "placement.assigned": N_("Schulplatz eingetragen"),
    "placement.school_start": N_("Schulbeginn eingetragen"),
    "report.placement_letter": N_("Schreiben erstellt"),
    "report.offer_sheet": N_("Angebotsblatt erstellt"),
    "offers.export": N_("Angebote exportiert"),
    "offers.import": N_("Angebote eingelesen"),
    "offer.create": N_("Angebot angelegt"),
    "offer.update": N_("Angebot geändert"),
    "offer.delete": N_("Angebot gelöscht"),
    "schools.import": N_("Schulliste eingelesen"),
    "school.ki_data": N_("Schuldaten geändert"),
    "sync.settle": N_("Sync-Konflikt gelöst"),
    "sync.keep_deletion": N_("Sync: Löschung bestätigt"),
    "sync.restore": N_("Sync: Datensatz wiederhergestellt"),
    "db.migrate": N_("Datenbank aktualisiert"),
    "db.backup": N_("Sicherung geschrieben"),
    "db.restore": N_("Sicherung wiederhergestellt"),
    "audit.check": N_("Protokoll geprüft"),
    "audit.export": N_("Protokoll exportiert"),
    "retention.delete": N_("Fristgerecht gelöscht"),
    "retention.erase": N_("Auf Antrag gelöscht"),
    "retention.period": N_("Aufbewahrungsfrist geändert"),
    "login": N_("Anmeldung"),
    "login.failed": N_("Anmeldung fehlgeschlagen"),
    "logout": N_("Abmeldung"),
    "password.change": N_("Passwort geändert"),
    "password.reset": N_("Passwort zurückgesetzt"),
    "password.recover": N_("Passwort mit Wiederherstellungsschlüssel gesetzt"),
    "recovery_key.renew": N_("Wiederherstellungsschlüssel erneuert"),
    "user.add": N_("Benutzer angelegt"),
    "accounts.setup": N_("Verschlüsselung eingerichtet"),
    "interpreter.enter": N_("Dolmetschansicht geöffnet"),
    "interpreter.leave": N_("Dolmetschansicht verlassen"),
    "report.handout": N_("Elterninformation erstellt"),
    "demo.load": N_("Demodaten geladen"),
}
# German names of the action groups offered in the filter („Fälle – alle Aktionen“).
GROUP_NAMES = {
    "accounts": N_("Konten und Verschlüsselung"),
    "audit": N_("Protokoll"),
    "case": N_("Fälle"),
    "db": N_("Datenbank und Sicherungen"),
    "demo": N_("Demodaten"),
    "interpreter": N_("Dolmetschansicht"),
    "login": N_("Anmeldungen"),
    "offer": N_("Angebote"),
    "offers": N_("Angebotskatalog"),
    "password": N_("Passwörter"),
    "placement": N_("Schulempfehlung"),
    "recovery_key": N_("Wiederherstellungsschlüssel"),
    "report": N_("Berichte und Schreiben"),
    "retention": N_("Löschung"),
    "school": N_("Schuldaten"),
    "schools": N_("Schulliste"),
    "sync": N_("Synchronisation"),
    "user": N_("Benutzer"),
}
# Actions whose target is a case id: shown as the case's reference (SE-…), as letters print
# it and as „Fall auf Antrag löschen“ asks for it.
CASE_TARGETS = frozenset(
    {
        "case.read",
        "case.create",
        "case.update",
        "case.refer",
        "case.case_file",
        "case.school_handover",
        "placement.recommend",
        "placement.accept",
        "placement.assigned",
        "placement.school_start",
        "report.placement_letter",
        "report.handout",
        "interpreter.enter",
        "interpreter.leave",
        "retention.delete",
        "retention.erase",
    }
)
_CASE_ID = re.compile(r"[0-9a-f]{32}")
COLUMNS = (N_("Nr."), N_("Zeit"), N_("Benutzer"), N_("Aktion"), N_("Ziel"), N_("Details"))
DETAIL_COLUMN = 5


def action_label(action: str) -> str:
    """„Fall angesehen“ for "case.read"; the code itself for an action without a name."""
    name = ACTION_NAMES.get(action)
    return _(name) if name else action


def group_label(group: str) -> str:
    """„Fälle – alle Aktionen“ for the group "case"; the code for a group without a name."""
    name = GROUP_NAMES.get(group)
    if name is None:
        return _("{group}… (alle)").format(group=group + ".")
    return _("{name} – alle Aktionen").format(name=_(name))


def target_text(action: str, target: str) -> str:
    """The target as shown: a case as its reference (SE-…), anything else unchanged."""
    if action in CASE_TARGETS and _CASE_ID.fullmatch(target or ""):
        return case_reference(target)
    return target


def _when(entry: audit.AuditRecord) -> str:
    moment = entry.at.replace(tzinfo=UTC).astimezone()
    return format_datetime(moment, "dd.MM.yyyy HH:mm:ss", locale=ui_language())


class AuditTableModel(QAbstractTableModel):
    """The filtered entries, newest first, fetched a page at a time as the view scrolls."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.filter = audit.AuditFilter()
        self.total = 0
        self._rows: list[audit.AuditRecord] = []

    def reload(self, flt: audit.AuditFilter) -> None:
        self.beginResetModel()
        self.filter = flt
        self.total = audit.audit_count(flt)
        self._rows = audit.audit_entries(flt, 0, PAGE)
        self.endResetModel()

    def entry(self, row: int) -> audit.AuditRecord:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt signature
        return not parent.isValid() and len(self._rows) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008 - Qt signature
        more = audit.audit_entries(self.filter, len(self._rows), PAGE)
        if not more:
            self.total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows += more
        self.endInsertRows()

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            cells = (
                "" if e.seq is None else str(e.seq),
                _when(e),
                e.user,
                action_label(e.action),
                target_text(e.action, e.target),
                e.detail,
            )
            return cells[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 3:
                return e.action
            if column == 4 and e.target:
                return e.target
            if column == DETAIL_COLUMN:
                return e.detail
            if column == 0 and e.hash:
                return _("Prüfwert: {hash}").format(hash=e.hash)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None
