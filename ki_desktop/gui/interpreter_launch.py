"""Opening the interpreter view from the main window: the action „Elterngespräch
(Dolmetschansicht)“ (F11) for the selected case, and handing the screen over (the main window
is hidden until the counsellor's password brings it back)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QWidget

from ki_desktop.gui.interpreter_view import InterpreterView
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _
from ki_desktop.services import interpreter
from ki_desktop.services.errors import ServiceError


def open_interpreter_view(
    main_window: QMainWindow, case_id: str | None, prompts: Prompts | None = None
) -> InterpreterView | None:
    """Hand the screen to the interpreter: narrow the session to ``case_id``, hide
    ``main_window`` and show the view full screen. None (after telling why) when no case is
    chosen, the case form keeps unsaved input, or the case may not be opened."""
    prompts = prompts or getattr(main_window, "prompts", None) or Prompts()
    title = _("Elterngespräch (Dolmetschansicht)")
    if not case_id:
        prompts.inform(
            main_window, title, _("Bitte zuerst in der Erstberatung einen Fall auswählen.")
        )
        return None
    # Unsaved input of the case form is saved or discarded first: nothing may be written for
    # the counsellor while the session is narrowed.
    leave_form = getattr(getattr(main_window, "intake", None), "leave_form", None)
    if leave_form is not None and not leave_form():
        return None
    _finish_pending_work(main_window)
    try:
        interpreter.enter(case_id)
    except ServiceError as exc:
        prompts.error(main_window, title, str(exc))
        return None
    # A child window of the main window (so it lives as long), shown on its own.
    view = InterpreterView(
        case_id, prompts, getattr(main_window, "settings", None), parent=main_window
    )
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Dialogs left open beside the main window (the audit trail, the user list …) would stay
    # on the screen behind the view: they go with it and come back with it.
    others = [
        w
        for w in QApplication.topLevelWidgets()
        if w.isVisible() and w is not main_window and w is not view
    ]
    view.left.connect(lambda: _back_to(main_window, others))
    for widget in others:
        widget.hide()
    main_window.hide()
    view.showFullScreen()
    view.activateWindow()
    return view


def _finish_pending_work(main_window: QMainWindow) -> None:
    """Run the main window's delayed work now (showing the case just selected, a filter just
    typed, an autosave), while the counsellor's session still allows it: once the session is
    narrowed the services would refuse it. Only single-shot timers of widgets are meant; a
    timer of another object (the auto-lock) keeps running."""
    for timer in main_window.findChildren(QTimer):
        if timer.isActive() and timer.isSingleShot() and isinstance(timer.parent(), QWidget):
            timer.stop()
            timer.timeout.emit()


def _back_to(main_window: QMainWindow, others: list[QWidget] | None = None) -> None:
    main_window.show()
    for widget in others or ():
        with contextlib.suppress(RuntimeError):  # closed and deleted meanwhile
            widget.show()
    main_window.raise_()
    main_window.activateWindow()


class InterpreterLauncher(QObject):
    """The action „Elterngespräch (Dolmetschansicht)“ (F11) of the main window, for the case
    selected there (``main_window.selected_case_id()``); ``view`` is the view it opened last."""

    def __init__(self, main_window: QMainWindow, menu: QMenu | None = None) -> None:
        super().__init__(main_window)  # owned by the window: lives as long
        self.main_window = main_window
        self.view: InterpreterView | None = None
        self.action = QAction(_("Eltern&gespräch (Dolmetschansicht)"), main_window)
        self.action.setShortcut(QKeySequence("F11"))
        self.action.setToolTip(
            _(
                "Die Elterninformationen des ausgewählten Falls groß und zweisprachig zeigen; "
                "zurück nur mit dem Passwort"
            )
        )
        self.action.triggered.connect(self.open)
        main_window.addAction(self.action)
        if menu is not None:
            menu.addAction(self.action)

    def open(self) -> InterpreterView | None:
        view = open_interpreter_view(self.main_window, self.main_window.selected_case_id())
        if view is not None:
            self.view = view
        return view


def install_interpreter_view(
    main_window: QMainWindow, menu: QMenu | None = None
) -> InterpreterLauncher:
    """Add the action „Elterngespräch (Dolmetschansicht)“ (F11) to ``main_window`` (and to
    ``menu`` when given, e.g. the „Ansicht“ menu or the case detail's menu)."""
    return InterpreterLauncher(main_window, menu)
