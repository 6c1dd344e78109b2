"""„Zurück zur Beratung“: the counsellor's password ends the interpreter view.

The dialog stays open after a wrong password (with the message and a countdown during a
lockout), so the view is never left without it; „In der Dolmetschansicht bleiben“ (or Esc)
closes only the dialog. The check runs off the GUI thread (Argon2 takes about a third of a
second on purpose).

The check runs on a Python thread, not on Qt's thread pool: the failed attempt and the leaving
are audited, so the thread opens a database connection; an SQLCipher connection (it has Python
functions registered) still open when a pool thread's Python state is torn down crashes the
process. ``interpreter.leave`` closes it on return, and a Python thread would close it
cleanly at its end anyway.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.lockout_countdown import LockoutCountdown
from ki_desktop.i18n import _
from ki_desktop.services import interpreter
from ki_desktop.services.errors import ServiceError

log = logging.getLogger(__name__)


class _Answer(QObject):
    """Carries the check's outcome from its thread to the GUI thread (queued)."""

    arrived = Signal(bool, str, int)


def _check(leave: Callable[[str], object], password: str, answer: _Answer) -> None:
    try:
        leave(password)
    except ServiceError as exc:
        # LoginRefused says how long a lockout lasts; a plain refusal has no wait.
        seconds = getattr(exc, "retry_after", 0)
        answer.arrived.emit(False, str(exc), int(seconds) if isinstance(seconds, int) else 0)
    except Exception:  # noqa: BLE001 - logged; the user reads a neutral sentence
        log.exception("leaving the interpreter view failed")
        answer.arrived.emit(
            False,
            _(
                "Das Passwort konnte wegen eines unerwarteten Fehlers nicht geprüft werden; "
                "Einzelheiten stehen in der Protokolldatei. Bitte erneut versuchen."
            ),
            0,
        )
    else:
        answer.arrived.emit(True, "", 0)


class LeavePrompt(QDialog):
    """Asks for the counsellor's password; accepted once :func:`interpreter.leave` agreed."""

    def __init__(
        self,
        counsellor: str,
        parent: QWidget | None = None,
        leave: Callable[[str], object] = interpreter.leave,
        point_size: float | None = None,
    ) -> None:
        super().__init__(parent)
        if point_size is not None:
            # The large type of the view (a style sheet: the view's own sheet reaches the
            # dialog, and a sheet keeps set fonts from reaching the children).
            self.setStyleSheet(f"font-size: {point_size:.1f}pt;")
        self._leave = leave
        self.task: threading.Thread | None = None
        self._answer = _Answer(self)
        self._answer.arrived.connect(self._answered)
        self.setWindowTitle(_("Zurück zur Beratung"))
        self.setAccessibleName(_("Zurück zur Beratung"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        layout = QVBoxLayout(self)
        # The dialog follows its content (a longer message, a larger type).
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)
        hint = QLabel(
            _(
                "Die Dolmetschansicht verlässt nur die Beraterin oder der Berater. Bitte das "
                "Passwort von {name} eingeben."
            ).format(name=counsellor),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(_("Passwort"))
        self.password_edit.setPlaceholderText(_("Passwort"))
        layout.addWidget(self.password_edit)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meldung"))
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.leave_button = self.buttons.addButton(
            _("Zurück zur &Beratung"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.leave_button.setDefault(True)
        self.stay_button = self.buttons.addButton(
            _("In der Dolmetschansicht &bleiben"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.stay_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_leave)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Wide enough for the hint in three lines at the view's type size.
        self.setMinimumWidth(int((point_size or 10) * 40))
        self.countdown = LockoutCountdown(self.message, self)
        self.countdown.changed.connect(self._update)
        self.password_edit.textChanged.connect(self._update)
        self._update()

    @property
    def checking(self) -> bool:
        """Whether a password is being checked right now."""
        return self.task is not None

    def _update(self) -> None:
        self.leave_button.setEnabled(
            self.task is None and not self.countdown.active and bool(self.password_edit.text())
        )

    def try_leave(self) -> None:
        """Check the typed password (off the GUI thread)."""
        if not self.leave_button.isEnabled():
            return
        self.busy.show()
        self.password_edit.setEnabled(False)
        self.message.clear()
        self.task = threading.Thread(
            target=_check,
            args=(self._leave, self.password_edit.text(), self._answer),
            name="interpreter-leave",
            daemon=True,
        )
        self.task.start()
        self._update()

    def _answered(self, right: bool, message: str, seconds: int) -> None:
        self.task = None
        self.busy.hide()
        self.password_edit.setEnabled(True)
        self.password_edit.clear()
        self.password_edit.setFocus()
        if right:
            self.accept()
        elif seconds:
            self.countdown.start(seconds)
        else:
            self.message.setText("⚠ " + message)
        self._update()

    def reject(self) -> None:
        if self.task is not None:  # the answer is on its way: wait for it
            return
        super().reject()
