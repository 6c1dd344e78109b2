"""The interpreter view (Elterngespräch): full screen, large type, one step at a time, German
and the family's language side by side, for the one case it was opened for.

Opening it needs no password; the session is narrowed to that case
(:func:`ki_desktop.services.interpreter.enter`), the main window is hidden, and the view has no
case list, no search and no menu. „Zurück zur Beratung“, Esc, closing the window and Alt+F4
all ask for the counsellor's password (:class:`~ki_desktop.gui.password_prompt.LeavePrompt`);
only then is the counsellor's session back and the main window shown again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.handout_dialog import open_handout_dialog
from ki_desktop.gui.interpreter_steps import StepPage, load_script_fonts, load_steps
from ki_desktop.gui.password_prompt import LeavePrompt
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _, ui_language
from ki_desktop.services import interpreter, parent_texts, session
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.parent_texts import Section

DEFAULT_POINT_SIZE = 22
MIN_POINT_SIZE, MAX_POINT_SIZE = 12, 48
POINT_SIZE_KEY = "interpreter/point_size"
MAX_CONTROL_POINT_SIZE = 18
# Black on white, a dark blue for the current step and the buttons: contrast above 7:1.
STYLE = """
QWidget#interpreterView, QWidget#interpreterView QScrollArea > QWidget > QWidget {
    background: #ffffff; color: #000000; }
QWidget#interpreterView QLabel { color: #000000; }
QListWidget#steps { background: #f2f2f2; color: #000000; border: 2px solid #000000; }
QListWidget#steps::item { border-bottom: 1px solid #767676; }
QListWidget#steps::item:selected { background: #002b5c; color: #ffffff; }
QPushButton { background: #002b5c; color: #ffffff; border: 2px solid #000000;
    border-radius: 4px; padding: 0.3em 0.9em; }
