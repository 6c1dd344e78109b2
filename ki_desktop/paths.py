"""Where the application finds its bundled files and keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "ki-desktop"
APP_AUTHOR = "KI-NRW"
DB_ENV_VAR = "KI_DESKTOP_DB"


def _bundle_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The ``resources/`` folder: seed data, icons, fonts."""
    return _bundle_root() / "resources"


def translations_dir() -> Path:
    """The ``translations/`` folder with the gettext catalogues."""
    return _bundle_root() / "translations"


def database_location(given: str | None = None, configured: str | None = None) -> str:
    """Where the application's data is: ``--db`` (``given``) > ``$KI_DESKTOP_DB`` > the
    database chosen in the settings (``configured``: a server address) > the SQLite file in
    the user data folder. Each may be a file path or a ``postgresql://`` address."""
    for candidate in (given, os.environ.get(DB_ENV_VAR), configured):
        if candidate and str(candidate).strip():
            return str(candidate).strip()
    return default_db_path()


def default_db_path() -> str:
    """The database: ``$KI_DESKTOP_DB`` if set, else ``ki-desktop.sqlite`` in the user data folder."""
    env = os.environ.get(DB_ENV_VAR, "").strip()
    if env:
        return env
    from platformdirs import user_data_dir

    return str(Path(user_data_dir(APP_NAME, APP_AUTHOR)) / "ki-desktop.sqlite")
