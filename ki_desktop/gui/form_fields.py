"""Small editors of the case form: a date that may be unknown, yes/no/unknown, a message line
under a field, and a list of rows (schools, guardians, languages) with add and remove."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QWidget,
)

from ki_desktop.i18n import _
from ki_desktop.services.labels import yes_no

EMPTY_DATE = QDate(1900, 1, 1)


def watch(widget: QWidget, slot) -> None:
    """Connect the value-changed signals of ``widget`` to ``slot`` (a method without
    arguments or a signal without arguments; Qt drops the values)."""
    if isinstance(widget, OptionalDateEdit | RowList):
        widget.changed.connect(slot)
    elif isinstance(widget, QComboBox):
        widget.currentIndexChanged.connect(slot)
        if widget.isEditable():
            widget.editTextChanged.connect(slot)
    elif isinstance(widget, QLineEdit | QPlainTextEdit):
        widget.textChanged.connect(slot)
    elif isinstance(widget, QCheckBox):
        widget.toggled.connect(slot)
    elif isinstance(widget, QSpinBox):
        widget.valueChanged.connect(slot)


class OptionalDateEdit(QDateEdit):
    """A date field that may stay empty ("leer" is shown until a date is typed or picked).

    Delete or Backspace on the whole field empties it again."""

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setDisplayFormat("dd.MM.yyyy")
        self.setCalendarPopup(True)
        self.setMinimumDate(EMPTY_DATE)
        self.setSpecialValueText(_("leer"))
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.setDate(EMPTY_DATE)
        self.setToolTip(_("TT.MM.JJJJ eingeben; Entf leert das Feld."))
        self.dateChanged.connect(lambda _d: self.changed.emit())

    def value(self) -> date | None:
        qdate = self.date()
        return None if qdate == EMPTY_DATE else date(qdate.year(), qdate.month(), qdate.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(EMPTY_DATE if value is None else QDate(value.year, value.month, value.day))

    def focusNextPrevChild(self, next_child: bool) -> bool:
        # Tab leaves the field (the sections are reached by typing the dots), as in the
        # other fields of the form.
        return QWidget.focusNextPrevChild(self, next_child)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            self.value() is None or self.lineEdit().selectedText() == self.lineEdit().text()
        ):
            self.set_value(None)
            return
        line = self.lineEdit()
        before = line.text()[
            : line.selectionStart() if line.hasSelectedText() else line.cursorPosition()
        ]
        if event.text() in (".", ",") and before.endswith("."):
            return  # the section already moved on after two digits; the dot is not needed
        if self.value() is None and event.text().isdigit():
            # Typing into an empty field starts a fresh date instead of editing "leer".
            self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateEdit.Section.DaySection)
        super().keyPressEvent(event)


class YesNoCombo(QComboBox):
    """ja / nein / not known (None)."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.addItem(_("unbekannt"), None)
        self.addItem(yes_no(True), True)
        self.addItem(yes_no(False), False)

    def value(self) -> bool | None:
        return self.currentData()

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])


def choice_combo(
    accessible_name: str, choices: Sequence[tuple[str, str]], parent: QWidget | None = None
) -> QComboBox:
    """A combo box of (key, label) choices."""
    combo = QComboBox(parent)
    combo.setAccessibleName(accessible_name)
    for key, label in choices:
        combo.addItem(label, key)
    return combo


def set_choice(combo: QComboBox, key: str) -> None:
    """Choose ``key``; an unknown key is added so that nothing read from the case is lost."""
    index = combo.findData(key)
    if index < 0:
        combo.addItem(key, key)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


