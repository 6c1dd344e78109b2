"""Input widgets of the offer dialog: an age that may be open, a date that may be open, a set of
languages, and descriptions in further languages (right to left for Arabic, Persian …)."""

from __future__ import annotations

from datetime import date

from babel import UnknownLocaleError
from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.country_language_picker import CodePicker, language_picker
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import language_name, text_direction

NO_LIMIT = -1
CODE_ROLE = Qt.ItemDataRole.UserRole


def age_spin(accessible_name: str, parent: QWidget | None = None) -> QSpinBox:
    """Years 0–120, or "keine Grenze" below 0 (the value :data:`NO_LIMIT`)."""
    spin = QSpinBox(parent)
    spin.setRange(NO_LIMIT, 120)
    spin.setSpecialValueText(_("keine Grenze"))
    spin.setSuffix(_(" Jahre"))
    spin.setAccessibleName(accessible_name)
    spin.setValue(NO_LIMIT)
    return spin


def age_value(spin: QSpinBox) -> int | None:
    return None if spin.value() == NO_LIMIT else spin.value()


def is_right_to_left(code: str) -> bool:
    """Whether the language ``code`` is written right to left (Arabic, Persian, Pashto …)."""
    try:
        return bool(code) and text_direction(code) == "rtl"
    except (UnknownLocaleError, ValueError):
        return False


class OptionalDate(QWidget):
    """A date, or none when ``none_text`` ("unbefristet") is ticked."""

    changed = Signal()

    def __init__(self, none_text: str, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.setAccessibleName(accessible_name)
        self.date_edit.setDate(QDate.currentDate())
        self.none_check = QCheckBox(none_text, self)
        self.none_check.setAccessibleName(f"{accessible_name}: {none_text}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.date_edit)
        layout.addWidget(self.none_check)
        layout.addStretch(1)
        self.setFocusProxy(self.date_edit)
        self.none_check.toggled.connect(self._toggled)
        self.date_edit.dateChanged.connect(self.changed)

    def value(self) -> date | None:
        return None if self.none_check.isChecked() else self.date_edit.date().toPython()

    def set_value(self, day: date | None) -> None:
        if day is not None:
            self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.none_check.setChecked(day is None)
        self.date_edit.setEnabled(day is not None)

    def _toggled(self, checked: bool) -> None:
        self.date_edit.setEnabled(not checked)
        self.changed.emit()


class LanguageChoice(QWidget):
    """The languages an offer is held in: pick one (name or code) and add it; remove the
    selected ones with the button or the Delete key."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.picker: CodePicker = language_picker(_("Sprache zum Hinzufügen"), self)
        self.add_button = QPushButton(_("Hinz&ufügen"), self)
        self.add_button.setAccessibleName(_("Sprache hinzufügen"))
        self.remove_button = QPushButton(_("Entfernen"), self)
        self.remove_button.setAccessibleName(_("Ausgewählte Sprachen entfernen"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Sprachen des Angebots"))
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setSpacing(2)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setMaximumHeight(self.fontMetrics().height() * 3)
        row = QHBoxLayout()
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.add_button.clicked.connect(self.add_picked)
        self.picker.lineEdit().returnPressed.connect(self.add_picked)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.installEventFilter(self)
        self._update_buttons()

    def codes(self) -> list[str]:
        return [self.list.item(i).data(CODE_ROLE) for i in range(self.list.count())]

    def set_codes(self, codes: list[str]) -> None:
        self.list.clear()
        for code in codes:
            self._append(code)
        self._update_buttons()

    def add(self, code: str) -> None:
        if code and code not in self.codes():
            self._append(code)
            self.changed.emit()

    def add_picked(self) -> None:
        self.picker.resolve_typed_text()
        self.add(self.picker.code())
        self.picker.set_code("")

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self._update_buttons()
        self.changed.emit()

    def _append(self, code: str) -> None:
        item = QListWidgetItem(language_name(code, ui_language()))
        item.setData(CODE_ROLE, code)
        item.setToolTip(code)
        self.list.addItem(item)

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.list.selectedItems()
        ):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)


class TranslationRow(QFrame):
    """One description in a further language: the language, the text, a remove button."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.picker = language_picker(_("Sprache der Beschreibung"), self)
        self.remove_button = QPushButton(_("Entfernen"), self)
        self.remove_button.setAccessibleName(_("Diese Übersetzung entfernen"))
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName(_("Beschreibung in dieser Sprache"))
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(self.fontMetrics().height() * 4)
        label = QLabel(_("Sprache:"), self)
        label.setBuddy(self.picker)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.picker, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(top)
        layout.addWidget(self.text)
        self.picker.code_changed.connect(self._language_changed)

    def code(self) -> str:
        return self.picker.code()

    def _language_changed(self, code: str) -> None:
        rtl = is_right_to_left(code)
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        self.text.setLayoutDirection(direction)
        option = self.text.document().defaultTextOption()
        option.setTextDirection(direction)
        option.setAlignment(Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft)
        self.text.document().setDefaultTextOption(option)


class TranslationEditor(QWidget):
    """The description in further languages: rows of (language, text) to add and remove."""

    changed = Signal()
    row_added = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[TranslationRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(_("&Übersetzung hinzufügen"), self)
        self.add_button.setAccessibleName(_("Beschreibung in einer weiteren Sprache hinzufügen"))
        self.empty_label = QLabel(
            _("Noch keine Übersetzung – für Familien, die wenig Deutsch lesen."), self
        )
        self.empty_label.setEnabled(False)
        self.empty_label.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.empty_label, 1)
        bottom.addStretch(0)
        bottom.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addLayout(bottom)
        layout.addStretch(1)
        self.add_button.clicked.connect(self._add_clicked)

    def values(self) -> list[tuple[str, str]]:
        """(language code, text) of every row, in order."""
        return [(row.code(), row.text.toPlainText()) for row in self.rows]

    def set_values(self, descriptions: dict[str, str]) -> None:
        for row in list(self.rows):
            self._remove(row, notify=False)
        for code, text in descriptions.items():
            self.add_row(code, text)

    def add_row(self, code: str = "", text: str = "") -> TranslationRow:
        row = TranslationRow(self)
        row.picker.set_code(code)
        row.text.setPlainText(text)
        row.picker.code_changed.connect(lambda _code: self.changed.emit())
        row.text.textChanged.connect(self.changed)
        row.remove_button.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        self.empty_label.hide()
        self.changed.emit()
        self.row_added.emit(row)
        return row

    def _add_clicked(self) -> None:
        row = self.add_row()
        row.picker.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove(self, row: TranslationRow, notify: bool = True) -> None:
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.empty_label.setVisible(not self.rows)
        if notify:
            self.changed.emit()
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
