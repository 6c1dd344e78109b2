"""Starting the GUI: application object, translations, login (or the first start), main
window, first-start questions, and the event loop."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from ki_desktop.gui.error_reporting import install_exception_reporter
from ki_desktop.gui.main_window import DEFAULT_DEMO_SIZE, MainWindow
from ki_desktop.gui.permissions_ui import install_permission_denied_handler, may_load_demo_data
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.start_dialogs import SignIn, StartDialogs, sign_in
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.qt_translator import install_qt_translator
from ki_desktop.paths import APP_AUTHOR, APP_NAME, resources_dir
from ki_desktop.services.database import close_app_database

log = logging.getLogger(__name__)
ORGANISATION = APP_AUTHOR  # "KI-NRW"
ICON = Path("icons") / "ki-desktop.svg"
# For unattended runs (start-up benchmark, smoke tests): quit this many milliseconds after the
# main window was shown, without asking anything. See gui/start_dialogs.py for how such a run
# logs in.
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


def quit_after_show_ms() -> int | None:
    """The unattended-run delay, when the environment sets one."""
    value = os.environ.get(QUIT_AFTER_SHOW_ENV, "").strip()
    return int(value) if value.isdigit() else None


def start_gui(
    app: QApplication,
    db_location: str | None,
    demo: bool = False,
    demo_size: int = DEFAULT_DEMO_SIZE,
    *,
    settings: QSettings | None = None,
    prompts: Prompts | None = None,
    dialogs: StartDialogs | None = None,
) -> MainWindow | None:
    """Log in (or set up the first administrator), then show the main window; None when the
    user quit at the login or the database cannot be opened (after telling the user). The UI
    language must be set before (see ki_desktop.app)."""
    settings = settings or QSettings(ORGANISATION, APP_NAME)
    prompts = prompts or Prompts()
    install_qt_translator(app, ui_language())
    quit_after = quit_after_show_ms()
    signed: SignIn | None = sign_in(
        db_location,
        settings,
        prompts,
        dialogs if dialogs is not None else StartDialogs(),
        unattended=quit_after is not None,
    )
    if signed is None:
        return None
    window = MainWindow(signed.location, settings, prompts)
    window.show()
    if signed.with_account:
        window.account_menu.start_auto_lock()
    if quit_after is not None:
        QTimer.singleShot(quit_after, app.quit)
        return window
    if signed.first_admin is not None:
        offer_deleting_plain_copies(window, prompts, signed.first_admin)
    if may_load_demo_data():
        window.offer_demo_data(demo_requested=demo, size=demo_size)
    return window


def offer_deleting_plain_copies(window: MainWindow, prompts: Prompts, first_admin) -> int:
    """After encrypting an existing database: older unencrypted copies beside it (migration
    backups) are offered for deletion."""
    copies = tuple(getattr(first_admin, "plain_copies", ()) or ())
    if not copies:
        return 0
    from ki_desktop.services import accounts

    names = "\n".join(f"• {Path(p).name}" for p in copies)
    if not prompts.confirm(
        window,
        _("Unverschlüsselte Kopien"),
        _(
            "Die Datenbank ist jetzt verschlüsselt. Neben ihr liegen noch ältere, "
            "unverschlüsselte Kopien (Sicherungen vor Programm-Updates):\n\n{names}\n\n"
            "Sie enthalten dieselben Fallakten ohne Schutz. Jetzt sicher löschen?"
        ).format(names=names),
    ):
        return 0
    return accounts.delete_plain_copies(copies)


def run_gui(
    db_location: str | None,
    demo: bool,
    demo_size: int,
    *,
    settings: QSettings | None = None,
    prompts: Prompts | None = None,
    log_dir: Path | None = None,
    dialogs: StartDialogs | None = None,
) -> int:
    """Run the desktop application until the window is closed; the exit code."""
    app = application()
    install_exception_reporter(log_dir)
    install_permission_denied_handler()
    dialogs = dialogs if dialogs is not None else StartDialogs()
    window = start_gui(
        app, db_location, demo, demo_size, settings=settings, prompts=prompts, dialogs=dialogs
    )
    if window is None:
        QThreadPool.globalInstance().waitForDone()
        close_app_database()
        return 0 if dialogs.cancelled else 1  # quitting at the login is no error
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        if window.account_menu.signed_in:
            log_out_on_quit()
        close_app_database()


def log_out_on_quit() -> None:
    """Audit the logout and close the database; when the server is away, the logout cannot
    be audited, which is no reason to fail quitting (the database is closed all the same)."""
    from ki_desktop.services import accounts
    from ki_desktop.services.errors import ServiceError

    try:
        accounts.logout()  # audits the logout, closes the database, forgets its key
    except ServiceError as exc:
        log.warning("Logout on quit not recorded: %s", exc)
        from ki_desktop.services import session
        from ki_desktop.services.accounts_keys import remember_location

        session.end()
        remember_location(None)  # forget the server's key all the same
