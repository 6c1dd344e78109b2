"""Settling the conflicts a sync import left: per record, each field's values side by side
("Meine Version" / "Andere Version" / "Bearbeiten"), or for a record deleted on one laptop and
edited on another: confirm the deletion or restore the record."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.sync_values import EMPTY, BadValue, edit_text, parse_value, show_value
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import sync, sync_conflicts
from ki_desktop.services.database import ServiceError
from ki_desktop.services.sync_conflicts import Conflict, FieldConflict


@dataclass(slots=True)
class FieldChoice:
    """The radio buttons of one field: a value per button, the last one "Bearbeiten"."""

    field: FieldConflict
    kind: str
    group: QButtonGroup
    values: dict[QAbstractButton, object]
    edit_button: QRadioButton
    editor: QLineEdit | QComboBox

    def chosen(self) -> object:
        """The chosen value; raises BadValue for an edited text that does not fit."""
        button = self.group.checkedButton()
        if button is self.edit_button:
            if isinstance(self.editor, QComboBox):
                return self.editor.currentData()
            return parse_value(self.editor.text(), self.kind)
        return self.values[button]


def _has_mine(field: FieldConflict) -> bool:
    # The values list this device's own first, if it wrote one (None counts: it emptied it).
    return field.mine is not None or (bool(field.values) and field.values[0] is None)


class ConflictsDialog(QDialog):
    """Lists the open conflicts; ``settled`` fires after each decision (the data changed)."""

    settled = Signal()

    def __init__(self, prompts: Prompts, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompts, self.user = prompts, user
        self.conflicts: list[Conflict] = []
        self.hidden = 0  # conflicts in case data this user may not see
        self.choices: list[FieldChoice] = []
        self.setWindowTitle(_("Konflikte lösen"))
        self.setAccessibleName(_("Konflikte lösen"))
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(splitter)
        self.list.setAccessibleName(_("Datensätze mit Konflikten"))
        detail = QWidget(splitter)
        detail_layout = QVBoxLayout(detail)
        self.heading = QLabel(detail)
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        detail_layout.addWidget(self.heading)
        self.scroll = QScrollArea(detail)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        detail_layout.addWidget(self.scroll, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.delete_button = QPushButton(_("Löschen &bestätigen"), detail)
        self.delete_button.setToolTip(_("Der Datensatz bleibt gelöscht – auf allen Geräten."))
        self.restore_button = QPushButton(_("&Wiederherstellen"), detail)
        self.restore_button.setToolTip(
            _("Der Datensatz bleibt mit den Änderungen erhalten – auf allen Geräten.")
        )
        self.settle_button = QPushButton(_("Ü&bernehmen"), detail)
        self.settle_button.setToolTip(_("Die gewählten Werte für diesen Datensatz übernehmen"))
        for button in (self.delete_button, self.restore_button, self.settle_button):
            row.addWidget(button)
        detail_layout.addLayout(row)
        splitter.setStretchFactor(1, 3)
        layout.addWidget(splitter, 1)
        close = QDialogButtonBox(self)
        close.addButton(_("Schließen"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.list.currentRowChanged.connect(self._show)
        self.settle_button.clicked.connect(self.settle)
        self.delete_button.clicked.connect(self.keep_deletion)
        self.restore_button.clicked.connect(self.restore)
        self.resize(880, 420)
        self.reload()

    # -- the list ---------------------------------------------------------------------------

    def reload(self, keep_row: int = 0) -> None:
        """Read the open conflicts again and select the one at ``keep_row`` (or the last)."""
        self.conflicts = sync_conflicts.open_conflicts()
        self.hidden = sync_conflicts.hidden_conflicts()
        self.list.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(conflict.title, self.list)
            if conflict.deleted_elsewhere:
                item.setToolTip(_("gelöscht und zugleich bearbeitet"))
        if self.conflicts:
            self.list.setCurrentRow(min(keep_row, len(self.conflicts) - 1))
        else:
            self._show(-1)

    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    # -- the selected record ----------------------------------------------------------------

    def _show(self, row: int) -> None:
        conflict = self.conflicts[row] if 0 <= row < len(self.conflicts) else None
        self.choices = []
        panel = QWidget()
        grid = QGridLayout(panel)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        deletion = conflict is not None and conflict.deleted_elsewhere
        self.settle_button.setVisible(conflict is not None and not deletion)
        self.delete_button.setVisible(deletion)
        self.restore_button.setVisible(deletion)
        if conflict is None and self.hidden:
            self.heading.setText(
                ngettext(
                    "<b>Keine Konflikte, die Sie lösen können.</b> {n} Konflikt in Falldaten "
                    "löst eine Administratorin oder ein Administrator mit der Rolle „Beratung“ "
                    "aus dem Team des Falls.",
                    "<b>Keine Konflikte, die Sie lösen können.</b> {n} Konflikte in Falldaten "
                    "löst eine Administratorin oder ein Administrator mit der Rolle „Beratung“ "
                    "aus dem Team des Falls.",
                    self.hidden,
                ).format(n=self.hidden)
            )
            self.scroll.setWidget(panel)
            return
        if conflict is None:
            self.heading.setText(
                _("<b>Keine Konflikte offen.</b> Alle Änderungen der Geräte passen zusammen.")
            )
            self.scroll.setWidget(panel)
            return
        if deletion:
            text = _(
                "<b>{title}</b><br>Auf einem Gerät gelöscht, auf einem anderen zugleich "
                "bearbeitet. Bis Sie entscheiden, bleiben die Daten erhalten. „Wiederherstellen“ "
                "behält den Datensatz mit den Änderungen, „Löschen bestätigen“ löscht ihn – "
                "jeweils auf allen Geräten nach dem nächsten Abgleich."
            )
        else:
            text = ngettext(
                "<b>{title}</b><br>{n} Feld wurde auf zwei Geräten verschieden geändert. "
                "Bitte wählen, welcher Wert gelten soll.",
                "<b>{title}</b><br>{n} Felder wurden auf zwei Geräten verschieden geändert. "
                "Bitte je Feld wählen, welcher Wert gelten soll.",
                len(conflict.fields),
            )
        self.heading.setText(
            text.format(
                title=conflict.title.replace("&", "&amp;").replace("<", "&lt;"),
                n=len(conflict.fields),
            )
        )
        kinds = sync.field_kinds(conflict.table)
        others = max((len(f.values) - _has_mine(f) for f in conflict.fields), default=1)
        headers = [_("Feld"), _("Meine Version")]
        headers += (
            [_("Andere Version")]
            if others <= 1
            else [_("Andere Version {n}").format(n=i + 1) for i in range(others)]
        )
        if not deletion:
            headers.append(_("Bearbeiten"))
        for column, title in enumerate(headers):
            label = QLabel(f"<b>{title}</b>", panel)
            grid.addWidget(label, 0, column)
        for line, field in enumerate(conflict.fields, start=1):
            kind = kinds.get(field.name, "text")
            grid.addWidget(QLabel(field.label, panel), line, 0)
            if deletion:
                self._add_values(grid, line, field, kind, panel)
            else:
                self.choices.append(self._add_choice(grid, line, field, kind, others, panel))
        grid.setColumnStretch(len(headers) - 1, 1)
        self.scroll.setWidget(panel)

    def _cells(self, field: FieldConflict) -> list[tuple[int, object]]:
        """(column, value) for each value: mine in column 1, the others from column 2."""
        if _has_mine(field):
            first, rest = [(1, field.values[0])], field.values[1:]
        else:
            first, rest = [], field.values
        return first + [(2 + i, value) for i, value in enumerate(rest)]

    def _add_values(self, grid, line, field, kind, panel) -> None:
        for column, value in self._cells(field):
            grid.addWidget(QLabel(show_value(value, kind), panel), line, column)

    def _add_choice(self, grid, line, field, kind, others, panel) -> FieldChoice:
        group = QButtonGroup(panel)
        values: dict[QAbstractButton, object] = {}
        for column, value in self._cells(field):
            button = QRadioButton(show_value(value, kind), panel)
            button.setAccessibleName(f"{field.label}: {show_value(value, kind)}")
            group.addButton(button)
            values[button] = value
            grid.addWidget(button, line, column)
            button.setChecked(value == field.shown)
        if not _has_mine(field):
            grid.addWidget(QLabel(EMPTY, panel), line, 1)
        edit_button = QRadioButton(panel)
        edit_button.setAccessibleName(_("{field}: bearbeiten").format(field=field.label))
        group.addButton(edit_button)
        editor: QLineEdit | QComboBox
        if kind == "bool":
            editor = QComboBox(panel)
            for text, value in ((EMPTY, None), (_("ja"), 1), (_("nein"), 0)):
                editor.addItem(text, value)
            editor.setCurrentIndex(editor.findText(show_value(field.shown, kind)))
            editor.activated.connect(lambda _i, b=edit_button: b.setChecked(True))
        else:
            editor = QLineEdit(edit_text(field.shown, kind), panel)
            editor.setMinimumWidth(180)
            if kind == "date":
                editor.setPlaceholderText(_("TT.MM.JJJJ"))
            editor.textEdited.connect(lambda _t, b=edit_button: b.setChecked(True))
        editor.setAccessibleName(_("{field}: neuer Wert").format(field=field.label))
        cell = QHBoxLayout()
        cell.addWidget(edit_button)
        cell.addWidget(editor, 1)
        grid.addLayout(cell, line, 2 + others)
        if group.checkedButton() is None:
            edit_button.setChecked(True)
        return FieldChoice(field, kind, group, values, edit_button, editor)

    # -- decisions --------------------------------------------------------------------------

    def settle(self) -> bool:
        """Take the chosen value of every field of the selected record."""
        conflict = self.current()
        if conflict is None or conflict.deleted_elsewhere:
            return False
        chosen = {}
        for choice in self.choices:
            try:
                chosen[choice.field.name] = choice.chosen()
            except BadValue as exc:
                self.prompts.error(self, _("Konflikte lösen"), f"{choice.field.label}: {exc}")
                choice.editor.setFocus()
                return False
        return self._decide(
            lambda: sync_conflicts.settle(conflict.table, conflict.key, chosen, user=self.user)
        )

    def keep_deletion(self) -> bool:
        conflict = self.current()
        if conflict is None or not self.prompts.confirm(
            self,
            _("Löschen bestätigen"),
            _("„{title}“ endgültig löschen – nach dem nächsten Abgleich auf allen Geräten?").format(
                title=conflict.title
            ),
        ):
            return False
        return self._decide(
            lambda: sync_conflicts.keep_deletion(conflict.table, conflict.key, user=self.user)
        )

    def restore(self) -> bool:
        conflict = self.current()
        if conflict is None:
            return False
        return self._decide(
            lambda: sync_conflicts.restore(conflict.table, conflict.key, user=self.user)
        )

    def _decide(self, decision) -> bool:
        row = self.list.currentRow()
        try:
            decision()
        except ServiceError as exc:
            self.prompts.error(self, _("Konflikte lösen"), str(exc))
            return False
        self.reload(row)
        self.settled.emit()
        return True
