"""At a large type size a long German compound („Schuleingangsuntersuchung“) is wider than its
column; it breaks with a hyphen instead of being cut off. Words that fit stay untouched."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument, QTextOption

from ki_desktop.gui.interpreter_steps import SOFT_HYPHEN, StepPage, breakable
from ki_desktop.services.parent_texts import Bilingual, Section

LONG = "Vor dem Schulbeginn untersucht das Gesundheitsamt Ihr Kind (Schuleingangsuntersuchung)."
PERSIAN = "اداره بهداشت (Schuleingangsuntersuchung) فرزند شما را معاینه می‌کند."


def step() -> Section:
    return Section(
        "x",
        Bilingual("Wie geht es weiter?", "بعد چه می‌شود؟", True),
        [Bilingual(LONG, PERSIAN, True)],
    )


def fits(label) -> bool:
    """Whether the label's text, laid out at its width, needs no more room than it has."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    if label.textFormat().name == "RichText":
        document.setHtml(label.text())
    else:
        document.setPlainText(label.text())
    document.setTextWidth(label.contentsRect().width())
    return document.idealWidth() <= label.contentsRect().width() + 1


def page_of_width(qtbot, width: int, point_size: float) -> StepPage:
    page = StepPage(step(), "fa", point_size)
    qtbot.addWidget(page)
    page.resize(width, 1200)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: not page._fit_timer.isActive())
    return page


def test_a_long_word_breaks_with_a_hyphen(qtbot):
    page = page_of_width(qtbot, 900, 34)
    german, persian = page.german_labels[2], page.family_labels[2]
    assert SOFT_HYPHEN in german.text() and SOFT_HYPHEN in persian.text()
    assert fits(german) and fits(persian)
    assert german.text().startswith("Vor dem ")  # words that fit keep no hyphen
    assert page.family_text(2) == PERSIAN


def test_nothing_changes_where_everything_fits(qtbot):
    page = page_of_width(qtbot, 1800, 22)
    assert page.german_labels[2].text() == LONG
    assert SOFT_HYPHEN not in page.family_labels[2].text()


def test_breakable_leaves_fitting_words_alone():
    text = breakable("kurz Schuleingangsuntersuchung\nzwei", lambda word: len(word) < 10)
    pieces = "Schulein", "gangsunt", "ersuchun", "g"
    assert text == "kurz " + SOFT_HYPHEN.join(pieces) + "\nzwei"
