"""Before a new case is saved: cases that may be the same child, with "open the existing case"
and "create the new case anyway"."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain.duplicates import DuplicateMatch
from ki_desktop.domain.model import CaseRow
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.services.labels import status_label


class DuplicatesDialog(QDialog):
    """Lists ``matches``; ``open_case`` carries the id of the case to open instead,
    ``create_anyway`` means the counsellor checked and the child is new."""

    open_case = Signal(str)
    create_anyway = Signal()

    def __init__(
        self, matches: Sequence[tuple[CaseRow, DuplicateMatch]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Gibt es diesen Fall schon?"))
        self.setAccessibleName(self.windowTitle())
        self.matches = list(matches)
        layout = QVBoxLayout(self)
        intro = QLabel(
            ngettext(
                "Ein vorhandener Fall ähnelt dem neuen. Bitte prüfen, ob es dasselbe Kind ist.",
                "{n} vorhandene Fälle ähneln dem neuen. Bitte prüfen, ob es dasselbe Kind ist.",
                len(self.matches),
            ).format(n=len(self.matches)),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        headers = [_("Name"), _("Geburtsdatum"), _("Gemeinde"), _("Status"), _("Warum ähnlich")]
        self.table = QTableWidget(len(self.matches), len(headers), self)
        self.table.setAccessibleName(_("Mögliche Doppelungen"))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        locale = ui_language()
        for row, (case, hit) in enumerate(self.matches):
            cells = (
                f"{case.last_name}, {case.first_name}",
                format_date(case.birth_date, locale),
                case.municipality,
                status_label(case.status),
                hit.why,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemDoubleClicked.connect(lambda _item: self._open())
        layout.addWidget(self.table)

        buttons = QDialogButtonBox(self)
        self.open_button = QPushButton(_("Vorhandenen Fall öffnen"), self)
        self.create_button = QPushButton(_("Trotzdem neu anlegen"), self)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.create_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        self.create_button.clicked.connect(self._create)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        if self.matches:
            self.table.selectRow(0)
        self.resize(self.table.horizontalHeader().length() + 80, 320)

    def selected_case_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.matches[rows[0].row()][0].id if rows else None

    def _open(self) -> None:
        case_id = self.selected_case_id()
        if case_id:
            self.accept()
            self.open_case.emit(case_id)

    def _create(self) -> None:
        self.accept()
        self.create_anyway.emit()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._open()
            return
        super().keyPressEvent(event)
