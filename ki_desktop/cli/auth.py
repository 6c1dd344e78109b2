"""Logging in on the command line.

Every subcommand on a database with accounts (an encrypted file, or a server database with
key slots) logs in first: ``--user`` (default: the operating system's login name) and the
password from ``--password-file``, else the environment variable ``KI_DESKTOP_PASSWORD``,
else an interactive prompt when the command runs in a terminal. On a database without
accounts (new, not yet encrypted, or a server database without key slots)
commands run as the set-up user "system" with every role, as before accounts existed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ki_desktop.cli.commands import CommandError
from ki_desktop.i18n import _
from ki_desktop.services import accounts, session

PASSWORD_ENV = "KI_DESKTOP_PASSWORD"
NEW_PASSWORD_ENV = "KI_DESKTOP_NEW_PASSWORD"


class CredentialsMissing(CommandError):
    """No way to get a password (not in a terminal, no file, no variable); the message says
    how to give one."""


def _first_line(path: str, what: str) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CredentialsMissing(
            _("Die {what} {path} gibt es nicht.").format(what=what, path=path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CredentialsMissing(
            _("Die {what} {path} ist nicht lesbar: {error}.").format(
                what=what, path=path, error=exc
            )
        ) from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def read_password(
    file: str | None,
    env: str,
    prompt: str,
    *,
    option: str,
    confirm: bool = False,
) -> str:
    """A password from ``file`` (first line), else ``$env``, else typed in the terminal
    (twice when ``confirm``); :class:`CredentialsMissing` saying how to give it otherwise."""
    if file:
        return _first_line(file, _("Passwortdatei"))
    value = os.environ.get(env)
    if value:
        return value
    if not _interactive():
        raise CredentialsMissing(
            _(
                "Kein Passwort angegeben: bitte {option} DATEI oder die Umgebungsvariable "
                "{env} verwenden oder den Befehl in einem Terminal aufrufen."
            ).format(option=option, env=env)
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Passwort wiederholen: ")) != first:
        raise CredentialsMissing(_("Die beiden Eingaben stimmen nicht überein."))
    return first


def login_password(args: argparse.Namespace, *, confirm: bool = False) -> str:
    """The password given for the command's ``--user``."""
    return read_password(
        getattr(args, "password_file", None),
        PASSWORD_ENV,
        _("Passwort für {user}: ").format(user=username(args)),
        option="--password-file",
        confirm=confirm,
    )


def new_password(args: argparse.Namespace, who: str) -> str:
    """A new password (for another user or one's own change), asked twice in a terminal."""
    return read_password(
        getattr(args, "new_password_file", None),
        NEW_PASSWORD_ENV,
        _("Neues Passwort für {user}: ").format(user=who),
        option="--new-password-file",
        confirm=True,
    )


def username(args: argparse.Namespace) -> str:
    """``--user`` or the operating system's login name."""
    given = getattr(args, "user", None)
    if given:
        return given
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (e.g. a container without passwd entry)
        return ""


def begin_session(args: argparse.Namespace) -> session.Session:
    """Log in for a subcommand: with the password on a database with accounts, as the set-up
    user on a database without accounts."""
    if accounts.database_state(args.db) != "encrypted":
        return session.begin(accounts.setup_session())
    return accounts.login(args.db, username(args), login_password(args))


def end_session(previous: session.Session | None) -> None:
    """After a subcommand: log out an account that logged in (audited), then give back the
    session that was there before (the command line runs inside tests, too)."""
    current = session.current_or_none()
    if current is not None and current is not previous and current.username != accounts.SETUP_USER:
        accounts.logout()
    if previous is not None:
        session.begin(previous)
    else:
        session.end()
