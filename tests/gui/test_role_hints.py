"""What a window says when a role finds nothing in it: the interpreter's own account is told
what it is for instead of an empty window, and the empty case list of a team's counsellor
does not point to demo data they may not load."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer

from ki_desktop.domain.roles import Role
from ki_desktop.gui.main_window import MainWindow
from ki_desktop.services import session
from tests.gui.conftest import ScriptedPrompts


@pytest.fixture
def make_window(qtbot, settings):
    made = []

    def make(location: str, *roles: Role) -> MainWindow:
        session.begin(session.Session("lena", "Lena Lorenz", frozenset(roles), team="A"))
        window = MainWindow(location, settings, ScriptedPrompts())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        for timer in window.findChildren(QTimer):
            timer.stop()


def test_interpreter_account_is_told_what_it_is_for(make_window, gui_db):
    window = make_window(gui_db.location, Role.INTERPRETER)
    assert not window.ui.tabs.isVisible()
    hint = window.no_area_hint
    assert hint.isVisible()
    assert "keine Fallakten" in hint.text() and "F11" in hint.text()
    assert "Strg+Umschalt+H" in hint.text() and window.actionHandout.isVisible()


def test_counsellor_window_keeps_its_tabs(make_window, gui_db):
    window = make_window(gui_db.location, Role.COUNSELLOR)
    assert window.ui.tabs.isVisible()
    assert getattr(window, "no_area_hint", None) is None


def test_empty_case_list_of_a_counsellor_does_not_offer_demo_data(make_window, open_db):
    window = make_window(open_db.location, Role.COUNSELLOR)
    label = window.intake.ui.emptyLabel
    assert label.isVisible()
    assert "Demodaten" not in label.text()
    assert "Ihres Teams" in label.text() and "Strg+N" in label.text()
    assert not window.ui.actionLoadDemo.isVisible()


def test_empty_case_list_of_the_administration_offers_demo_data(make_window, open_db):
    window = make_window(open_db.location, Role.COUNSELLOR, Role.ADMIN)
    assert "Demodaten laden" in window.intake.ui.emptyLabel.text()
    assert window.ui.actionLoadDemo.isVisible()
