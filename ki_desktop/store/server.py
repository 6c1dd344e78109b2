"""PostgreSQL server mode: the address, the password and the connection.

A location ``postgresql://user@host[:port]/dbname`` selects a shared server instead of the
SQLite file. The password is never part of what is stored: libpq finds it in ``PGPASSWORD``
or ``~/.pgpass`` by itself; otherwise the application asks its password source (the OS
keyring, then a prompt; see ``services.server_login``) once per process and keeps it in
memory only for reconnecting.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

import peewee as pw

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_PORT = 5432
CONNECT_TIMEOUT_S = 5
# Some libpq parameters may be given in the address (``?sslmode=require``); nothing else.
ALLOWED_PARAMS = frozenset({"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"})


class ServerError(RuntimeError):
    """The server cannot be reached or refused the login; the message says what to do."""


class ConnectionLost(ServerError):
    """The connection to the server broke off while working."""


def is_server_location(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL server (not a SQLite file)."""
    return isinstance(location, str) and location.startswith(SCHEMES)


@dataclass(frozen=True, slots=True)
class ServerAddress:
    user: str
    host: str
    port: int
    dbname: str
    params: tuple[tuple[str, str], ...] = ()
    # Given in the address itself (scripts); never stored or shown.
    password: str | None = field(default=None, compare=False, repr=False)

    @property
    def url(self) -> str:
        """The address as stored and shown: without a password."""
        user = f"{self.user}@" if self.user else ""
        port = f":{self.port}" if self.port != DEFAULT_PORT else ""
        query = "&".join(f"{k}={v}" for k, v in self.params)
        return f"postgresql://{user}{self.host}{port}/{self.dbname}" + (
            f"?{query}" if query else ""
        )

    @property
    def keyring_name(self) -> str:
        """The entry of this login in the OS keyring."""
        return f"{self.user}@{self.host}:{self.port}/{self.dbname}"


def parse_address(location: str) -> ServerAddress:
    """The parts of a ``postgresql://`` address; :class:`ServerError` names what is wrong."""
    if not is_server_location(location):
        raise ServerError(f"{location} ist keine PostgreSQL-Adresse (postgresql://…).")
    try:
        parts = urlsplit(location)
        port = parts.port or DEFAULT_PORT
    except ValueError as exc:
        raise ServerError(
            f"Die Serveradresse ist ungültig ({exc}). Beispiel: "
            "postgresql://beratung@server.kommune.local/ki"
        ) from exc
    dbname = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not dbname or "/" in dbname:
        raise ServerError(
            "Die Serveradresse braucht Rechner und Datenbank, zum Beispiel "
            "postgresql://beratung@server.kommune.local/ki"
        )
    params = tuple(parse_qsl(parts.query))
    unknown = sorted({k for k, _v in params} - ALLOWED_PARAMS)
    if unknown:
        raise ServerError(
            f"Unbekannte Angabe in der Serveradresse: {', '.join(unknown)}. Erlaubt sind "
            f"{', '.join(sorted(ALLOWED_PARAMS))}."
        )
    return ServerAddress(
        user=unquote(parts.username or ""),
        host=parts.hostname,
        port=port,
        dbname=dbname,
        params=params,
        password=unquote(parts.password) if parts.password is not None else None,
    )


# (address, why the last attempt failed or None) -> the password, or None when the user
# cancels. Set by the services (keyring, then prompt); without one only libpq's own sources
# (PGPASSWORD, ~/.pgpass) are used.
PasswordSource = Callable[[ServerAddress, str | None], str | None]
_source: dict[str, PasswordSource | None] = {"fn": None}


def set_password_source(source: PasswordSource | None) -> None:
    _source["fn"] = source


def _needs_password(exc: Exception) -> bool:
    text = str(exc)
    return "password" in text and ("authentication failed" in text or "no password" in text)


