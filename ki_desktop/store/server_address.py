"""The address of a PostgreSQL server (``postgresql://user@host[:port]/dbname``), the errors
of server mode and their German messages.

The password is never part of what is stored or shown: :attr:`ServerAddress.url` leaves it
out even when a script put it into the address.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

from ki_desktop.i18n import _

SCHEMES = ("postgresql://", "postgres://")
DEFAULT_PORT = 5432
# Some libpq parameters may be given in the address (``?sslmode=require``); nothing else.
ALLOWED_PARAMS = frozenset({"sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout"})
EXAMPLE = "postgresql://beratung@server.kommune.local/ki"


class ServerError(RuntimeError):
    """The server cannot be reached or refused the login; the message says what to do."""


class ConnectionLost(ServerError):
    """The connection to the server broke off while working."""


class LoginCancelled(ServerError):
    """Nobody gave the password the server asked for."""


def is_server_location(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL server (not a SQLite file)."""
    return isinstance(location, str) and location.strip().startswith(SCHEMES)


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
        host = f"[{self.host}]" if ":" in self.host else self.host
        port = f":{self.port}" if self.port != DEFAULT_PORT else ""
        query = "&".join(f"{k}={v}" for k, v in self.params)
        return f"postgresql://{user}{host}{port}/{self.dbname}" + (f"?{query}" if query else "")

    @property
    def keyring_name(self) -> str:
        """The entry of this login in the OS keyring."""
        return f"{self.user}@{self.host}:{self.port}/{self.dbname}"


def parse_address(location: str) -> ServerAddress:
    """The parts of a ``postgresql://`` address; :class:`ServerError` names what is wrong."""
    location = location.strip() if isinstance(location, str) else location
    if not is_server_location(location):
        raise ServerError(
            _("{location} ist keine PostgreSQL-Adresse (postgresql://…).").format(location=location)
        )
    try:
        parts = urlsplit(location)
    except ValueError as exc:
        raise ServerError(
            _("Die Serveradresse ist ungültig ({error}). Beispiel: {example}").format(
                error=exc, example=EXAMPLE
            )
        ) from exc
    port = _port(parts)
    dbname = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not dbname or "/" in dbname:
        raise ServerError(
            _("Die Serveradresse braucht Rechner und Datenbank, zum Beispiel {example}").format(
                example=EXAMPLE
            )
        )
    params = tuple(parse_qsl(parts.query))
    unknown = sorted({k for k, _v in params} - ALLOWED_PARAMS)
    if unknown:
        raise ServerError(
            _("Unbekannte Angabe in der Serveradresse: {unknown}. Erlaubt sind {allowed}.").format(
                unknown=", ".join(unknown), allowed=", ".join(sorted(ALLOWED_PARAMS))
            )
        )
    return ServerAddress(
        user=unquote(parts.username or ""),
        host=parts.hostname,
        port=port,
        dbname=dbname,
        params=params,
        password=unquote(parts.password) if parts.password is not None else None,
    )


def _port(parts) -> int:
    """The port of the address (the default when none is given); a German message for a
    port that is no number from 1 to 65535 (Python's own message is English)."""
    try:
        port = parts.port
    except ValueError:
        port = 0
    else:
        if port is None:
            return DEFAULT_PORT
    if not 1 <= port <= 65535:
        raise ServerError(
            _(
                "Die Serveradresse ist ungültig: Der Port muss eine Zahl von 1 bis 65535 sein. "
                "Beispiel: {example}"
            ).format(example=EXAMPLE)
        )
    return port


def needs_password(exc: Exception) -> bool:
    """Whether the server refused the login for a missing or wrong password."""
    text = str(exc)
    return "password" in text and ("authentication failed" in text or "no password" in text)


def describe_failure(address: ServerAddress, exc: Exception) -> str:
    """A German message for a failed connection, without the server's raw text when the
    cause is clear."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if needs_password(exc):
        return _(
            "Die Anmeldung am Datenbankserver als „{user}“ ist fehlgeschlagen. Bitte das "
            "Passwort prüfen."
        ).format(user=address.user)
    if "does not exist" in text and "database" in text:
        return _(
            "Die Datenbank „{dbname}“ gibt es auf {host} nicht. Bitte die Adresse prüfen oder "
            "die Datenbank von der Administration anlegen lassen."
        ).format(dbname=address.dbname, host=address.host)
    if (
        "timeout" in text
        or "Connection refused" in text
        or "could not" in text
        or "server closed" in text
        or "starting up" in text
        or "shutting down" in text
    ):
        return unreachable_message(address)
    return _("Verbindung zum Datenbankserver fehlgeschlagen: {error}").format(error=text)


def unreachable_message(address: ServerAddress) -> str:
    return _(
        "Der Datenbankserver {host}:{port} ist nicht erreichbar. Bitte die Netzwerkverbindung "
        "prüfen und es erneut versuchen."
    ).format(host=address.host, port=address.port)


def gone_message(address: ServerAddress) -> str:
    """The server does not answer (reconnecting failed)."""
    return _(
        "Der Datenbankserver {host}:{port} antwortet nicht. KI Desktop versucht es im "
        "Hintergrund weiter; bitte die Netzwerkverbindung prüfen."
    ).format(host=address.host, port=address.port)


def lost_message(address: ServerAddress) -> str:
    """The connection broke off before anything was saved (a transaction, the server rolled
    it back)."""
    return _(
        "Die Verbindung zum Datenbankserver {host} ist unterbrochen. Die Aktion wurde nicht "
        "ausgeführt und nichts davon gespeichert. Bitte in einem Moment erneut versuchen; die "
        "Verbindung wird von selbst wiederhergestellt."
    ).format(host=address.host)


def uncertain_message(address: ServerAddress) -> str:
    """The connection broke off while a change was being saved (its outcome is unknown)."""
    return _(
        "Die Verbindung zum Datenbankserver {host} ist beim Speichern abgebrochen; ob die "
        "Änderung gespeichert wurde, ist nicht sicher. Bitte nach dem Wiederverbinden prüfen "
        "und wenn nötig erneut speichern."
    ).format(host=address.host)


def is_read_only(sql: str) -> bool:
    """Whether repeating ``sql`` on a new connection is harmless (it changes nothing)."""
    head = sql.lstrip()[:8].upper()
    if head.startswith(("SELECT", "SHOW")):
        return True
    if head.startswith("WITH"):
        upper = sql.upper()
        return not any(word in upper for word in ("INSERT", "UPDATE", "DELETE"))
    return False


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
