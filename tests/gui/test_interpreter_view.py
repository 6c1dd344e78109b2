"""The interpreter view on a real database with accounts (an encrypted file on SQLite): F11
opens it for the selected case and hides the main window; Esc, closing and „Zurück zur
Beratung“ need the counsellor's password; no other case can be reached; right-to-left
columns; steps with PageDown; type size."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMenuBar,
)

from ki_desktop import i18n
from ki_desktop.domain.queries import CaseFilter, Page
from ki_desktop.gui.interpreter_launch import open_interpreter_view
from ki_desktop.gui.interpreter_steps import StepPage
from ki_desktop.gui.interpreter_view import (
    DEFAULT_POINT_SIZE,
    MAX_POINT_SIZE,
    POINT_SIZE_KEY,
    InterpreterView,
)
from ki_desktop.gui.main_window import MainWindow
from ki_desktop.services import accounts, cases, interpreter, parent_texts, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.parent_texts import Bilingual, Section
from ki_desktop.store import keyfile

PASSWORD = "Beratung-Kennwort-7"


@pytest.fixture
def counsellor_window(qtbot, new_location, settings, prompts, monkeypatch):
    """The main window of the counsellor anna on a database with accounts (an encrypted file,
    or a server database with its key slots) and demo cases."""
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    location = new_location()
    accounts.create_first_admin(location, "anna", "Anna Beraterin", PASSWORD)
    load_demo_data(size=30, seed=5, reference=date(2026, 11, 1))
    window = MainWindow(location, settings, prompts)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    yield window
    for timer in window.findChildren(QTimer):
        timer.stop()
    accounts.logout()


@pytest.fixture
def case_ids(counsellor_window):
    rows = cases.case_page(CaseFilter(), Page())
    return rows[0].id, rows[1].id


def _select(window: MainWindow, qtbot, case_id: str) -> None:
    table = window.intake.ui.caseTable
    model = window.intake.model
    qtbot.waitUntil(lambda: model.rowCount() > 1)
    row = next(r for r in range(model.rowCount()) if model.case_id(r) == case_id)
    table.setCurrentIndex(model.index(row, 0))
    assert window.selected_case_id() == case_id


@pytest.fixture
def view(qtbot, counsellor_window, case_ids) -> InterpreterView:
    """F11 pressed in the main window with case A selected."""
    launcher = counsellor_window.interpreter  # installed by the main window (F11)
    _select(counsellor_window, qtbot, case_ids[0])
    counsellor_window.activateWindow()
    qtbot.waitUntil(counsellor_window.isActiveWindow)
    qtbot.keyClick(counsellor_window, Qt.Key.Key_F11)
    opened = launcher.view
    assert opened is not None
    qtbot.waitExposed(opened)
    opened.activateWindow()
    qtbot.waitUntil(opened.isActiveWindow)
    return opened


def _inside(widget, ancestor) -> bool:
    parent = widget.parent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent()
    return False


def _type_password(qtbot, view: InterpreterView, password: str) -> None:
    prompt = view.prompt
    assert prompt is not None and prompt.isVisible()
    prompt.password_edit.clear()
    qtbot.keyClicks(prompt.password_edit, password)
    qtbot.mouseClick(prompt.leave_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not prompt.checking)


def test_f11_hands_the_screen_to_the_interpreter(view, counsellor_window, case_ids):
    assert view.isVisible() and view.isFullScreen()
    assert not counsellor_window.isVisible()
    assert session.current().case_scope == case_ids[0]
    assert view.case_id == case_ids[0]
    assert view.current_step == 0 and len(view.steps) == 5
    assert view.font().pointSizeF() >= 14  # large type
    assert view.page.german_labels[1].font().pointSizeF() >= DEFAULT_POINT_SIZE


def test_escape_asks_for_the_password_and_a_wrong_one_stays(qtbot, view, case_ids):
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.prompt.isVisible()
    _type_password(qtbot, view, "geraten")
    assert view.prompt.isVisible()
    assert "nicht richtig" in view.prompt.message.text()
    assert view.isVisible()
    assert session.current().case_scope == case_ids[0]
    # „In der Dolmetschansicht bleiben“ closes only the question.
    qtbot.mouseClick(view.prompt.stay_button, Qt.MouseButton.LeftButton)
    assert not view.prompt.isVisible() and view.isVisible()


def test_closing_the_window_asks_too(qtbot, view, case_ids):
    """The window's close button and Alt+F4 send a close event: it is refused."""
    assert view.close() is False
    assert view.isVisible()
    assert view.prompt is not None and view.prompt.isVisible()
    assert session.current().case_scope == case_ids[0]


def test_the_lockout_is_shown_and_keeps_the_view(qtbot, view, case_ids):
    view.ask_leave()
    for _attempt in range(3):
        _type_password(qtbot, view, "geraten")
    prompt = view.prompt
    assert "Zu viele Fehlversuche" in prompt.message.text()
    assert prompt.countdown.active and not prompt.leave_button.isEnabled()
    qtbot.keyClicks(prompt.password_edit, PASSWORD)
    assert not prompt.leave_button.isEnabled()
    assert session.current().case_scope == case_ids[0] and view.isVisible()


