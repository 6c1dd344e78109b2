"""Errors of the use cases; their messages are for the user."""

from __future__ import annotations

from ki_desktop.store.server_address import ConnectionLost, ServerError
from ki_desktop.store.server_link import set_busy_type, set_connection_lost_type


class ServiceError(RuntimeError):
    """A use case could not be carried out; the message is for the user."""


class PermissionDenied(ServiceError):
    """The logged-in user's roles do not allow this; the message names what is missing."""


class NotLoggedIn(PermissionDenied):
    """No one is logged in (or the session was locked)."""


class ServerUnavailable(ServiceError, ConnectionLost):
    """The connection to the database server broke off (or the server does not answer);
    the message says whether anything was saved. Raised by the store itself (see
    :func:`ki_desktop.store.server_link.set_connection_lost_type`), so that every place that
    shows a service's error shows this one too."""


class ServerBusy(ServiceError, ServerError):
    """Another client held the record (or, during its sync import, the synced tables) longer
    than the server waits for it: nothing was saved, the input stays; saving again in a few
    seconds works."""


set_connection_lost_type(ServerUnavailable)
set_busy_type(ServerBusy)
