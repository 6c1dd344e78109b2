"""Work that finishes after the window that started it is gone (the user closed the main
window while the start-up backup was still running): nobody is left to tell, and nothing may
be raised in the event loop."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from ki_desktop.gui.background import run_in_background


def test_work_ending_after_its_window_was_deleted(qtbot):
    window = QWidget()
    window.show()
    release = threading.Event()
    told: list[object] = []

    def work(progress, cancelled):
        release.wait(10)
        progress(1, 2)  # reported after the window went
        return "fertig"

    operation = run_in_background(
        window,
        work,
        title="Automatische Datensicherung",
        label="",
        on_success=told.append,
        on_failure=told.append,
        show_after_ms=0,
    )
    finished: list[bool] = []
    operation.finished.connect(finished.append)
    shiboken6.delete(window)  # closed and destroyed, with the progress dialog in it
    release.set()
    qtbot.waitUntil(lambda: finished == [True], timeout=5000)
    assert told == []  # the callbacks would touch widgets of the deleted window
