"""The main window: title, tabs, keyboard, status bar, accessibility, remembered layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from ki_desktop.gui.main_window import MainWindow
from tests.gui.conftest import GUI_DEMO_CASES

TAB_TITLES = ["Erstberatung", "Schulempfehlung", "Angebote", "Berichte & Export"]


def tab_titles(window: MainWindow) -> list[str]:
    tabs = window.ui.tabs
    # A literal "&" is written "&&" in tab titles ("&" alone marks a mnemonic).
    return [tabs.tabText(i).replace("&&", "&") for i in range(tabs.count())]


def test_title_and_the_four_tabs_in_order(window):
    assert window.windowTitle() == "KI Desktop"
    assert tab_titles(window) == TAB_TITLES
    assert window.ui.tabs.widget(0) is window.intake
    assert window.ui.tabs.widget(1) is window.placement
    assert window.ui.tabs.widget(2) is window.offers
    assert window.ui.tabs.widget(3) is window.reports


def test_menus(window):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == [
        "&Datei",
        "&Ansicht",
        "&Synchronisieren",
        "&Konto",
        "Ad&ministration",
        "&Hilfe",
    ]
    assert window.ui.actionLoadDemo.text() == "&Demodaten laden…"
    assert window.ui.actionQuit.shortcut().toString() == "Ctrl+Q"


def test_tools_of_this_release_are_in_the_menus(window):
    view = [a.text() for a in window.ui.menuView.actions()]
    assert "&Elternhandzettel…" in view
    assert window.actionHandout.shortcut().toString() == "Ctrl+Shift+H"
    assert window.interpreter.action.shortcut().toString() == "F11"
    assert window.interpreter.action.isVisible()
    admin = [a.text() for a in window.admin_tools.menu.actions()]
    assert admin == [
        "&Protokoll (Audit-Trail)…",
        "&Fristgerechte Löschung…",
        "Fall auf &Antrag löschen…",
    ]
    assert window.backups is not None


@pytest.mark.parametrize("key, index", [(Qt.Key.Key_2, 1), (Qt.Key.Key_3, 2), (Qt.Key.Key_4, 3)])
def test_ctrl_number_switches_tabs(qtbot, window, key, index):
    window.activateWindow()
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.tabs.currentIndex() == index
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.tabs.currentWidget() is window.intake


def test_ctrl_2_shows_the_placement_tab(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.tabs.currentWidget() is window.placement
    assert window.placement.isVisible()


def test_ctrl_f_goes_to_the_case_search(qtbot, window):
    window.activateWindow()
    window.ui.tabs.setCurrentWidget(window.offers)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.tabs.currentWidget() is window.intake
    qtbot.waitUntil(window.intake.ui.searchEdit.hasFocus)


def test_ctrl_q_closes_the_window(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_status_bar_shows_database_and_number_of_cases(window, gui_db):
    texts = [label.text() for label in window.statusBar().findChildren(QLabel)]
    assert f"Datenbank: {gui_db.location}" in texts
    assert f"{GUI_DEMO_CASES} Fälle" in texts


CONTROLS = (QLineEdit, QComboBox, QAbstractItemView, QTextEdit, QAbstractButton, QTabWidget)


def _is_qt_internal(widget: QWidget) -> bool:
    """Parts Qt builds inside a control (combo popups, table corner buttons, scroll bars)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    name = widget.objectName()
    return not name or name.startswith("qt_")


def test_every_control_has_an_accessible_name(window):
    controls = [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, CONTROLS) and not _is_qt_internal(w)
    ]
    assert len(controls) > 15
    unnamed = [w.objectName() for w in controls if not w.accessibleName()]
    assert unnamed == []


def test_status_labels_have_accessible_names(window):
    for label in window.statusBar().findChildren(QLabel):
        if label.text():
            assert label.accessibleName()


def test_about_names_the_application(window, prompts):
    window.ui.actionAbout.trigger()
    assert "KI Desktop" in prompts.notices[0]
    assert "Schulgrunddaten NRW" in prompts.notices[0]


def test_geometry_tab_and_splitters_are_remembered(qtbot, gui_db, settings, prompts):
    first = MainWindow(gui_db.location, settings, prompts)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(780, 520)  # within the 800 x 600 screen of the offscreen platform
    qtbot.wait(20)
    first.intake.ui.splitter.setSizes([200, 400])
    sizes = first.intake.ui.splitter.sizes()
    first.ui.tabs.setCurrentIndex(2)
    first.close()
    assert settings.contains("window/geometry")
    assert settings.contains("intake/splitter")

    second = MainWindow(gui_db.location, settings, prompts)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.ui.tabs.currentIndex() == 2
    assert (second.width(), second.height()) == (780, 520)
    second.ui.tabs.setCurrentIndex(0)
    qtbot.wait(20)
    assert second.intake.ui.splitter.sizes() == sizes


def test_hidden_tabs_load_when_first_shown(window):
    assert window.intake.model.rowCount() > 0
    assert window.placement.model.rowCount() == 0  # not shown yet
    window.ui.tabs.setCurrentWidget(window.placement)
    assert window.placement.model.rowCount() > 0


def test_refresh_keeps_the_filter_and_reloads_tabs(window):
    window.ui.tabs.setCurrentWidget(window.offers)
    window.ui.tabs.setCurrentWidget(window.intake)
    window.intake.ui.searchEdit.setText("zzz")
    window.intake.apply_filter()
    window.offers.model.set_items([])
    window.ui.actionRefresh.trigger()
    assert window.intake.model.case_filter.text == "zzz"
    window.ui.tabs.setCurrentWidget(window.offers)
    assert window.offers.model.rowCount() > 0