QPushButton:disabled { background: #d9d9d9; color: #4d4d4d; }
QPushButton:focus { border: 3px solid #ffbf00; }
QPushButton#leaveButton { background: #ffffff; color: #000000; }
QComboBox { border: 2px solid #000000; padding: 0.2em; background: #ffffff; color: #000000; }
QFrame#columnRule { color: #000000; }
QScrollBar:vertical { width: 18px; background: #f2f2f2; border-left: 1px solid #767676; }
QScrollBar::handle:vertical { background: #002b5c; min-height: 48px; }
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical { height: 0; }
"""


def family_language_label(code: str) -> str:
    """A family language named in itself, then in the user interface's language for the
    counsellor („فارسی – Persisch“, with the English interface „فارسی – Persian“)."""
    own = parent_texts.language_name(code, code)
    counsellor = parent_texts.language_name(code, ui_language())
    return own if own == counsellor else f"{own} – {counsellor}"


class InterpreterView(QWidget):
    """The window of the interpreter view for ``case_id`` (the session must already be
    narrowed to it, see :func:`open_interpreter_view`). ``left`` fires after the
    counsellor's password was accepted and the window closed."""

    left = Signal()

    def __init__(
        self,
        case_id: str,
        prompts: Prompts | None = None,
        settings: QSettings | None = None,
        language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        load_script_fonts()
        self.case_id = case_id
        self.prompts = prompts or Prompts()
        self.settings = settings
        self.prompt: LeavePrompt | None = None
        self._may_close = False
        self.setObjectName("interpreterView")
        self.setWindowTitle(_("Elterngespräch – Dolmetschansicht"))
        self.setAccessibleName(_("Dolmetschansicht"))
        self.point_size = self._saved_point_size()
        self.language = language or self._default_language()
        self.steps: list[Section] = []
        self.page: StepPage | None = None

        self.title = QLabel(_("Elterngespräch"), self)
        self.title.setObjectName("viewTitle")
        self.language_combo = QComboBox(self)
        self.language_combo.setAccessibleName(_("Sprache der Familie"))
        for code in parent_texts.FAMILY_LANGUAGES:
            self.language_combo.addItem(family_language_label(code), code)
        language_label = QLabel(_("&Sprache der Familie:"), self)
        language_label.setObjectName("chrome")
        language_label.setBuddy(self.language_combo)
        self.smaller_button = self._button("A−", _("Schrift kleiner (Strg+Minus)"), self.zoom_out)
        self.larger_button = self._button("A+", _("Schrift größer (Strg+Plus)"), self.zoom_in)
        self.handout_button = self._button(
            _("&Handzettel drucken…"),
            _("Die Elterninformationen als zweisprachigen Handzettel (PDF) speichern"),
            self.open_handout,
        )
        self.handout = None
        self.leave_button = self._button(
            _("Zurück zur &Beratung"), _("Nur mit dem Passwort der Beratung (Esc)"), self.ask_leave
        )
        self.leave_button.setObjectName("leaveButton")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(language_label)
        top.addWidget(self.language_combo)
        top.addWidget(self.smaller_button)
        top.addWidget(self.larger_button)
        top.addSpacing(16)
        top.addWidget(self.leave_button)

        self.step_list = QListWidget(self)
        self.step_list.setObjectName("steps")
        self.step_list.setAccessibleName(_("Schritte"))
        self.step_list.setWordWrap(True)
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.step_list.viewport().installEventFilter(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setAccessibleName(_("Inhalt des Schritts"))
        middle = QHBoxLayout()
        middle.addWidget(self.step_list, 1)
        middle.addWidget(self.scroll, 4)

        self.back_button = self._button(_("‹ &Zurück"), _("Bild auf (PageUp, ←)"), self.previous)
        self.next_button = self._button(_("&Weiter ›"), _("Bild ab (PageDown, →)"), self.next)
        self.position = QLabel(self)
        self.position.setObjectName("chrome")
        self.position.setAccessibleName(_("Schritt"))
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addSpacing(16)
        bottom.addWidget(self.handout_button)
        bottom.addStretch(1)
        bottom.addWidget(self.position)
        bottom.addStretch(1)
        bottom.addWidget(self.next_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        # Tab goes as the eye does: the top row, the steps and the page, then the bottom row.
        order = (
            self.language_combo,
            self.smaller_button,
            self.larger_button,
            self.leave_button,
            self.step_list,
            self.scroll,
            self.back_button,
            self.handout_button,
            self.next_button,
        )
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self._shortcuts()
        self.step_list.currentRowChanged.connect(self._show_step)
        index = self.language_combo.findData(self.language)
        self.language_combo.setCurrentIndex(max(index, 0))
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        self._apply_font()
        self.load(self.language)

    # -- building -----------------------------------------------------------------------------

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        if tip:
            button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _shortcuts(self) -> None:
        bindings = (
            ((QKeySequence.StandardKey.MoveToNextPage, "Right"), self.next),
            ((QKeySequence.StandardKey.MoveToPreviousPage, "Left"), self.previous),
            ((QKeySequence.StandardKey.ZoomIn, "Ctrl+="), self.zoom_in),
            ((QKeySequence.StandardKey.ZoomOut,), self.zoom_out),
            (("Ctrl+0",), self.zoom_reset),
            (("Escape",), self.ask_leave),
        )
        self.shortcuts: list[QShortcut] = []
        for keys, slot in bindings:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.activated.connect(slot)
                self.shortcuts.append(shortcut)

    def _default_language(self) -> str:
        try:
            return interpreter.family_language(self.case_id)
        except ServiceError:
            return interpreter.DEFAULT_FAMILY_LANGUAGE

    def _saved_point_size(self) -> float:
        if self.settings is None:
            return DEFAULT_POINT_SIZE
        try:
            size = float(self.settings.value(POINT_SIZE_KEY, DEFAULT_POINT_SIZE))
        except (TypeError, ValueError):
            return DEFAULT_POINT_SIZE
        return min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE)

    def load(self, language: str) -> None:
        """Show the steps in German and ``language``, on the step shown before."""
        row = max(self.step_list.currentRow(), 0)
        try:
            steps = load_steps(self.case_id, language)
        except ServiceError as exc:
            self.prompts.error(self, _("Elterngespräch"), str(exc))
            return
        self.language = language
        self.steps = steps
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for number, step in enumerate(steps, start=1):
            lines = [f"{number}  {step.title.german}"]
            if step.title.translated and step.title.family != step.title.german:
                lines.append(step.title.family)
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, step.title.german)
            self.step_list.addItem(item)
        self.step_list.blockSignals(False)
        self._fit_step_items()
        self.step_list.setCurrentRow(min(row, len(steps) - 1))
        self._show_step(self.step_list.currentRow())

    def _fit_step_items(self) -> None:
        """Give every step entry the height its wrapped lines need: the list's own estimate
        uses the Latin font's line height, too little for Arabic or Ethiopic lines."""
        width = max(self.step_list.viewport().width() - 2 * self._item_padding(), 40)
        document = QTextDocument()
        document.setDefaultFont(self.step_list.font())
        document.setTextWidth(width)
        for row in range(self.step_list.count()):
            item = self.step_list.item(row)
            document.setPlainText(item.text())
            height = int(document.size().height()) + 2 * self._item_padding()
            item.setSizeHint(QSize(width, height))

    def _item_padding(self) -> int:
        return int(self.point_size * 0.5)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.step_list.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_step_items()
        return super().eventFilter(watched, event)

    def _show_step(self, row: int) -> None:
        if not 0 <= row < len(self.steps):
            return
        step = self.steps[row]
        numbered = step.key == interpreter.QUESTIONS
        self.page = StepPage(step, self.language, self.point_size, numbered)
        self.scroll.setWidget(self.page)
        self.position.setText(_("Schritt {n} von {total}").format(n=row + 1, total=len(self.steps)))
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self.steps) - 1)

    def _language_chosen(self, index: int) -> None:
        code = self.language_combo.itemData(index)
        if code and code != self.language:
            self.load(code)

    # -- navigation and type size -------------------------------------------------------------

    @property
    def current_step(self) -> int:
        return self.step_list.currentRow()

    def next(self) -> None:
        if self.current_step < len(self.steps) - 1:
            self.step_list.setCurrentRow(self.current_step + 1)

    def previous(self) -> None:
        if self.current_step > 0:
            self.step_list.setCurrentRow(self.current_step - 1)

    def zoom_in(self) -> None:
        self._set_point_size(self.point_size + 2)

    def zoom_out(self) -> None:
        self._set_point_size(self.point_size - 2)

    def zoom_reset(self) -> None:
        self._set_point_size(DEFAULT_POINT_SIZE)

    def _set_point_size(self, size: float) -> None:
        size = min(max(size, MIN_POINT_SIZE), MAX_POINT_SIZE)
        if size == self.point_size:
            return
        self.point_size = size
        if self.settings is not None:
            self.settings.setValue(POINT_SIZE_KEY, size)
        self._apply_font()
        self._fit_step_items()
        self._show_step(self.current_step)

    def _apply_font(self) -> None:
        # A style sheet stops setFont() from reaching the children: the sizes of the buttons,
        # the step list and the labels around the page go into the sheet; the page's own
        # labels set their fonts themselves (StepPage).
        # The controls grow less than the text, so that the top row still fits a 1366 pixel
        # wide screen at the largest type.
        chrome = self._control_size()
        steps = min(self.point_size * 0.65, MAX_CONTROL_POINT_SIZE)
        self.setStyleSheet(
            STYLE
            + "#interpreterView > QPushButton, #interpreterView > QComboBox, "
            + f"#interpreterView > QLabel#chrome {{ font-size: {chrome:.1f}pt; }}"
            + f"QListWidget#steps {{ font-size: {steps:.1f}pt; }}"
            + f"QLabel#viewTitle {{ font-size: {chrome * 1.3:.1f}pt; font-weight: bold; }}"
            + f"QListWidget#steps::item {{ padding: {self._item_padding()}px; }}"
        )
        font = QFont(self.font())
        font.setPointSizeF(chrome)
        self.setFont(font)

    def _control_size(self) -> float:
        return min(self.point_size * 0.75, MAX_CONTROL_POINT_SIZE)

    # -- leaving ----------------------------------------------------------------------------

    def ask_leave(self) -> None:
        """Ask for the counsellor's password; the view stays open until it is right."""
        if self.prompt is not None and self.prompt.isVisible():
            self.prompt.raise_()
            self.prompt.password_edit.setFocus()
            return
        current = session.current_or_none()
        outer = current.outer if current is not None and current.outer else current
        name = outer.display_name if outer is not None else ""
        self.prompt = LeavePrompt(name, self, point_size=self._control_size())
        self.prompt.accepted.connect(self._leave_accepted)
        self.prompt.open()
        self.prompt.password_edit.setFocus()

    def _leave_accepted(self) -> None:
        self._may_close = True
        self.close()
        self.left.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close or not interpreter.is_open():
            event.accept()
            return
        event.ignore()  # Alt+F4 and the window's close button ask like „Zurück zur Beratung“
        self.ask_leave()

    def open_handout(self) -> None:
        """„Handzettel drucken…“: the handouts of this case for the family to take home."""
        self.handout = open_handout_dialog(self, self.case_id, self.prompts)
