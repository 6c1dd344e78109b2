"""Running one account call (login, unlock, password change, encryption) off the GUI thread.

Argon2 makes every password check take about a third of a second on purpose, and encrypting an
existing database takes longer still; the dialogs stay responsive meanwhile. Unlike
:mod:`ki_desktop.gui.background`, a refused call (a :class:`ServiceError`: wrong password,
lockout, a rule of the accounts) is an expected answer, not a failure: it goes back to the
dialog as its message and is not logged as an error. Anything else is logged and named in a
neutral sentence.

The call runs on a Python thread, not on Qt's thread pool: a connection to an encrypted
database (sqlcipher3) that a thread of Qt's pool leaves behind crashes the process later
(peewee's SQL functions on it are released without the GIL). A Python thread closes its
connection when it ends.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ki_desktop.i18n import _
from ki_desktop.services.errors import ServiceError

log = logging.getLogger(__name__)

# Tasks that are running: kept alive here until their answer has been delivered.
_running: set[AccountTask] = set()


def unexpected_message() -> str:
    """What the user reads when an account call failed for a reason that is not theirs."""
    return _(
        "Der Vorgang ist an einem unerwarteten Fehler gescheitert; Einzelheiten stehen in der "
        "Protokolldatei. Bitte versuchen Sie es erneut oder wenden Sie sich an die "
        "Administration."
    )


class _Signals(QObject):
    succeeded = Signal(object)
    refused = Signal(object)


def _run(work: Callable[[], Any], signals: _Signals) -> None:
    try:
        result = work()
    except BaseException as exc:  # noqa: BLE001 - every answer goes back to the GUI
        outcome, value = signals.refused, exc
    else:
        outcome, value = signals.succeeded, result
    with contextlib.suppress(RuntimeError):  # the application is shutting down
        outcome.emit(value)


def in_python_thread(work: Callable[..., Any]) -> Callable[..., Any]:
    """``work`` for :func:`ki_desktop.gui.background.run_in_background`, run on a Python
    thread of its own (see the module's docstring) while the pool's thread waits for it."""

    def run(*args: Any) -> Any:
        box: dict[str, Any] = {}

        def target() -> None:
            try:
                box["result"] = work(*args)
            except BaseException as exc:  # noqa: BLE001 - raised again below
                box["error"] = exc

        thread = threading.Thread(target=target, name="ki-desktop-work", daemon=True)
        thread.start()
        thread.join()
        if "error" in box:
            raise box["error"]
        return box.get("result")

    return run


class AccountTask(QObject):
    """One call on the thread pool. ``done`` fires on the GUI thread after the callback: with
    True when the call succeeded."""

    done = Signal(bool)

    def __init__(
        self,
        work: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_refused: Callable[[BaseException, str], None],
    ) -> None:
        super().__init__()
        self._work = work
        self._on_success = on_success
        self._on_refused = on_refused
        self._signals = _Signals(self)
        self._signals.succeeded.connect(self._succeeded)
        self._signals.refused.connect(self._refused)
        self.running = False

    def start(self) -> AccountTask:
        self.running = True
        _running.add(self)
        self.thread = threading.Thread(
            target=_run, args=(self._work, self._signals), name="ki-desktop-account", daemon=True
        )
        self.thread.start()
        return self

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self.running = False
        try:
            self._on_success(result)
        finally:
            self.done.emit(True)
            _running.discard(self)

    @Slot(object)
    def _refused(self, exc: BaseException) -> None:
        self.running = False
        if isinstance(exc, ServiceError):
            message = str(exc)
        else:
            log.error("account call failed", exc_info=(type(exc), exc, exc.__traceback__))
            message = unexpected_message()
        try:
            self._on_refused(exc, message)
        finally:
            self.done.emit(False)
            _running.discard(self)


def run_account_call(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_refused: Callable[[BaseException, str], None],
) -> AccountTask:
    """Start ``work()`` off the GUI thread; ``on_success(result)`` or ``on_refused(exception,
    message for the user)`` run on the GUI thread afterwards."""
    return AccountTask(work, on_success, on_refused).start()
