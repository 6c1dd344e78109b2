"""Unexpected errors in the GUI: the traceback goes to a log file in the user's log folder,
the user sees a polite German message instead.

A lost connection to the database server is no unexpected error: it gets its own message,
once per outage (the status bar shows the rest, see ``gui.server_status``)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ki_desktop.i18n import _
from ki_desktop.logs import setup_logging
from ki_desktop.services import server_connection
from ki_desktop.services.errors import ServerUnavailable

log = logging.getLogger("ki_desktop")


class ExceptionReporter:
    """A ``sys.excepthook``: logs the traceback, then shows one message box at a time."""

    def __init__(self, log_file: Path | None) -> None:
        self.log_file = log_file
        self.box: QMessageBox | None = None
        self._told_outage = False

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, ServerUnavailable):
            self._connection_lost(exc, tb)
            return
        log.critical("Unerwarteter Fehler", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None or (self.box is not None and self.box.isVisible()):
            return
        self.box = self._message_box(QApplication.activeWindow(), exc)
        self.box.show()

    def _connection_lost(self, exc: BaseException, tb: TracebackType | None) -> None:
        log.warning("Verbindung zum Datenbankserver verloren", exc_info=(type(exc), exc, tb))
        if server_connection.is_available():
            self._told_outage = False  # the server was back in between: a new outage
        if self._told_outage or QApplication.instance() is None:
            return
        if self.box is not None and self.box.isVisible():
            return
        self._told_outage = True
        text = _(
            "{detail}\n\nIhre Eingaben bleiben erhalten. Sobald der Server wieder erreichbar "
            "ist (unten rechts in der Statusleiste zu sehen), bitte die Aktion wiederholen."
        ).format(detail=str(exc).strip())
        title = _("Verbindung zum Server unterbrochen")
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            title,
            text,
            QMessageBox.StandardButton.Ok,
            QApplication.activeWindow(),
        )
        box.setAccessibleName(title)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._forget_box)
        self.box = box
        box.show()

    def _message_box(self, parent: QWidget | None, exc: BaseException) -> QMessageBox:
        detail = str(exc).strip() or exc.__class__.__name__
        text = _(
            "Es ist ein unerwarteter Fehler aufgetreten. Die zuletzt begonnene Aktion wurde "
            "möglicherweise nicht abgeschlossen; bitte prüfen Sie das Ergebnis.\n\n"
            "Fehlermeldung: {detail}\n\n"
            "Die technischen Einzelheiten stehen in der Protokolldatei\n{path}\n"
            "Wenn der Fehler wieder auftritt, geben Sie diese Datei bitte an die Administration "
            "weiter."
        ).format(detail=detail, path=self.log_file or _("(keine Protokolldatei verfügbar)"))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Unerwarteter Fehler"),
            text,
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setAccessibleName(_("Unerwarteter Fehler"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.destroyed.connect(self._forget_box)
        return box

    def _forget_box(self) -> None:
        self.box = None


def install_exception_reporter(log_dir: Path | None = None) -> ExceptionReporter:
    """Set up the log file and make the reporter the interpreter's ``sys.excepthook``."""
    reporter = ExceptionReporter(setup_logging(log_dir))
    sys.excepthook = reporter
    return reporter
