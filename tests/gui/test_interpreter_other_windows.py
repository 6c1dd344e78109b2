"""Handing the screen to the interpreter hides every window of the counsellor, not only the
main window: a dialog left open beside it (here the audit trail, which names users and cases)
would stay on the screen behind the full-screen view, one Alt+Tab away. Leaving the view with
the password shows them again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ki_desktop.services import session
from tests.gui.test_interpreter_view import (  # noqa: F401 (fixtures)
    PASSWORD,
    _select,
    _type_password,
    case_ids,
    counsellor_window,
)


def test_open_dialogs_are_hidden_with_the_main_window(qtbot, counsellor_window, case_ids):  # noqa: F811
    window = counsellor_window
    audit = window.admin_tools.show_audit()
    qtbot.waitExposed(audit)
    _select(window, qtbot, case_ids[0])
    view = window.interpreter.open()
    assert view is not None
    qtbot.waitExposed(view)
    assert session.current().case_scope == case_ids[0]
    assert not window.isVisible()
    assert not audit.isVisible()

    qtbot.mouseClick(view.leave_button, Qt.MouseButton.LeftButton)
    _type_password(qtbot, view, PASSWORD)
    qtbot.waitUntil(window.isVisible)
    assert audit.isVisible()  # back as it was
