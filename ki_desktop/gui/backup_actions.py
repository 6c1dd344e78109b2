"""Backups in the main window: the automatic backup shortly after start and, checked every
hour, once a day; „Datensicherung jetzt…“ and „Wiederherstellen…“ in the menu „Datei“ for the
administration; the status bar says when an automatic backup was written and shows a warning
button while the last one failed.

Automatic backups run on the thread pool without a dialog (nobody is interrupted while
typing); a backup on request and a restore show their progress.

On a PostgreSQL server the server's administration backs the database up: no automatic
backups, „Wiederherstellen…“ is hidden and „Datensicherung…“ says who backs it up.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStyle, QToolButton

from ki_desktop.domain.backup_rotation import backup_name
from ki_desktop.domain.roles import Permission
from ki_desktop.gui.background import BackgroundOperation, failure_message, run_in_background
from ki_desktop.gui.backup_dialogs import BackupCredentials
from ki_desktop.gui.backup_restore import FILE_FILTER, RestoreActions
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _, ui_language
from ki_desktop.services import backups, session

log = logging.getLogger(__name__)

HOUR_MS = 60 * 60 * 1000
START_DELAY_MS = 5_000  # after the window is usable, not during start-up
NEVER_MS = 2**31 - 1  # the progress dialog of an automatic backup never shows


def _decimal(value: float) -> str:
    """One decimal in the conventions of the user interface's language („2,3“ in German)."""
    return format_decimal(value, format="#,##0.0", locale=ui_language())


def _size(size: int) -> str:
    return _("{mb} MB").format(mb=_decimal(size / 1_000_000))


