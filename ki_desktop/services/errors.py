"""Errors of the use cases; their messages are for the user."""

from __future__ import annotations


class ServiceError(RuntimeError):
    """A use case could not be carried out; the message is for the user."""


class PermissionDenied(ServiceError):
    """The logged-in user's roles do not allow this; the message names what is missing."""


class NotLoggedIn(PermissionDenied):
    """No one is logged in (or the session was locked)."""
