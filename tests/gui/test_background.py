"""The background-operation helper: work off the GUI thread, progress, errors, cancelling."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from ki_desktop.gui import background
from ki_desktop.gui.background import BackgroundOperation, run_in_background
from ki_desktop.services.database import ServiceError


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_work_runs_off_the_gui_thread_and_reports_progress(qtbot, parent):
    threads = []
    results = []
    progress = []

    def work(report, cancelled):
        threads.append(threading.get_ident())
        for done in range(1, 6):
            time.sleep(0.06)  # slower than the progress throttle, so every step arrives
            report(done, 5)
        return 42

    operation = BackgroundOperation(
        parent, work, title="Test", label="Läuft …", on_success=results.append
    )
    operation.progressed.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(operation.finished, timeout=10_000) as finished:
        operation.start()
    assert finished.args == [True]
    assert threads and threads[0] != threading.get_ident()
    assert results == [42]
    assert progress[-1] == (5, 5)
    assert [done for done, _total in progress] == sorted(done for done, _total in progress)
    assert len(progress) >= 3
    # Once finished, the operation lets go of itself (no Qt objects pile up).
    qtbot.waitUntil(lambda: operation not in background._alive)


def test_progress_dialog_appears_when_work_takes_a_moment(qtbot, parent):
    release = threading.Event()

    def work(report, cancelled):
        report(1, 4)
        release.wait(10)
        return None

    operation = run_in_background(parent, work, title="Test", label="Läuft …", show_after_ms=50)
    dialog = operation.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    assert dialog.isModal() or dialog.windowModality() != 0
    assert dialog.labelText() == "Läuft …"
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        release.set()


def test_a_failure_is_shown_as_a_german_message_without_traceback(qtbot, parent):
    def work(report, cancelled):
        raise ServiceError("Die Datei schulen.csv wurde nicht gefunden.")

    operation = BackgroundOperation(parent, work, title="Schulliste importieren", label="…")
    with qtbot.waitSignal(operation.finished, timeout=10_000) as finished:
        operation.start()
    assert finished.args == [False]
    box = operation.error_box
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Schulliste importieren"
    assert "Die Datei schulen.csv wurde nicht gefunden." in box.text()
    assert "konnte nicht abgeschlossen werden" in box.text()
    assert "Traceback" not in box.text() and "ServiceError" not in box.text()
    box.close()


def test_failure_callback_replaces_the_message(qtbot, parent):
    errors = []

    def work(report, cancelled):
        raise ValueError("kaputt")

    operation = BackgroundOperation(parent, work, title="T", label="…", on_failure=errors.append)
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        operation.start()
    assert [str(e) for e in errors] == ["kaputt"]
    assert operation.error_box is None


def test_cancel_button_stops_the_work_without_an_error(qtbot, parent):
    started = threading.Event()
    cancelled_calls = []

    class Stopped(Exception):
        pass

    def work(report, cancelled):
        started.set()
        deadline = time.monotonic() + 10
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise Stopped

    operation = BackgroundOperation(
        parent,
        work,
        title="Test",
        label="Läuft …",
        on_cancelled=lambda: cancelled_calls.append(True),
        show_after_ms=0,
    )
    operation.start()
    qtbot.waitUntil(operation.dialog.isVisible)
    assert started.wait(5)
    button = operation.dialog.findChild(QPushButton)
    assert button.text() == "Abbrechen"
    with qtbot.waitSignal(operation.finished, timeout=10_000) as finished:
        button.click()
    assert finished.args == [False]
    assert cancelled_calls == [True]
    assert operation.error_box is None


def test_quick_work_shows_no_dialog(qtbot, parent):
    operation = BackgroundOperation(
        parent, lambda report, cancelled: 1, title="T", label="…", show_after_ms=150
    )
    with qtbot.waitSignal(operation.finished, timeout=10_000):
        operation.start()
    qtbot.wait(400)
    assert not operation.dialog.isVisible()
