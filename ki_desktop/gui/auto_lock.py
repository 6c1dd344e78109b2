"""Automatic lock after a time without input, and locking by hand (Strg+L).

An application-wide event filter notes the time of every key press, click, mouse movement and
wheel turn; a single timer checks at the deadline whether the user has been idle long enough
(so input costs one clock reading, not a timer restart). The delay is a setting
„Automatisch sperren nach“ in minutes (QSettings ``security/auto_lock_minutes``, default 10,
0 = never).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

from ki_desktop.gui.lock_screen import LockScreen
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _

AUTO_LOCK_KEY = "security/auto_lock_minutes"
DEFAULT_AUTO_LOCK_MINUTES = 10
MAX_AUTO_LOCK_MINUTES = 240

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


def auto_lock_minutes(settings: QSettings) -> int:
    """The stored delay in minutes (0 = never lock automatically)."""
    try:
        minutes = int(settings.value(AUTO_LOCK_KEY, DEFAULT_AUTO_LOCK_MINUTES))
    except (TypeError, ValueError):
        return DEFAULT_AUTO_LOCK_MINUTES
    return max(0, min(minutes, MAX_AUTO_LOCK_MINUTES))


def set_auto_lock_minutes(settings: QSettings, minutes: int) -> None:
    settings.setValue(AUTO_LOCK_KEY, max(0, min(int(minutes), MAX_AUTO_LOCK_MINUTES)))


def _logout() -> None:
    from ki_desktop.services import accounts

    accounts.logout()


class AutoLock(QObject):
    """Locks ``window`` (and every other window of the application) after ``timeout_ms``
    without input; 0 never locks by itself. :meth:`lock` locks at once."""

    def __init__(
        self,
        window: QMainWindow,
        display_name: str,
        timeout_ms: int,
        prompts: Prompts | None = None,
        logout: Callable[[], None] = _logout,
        quit_app: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._prompts = prompts or Prompts()
        self._logout = logout
        self._quit = quit_app
        self.screen = LockScreen(display_name, window)
        self.screen.unlocked.connect(self._unlocked)
        self.screen.logout_requested.connect(self.log_out)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._timeout_ms = 0
        self._last_input = time.monotonic()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.set_timeout_ms(timeout_ms)

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    @property
    def is_locked(self) -> bool:
        return self.screen.is_locked

    def set_timeout_ms(self, timeout_ms: int) -> None:
        """A new delay (0 = never), counted from now."""
        self._timeout_ms = max(0, int(timeout_ms))
        self._last_input = time.monotonic()
        self._arm(self._timeout_ms)

    def _arm(self, delay_ms: int) -> None:
        if self._timeout_ms and not self.is_locked:
            self._timer.start(max(1, delay_ms))
        else:
            self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._last_input = time.monotonic()
        return False

    def _check(self) -> None:
        idle_ms = (time.monotonic() - self._last_input) * 1000
        if idle_ms >= self._timeout_ms:
            self.lock()
        else:
            self._arm(int(self._timeout_ms - idle_ms) + 1)

    def lock(self) -> None:
        """Lock now (also Konto → Sperren, Strg+L)."""
        self._timer.stop()
        self.screen.lock()

    def _unlocked(self) -> None:
        self._last_input = time.monotonic()
        self._arm(self._timeout_ms)

    def log_out(self) -> bool:
        """From the lock screen: end the session and close the application, after asking. The
        open case form is kept as a draft without showing it (the screen is locked)."""
        if not self._prompts.confirm(
            self.screen,
            _("Abmelden"),
            _(
                "Abmelden und KI Desktop beenden?\n\n"
                "Nicht gespeicherte Eingaben in einer Fallakte bleiben als Entwurf erhalten "
                "und werden nach der nächsten Anmeldung angeboten. Eingaben in anderen offenen "
                "Fenstern gehen verloren."
            ),
        ):
            return False
        self._timeout_ms = 0  # no new lock while closing
        self._timer.stop()
        keep = getattr(self.window, "close_keeping_drafts", None)
        if keep is not None:
            keep()
        else:
            self.window.close()
        self.screen.unlock()
        self._logout()
        self._quit()
        return True

    def shutdown(self) -> None:
        """Stop watching input (the window is going)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
