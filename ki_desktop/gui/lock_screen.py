"""The lock screen: „Gesperrt – {Anzeigename}“ and a password field over a covered window.

While locked, every other window of the application (the main window and any dialog that was
open, with what was typed in it) is covered by an opaque curtain, and the lock screen is
application-modal, so nothing can be read or clicked. Nothing is closed or hidden: a dialog
that was open keeps its input and is usable again after unlocking. Only the logged-in user's
password unlocks (``services.accounts.verify_password``, lockout delays included); „Abmelden“
ends the session and closes the application.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.account_task import AccountTask, run_account_call
from ki_desktop.gui.lockout_countdown import LockoutCountdown, retry_after
from ki_desktop.gui.password_fields import password_field
from ki_desktop.i18n import _


def _verify(password: str) -> bool:
    from ki_desktop.services import accounts

    return bool(accounts.verify_password(password))


class Curtain(QWidget):
    """An opaque child that covers its window completely and follows its size."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lockCurtain")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_NoMousePropagation)
        self.setAccessibleName(_("Gesperrt"))
        layout = QVBoxLayout(self)
        label = QLabel(_("KI Desktop ist gesperrt."), self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(label)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        elif watched is self.parent() and event.type() == QEvent.Type.ChildAdded:
            self.raise_()
        return False


class LockScreen(QDialog):
    """Shown with :meth:`lock`; ``unlocked`` fires after the right password,
    ``logout_requested`` when the user chose „Abmelden“."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(
        self,
        display_name: str,
        parent: QWidget | None = None,
        verify: Callable[[str], bool] = _verify,
    ) -> None:
        super().__init__(parent)
        self._verify = verify
        self.task: AccountTask | None = None
        self.curtains: list[Curtain] = []
        self.setWindowTitle(_("KI Desktop – gesperrt"))
        self.setAccessibleName(_("Sperrbildschirm"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        self.title = QLabel(_("Gesperrt – {name}").format(name=display_name), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName(_("Gesperrt"))
        layout.addWidget(self.title)
        hint = QLabel(
            _(
                "KI Desktop wurde gesperrt. Geben Sie Ihr Passwort ein, um weiterzuarbeiten; "
                "offene Eingaben bleiben erhalten."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.password_edit = password_field(self, _("Passwort"))
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
        self.unlock_button = self.buttons.addButton(
            _("&Entsperren"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.unlock_button.setDefault(True)
        self.logout_button = self.buttons.addButton(
            _("Ab&melden"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.logout_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.try_unlock)
        self.logout_button.clicked.connect(self.logout_requested)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.countdown = LockoutCountdown(self.message, self)
        self.countdown.changed.connect(self._update)
        self.password_edit.textChanged.connect(self._update)
        self._update()

    @property
    def is_locked(self) -> bool:
        return self.isVisible()

    def lock(self) -> None:
        """Cover every window of the application and ask for the password."""
        if self.isVisible():
            return
        for widget in QApplication.topLevelWidgets():
            if widget is not self and widget.isVisible() and not isinstance(widget, Curtain):
                self.curtains.append(Curtain(widget))
        self.password_edit.clear()
        if not self.countdown.active:
            self.message.clear()
        parent = self.parentWidget()
        if parent is not None and parent.isVisible():
            centre = parent.frameGeometry().center()
            self.adjustSize()
            self.move(centre - self.rect().center())
        # Not open(): that would make it window-modal, and a dialog that was open beside the
        # main window would stay usable.
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.show()
        self.raise_()
        self.activateWindow()
        self.password_edit.setFocus()

    def _update(self) -> None:
        self.unlock_button.setEnabled(
            self.task is None and not self.countdown.active and bool(self.password_edit.text())
        )

    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        password = self.password_edit.text()
        verify = self._verify
        self.busy.show()
        self.password_edit.setEnabled(False)
        self.message.clear()
        self.task = run_account_call(lambda: verify(password), self._checked, self._refused)
        self._update()

    def _finished(self) -> None:
        self.task = None
        self.busy.hide()
        self.password_edit.setEnabled(True)
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _checked(self, right: object) -> None:
        self._finished()
        if right:
            self.unlock()
        else:
            self.message.setText("⚠ " + _("Das Passwort ist falsch."))
        self._update()

    def _refused(self, exc: BaseException, message: str) -> None:
        self._finished()
        seconds = retry_after(exc)
        if seconds:
            self.countdown.start(seconds)
        else:
            self.message.setText("⚠ " + message)
            self.adjustSize()  # a message of several lines must not be clipped
        self._update()

    def unlock(self) -> None:
        """Remove the curtains and close the lock screen."""
        for curtain in self.curtains:
            curtain.parentWidget().removeEventFilter(curtain)
            curtain.hide()
            curtain.deleteLater()
        self.curtains.clear()
        self.message.clear()
        self.done(QDialog.DialogCode.Accepted)
        self.unlocked.emit()

    # Escape and the close button do not unlock.
    def reject(self) -> None:
        pass

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
