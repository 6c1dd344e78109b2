"""Starting the GUI: application object, translations, database, main window, first-start
question, and the event loop."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ki_desktop.gui.error_reporting import install_exception_reporter
from ki_desktop.gui.main_window import DEFAULT_DEMO_SIZE, MainWindow
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.qt_translator import install_qt_translator
from ki_desktop.paths import APP_AUTHOR, APP_NAME, resources_dir
from ki_desktop.services.database import ServiceError, close_app_database, open_app_database

ORGANISATION = APP_AUTHOR  # "KI-NRW"
ICON = Path("icons") / "ki-desktop.svg"
# For unattended runs (start-up benchmark, smoke tests): quit this many milliseconds after the
# main window was shown, without asking anything.
QUIT_AFTER_SHOW_ENV = "KI_DESKTOP_QUIT_AFTER_SHOW_MS"


def application() -> QApplication:
    """The QApplication (created once), named for QSettings and the window manager."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    icon = resources_dir() / ICON
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def start_gui(
    app: QApplication,
    db_location: str | None,
    demo: bool = False,
    demo_size: int = DEFAULT_DEMO_SIZE,
    *,
    settings: QSettings | None = None,
    prompts: Prompts | None = None,
) -> MainWindow | None:
    """Open the database and show the main window; None (after telling the user) when the
    database cannot be opened. The UI language must be set before (see ki_desktop.app)."""
    settings = settings or QSettings(ORGANISATION, APP_NAME)
    prompts = prompts or Prompts()
    install_qt_translator(app, ui_language())
    try:
        info = open_app_database(db_location)
    except ServiceError as exc:
        prompts.error(
            None,
            _("Datenbank kann nicht geöffnet werden"),
            _(
                "Die Datenbank kann nicht geöffnet werden:\n\n{error}\n\nKI Desktop wird beendet."
            ).format(error=exc),
        )
        return None
    window = MainWindow(info.location, settings, prompts)
    window.show()
    quit_after = os.environ.get(QUIT_AFTER_SHOW_ENV, "").strip()
    if quit_after.isdigit():
        QTimer.singleShot(int(quit_after), app.quit)
    else:
        window.offer_demo_data(demo_requested=demo, size=demo_size)
    return window


def run_gui(
    db_location: str | None,
    demo: bool,
    demo_size: int,
    *,
    settings: QSettings | None = None,
    prompts: Prompts | None = None,
    log_dir: Path | None = None,
) -> int:
    """Run the desktop application until the window is closed; the exit code."""
    app = application()
    install_exception_reporter(log_dir)
    window = start_gui(app, db_location, demo, demo_size, settings=settings, prompts=prompts)
    if window is None:
        return 1
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        close_app_database()
