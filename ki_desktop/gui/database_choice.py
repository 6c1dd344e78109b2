"""Which database this computer works with, as chosen in „Einstellungen“: the SQLite file in
the user data folder or a PostgreSQL server. The choice takes effect at the next start;
``--db`` and ``$KI_DESKTOP_DB`` still come first (see :func:`ki_desktop.paths.database_location`).
The server address is kept without a password."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ki_desktop.paths import APP_AUTHOR, APP_NAME, database_location

KIND_KEY = "database/kind"
SERVER_KEY = "database/server"
FILE, SERVER = "file", "server"


def chosen_kind(settings: QSettings) -> str:
    """ "file" or "server"."""
    return SERVER if settings.value(KIND_KEY, FILE) == SERVER else FILE


def chosen_server(settings: QSettings) -> str:
    """The server address entered in the settings (kept even while the file is chosen)."""
    value = settings.value(SERVER_KEY, "")
    return value if isinstance(value, str) else ""


def configured_location(settings: QSettings) -> str | None:
    """The server address when the settings choose a server, else None (the file)."""
    server = chosen_server(settings)
    return server if chosen_kind(settings) == SERVER and server else None


def save_choice(settings: QSettings, kind: str, server: str) -> None:
    """Keep the choice; ``server`` must already be checked and free of a password."""
    settings.setValue(KIND_KEY, SERVER if kind == SERVER else FILE)
    settings.setValue(SERVER_KEY, server)


def startup_database_location(given: str | None, settings: QSettings | None = None) -> str:
    """The database the GUI opens at start (``settings`` defaults to the application's own
    QSettings, readable before the QApplication exists)."""
    settings = settings if settings is not None else QSettings(APP_AUTHOR, APP_NAME)
    return database_location(given, configured_location(settings))
