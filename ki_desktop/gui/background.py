"""Running long work off the GUI thread, with a progress dialog and German error messages.

The work is a plain callable ``work(progress, cancelled)``: it reports ``progress(done, total)``
from its own thread and asks ``cancelled()`` between steps. It must not touch widgets. The
result or the exception comes back to the GUI thread through queued signals. Database access
in the work is fine: peewee gives every thread its own connection to the same SQLite file, and
WAL lets the GUI thread keep reading while the work writes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget

from ki_desktop.i18n import _
from ki_desktop.services.database import release_thread_connection
from ki_desktop.services.errors import ServerUnavailable

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]
Work = Callable[[ProgressCallback, CancelCheck], Any]

# Progress reports closer together than this are dropped (the last one always gets through),
# so that a tight loop cannot flood the GUI thread with events.
_PROGRESS_INTERVAL = 0.05


class _Signals(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(
        self, work: Work, signals: _Signals, cancel: threading.Event, done: threading.Event
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work = work
        self._signals = signals
        self._cancel = cancel
        self._done = done
        self._last_report = 0.0

    def _emit(self, signal_name: str, *args: object) -> None:
        try:
            getattr(self._signals, signal_name).emit(*args)
        except RuntimeError:
            # The application is shutting down and the receiver is gone: stop quietly.
            self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_report >= _PROGRESS_INTERVAL:
            self._last_report = now
            self._emit("progress", int(done), int(total))

    def run(self) -> None:
        try:
            try:
                result = self._work(self._progress, self._cancel.is_set)
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
                self._emit("failed", exc)
            else:
                self._emit("succeeded", result)
        finally:
            release_thread_connection()
            # Drop this thread's references to Qt objects before the GUI thread may delete
            # them: releasing a wrapper here while the object dies there would crash.
            self._signals = None
            self._work = None
            self._done.set()


def show_error(parent: QWidget | None, title: str, message: str) -> QMessageBox:
    """A window-modal warning that does not block the caller; returned for tests."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok)
    box.setParent(parent, box.windowFlags())
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)
    box.open()
    return box


# Operations that are running or have just finished. Qt objects made in Python are released
# by Python here, from a fresh call stack, instead of by deleteLater(): deleting them from a
# deferred-delete event while Python still holds wrappers crashes PySide now and then.
_alive: set[BackgroundOperation] = set()


class BackgroundOperation(QObject):
    """One piece of work on the thread pool. On the GUI thread, ``progressed`` repeats the
    work's progress reports and ``finished`` fires at the end (after the success, failure or
    cancel callback), with True when the work succeeded."""

    progressed = Signal(int, int)
    finished = Signal(bool)

    def __init__(
        self,
        parent: QWidget,
        work: Work,
        *,
        title: str,
        label: str,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
        cancellable: bool = True,
        show_after_ms: int = 400,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__()  # no Qt parent: kept alive by ``_alive`` while it matters
        self._parent = parent
        self._work = work
        self._title = title
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancelled = on_cancelled
        self._pool = pool or QThreadPool.globalInstance()
        self._cancel = threading.Event()
        self._worker_done = threading.Event()
        self._signals = _Signals(self)
        self._signals.progress.connect(self._show_progress)
        self._signals.succeeded.connect(self._succeeded)
        self._signals.failed.connect(self._failed)
        self.error_box: QMessageBox | None = None

        self.dialog = QProgressDialog(label, _("Abbrechen") if cancellable else "", 0, 0, parent)
        # Our own bar: QProgressDialog.setValue() would process events (the dialog is modal),
        # and callbacks must not run nested inside a progress update.
        self._bar = QProgressBar(self.dialog)
        self._bar.setRange(0, 0)
        self._bar.setValue(0)  # at its minimum, so that setMinimumDuration() arms the timer
        self.dialog.setBar(self._bar)
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        # QProgressDialog shows itself once the work has taken this long.
        self.dialog.setMinimumDuration(show_after_ms)
        self.dialog.canceled.connect(self.cancel)
        if not cancellable:
            self.dialog.setCancelButton(None)

    def start(self) -> BackgroundOperation:
        """Put the work on the thread pool."""
        _alive.add(self)
        self._pool.start(_Runnable(self._work, self._signals, self._cancel, self._worker_done))
        return self

    @property
    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop at its next ``cancelled()`` check."""
        if not self._cancel.is_set():
            self._cancel.set()
            self.dialog.setLabelText(_("Wird abgebrochen …"))

    @Slot(int, int)
    def _show_progress(self, done: int, total: int) -> None:
        if not shiboken6.isValid(self._bar):
            return  # the window it was shown in is gone
        if self._bar.maximum() != total:
            self._bar.setRange(0, max(total, 0))
        self._bar.setValue(min(done, total) if total > 0 else 0)
        self.progressed.emit(done, total)

    def _window_gone(self) -> bool:
        """The window that started the work was closed and deleted meanwhile (e.g. the main
        window while the start-up backup ran): nobody is left to tell."""
        return not shiboken6.isValid(self._parent)

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._close_dialog()
        if self._on_success is not None and not self._window_gone():
            self._on_success(result)
        self.finished.emit(True)
        self._release()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self._close_dialog()
        if self._window_gone():
            log.error("%s failed", self._title, exc_info=(type(exc), exc, exc.__traceback__))
        elif self._cancel.is_set():
            # The work stopped because it was asked to; that is not an error.
            if self._on_cancelled is not None:
                self._on_cancelled()
        else:
            log.error("%s failed", self._title, exc_info=(type(exc), exc, exc.__traceback__))
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                self.error_box = show_error(self._parent, self._title, failure_message(exc))
        self.finished.emit(False)
        self._release()

    def _close_dialog(self) -> None:
        if not shiboken6.isValid(self.dialog):
            return  # deleted with the window it belonged to
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()  # stops the timer that would show it
        self.dialog.hide()
        # Hand the dialog back to Python: it goes when this operation goes.
        self.dialog.setParent(None)

    def _release(self) -> None:
        # The worker has posted its last signal and is returning; once it is done, nothing
        # but Python refers to this object, and it may go after the current event.
        self._worker_done.wait(5)
        QTimer.singleShot(0, partial(_alive.discard, self))


def failure_message(exc: BaseException) -> str:
    """What the user reads when work failed: the exception's own (translated) message."""
    detail = str(exc).strip() or type(exc).__name__
    if isinstance(exc, ServerUnavailable):  # says itself what to do; no case for support
        return _("Der Vorgang konnte nicht abgeschlossen werden:\n\n{detail}").format(detail=detail)
    return _(
        "Der Vorgang konnte nicht abgeschlossen werden:\n\n{detail}\n\n"
        "Bitte versuchen Sie es erneut. Wenn der Fehler bleibt, wenden Sie sich an die "
        "Administration."
    ).format(detail=detail)


def run_in_background(parent: QWidget, work: Work, **options: Any) -> BackgroundOperation:
    """Start ``work`` off the GUI thread; see :class:`BackgroundOperation` for the options."""
    return BackgroundOperation(parent, work, **options).start()
