"""The steps of the interpreter view and the page that shows one step: German on the left, the
family's language on the right (laid out right to left for Arabic, Persian and Pashto), one row
per paragraph so that both columns stay side by side."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
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
        german.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        german.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        german.setAccessibleName(_("Deutsch"))
        # Rich text with the paragraph's direction: a plain label lays wrapped right-to-left
        # lines out with their trailing space on the right, so the right edge would jag.
        if text.translated:
            body = _html(prefix + text.family)
        else:
            # A missing translation shows the German text with a note, never an empty line.
            body = f"{_html(prefix + text.german)}<br><i>{_html(untranslated_note())}</i>"
        family = self._label(
            f"<div dir='{'rtl' if self.rtl else 'ltr'}'>{body}</div>",
            point_size,
            bold,
            role,
            rich=True,
        )
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

    def family_text(self, row: int) -> str:
        """The family column's text of ``row`` as shown (0: the language's name, 1: the
        title, then the paragraphs)."""
        document = QTextDocument()
        document.setHtml(self.family_labels[row].text())
        return document.toPlainText()

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
