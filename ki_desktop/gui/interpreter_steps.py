"""The steps of the interpreter view and the page that shows one step: German on the left, the
family's language on the right (laid out right to left for Arabic, Persian and Pashto), one row
per paragraph so that both columns stay side by side. A word wider than its column at a large
type size (a long German compound) breaks with a hyphen instead of being cut off."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QWidget

from ki_desktop.i18n import _
from ki_desktop.paths import resources_dir
from ki_desktop.services import interpreter, parent_texts
from ki_desktop.services.parent_texts import Bilingual, Section

GERMAN = "de"
_fonts_loaded: list[bool] = []


def load_script_fonts() -> None:
    """Make the bundled Noto fonts (Arabic, Ethiopic, …) known to Qt once, so that Tigrinya
    and Pashto show on laptops whose system lacks such fonts."""
    if _fonts_loaded:
        return
    _fonts_loaded.append(True)
    folder = resources_dir() / "fonts"
    for path in sorted(folder.glob("*.ttf")) if folder.is_dir() else ():
        QFontDatabase.addApplicationFont(str(path))


def load_steps(case_id: str, language: str) -> list[Section]:
    """The view's steps for one case: school duty, school system, next steps, the
    recommended school, the interview questions."""
    return [*parent_texts.sections(language, case_id), interpreter.questions_section(language)]


def untranslated_note() -> str:
    return _("(noch keine Übersetzung)")


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


SOFT_HYPHEN = "\u00ad"


def breakable(text: str, fits: Callable[[str], bool]) -> str:
    """``text`` with soft hyphens inside every word that does not fit the column on its own
    (a long German compound at a large type size), so that the line breaks there with a
    hyphen instead of the word being cut off; words that fit are left alone. A long word is
    cut into pieces as wide as the column, so it starts on a line of its own and breaks only
    where it must."""
    words = text.split(" ")
    for index, word in enumerate(words):
        lines = word.split("\n")
        for line, part in enumerate(lines):
            if len(part) > 3 and not fits(part):
                lines[line] = SOFT_HYPHEN.join(_pieces(part, fits))
        words[index] = "\n".join(lines)
    return " ".join(words)


def _pieces(word: str, fits: Callable[[str], bool]) -> list[str]:
    pieces, current = [], ""
    for char in word:
        if current and not fits(current + char + "-"):
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current]


class StepPage(QWidget):
    """One step: a header row naming both languages, the title, then the paragraphs."""

    def __init__(
        self,
        step: Section,
        language: str,
        point_size: float,
        numbered: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Each label with the function that renders its text (with soft hyphens where needed).
        self._renderers: list[tuple[QLabel, Callable[[Callable[[str], str]], str]]] = []
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self.fit_long_words)
        self.setObjectName("interpreterStep")
        self.language = language
        self.rtl = parent_texts.is_rtl(language)
        self.german_labels: list[QLabel] = []
        self.family_labels: list[QLabel] = []
        grid = QGridLayout(self)
        margin = int(point_size * 0.6)
        grid.setContentsMargins(margin, margin, margin, margin)
        grid.setHorizontalSpacing(int(point_size * 2.5))
        grid.setVerticalSpacing(int(point_size * 0.9))
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        rule = QFrame(self)
        rule.setObjectName("columnRule")
        rule.setFrameShape(QFrame.Shape.VLine)
        rule.setLineWidth(2)

        header_size = point_size * 0.75
        self._add_row(
            grid,
            0,
            Bilingual(
                parent_texts.language_name(GERMAN, GERMAN),
                parent_texts.language_name(language, language),
                True,
            ),
            header_size,
            bold=True,
            role="languageHeader",
        )
        self._add_row(grid, 1, step.title, point_size * 1.3, bold=True, role="stepTitle")
        for number, paragraph in enumerate(step.paragraphs, start=1):
            prefix = f"{number}. " if numbered else ""
            self._add_row(grid, number + 1, paragraph, point_size, prefix=prefix)
        rows = len(step.paragraphs) + 2
        grid.addWidget(rule, 0, 1, rows, 1)
        grid.setRowStretch(rows, 1)

    def _add_row(
        self,
        grid: QGridLayout,
        row: int,
        text: Bilingual,
        point_size: float,
        bold: bool = False,
        prefix: str = "",
        role: str = "paragraph",
    ) -> None:
        german = self._label(prefix + text.german, point_size, bold, role)
        self._renderers.append((german, lambda hyphenate: hyphenate(prefix + text.german)))
        german.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        german.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        german.setAccessibleName(_("Deutsch"))
        # Rich text with the paragraph's direction: a plain label lays wrapped right-to-left
        # lines out with their trailing space on the right, so the right edge would jag.
        writing = "rtl" if self.rtl else "ltr"

        def family_html(hyphenate: Callable[[str], str]) -> str:
            if text.translated:
                body = _html(hyphenate(prefix + text.family))
            else:
                # A missing translation shows the German text with a note, never an empty line.
                note = _html(untranslated_note())
                body = f"{_html(hyphenate(prefix + text.german))}<br><i>{note}</i>"
            return f"<div dir='{writing}'>{body}</div>"

        family = self._label(family_html(lambda plain: plain), point_size, bold, role, rich=True)
        self._renderers.append((family, family_html))
        family.setProperty("translated", text.translated)
        direction = Qt.LayoutDirection.RightToLeft if self.rtl else Qt.LayoutDirection.LeftToRight
        family.setLayoutDirection(direction)
        horizontal = Qt.AlignmentFlag.AlignRight if self.rtl else Qt.AlignmentFlag.AlignLeft
        family.setAlignment(horizontal | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)
        family.setAccessibleName(parent_texts.language_name(self.language, GERMAN))
        grid.addWidget(german, row, 0)
        grid.addWidget(family, row, 2)
        self.german_labels.append(german)
        self.family_labels.append(family)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_timer.start(0)  # once the layout has given the labels their widths

    def fit_long_words(self) -> None:
        """Let words wider than their column break with a hyphen (see :func:`breakable`)."""
        for label, render in self._renderers:
            width = label.contentsRect().width()
            if width <= 0:
                continue
            metrics = QFontMetrics(label.font())
            text = render(
                lambda plain, w=width, m=metrics: breakable(
                    plain, lambda word: m.horizontalAdvance(word) <= w
                )
            )
            if text != label.text():
                label.setText(text)

    def family_text(self, row: int) -> str:
        """The family column's text of ``row`` as shown (0: the language's name, 1: the
        title, then the paragraphs)."""
        document = QTextDocument()
        document.setHtml(self.family_labels[row].text())
        return document.toPlainText().replace(SOFT_HYPHEN, "")

    def _label(
        self, text: str, point_size: float, bold: bool, role: str, rich: bool = False
    ) -> QLabel:
        label = QLabel(self)
        label.setObjectName(role)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setText(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        font = QFont(self.font())
        font.setPointSizeF(point_size)
        font.setBold(bold)
        label.setFont(font)
        return label