def test_no_way_to_another_case(view, counsellor_window, case_ids, prompts, monkeypatch):
    case_a, case_b = case_ids
    # The view offers no case list, no search field and no menu.
    assert view.findChildren(QLineEdit) == []
    assert view.findChildren(QMenuBar) == []
    lists = [w for w in view.findChildren(QAbstractItemView) if not _inside(w, view.language_combo)]
    assert [w.objectName() for w in lists] == ["steps"]
    # The main window's action for another case (hidden, but were it reached) is refused.
    monkeypatch.setattr(counsellor_window, "selected_case_id", lambda: case_b)
    action = next(a for a in counsellor_window.actions() if a.shortcut().toString() == "F11")
    action.trigger()
    assert "schon geöffnet" in prompts.errors[-1]
    assert len(counsellor_window.findChildren(InterpreterView)) == 1
    assert session.current().case_scope == case_a
    # Every service refuses the other case, whatever the screen still shows.
    with pytest.raises(PermissionDenied):
        cases.case_detail(case_b)
    with pytest.raises(PermissionDenied):
        parent_texts.sections("de", case_b)
    with pytest.raises(PermissionDenied):
        cases.case_page(CaseFilter(), Page())


def test_the_right_password_brings_the_counsellor_back(qtbot, view, counsellor_window, case_ids):
    counsellor = session.current().outer
    qtbot.mouseClick(view.leave_button, Qt.MouseButton.LeftButton)
    _type_password(qtbot, view, PASSWORD)
    qtbot.waitUntil(lambda: counsellor_window.isVisible())
    qtbot.waitUntil(lambda: counsellor_window.findChildren(InterpreterView) == [])
    assert session.current() == counsellor
    assert cases.case_detail(case_ids[1]).id == case_ids[1]


def test_arabic_is_laid_out_right_to_left(qtbot, counsellor_window, case_ids):
    interpreter.enter(case_ids[0])
    shown = InterpreterView(case_ids[0], language="ar", parent=counsellor_window)
    qtbot.addWidget(shown)
    for label in shown.page.family_labels:
        assert label.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert label.alignment() & Qt.AlignmentFlag.AlignRight
    for label in shown.page.german_labels:
        assert label.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert shown.page.family_text(0) == "العربية"
    # Switching to Ukrainian: left to right; the staff UI stays German.
    shown.language_combo.setCurrentIndex(shown.language_combo.findData("uk"))
    assert shown.language == "uk"
    for label in shown.page.family_labels:
        assert label.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert i18n.ui_language() == "de"
    assert shown.leave_button.text() == "Zurück zur &Beratung"
    shown.language_combo.setCurrentIndex(shown.language_combo.findData("fa"))
    assert shown.page.family_labels[1].layoutDirection() == Qt.LayoutDirection.RightToLeft


def test_the_language_switcher_names_the_twelve_languages_in_themselves(view):
    combo = view.language_combo
    codes = [combo.itemData(i) for i in range(combo.count())]
    assert codes == list(parent_texts.FAMILY_LANGUAGES)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[codes.index("uk")].startswith("українська")
    assert texts[codes.index("ti")].startswith("ትግርኛ")
    assert combo.currentData() == interpreter.family_language(view.case_id)


def test_steps_with_page_down_and_arrows(qtbot, view):
    titles = [s.title.german for s in view.steps]
    assert not view.back_button.isEnabled()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    assert view.current_step == 1
    assert view.page.german_labels[1].text() == titles[1]
    assert view.position.text() == "Schritt 2 von 5"
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current_step == 2
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert view.current_step == 1
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.current_step == 4 and not view.next_button.isEnabled()
    assert view.steps[4].key == interpreter.QUESTIONS
    assert view.page.german_labels[2].text().startswith("1. ")
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current_step == 3
    # The page keeps its step when the family's language changes.
    view.language_combo.setCurrentIndex(view.language_combo.findData("tr"))
    assert view.current_step == 3


def test_type_size_with_ctrl_plus_and_minus(qtbot, view, settings):
    before = view.page.german_labels[2].font().pointSizeF()
    qtbot.keyClick(view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.page.german_labels[2].font().pointSizeF() > before
    assert float(settings.value(POINT_SIZE_KEY)) == view.point_size
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.page.german_labels[2].font().pointSizeF() < before
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.point_size == DEFAULT_POINT_SIZE
    # Even the largest type fits a 1366 × 768 laptop screen side by side.
    for _step in range(20):
        view.zoom_in()
    assert view.point_size == MAX_POINT_SIZE
    assert view.minimumSizeHint().width() <= 1366


def test_a_missing_translation_shows_german_with_a_note(qtbot):
    step = Section(
        "x",
        Bilingual("Titel", "عنوان", True),
        [Bilingual("Nur deutsch", "Nur deutsch", False)],
    )
    page = StepPage(step, "ar", 20)
    qtbot.addWidget(page)
    title, paragraph = page.family_labels[1], page.family_labels[2]
    assert page.family_text(1) == "عنوان"
    assert page.family_text(2) == "Nur deutsch\n(noch keine Übersetzung)"
    assert paragraph.property("translated") is False and title.property("translated") is True


def test_without_a_selected_case_nothing_opens(counsellor_window, prompts):
    assert open_interpreter_view(counsellor_window, None, prompts) is None
    assert prompts.notices and "Fall auswählen" in prompts.notices[-1]
    assert counsellor_window.isVisible() and not interpreter.is_open()


def test_the_handout_dialog_opens_for_the_case(qtbot, view):
    from ki_desktop.gui.handout_dialog import HandoutDialog

    qtbot.mouseClick(view.handout_button, Qt.MouseButton.LeftButton)
    dialog = view.handout
    assert isinstance(dialog, HandoutDialog) and dialog.isVisible()
    assert dialog.parent() is view
    dialog.close()
    assert session.current().case_scope == view.case_id
