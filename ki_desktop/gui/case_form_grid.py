"""Layout of one section of the case form: fields as cells (label above, editor, message
below) in a grid, and the interface every section implements."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ki_desktop.domain.model import Case, Interview
from ki_desktop.gui.form_fields import FieldMessage, RowList
from ki_desktop.i18n import _


class FieldGrid:
    """Cells of ``columns`` fields per line inside ``box``. Field keys are those of the
    validation (``last_name``, ``school_history`` …) so that messages find their place."""

    def __init__(self, box: QGroupBox, columns: int = 3) -> None:
        self.box = box
        self.columns = columns
        self.layout = QGridLayout()
        self.layout.setHorizontalSpacing(16)
        for column in range(columns):
            self.layout.setColumnStretch(column, 1)
        outer = box.layout() or QVBoxLayout(box)
        outer.addLayout(self.layout)
        self._row = 0
        self._column = 0
        self.messages: dict[str, FieldMessage] = {}
        self.editors: list[QWidget] = []

    def add(
        self,
        text: str,
        editor: QWidget,
        key: str = "",
        required: bool = False,
        span: int = 1,
        description: str = "",
    ) -> QWidget:
        """A labelled field; ``required`` adds the "*" and says so to screen readers."""
        span = min(span, self.columns)
        if self._column + span > self.columns:
            self.new_line()
        cell = QWidget(self.box)
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        editor.setParent(cell)
        name = _("{field} (Pflichtfeld)").format(field=text) if required else text
        if not editor.accessibleName():
            editor.setAccessibleName(name)
        if description:
            editor.setAccessibleDescription(description)
            editor.setToolTip(description)
        if text:
            label = QLabel(f"{text} *" if required else text, cell)
            label.setBuddy(editor)
            layout.addWidget(label)
        layout.addWidget(editor)
        if key:
            message = FieldMessage(cell)
            layout.addWidget(message)
            self.messages[key] = message
        layout.addStretch(1)
        self.layout.addWidget(cell, self._row, self._column, 1, span)
        self._column += span
        if not isinstance(editor, RowList):
            self.editors.append(editor)
        return editor

    def add_wide(self, widget: QWidget) -> QWidget:
        """A widget over the whole width on a line of its own (a note, a list of rows)."""
        self.new_line()
        widget.setParent(self.box)
        self.layout.addWidget(widget, self._row, 0, 1, self.columns)
        self._row += 1
        return widget

    def new_line(self) -> None:
        if self._column:
            self._row += 1
            self._column = 0


class Section:
    """One section of the form; subclasses build their fields in ``__init__``."""

    title = ""

    def __init__(self, parent: QWidget | None = None, columns: int = 3) -> None:
        self.box = QGroupBox(_(self.title), parent)
        self.box.setAccessibleName(_(self.title))
        self.grid = FieldGrid(self.box, columns)
        self.row_lists: list[tuple[str, RowList]] = []

    @property
    def messages(self) -> dict[str, FieldMessage]:
        found = dict(self.grid.messages)
        for key, rows in self.row_lists:
            found[key] = rows.message
        return found

    def row_list(self, key: str, rows: RowList, title: str = "") -> RowList:
        if title:
            heading = QLabel(title, self.box)
            heading.setBuddy(rows.add_button)
            self.grid.add_wide(heading)
        self.grid.add_wide(rows)
        self.row_lists.append((key, rows))
        return rows

    def focus_chain(self) -> list[QWidget]:
        chain = list(self.grid.editors)
        for _key, rows in self.row_lists:
            chain += rows.focus_chain()
        return chain

    def load(self, case: Case, interview: Interview) -> None:
        raise NotImplementedError

    def store(self, case: Case, interview: Interview) -> None:
        raise NotImplementedError
