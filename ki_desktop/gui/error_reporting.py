"""Unexpected errors in the GUI: the traceback goes to a log file in the user's log folder,
the user sees a polite German message instead."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ki_desktop.i18n import _
from ki_desktop.logs import setup_logging

log = logging.getLogger("ki_desktop")


class ExceptionReporter:
    """A ``sys.excepthook``: logs the traceback, then shows one message box at a time."""

    def __init__(self, log_file: Path | None) -> None:
        self.log_file = log_file
        self.box: QMessageBox | None = None

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("Unerwarteter Fehler", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None or (self.box is not None and self.box.isVisible()):
            return
        self.box = self._message_box(QApplication.activeWindow(), exc)
        self.box.show()

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
