"""Server mode for the windows: whether the open database is a server, its address as the
settings keep it, and whether the server answers (the status bar listens and checks)."""

from __future__ import annotations

from collections.abc import Callable

from ki_desktop.i18n import _
from ki_desktop.services import database
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import connection, server_link
from ki_desktop.store.models import DB
from ki_desktop.store.server_address import (
    EXAMPLE,
    ServerError,
    is_server_location,
    parse_address,
)

EXAMPLE_ADDRESS = EXAMPLE  # what a server address looks like (a placeholder)


def on_server() -> bool:
    """Whether the open database is on a PostgreSQL server (not a SQLite file)."""
    return connection.is_server()


def is_server_address(location: str | None) -> bool:
    """Whether ``location`` names a server (``postgresql://…``) rather than a file."""
    return is_server_location(location)


def checked_address(text: str) -> str:
    """The server address as it may be kept (in the settings, on screen): checked, and
    without a password even when one was typed into it (:class:`ServiceError` says what is
    wrong)."""
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Bitte die Adresse des Datenbankservers angeben."))
    if not is_server_location(text) and "://" not in text:
        # "beratung@server/ki" is understood; "http://…" is named as no server address.
        text = "postgresql://" + text
    try:
        return parse_address(text).url
    except ServerError as exc:
        raise ServiceError(str(exc)) from exc


def address_had_password(text: str) -> bool:
    """Whether a password was typed into the address (it is left out when kept)."""
    try:
        return parse_address((text or "").strip()).password is not None
    except ServerError:
        return False


def open_location() -> str:
    """The database the application works with now, as it may be shown: the server's address
    without a password, or the file ("" when none is open)."""
    db = DB.obj
    address = getattr(db, "address", None)
    location = address.url if address is not None else str(getattr(db, "database", "") or "")
    # The store keeps the last database bound after it was closed: only an open one counts.
    return location if location and database.is_open(location) else ""


def server_host() -> str:
    """The open server's ``host:port`` (empty on a SQLite file)."""
    db = DB.obj
    address = getattr(db, "address", None)
    return "" if address is None else f"{address.host}:{address.port}"


def add_listener(listener: Callable[[bool], None]) -> None:
    """Call ``listener(False)`` when the connection to the server is lost and
    ``listener(True)`` when it is back; from whichever thread noticed."""
    server_link.add_status_listener(listener)


def remove_listener(listener: Callable[[bool], None]) -> None:
    server_link.remove_status_listener(listener)


def is_available() -> bool:
    """False from a lost connection until the server answers again."""
    return server_link.is_available()


def probe(hold_s: float) -> bool:
    """Whether the server answers now (for a background check; takes up to two seconds).
    While it does not, database calls fail at once for ``hold_s`` seconds instead of each
    waiting for the network."""
    db = DB.obj
    check = getattr(db, "probe", None)
    return True if check is None else bool(check(hold_s))
