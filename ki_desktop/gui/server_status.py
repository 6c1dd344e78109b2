"""Server mode in the status bar: when the connection to the database server is lost, a
warning „Server nicht erreichbar – neuer Versuch in N s“ counts down to the next check, which
runs off the GUI thread; a click checks at once. When the server answers again the warning
goes and the status bar says so. Nothing typed is touched: forms keep their input, and the
next action simply works again.
"""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QMainWindow, QStyle, QToolButton

from ki_desktop.i18n import _
from ki_desktop.services import server_connection

# Seconds until the next check: soon at first (a restarting server), then less often.
RETRY_SCHEDULE_S = (3, 5, 10, 15, 30)


class _Answer(QObject):
    """Carries a check's outcome from its thread to the GUI thread."""

    arrived = Signal(bool)


class ServerStatus(QObject):
    """Owned by the main window (see :func:`install_server_status`). ``probe(hold_s)`` checks
    the server (tests pass their own)."""

    availability = Signal(bool)  # emitted from whichever thread noticed; handled queued

    def __init__(self, window: QMainWindow, probe=server_connection.probe) -> None:
        super().__init__(window)
        self.window = window
        self._probe = probe
        self.down = False
        self.checking = False
        self.remaining = 0
        self._attempt = 0
        self.button = QToolButton(window)
        self.button.setAutoRaise(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.button.setAccessibleName(_("Verbindung zum Datenbankserver"))
        self.button.setToolTip(_("Jetzt erneut versuchen"))
        self.button.clicked.connect(self.check_now)
        window.statusBar().addPermanentWidget(self.button)
        self.button.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self._answers = _Answer(self)
        self._answers.arrived.connect(self._checked, Qt.ConnectionType.QueuedConnection)
        self.availability.connect(self._changed, Qt.ConnectionType.QueuedConnection)
        heard = self._heard
        server_connection.add_listener(heard)
        self.destroyed.connect(lambda *_args: server_connection.remove_listener(heard))
        if not server_connection.is_available():
            self._changed(False)

    def _heard(self, available: bool) -> None:
        # Any thread: only hand it on (the GUI thread handles it).
        if shiboken6.isValid(self):
            self.availability.emit(available)

    def shutdown(self) -> None:
        """Stop listening and checking (the window closes)."""
        server_connection.remove_listener(self._heard)
        self.timer.stop()

    @property
    def text(self) -> str:
        return self.button.text()

    @Slot(bool)
    def _changed(self, available: bool) -> None:
        if available:
            if self.down:
                self.down = False
                self.timer.stop()
                self.button.hide()
                self.window.statusBar().showMessage(
                    _("Verbindung zum Server wiederhergestellt."), 10_000
                )
            return
        if self.down:
            return
        self.down = True
        self._attempt = 0
        self.window.statusBar().showMessage(
            _("Verbindung zum Server unterbrochen – es wird erneut versucht …"), 10_000
        )
        self._wait(RETRY_SCHEDULE_S[0])
        self.button.show()

    def _wait(self, seconds: int) -> None:
        self.remaining = seconds
        self._show_countdown()
        self.timer.start()

    def _show_countdown(self) -> None:
        self.button.setText(
            _("Server nicht erreichbar – neuer Versuch in {n} s").format(n=self.remaining)
        )

    def _tick(self) -> None:
        self.remaining -= 1
        if self.remaining > 0:
            self._show_countdown()
        else:
            self.check_now()

    @Slot()
    def check_now(self) -> None:
        """Check off the GUI thread whether the server answers again."""
        if self.checking or not self.down:
            return
        self.timer.stop()
        self.checking = True
        self.button.setText(_("Server nicht erreichbar – neuer Versuch läuft …"))
        upcoming = RETRY_SCHEDULE_S[min(self._attempt + 1, len(RETRY_SCHEDULE_S) - 1)]
        probe, answers = self._probe, self._answers

        def run() -> None:
            try:
                # Meanwhile database calls fail at once instead of each waiting.
                answered = bool(probe(upcoming + 1))
            except Exception:  # noqa: BLE001 - any failure of the check: still away
                answered = False
            if shiboken6.isValid(answers):  # the window may have closed meanwhile
                answers.arrived.emit(answered)

        threading.Thread(target=run, name="server-check", daemon=True).start()

    @Slot(bool)
    def _checked(self, answered: bool) -> None:
        self.checking = False
        if answered:
            self._changed(True)
            return
        if not self.down:
            return
        self._attempt += 1
        self._wait(RETRY_SCHEDULE_S[min(self._attempt, len(RETRY_SCHEDULE_S) - 1)])


def install_server_status(window: QMainWindow) -> ServerStatus | None:
    """The indicator in the window's status bar, when the database is on a server."""
    if not server_connection.on_server():
        return None
    return ServerStatus(window)
