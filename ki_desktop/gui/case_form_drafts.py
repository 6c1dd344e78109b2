"""The case form's autosave: what was typed is kept as a draft a moment after the last key.

While the database server is away the draft cannot be written. The input stays in the form,
the failure is logged once (the status bar tells the user that the server is away, see
``gui.server_status``), and the autosave timer ticks on: quietly, without touching the
network, while the server is known to be away, and it writes the draft at the first tick
after the server answers again. No dialog is shown for a draft."""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer

from ki_desktop.services import intake, server_connection
from ki_desktop.services.errors import PermissionDenied, ServerUnavailable, ServiceError

log = logging.getLogger(__name__)


class DraftSaver:
    """Writes or forgets the draft of one form; ``timer`` is the form's autosave timer."""

    def __init__(self, timer: QTimer, user: str) -> None:
        self.timer = timer
        self.user = user
        self.pending = False  # the last write failed for a lost connection: retried

    def keep(self, key: str, payload: dict, typed: bool) -> None:
        """The draft ``key`` holds ``payload`` (``typed``) or is forgotten (nothing typed)."""
        self.timer.stop()
        if self.pending and not server_connection.is_available():
            self.timer.start()  # the next tick looks again
            return
        try:
            if typed:
                intake.save_draft(key, self.user, payload)
            else:
                intake.discard_draft(key)
        except PermissionDenied:
            raise  # the session changed: the window's permission handling says so
        except ServiceError as exc:
            if not self.pending:  # once per outage, not at every tick
                log.warning("draft not saved: %s", exc)
            self.pending = isinstance(exc, ServerUnavailable)
            if self.pending:
                self.timer.start()
            return
        if self.pending:
            log.info("draft saved after the server came back")
        self.pending = False

    def stop(self) -> None:
        """Nothing more to keep (a draft was loaded into the form)."""
        self.timer.stop()
        self.pending = False

    def forget(self, key: str) -> None:
        """The form was saved or its input discarded: the draft ``key`` goes. When the server
        is away it stays (offered again later) and that is only logged."""
        self.stop()
        try:
            intake.discard_draft(key)
        except PermissionDenied:
            raise
        except ServiceError as exc:
            log.warning("draft not discarded: %s", exc)
