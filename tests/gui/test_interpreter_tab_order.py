"""Tab moves through the interpreter view as the eye does: the top row (language, type size,
„Zurück zur Beratung“), the steps and the page, then the bottom row (back, handout, next)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from tests.gui.test_interpreter_view import (  # noqa: F401 - fixtures
    case_ids,
    counsellor_window,
    view,
)


def tab_chain(start: QWidget, count: int) -> list[QWidget]:
    chain, widget = [start], start
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        if (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.isVisible()
            and widget.isEnabled()
        ):
            chain.append(widget)
    return chain


def test_tab_follows_the_screen(view):  # noqa: F811 - the imported fixture
    view.next()  # on the second step „‹ Zurück“ is enabled too
    expected = [
        view.language_combo,
        view.smaller_button,
        view.larger_button,
        view.leave_button,
        view.step_list,
        view.scroll,
        view.back_button,
        view.handout_button,
        view.next_button,
    ]
    assert tab_chain(view.language_combo, len(expected)) == expected
