"""What the account use cases share: the key file of the open database (on a server: its key
document), failed attempts and their lockout, the rules for user names and passwords.

The public API is ``services.accounts``; this module is its plumbing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ki_desktop.domain.roles import Role, parse_roles
from ki_desktop.i18n import _
from ki_desktop.paths import default_db_path
from ki_desktop.services import database, session
from ki_desktop.services.accounts_messages import keys_problem, no_accounts_yet, unwritable
from ki_desktop.services.database import releases_worker_connection as releases_worker_connection
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import keyfile
from ki_desktop.store.accounts import AccountRow
from ki_desktop.store.connection import current_key, is_server
from ki_desktop.store.server import is_server_location
from ki_desktop.store.users import record_event

Clock = Callable[[], datetime]

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
SETUP_USER = "system"  # who runs commands on a database without accounts (set-up, scripts)

# Too well known to protect anything (compared without case, spaces and trailing digits).
_COMMON = {
    "passwort",
    "password",
    "kennwort",
    "qwertz",
    "qwertzuiop",
    "qwerty",
    "qwertyuiop",
    "asdfghjkl",
    "abcdefghij",
    "hallo",
    "willkommen",
    "geheim",
    "sommer",
    "winter",
    "schule",
    "seiteneinsteiger",
    "integration",
    "kidesktop",
    "admin",
    "administrator",
}
_USERNAME = re.compile(r"^[\w.@-]{1,64}$")

_open: dict[str, str | bytes | None] = {"location": None, "key": None}


class LoginRefused(ServiceError):
    """Wrong user name or password, or locked after too many failures; ``retry_after`` is
    the number of seconds until the next attempt is possible (0: at once)."""

    def __init__(self, message: str, retry_after: int = 0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def wrong_credentials(retry_after: int = 0) -> LoginRefused:
    return LoginRefused(_("Benutzername oder Passwort falsch."), retry_after)


def locked(seconds: int) -> LoginRefused:
    return LoginRefused(
        _("Zu viele Fehlversuche. Bitte in {seconds} Sekunden erneut versuchen.").format(
            seconds=seconds
        ),
        seconds,
    )


def resolve(location: str | None) -> str:
    return location or default_db_path()


def on_server(location: str | None) -> bool:
    """Whether ``location`` (None: the default) is a PostgreSQL server database, whose key
    slots lie in the database instead of a key file and which is not encrypted here."""
    return is_server_location(resolve(location))


def remember_location(location: str | None, key: bytes | None = None) -> None:
    """The database whose key file the logged-in session uses (None: logged out). On a
    server also the key its slots wrap, unwrapped at the login: there is no encrypted file
    that holds it, and administrators need it to give others a password."""
    _open["location"] = location
    _open["key"] = key if location is not None and is_server_location(location) else None


def open_location() -> str:
    """The location of the database the current user logged in to."""
    location = _open["location"]
    if location is None:
        raise no_accounts_yet(is_server())
    return str(location)


def account_key() -> bytes | None:
    """The key the key slots wrap: that of the open encrypted file, or on a server the one
    unwrapped at the login (as long as that database is open). None: no database open."""
    location = _open["location"]
    if isinstance(location, str) and is_server_location(location):
        key = _open["key"]
        return key if isinstance(key, bytes) and database.is_open(location) else None
    return current_key()


def load_keys(location: str) -> keyfile.KeyFile:
    """The key file beside ``location`` (a server's key document); a message that says what
    to do when it is missing or damaged (an edited file is refused, never half read)."""
    try:
        return keyfile.load(location)
    except keyfile.KeyFileError as exc:
        raise keys_problem(location, exc) from None


def save_keys(keys: keyfile.KeyFile, location: str = "") -> None:
    """Write a new key file (or a server's key document; ``location`` names the server in a
    message)."""
    try:
        keyfile.save(keys)
    except keyfile.KeyFileError as exc:
        raise keys_problem(location, exc) from None
    except OSError as exc:
        raise unwritable(keys.path, exc) from exc


@contextmanager
def changing_keys(location: str) -> Iterator[keyfile.KeyFile]:
    """The key file of ``location`` to change in the block, written when the block is done
    (not when it raises). On a server the key document is locked from the read to the write,
    so a change another laptop makes at the same moment is not lost."""
    try:
        with keyfile.updating(location) as keys:
            yield keys
    except keyfile.KeyFileError as exc:
        raise keys_problem(location, exc) from None
    except OSError as exc:
        raise unwritable(keyfile.key_file_path(location), exc) from exc


def now(clock: Clock | None) -> datetime:
    return (clock or keyfile.utc_now)()


def refuse_if_locked(keys: keyfile.KeyFile, username: str, moment: datetime) -> None:
    seconds = keyfile.seconds_locked(keys, username, moment)
    if seconds:
        raise locked(seconds)


def count_failure(location: str, username: str, moment: datetime, *, queue: bool = True) -> int:
    """Count a failed attempt (only for user names that have a slot) and, with ``queue``, keep
    it for the audit trail: in the key file until the next login (the file's database is not
    open yet), on a server in the audit trail at once. Returns the seconds of the lock it
    starts."""
    server = is_server_location(location)
    with changing_keys(location) as keys:
        known = username if username in keys.slots else None
        seconds = keyfile.record_failure(keys, known, moment, queue=queue and not server)
        if queue and server:
            record_event(known or "?", "login.failed", known or "", at=moment.isoformat())
    return seconds


def clear_failures(location: str, username: str) -> None:
    """After a right password: the count of failed attempts starts again."""
    with changing_keys(location) as keys:
        keyfile.clear_failures(keys, username)


def unwrap_or_count(
    location: str,
    keys: keyfile.KeyFile,
    username: str,
    password: str,
    moment: datetime,
    *,
    queue: bool = True,
) -> bytes:
    """The database key from ``username``'s slot in ``keys`` (read from ``location``); on a
    wrong password the failure is counted and :class:`LoginRefused` raised (``retry_after``
    > 0 when it started a lock)."""
    refuse_if_locked(keys, username, moment)
    try:
        db_key = keyfile.unwrap(keys, username, password)
    except keyfile.WrongPassword:
        seconds = count_failure(location, username, moment, queue=queue)
        raise wrong_credentials(seconds) from None
    if username in keys.attempts:
        clear_failures(location, username)
    return db_key


def valid_username(username: str) -> str:
    """The user name without surrounding spaces; ServiceError when it cannot be one."""
    name = (username or "").strip()
    if not _USERNAME.match(name):
        raise ServiceError(
            _(
                "Der Benutzername darf nur Buchstaben, Ziffern und . _ - @ enthalten "
                "(1 bis 64 Zeichen, keine Leerzeichen)."
            )
        )
    if name.casefold() == SETUP_USER:
        raise ServiceError(_("Der Benutzername „{name}“ ist reserviert.").format(name=name))
    return name


def password_problems(password: str, username: str = "") -> list[str]:
    """What is wrong with a new password (German messages; empty: it is acceptable)."""
    problems = []
    if len(password) < MIN_PASSWORD:
        problems.append(
            _("Das Passwort muss mindestens {n} Zeichen lang sein.").format(n=MIN_PASSWORD)
        )
    if len(password) > MAX_PASSWORD:
        problems.append(
            _("Das Passwort darf höchstens {n} Zeichen lang sein.").format(n=MAX_PASSWORD)
        )
    name = username.strip().casefold()
    if len(name) >= 3 and name in password.casefold():
        problems.append(_("Das Passwort darf den Benutzernamen nicht enthalten."))
    if password and len(set(password)) < 4:
        problems.append(_("Das Passwort besteht aus zu wenigen verschiedenen Zeichen."))
    core = re.sub(r"[\s\d!?.]+$", "", password.casefold().replace(" ", "").replace("-", ""))
    digits_only = password.isdigit()
    if core in _COMMON or digits_only or password.casefold() in "0123456789abcdefghijklmnop":
        problems.append(_("Dieses Passwort ist zu leicht zu erraten. Bitte ein anderes wählen."))
    return problems


def require_good_password(password: str, username: str) -> None:
    problems = password_problems(password, username)
    if problems:
        raise ServiceError(" ".join(problems))


def session_for(row: AccountRow) -> session.Session:
    return session.Session(
        username=row.username,
        display_name=row.display_name,
        roles=parse_roles(row.roles),
        team=row.team,
    )


def setup_session() -> session.Session:
    """The set-up user of a database without accounts: every role, for administrators'
    scripts before the first administrator exists."""
    return session.Session(
        SETUP_USER, _("Einrichtung"), frozenset(r for r in Role if r is not Role.INTERPRETER)
    )


def db_file_exists(location: str) -> bool:
    if is_server_location(location):
        return True  # no file; the server said so when it was opened
    path = Path(location)
    return path.is_file() and path.stat().st_size > 0
