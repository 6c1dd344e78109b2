"""Work whose newest request alone counts, off the GUI thread: a preview that follows pickers.

``LatestOnly.request(work)`` runs ``work()`` on the thread pool. One job runs at a time; a
request made meanwhile waits, and a newer one replaces the waiting one, so a burst of changes
costs at most two computations. The result (``succeeded``) or the exception (``failed``)
reaches the GUI thread only for the newest request: a stale result never overwrites a newer
one. There is no dialog (the user may go on changing the pickers); the caller shows that it
is busy. As with :mod:`ki_desktop.gui.background`, the work must not touch widgets; calling
services is fine (peewee gives each pool thread its own connection).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from ki_desktop.services.database import release_thread_connection

# Signal objects of jobs that run or have just finished; released by Python on the GUI
# thread once the job has let go of them (see background.py for why not deleteLater()).
_alive: set[_Signals] = set()


class _Signals(QObject):
    done = Signal(int, bool, object)  # ticket, succeeded, result or exception

    def __init__(self, finished: threading.Event) -> None:
        super().__init__()  # no Qt parent: kept alive by ``_alive``
        self._finished = finished
        self.done.connect(self._release)

    @Slot(int, bool, object)
    def _release(self, *_args: object) -> None:
        self._finished.wait(5)  # the job has posted its signal and is returning
        QTimer.singleShot(0, partial(_alive.discard, self))


class _Job(QRunnable):
    def __init__(
        self, ticket: int, work: Callable[[], Any], signals: _Signals, finished: threading.Event
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._ticket = ticket
        self._work = work
        self._signals = signals
        self._finished = finished

    def _emit(self, ok: bool, value: object) -> None:
        # RuntimeError: the application is shutting down and the receiver is gone.
        with contextlib.suppress(RuntimeError):
            self._signals.done.emit(self._ticket, ok, value)

    def run(self) -> None:
        try:
            try:
                result = self._work()
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
                self._emit(False, exc)
            else:
                self._emit(True, result)
        finally:
            release_thread_connection()
            self._signals = None
            self._work = None
            self._finished.set()


class LatestOnly(QObject):
    """Runs the newest requested work; ``succeeded(result)`` / ``failed(exception)`` on the
    GUI thread for the newest request only."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        if pool is None:
            # A pool of its own: a running preview never holds up other background work
            # (an export) on the global pool, also on a machine with one core.
            pool = QThreadPool(self)
            pool.setMaxThreadCount(1)
        self._pool = pool
        self._ticket = 0  # of the newest request
        self._running = False
        self._waiting: Callable[[], Any] | None = None

    @property
    def busy(self) -> bool:
        """True from a request until its outcome has been delivered."""
        return self._running or self._waiting is not None

    def request(self, work: Callable[[], Any]) -> None:
        """Run ``work()`` once the running job (if any) is done; replaces a waiting request."""
        self._ticket += 1
        if self._running:
            self._waiting = work
        else:
            self._start(work)

    def _start(self, work: Callable[[], Any]) -> None:
        self._running = True
        finished = threading.Event()
        signals = _Signals(finished)
        signals.done.connect(self._arrived)
        _alive.add(signals)
        self._pool.start(_Job(self._ticket, work, signals, finished))

    @Slot(int, bool, object)
    def _arrived(self, ticket: int, ok: bool, value: object) -> None:
        self._running = False
        if self._waiting is not None:
            work, self._waiting = self._waiting, None
            self._start(work)  # this outcome is stale: a newer request follows
            return
        if ticket != self._ticket:
            return
        (self.succeeded if ok else self.failed).emit(value)