def describe_failure(address: ServerAddress, exc: Exception) -> str:
    """A German message for a failed connection, without the server's raw text when the
    cause is clear."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if _needs_password(exc):
        return (
            f"Die Anmeldung am Datenbankserver als „{address.user}“ ist fehlgeschlagen. "
            "Bitte das Passwort prüfen."
        )
    if "does not exist" in text and "database" in text:
        return (
            f"Die Datenbank „{address.dbname}“ gibt es auf {address.host} nicht. Bitte die "
            "Adresse prüfen oder die Datenbank von der Administration anlegen lassen."
        )
    if "timeout" in text or "Connection refused" in text or "could not" in text:
        return (
            f"Der Datenbankserver {address.host}:{address.port} ist nicht erreichbar. Bitte "
            "die Netzwerkverbindung prüfen und es erneut versuchen."
        )
    return f"Verbindung zum Datenbankserver fehlgeschlagen: {text}"


def qmark_to_format(sql: str) -> str:
    """``?`` placeholders as ``%s`` (a literal ``%`` doubled); ``?`` inside quoted text
    stays."""
    out: list[str] = []
    quote = ""
    for char in sql:
        if quote:
            if char == quote:
                quote = ""
            out.append("%%" if char == "%" else char)
        elif char in "'\"":
            quote = char
            out.append(char)
        elif char == "?":
            out.append("%s")
        else:
            out.append("%%" if char == "%" else char)
    return "".join(out)


class ServerDatabase(pw.PostgresqlDatabase):
    """PostgreSQL through psycopg2, with the password found once and kept in memory."""

    def __init__(self, address: ServerAddress, **kwargs) -> None:
        self.address = address
        self._password = address.password
        self._password_lock = threading.Lock()
        params = dict(address.params)
        params.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
        super().__init__(
            address.dbname,
            host=address.host,
            port=address.port,
            user=address.user or None,
            application_name="ki-desktop",
            # A dead server or network shows within about half a minute, not hours.
            keepalives=1,
            keepalives_idle=10,
            keepalives_interval=5,
            keepalives_count=3,
            **params,
            **kwargs,
        )

    def execute_sql(self, sql, params=None, *args, **kwargs):
        """Hand-written SQL of the repositories uses SQLite's ``?`` placeholders; they become
        psycopg2's ``%s`` here (peewee's own SQL has no ``?``)."""
        if "?" in sql:
            sql = qmark_to_format(sql)
        return super().execute_sql(sql, params, *args, **kwargs)

    def forget_password(self) -> None:
        self._password = None

    def _connect(self):
        import psycopg2

        self._adapter.check_driver()
        failure: str | None = None
        for _attempt in range(4):
            params = dict(self.connect_params)
            if self._password is not None:
                params["password"] = self._password
            try:
                conn = self._adapter.connect(self, **params)
            except psycopg2.OperationalError as exc:
                if not _needs_password(exc):
                    raise ServerError(describe_failure(self.address, exc)) from exc
                failure = describe_failure(self.address, exc) if self._password else None
                source = _source["fn"]
                if source is None:
                    raise ServerError(describe_failure(self.address, exc)) from exc
                with self._password_lock:
                    password = source(self.address, failure)
                if password is None:
                    raise ServerError(
                        "Ohne Passwort für den Datenbankserver kann nicht gearbeitet werden."
                    ) from exc
                self._password = password
                continue
            conn.autocommit = True  # peewee begins and ends every transaction itself
            return conn
        raise ServerError(
            f"Die Anmeldung am Datenbankserver als „{self.address.user}“ ist mehrmals "
            "fehlgeschlagen. Bitte das Passwort bei der Administration erfragen."
        )


def open_server(location: str) -> ServerDatabase:
    """Connect to the server at ``location`` (raises :class:`ServerError`)."""
    address = parse_address(location)
    db = ServerDatabase(address)
    db.connect(reuse_if_open=True)
    return db
