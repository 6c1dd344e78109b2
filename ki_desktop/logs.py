"""The application's log file (warnings, errors and their tracebacks) in the user log folder.

Users never see a traceback; it goes here, and the message they see names this file.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ki_desktop.paths import APP_AUTHOR, APP_NAME

log = logging.getLogger("ki_desktop")

LOG_FILE_NAME = "ki-desktop.log"


def default_log_dir() -> Path:
    """The operating system's per-user log folder for the application."""
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, APP_AUTHOR))


def setup_logging(directory: Path | None = None) -> Path | None:
    """Log to ``ki-desktop.log`` (rotated at 1 MB) and never to the console; returns the file,
    or None when the folder cannot be written (then nothing is logged, nothing is printed)."""
    from logging.handlers import RotatingFileHandler  # not needed before something goes wrong

    log.propagate = False
    directory = directory or default_log_dir()
    path = directory / LOG_FILE_NAME
    for handler in log.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        log.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path
