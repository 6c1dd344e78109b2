"""What each role sees in the main window, and a refusal shown as a message."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from ki_desktop.domain.roles import Role
from ki_desktop.gui.main_window import MainWindow
from ki_desktop.gui.permissions_ui import install_permission_denied_handler
from ki_desktop.services import session
from ki_desktop.services.errors import PermissionDenied
from tests.gui.conftest import ScriptedPrompts


def as_user(*roles: Role) -> None:
    session.begin(session.Session("lena", "Lena Lorenz", frozenset(roles)))


@pytest.fixture
def make_window(qtbot, gui_db, settings):
    made = []

    def make(*roles: Role) -> MainWindow:
        as_user(*roles)
        window = MainWindow(gui_db.location, settings, ScriptedPrompts())
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        for timer in window.findChildren(QTimer):
            timer.stop()


def visible_tabs(window: MainWindow) -> list[str]:
    tabs = window.ui.tabs
    return [tabs.tabText(i).replace("&&", "&") for i in range(tabs.count()) if tabs.isTabVisible(i)]


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions() if a.isVisible()]


def test_statistics_only_sees_only_the_reports(qtbot, make_window):
    window = make_window(Role.STATISTICS)
    assert visible_tabs(window) == ["Berichte & Export"]
    assert window.ui.tabs.currentWidget() is window.reports
    assert window.intake.model.total == 0  # the case list was never loaded
    assert not window._count_label.isVisible()
    assert "&Synchronisieren" not in menu_titles(window)
    assert not window.ui.actionLoadDemo.isVisible()
    assert not window.actionNewCase.isEnabled()
    assert not window.account_menu.actionUsers.isVisible()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.tabs.currentWidget() is window.reports
    assert window.prompts.questions == []  # no draft offered, nothing asked
    assert "Angemeldet: Lena Lorenz (Statistik)" in window.account_menu.status_label.text()


def test_administration_without_counselling_sees_no_case(make_window):
    window = make_window(Role.ADMIN)
    assert visible_tabs(window) == ["Schulempfehlung", "Angebote", "Berichte & Export"]
    sections = window.placement.ui.sections
    assert not sections.isTabVisible(sections.indexOf(window.placement.ui.recommendationPage))
    assert sections.currentWidget() is window.placement.ui.schoolPage
    assert window.placement.ui.editSchoolButton.isVisibleTo(window.placement)
    assert window.offers.actions.newButton.isVisibleTo(window.offers)
    assert not window.actionOpenRecommendation.isEnabled()
    assert not window.ui.actionFindCase.isEnabled()
    assert window.account_menu.actionUsers.isVisible()
    assert not window._count_label.isVisible()


def test_counselling_sees_cases_but_keeps_no_catalogue(make_window):
    window = make_window(Role.COUNSELLOR)
    assert visible_tabs(window) == ["Erstberatung", "Schulempfehlung", "Angebote"]
    assert window.intake.model.total > 0
    assert not window.offers.actions.newButton.isVisibleTo(window.offers)
    assert not window.offers.actions.deleteButton.isVisibleTo(window.offers)
    assert window.offers.actions.sheetButton.isVisibleTo(window.offers)
    assert not window.placement.ui.editSchoolButton.isVisibleTo(window.placement)
    assert not window.account_menu.actionUsers.isVisible()
    assert "&Synchronisieren" in menu_titles(window)
    assert window._count_label.isVisibleTo(window)


def test_counselling_and_administration_see_everything(make_window):
    window = make_window(Role.COUNSELLOR, Role.ADMIN, Role.STATISTICS)
    assert visible_tabs(window) == [
        "Erstberatung",
        "Schulempfehlung",
        "Angebote",
        "Berichte & Export",
    ]
    assert window.ui.actionLoadDemo.isVisible()


def test_a_refusal_is_shown_as_its_message(qtbot, monkeypatch):
    seen = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: seen.append(exc[1]))
    handler = install_permission_denied_handler()
    refusal = PermissionDenied("Dafür fehlt Ihnen die Berechtigung „Fälle ansehen“.")
    sys.excepthook(PermissionDenied, refusal, None)
    box = handler.box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Keine Berechtigung"
    assert box.text() == "Dafür fehlt Ihnen die Berechtigung „Fälle ansehen“."
    assert "Traceback" not in box.text() and "unerwartet" not in box.text()
    other = ValueError("kaputt")
    sys.excepthook(ValueError, other, None)
    assert seen == [other]  # everything else goes to the reporter installed before
    box.close()
