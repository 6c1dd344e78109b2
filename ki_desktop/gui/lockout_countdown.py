"""The countdown after too many failed passwords: the dialog keeps its button disabled while
:attr:`LockoutCountdown.active`, and the message line counts the seconds down, driven by a
timer (the window never waits)."""

from __future__ import annotations

import math
import re
import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from ki_desktop.i18n import ngettext

_SECONDS = re.compile(r"(\d+)")


def retry_after(exc: BaseException) -> int | None:
    """Seconds until the next attempt is allowed, if ``exc`` is a lockout; None otherwise.

    The accounts service names the wait in its message ("… in N Sekunden …"); an attribute
    ``retry_after``/``seconds`` on the exception is preferred when it has one."""
    for name in ("retry_after", "seconds", "wait_seconds"):
        value = getattr(exc, name, None)
        if isinstance(value, int | float) and value > 0:
            return math.ceil(value)
    text = str(exc)
    if "Fehlversuch" not in text and "failed attempt" not in text.lower():
        return None
    found = _SECONDS.search(text)
    return int(found.group(1)) if found else None


def lockout_text(seconds: int) -> str:
    return ngettext(
        "Zu viele Fehlversuche. Bitte in {n} Sekunde erneut versuchen.",
        "Zu viele Fehlversuche. Bitte in {n} Sekunden erneut versuchen.",
        seconds,
    ).format(n=seconds)


class LockoutCountdown(QObject):
    """Counts down in ``label`` until the lockout is over; ``changed`` fires when it begins
    and when it ends (the dialog then enables or disables its button)."""

    changed = Signal()

    def __init__(self, label: QLabel, parent: QObject) -> None:
        super().__init__(parent)
        self._label = label
        self._until = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self, seconds: int) -> None:
        self._until = time.monotonic() + seconds
        self._timer.start()
        self._tick()
        self.changed.emit()

    def remaining(self) -> int:
        return max(0, math.ceil(self._until - time.monotonic()))

    def _tick(self) -> None:
        left = self.remaining()
        if left <= 0:
            self._timer.stop()
            self._label.clear()
            self.changed.emit()
            return
        self._label.setText(lockout_text(left))
