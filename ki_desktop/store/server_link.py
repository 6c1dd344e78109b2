"""What server mode shares beyond one connection: where a password comes from, which error
class a lost connection raises, and whether the server is reachable (for the status bar).

The services fill these in (``services.server_login``, ``services.errors``); the store only
calls them, so it imports nothing above itself.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable

from ki_desktop.store.server_address import ConnectionLost, ServerAddress, ServerError

# (address, why the last attempt failed or None) -> the password, or None when the user
# cancels. Set by the services; without one only libpq's own sources are used. ``accepted``
# hears which password the server took (to remember it in the keyring if asked to).
PasswordSource = Callable[[ServerAddress, str | None], str | None]
_source: dict[str, Callable | None] = {"fn": None, "accepted": None}


def set_password_source(
    fn: PasswordSource | None,
    accepted: Callable[[ServerAddress, str], None] | None = None,
) -> None:
    """Where a password comes from when the server asks for one."""
    _source["fn"] = fn
    _source["accepted"] = accepted


# The class raised for a lost connection; the services put in their own subclass (one that
# is also a ServiceError), so that every place that shows a service's error shows this one.
_lost_type: dict[str, type[ConnectionLost]] = {"cls": ConnectionLost}


def set_connection_lost_type(cls: type[ConnectionLost]) -> None:
    _lost_type["cls"] = cls


def password_source() -> PasswordSource | None:
    return _source["fn"]


def password_accepted(address: ServerAddress, password: str) -> None:
    """Tell the source which password the server took."""
    accepted = _source["accepted"]
    if accepted is not None:
        accepted(address, password)


def lost(message: str) -> ConnectionLost:
    return _lost_type["cls"](message)


# The class raised when a row stayed locked by another client for too long (the services'
# subclass is a ServiceError too, like the lost connection's).
_busy_type: dict[str, type[ServerError]] = {"cls": ServerError}


def set_busy_type(cls: type[ServerError]) -> None:
    _busy_type["cls"] = cls


def busy(message: str) -> ServerError:
    return _busy_type["cls"](message)


# Whether the server answers, for the status bar: listeners are called (from any thread)
# with False when the connection is lost and True when it is back.
StatusListener = Callable[[bool], None]
_listeners: list[StatusListener] = []
_status = {"available": True}
_status_lock = threading.Lock()


def add_status_listener(listener: StatusListener) -> None:
    with _status_lock:
        _listeners.append(listener)


def remove_status_listener(listener: StatusListener) -> None:
    with _status_lock, contextlib.suppress(ValueError):
        _listeners.remove(listener)


def is_available() -> bool:
    """False from a lost connection until the server answers again."""
    return _status["available"]


def report(available: bool) -> None:
    """Tell the listeners when the server went away or came back (changes only)."""
    with _status_lock:
        if _status["available"] == available:
            return
        _status["available"] = available
        listeners = list(_listeners)
    for listener in listeners:
        listener(available)
