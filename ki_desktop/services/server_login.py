"""The password of the database server (server mode): where it comes from, in this order,

1. what the server took before in this process (kept in memory per address, for reconnects
   and for opening the same server again after a logout),
2. ``$KI_DESKTOP_DB_PASSWORD`` (scripts),
3. the operating system's keyring (Windows Credential Manager, macOS Keychain, Secret
   Service on Linux), when there is one,
4. a prompt: a small dialog in the GUI (with „Passwort im Schlüsselbund merken“, off by
   default), ``getpass`` on a terminal for the command line.

libpq's own sources (``PGPASSWORD``, ``~/.pgpass``) come before all of these: the server is
only asked for a password when libpq had none. The password is never written in plain text:
not into the settings, not into a stored address, not into a log. A wrong password asks
again with the server's answer; cancelling ends with a clear message.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass

from ki_desktop.i18n import _
from ki_desktop.store import server_link
from ki_desktop.store.server_address import (
    ServerAddress,
    ServerError,
    is_server_location,
    parse_address,
)

log = logging.getLogger(__name__)

PASSWORD_ENV = "KI_DESKTOP_DB_PASSWORD"
KEYRING_SERVICE = "ki-desktop"


@dataclass(frozen=True, slots=True)
class PasswordRequest:
    """What a prompt shows: the address (without a password), why the last password did not
    work, whether it may offer to remember the password in the keyring, and whether the
    user had chosen that before (a remembered password the server now refuses)."""

    url: str
    user: str
    host: str
    failure: str | None
    can_remember: bool
    remembered_before: bool = False  # the keyring had a password that no longer fits


@dataclass(frozen=True, slots=True)
class PasswordAnswer:
    password: str
    remember: bool = False


Prompt = Callable[[PasswordRequest], PasswordAnswer | None]


# -- the keyring (optional: a locked-down Linux may have none) ----------------------------


def _keyring():
    """The keyring module when the operating system has a usable keyring, else None.

    Only real OS keyrings count (priority 1 and up): the fallbacks that keep passwords in a
    file (``keyrings.alt``) or nowhere are not used."""
    try:
        import keyring

        backend = keyring.get_keyring()
        if getattr(backend, "priority", 0) < 1 or "keyrings.alt" in type(backend).__module__:
            return None
        return keyring
    except Exception:  # noqa: BLE001 - no keyring is a normal case, never an error
        return None


def keyring_available() -> bool:
    """Whether a password can be remembered in the operating system's keyring."""
    return _keyring() is not None


def _keyring_get(address: ServerAddress) -> str | None:
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, address.keyring_name)
    except Exception as exc:  # noqa: BLE001 - a locked or broken keyring: ask instead
        log.warning("keyring not readable: %s", type(exc).__name__)
        return None


def _keyring_set(address: ServerAddress, password: str) -> None:
    keyring = _keyring()
    if keyring is None:
        return
    try:
        keyring.set_password(KEYRING_SERVICE, address.keyring_name, password)
    except Exception as exc:  # noqa: BLE001 - not remembered: asked again next time
        log.warning("keyring not writable: %s", type(exc).__name__)


def forget_remembered(address: ServerAddress) -> None:
    """Remove the password of ``address`` from the keyring (it was refused)."""
    keyring = _keyring()
    if keyring is None:
        return
    # Nothing there, or not writable: nothing to do either way.
    with contextlib.suppress(Exception):
        keyring.delete_password(KEYRING_SERVICE, address.keyring_name)


# -- the source ---------------------------------------------------------------------------


class ServerPasswords:
    """The password source installed into the store (see the module's docstring)."""

    def __init__(self, prompt: Prompt | None) -> None:
        self.prompt = prompt
        self._memory: dict[str, str] = {}
        self._last: dict[str, str] = {}  # which source gave the password tried last
        self._remember: dict[str, str] = {}  # typed with „merken“: stored once it works

    def __call__(self, address: ServerAddress, failure: str | None) -> str | None:
        key = address.keyring_name
        last = self._last.get(key) if failure is not None else None
        if last == "memory":
            self._memory.pop(key, None)
        elif last == "env":
            raise ServerError(
                _(
                    "Der Datenbankserver hat das Passwort aus {env} abgelehnt. Bitte die "
                    "Umgebungsvariable prüfen."
                ).format(env=PASSWORD_ENV)
            )
        elif last == "keyring":
            forget_remembered(address)
            failure = failure + " " + _("Das im Schlüsselbund gemerkte Passwort passt nicht mehr.")
            return self._ask(address, failure, remembered_before=True)
        if last is None:
            for name, found in (
                ("memory", self._memory.get(key)),
                ("env", os.environ.get(PASSWORD_ENV) or None),
                ("keyring", _keyring_get(address)),
            ):
                if found:
                    self._last[key] = name
                    return found
        return self._ask(address, failure)

    def _ask(
        self, address: ServerAddress, failure: str | None, remembered_before: bool = False
    ) -> str | None:
        key = address.keyring_name
        self._last[key] = "prompt"
        if self.prompt is None:
            return None
        request = PasswordRequest(
            address.url,
            address.user,
            address.host,
            failure,
            keyring_available(),
            remembered_before,
        )
        answer = self.prompt(request)
        if answer is None:
            return None
        if answer.remember:
            self._remember[key] = answer.password
        else:
            self._remember.pop(key, None)
        return answer.password

    def adopt(self, location: str) -> str:
        """``location`` as it may be passed on and shown: a password written into a server
        address (scripts) is taken out and kept in memory for that server instead."""
        if not is_server_location(location):
            return location
        try:
            address = parse_address(location)
        except ServerError:
            return location  # opening it will say what is wrong
        if address.password is not None:
            self._memory[address.keyring_name] = address.password
            return address.url
        return location

    def accepted(self, address: ServerAddress, password: str) -> None:
        """The server took ``password``: keep it in memory, and in the keyring if asked."""
        key = address.keyring_name
        self._memory[key] = password
        if self._remember.pop(key, None) == password:
            _keyring_set(address, password)


def install(prompt: Prompt | None) -> ServerPasswords:
    """Make this process ask for server passwords as described above, with ``prompt`` as
    the last resort (None: no prompt; a login without another source fails)."""
    source = ServerPasswords(prompt)
    server_link.set_password_source(source, source.accepted)
    return source


def terminal_prompt(request: PasswordRequest) -> PasswordAnswer | None:
    """The command line's prompt: typed in the terminal, without echo; a clear error when
    there is no terminal to type in."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise ServerError(
            _(
                "Kein Passwort für den Datenbankserver {url}: bitte die Umgebungsvariable "
                "{env} setzen, das Passwort in ~/.pgpass eintragen oder den Befehl in einem "
                "Terminal aufrufen."
            ).format(url=request.url, env=PASSWORD_ENV)
        )
    if request.failure:
        sys.stderr.write(request.failure + "\n")
    try:
        password = getpass.getpass(
            _("Passwort für {user} auf dem Datenbankserver {host}: ").format(
                user=request.user, host=request.host
            )
        )
    except (EOFError, KeyboardInterrupt):
        sys.stderr.write("\n")
        return None
    return PasswordAnswer(password) if password else None