class BackupActions(QObject, RestoreActions):
    """Owned by the main window (see :func:`install_backups`). ``clock`` gives the local
    time; ``ask_credentials`` and ``confirm_restore`` are the restore's two dialogs (tests
    answer them); ``quit_app`` ends the application after a restore."""

    def __init__(
        self,
        window: QMainWindow,
        prompts: Prompts,
        *,
        clock: Callable[[], datetime] = datetime.now,
        ask_credentials: Callable[[str], BackupCredentials | None] | None = None,
        confirm_restore: Callable[[str, str, str], bool] | None = None,
        quit_app: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(window)
        self.window, self.prompts, self.clock = window, prompts, clock
        self._ask_credentials = ask_credentials or self._credentials_dialog
        self._confirm_restore = confirm_restore or self._confirm_dialog
        self._quit = quit_app
        self.operation: BackgroundOperation | None = None  # the one running
        self.last_error = ""

        self.on_server = backups.on_server()
        self.actionBackupNow = QAction(_("Daten&sicherung jetzt…"), window)
        self.actionBackupNow.setShortcut(QKeySequence("Ctrl+Shift+B"))
        self.actionBackupNow.setToolTip(_("Eine Sicherung der Datenbank schreiben"))
        if self.on_server:
            self.actionBackupNow.setText(_("Daten&sicherung (Server)…"))
            self.actionBackupNow.setToolTip(_("Wer die Datenbank auf dem Server sichert"))
        self.actionBackupNow.triggered.connect(self.backup_now)
        self.actionRestore = QAction(_("&Wiederherstellen…"), window)
        self.actionRestore.setToolTip(_("Die Datenbank durch eine Sicherung ersetzen"))
        self.actionRestore.triggered.connect(self.restore)
        self._add_to_menu(window)

        self.warning = QToolButton(window)
        self.warning.setAutoRaise(True)
        self.warning.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.warning.setIcon(
            window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        )
        self.warning.setText(_("Datensicherung fehlgeschlagen"))
        self.warning.setAccessibleName(_("Datensicherung fehlgeschlagen"))
        self.warning.clicked.connect(self.show_failure)
        window.statusBar().addPermanentWidget(self.warning)
        self.warning.hide()

        self.timer = QTimer(self)
        self.timer.setInterval(HOUR_MS)
        self.timer.timeout.connect(self.check_daily)
        self.update_permissions()

    def _add_to_menu(self, window: QMainWindow) -> None:
        ui = getattr(window, "ui", None)
        menu: QMenu | None = getattr(ui, "menuFile", None)
        quit_action = getattr(ui, "actionQuit", None)
        if menu is None:
            menu = QMenu(_("&Datensicherung"), window)
            window.menuBar().addMenu(menu)
        for action in (self.actionBackupNow, self.actionRestore):
            if quit_action is not None:
                menu.insertAction(quit_action, action)
            else:
                menu.addAction(action)
        if quit_action is not None:
            menu.insertSeparator(quit_action)
        self.menu = menu

    def update_permissions(self) -> None:
        """Show the two actions to whoever may back up and restore."""
        allowed = session.may(Permission.BACKUP)
        for action in (self.actionBackupNow, self.actionRestore):
            shown = allowed and not (self.on_server and action is self.actionRestore)
            action.setVisible(shown)
            action.setEnabled(shown)

    # --- automatic -------------------------------------------------------------------------

    def start(self, delay_ms: int | None = None) -> None:
        """The start backup after ``delay_ms`` (default :data:`START_DELAY_MS`), then the
        hourly check for the daily one."""
        if self.on_server:
            return  # backed up on the server
        if delay_ms is None:
            delay_ms = START_DELAY_MS
        QTimer.singleShot(delay_ms, self, lambda: self.run_automatic(at_start=True))
        self.timer.start()

    def check_daily(self) -> BackgroundOperation | None:
        """Run the daily backup when it is due (called every hour)."""
        if session.current_or_none() is None or self.operation is not None:
            return None
        if not backups.automatic_backup_due(self.clock()):
            return None
        return self.run_automatic(at_start=False)

    def run_automatic(self, at_start: bool) -> BackgroundOperation | None:
        """Write the automatic backup in the background, without a dialog."""
        if session.current_or_none() is None or self.operation is not None or self.on_server:
            return None
        now = self.clock()

        def work(progress, cancelled):
            # run_in_background closes the pool thread's connection when this returns
            return backups.run_automatic_backup(now, at_start=at_start)

        self.window.statusBar().showMessage(_("Automatische Datensicherung läuft …"), 30_000)
        return self._run(
            work,
            title=_("Automatische Datensicherung"),
            on_success=self._automatic_written,
            on_failure=self._automatic_failed,
            cancellable=False,
            show_after_ms=NEVER_MS,
        )

    def _automatic_written(self, report: backups.BackupReport | None) -> None:
        self.warning.hide()
        self.last_error = ""
        if report is None:
            self.window.statusBar().clearMessage()
            return
        self.window.statusBar().showMessage(
            _("Automatische Datensicherung geschrieben: {name} ({size}, {seconds} s)").format(
                name=report.path.name, size=_size(report.size), seconds=_decimal(report.seconds)
            ),
            15_000,
        )

    def _automatic_failed(self, exc: BaseException) -> None:
        self.last_error = failure_message(exc)
        self.window.statusBar().showMessage(
            _("Die automatische Datensicherung ist fehlgeschlagen – Einzelheiten unten rechts."),
            60_000,
        )
        self.warning.setToolTip(str(exc))
        self.warning.show()

    def show_failure(self) -> None:
        """What went wrong with the last automatic backup; offers to try again."""
        again = self.prompts.confirm(
            self.window,
            _("Datensicherung fehlgeschlagen"),
            self.last_error + "\n\n" + _("Jetzt erneut versuchen?"),
        )
        if again:
            self.run_automatic(at_start=True)

    # --- on request ------------------------------------------------------------------------

    def backup_now(self) -> BackgroundOperation | None:
        """Ask where (the rotating folder is proposed) and write a backup with progress; on
        a server, say who backs it up."""
        if self.on_server:
            self.prompts.inform(self.window, _("Datensicherung"), _(backups.SERVER_BACKUP_NOTE))
            return None
        if self.operation is not None:
            return None
        suggested = backups.backup_folder() / backup_name(self.clock())
        name = self.prompts.save_file_name(
            self.window, _("Datensicherung speichern"), str(suggested), _(FILE_FILTER)
        )
        if not name:
            return None
        target = Path(name)

        def work(progress, cancelled):
            def step(done: int, total: int) -> None:
                if cancelled():
                    raise backups.BackupCancelled(_("Abgebrochen."))
                progress(done, total)

            return backups.backup_now("manual", target, step)

        return self._run(
            work,
            title=_("Datensicherung"),
            label=_("Die Datenbank wird gesichert …"),
            on_success=self._written,
            on_cancelled=lambda: self.window.statusBar().showMessage(
                _("Datensicherung abgebrochen."), 10_000
            ),
        )

    def _written(self, report: backups.BackupReport) -> None:
        text = _("Die Sicherung wurde geschrieben:\n{path} ({size})").format(
            path=report.path, size=_size(report.size)
        )
        if report.keys_path:
            text += "\n\n" + _(
                "Dazu gehört die Schlüsseldatei\n{keys}\nBitte beide Dateien zusammen "
                "aufbewahren. Zum Wiederherstellen braucht es das Passwort eines Benutzers, "
                "wie es heute gilt, oder den Wiederherstellungsschlüssel."
            ).format(keys=report.keys_path)
        self.window.statusBar().showMessage(
            _("Sicherung geschrieben: {name}").format(name=report.path.name), 15_000
        )
        self.prompts.inform(self.window, _("Datensicherung"), text.replace("\n", "<br>"))

    # --- the shared runner -----------------------------------------------------------------

    def _run(self, work, *, title: str, label: str = "", **options) -> BackgroundOperation:
        operation = run_in_background(self.window, work, title=title, label=label, **options)
        self.operation = operation
        operation.finished.connect(self._finished)
        return operation

    def _finished(self, _ok: bool) -> None:
        self.operation = None


def install_backups(window: QMainWindow, prompts: Prompts | None = None) -> BackupActions:
    """Add backups to the main window (after login): the menu entries, the status bar
    warning, the start backup in a few seconds and the hourly check for the daily one."""
    actions = BackupActions(window, prompts or getattr(window, "prompts", None) or Prompts())
    actions.start()
    return actions
