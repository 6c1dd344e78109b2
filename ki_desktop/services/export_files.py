"""Writing an export file whole or not at all: into a temporary file beside the target, then
renamed over it, so that a cancelled or failed export never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ki_desktop.i18n import _
from ki_desktop.reports.errors import FontMissingError  # no reportlab: used at start-up too
from ki_desktop.services.database import ServiceError


class ExportCancelled(ServiceError):
    """The user cancelled the export; no file was written."""


def write_atomically(target: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(temporary path)`` and move the result to ``target``.

    A missing font or a folder that cannot be written become a :class:`ServiceError` with a
    German message; on any failure (also :class:`ExportCancelled`) the temporary file goes.
    """
    target = Path(target)
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{target.stem}-", suffix=".part", dir=target.parent or None
        )
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, target)
    except FontMissingError as exc:
        raise ServiceError(str(exc)) from exc
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    finally:
        temporary.unlink(missing_ok=True)
    return target


def _cannot_write(target: Path, exc: OSError) -> ServiceError:
    return ServiceError(
        _(
            "{path} kann nicht geschrieben werden: {error}. Bitte einen anderen Ordner wählen."
        ).format(path=target, error=exc.strerror or exc)
    )