class FieldMessage(QWidget):
    """The validation message under a field: an icon and a text saying "Fehler" or "Hinweis",
    so that the meaning does not hang on colour alone. Hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.icon)
        layout.addWidget(self.text, 1)
        self.severity = ""
        self.hide()

    def show_issues(self, issues: Sequence[tuple[str, str]]) -> None:
        """``issues`` as (severity, message); errors first."""
        if not issues:
            self.severity = ""
            self.text.clear()
            self.hide()
            return
        errors = [m for s, m in issues if s == "error"]
        self.severity = "error" if errors else "hint"
        prefix = _("Fehler:") if errors else _("Hinweis:")
        messages = errors or [m for _s, m in issues]
        self.text.setText(f"{prefix} {' '.join(messages)}")
        self.setAccessibleName(self.text.text())
        pixmap = QStyle.StandardPixmap.SP_MessageBoxCritical
        if not errors:
            pixmap = QStyle.StandardPixmap.SP_MessageBoxInformation
        size = self.text.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.text.setStyleSheet("color: #b00020;" if errors else "font-style: italic;")
        self.show()


class RowList(QWidget):
    """Rows of editors under column headers, each row with a remove button, and an add button.

    ``make_row`` returns the editors of one new row; ``changed`` fires on every edit and when
    a row is added or removed."""

    changed = Signal()

    def __init__(
        self,
        headers: Sequence[str],
        make_row: Callable[[], list[QWidget]],
        add_text: str,
        row_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._make_row = make_row
        self._row_name = row_name
        self.rows: list[list[QWidget]] = []
        self._removers: list[QPushButton] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for column, header in enumerate(headers):
            label = QLabel(header, self)
            label.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(label, 0, column)
        self._columns = len(headers)
        for column in range(self._columns):
            self.grid.setColumnStretch(column, 2)
        # A free column at the end keeps lists of one or two fields from spreading out.
        self.grid.setColumnStretch(self._columns + 1, max(0, 6 - 2 * self._columns))
        self.empty_label = QLabel(_("Noch keine Einträge."), self)
        self.grid.addWidget(self.empty_label, 1, 0, 1, self._columns)
        self.add_button = QPushButton(add_text, self)
        self.add_button.setAccessibleName(add_text)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.message = FieldMessage(self)
        self._relayout()

    def add_row(self, focus: bool = False) -> list[QWidget]:
        """Append an empty row and return its editors."""
        editors = self._make_row()
        remove = QPushButton(_("Entfernen"), self)
        remove.clicked.connect(lambda: self.remove_row(self._removers.index(remove)))
        for editor in editors:
            editor.setParent(self)
            watch(editor, self.changed)
        self.rows.append(editors)
        self._removers.append(remove)
        self._relayout()
        if focus:
            editors[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()
        return editors

    def remove_row(self, index: int) -> None:
        for widget in [*self.rows.pop(index), self._removers.pop(index)]:
            self.grid.removeWidget(widget)
            # No signals from a row on its way out (focus leaving it would otherwise call
            # back into the form while the widget is being destroyed).
            for part in [widget, *widget.findChildren(QWidget)]:
                part.blockSignals(True)
            widget.hide()
            widget.deleteLater()
        self._relayout()
        self.changed.emit()

    def clear(self) -> None:
        while self.rows:
            self.remove_row(len(self.rows) - 1)

    def focus_chain(self) -> list[QWidget]:
        """The editors in reading order, then the add button."""
        chain: list[QWidget] = []
        for editors, remove in zip(self.rows, self._removers, strict=True):
            chain += [*editors, remove]
        return [*chain, self.add_button]

    def _relayout(self) -> None:
        for widget in [*(w for row in self.rows for w in row), *self._removers]:
            self.grid.removeWidget(widget)
        self.grid.removeWidget(self.message)
        self.grid.removeWidget(self.add_button)
        for n, (editors, remove) in enumerate(zip(self.rows, self._removers, strict=True)):
            for column, editor in enumerate(editors):
                self.grid.addWidget(editor, n + 1, column)
                name = self.grid.itemAtPosition(0, column).widget().text()
                editor.setAccessibleName(f"{self._row_name} {n + 1}: {name}")
            self.grid.addWidget(remove, n + 1, self._columns)
            remove.setAccessibleName(_("{row} {n} entfernen").format(row=self._row_name, n=n + 1))
        last = len(self.rows) + 1
        self.empty_label.setVisible(not self.rows)
        self.grid.addWidget(self.message, last, 0, 1, self._columns + 1)
        self.grid.addWidget(self.add_button, last + 1, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
