"""``ki-desktop init --admin``, ``users …``, ``password``, ``recover``: accounts from the
command line (on a SQLite file, which the first administrator encrypts, or on a server
database, whose key slots lie in the database itself)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from ki_desktop.cli.auth import login_password, new_password, username
from ki_desktop.cli.commands import CommandError, _emit
from ki_desktop.domain.roles import Role
from ki_desktop.i18n import _
from ki_desktop.services import accounts, demo, session
from ki_desktop.services.accounts_messages import server_name
from ki_desktop.services.session import ROLE_NAMES

RECOVERY_NOTE = _(
    "Wiederherstellungsschlüssel (wird nur dieses eine Mal angezeigt): {key}\n"
    "Bitte ausdrucken, in einem verschlossenen Umschlag im Tresor der Dienststelle "
    "aufbewahren und nicht auf diesem Rechner speichern. Damit kann die Administration ein "
    "neues Passwort setzen, wenn alle Administrator-Passwörter vergessen sind: "
    "ki-desktop recover --recovery-key-file DATEI --user NAME"
)


def _roles(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    known = {r.value for r in Role}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise CommandError(
            _("Unbekannte Rolle „{name}“; möglich sind: {known}.").format(
                name=unknown[0], known=", ".join(r.value for r in Role)
            )
        )
    return names


def _write_recovery_key(path: str, key: str) -> None:
    """The recovery key into a new file readable by its owner only (for printing)."""
    target = Path(path)
    try:
        handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CommandError(
            _("{path} gibt es schon; bitte eine neue Datei angeben.").format(path=path)
        ) from None
    except OSError as exc:
        raise CommandError(
            _("{path} kann nicht geschrieben werden: {error}.").format(
                path=path, error=exc.strerror
            )
        ) from None
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(key + "\n")


def _show_recovery_key(args: argparse.Namespace, key: str, data: dict) -> str:
    if getattr(args, "recovery_key_file", None):
        _write_recovery_key(args.recovery_key_file, key)
        data["recovery_key_file"] = args.recovery_key_file
        return _(
            "Wiederherstellungsschlüssel in {path} geschrieben: bitte ausdrucken, im Tresor "
            "verwahren und die Datei danach löschen."
        ).format(path=args.recovery_key_file)
    data["recovery_key"] = key
    return RECOVERY_NOTE.format(key=key)


def cmd_init_admin(args: argparse.Namespace, out: TextIO) -> int:
    """``init --admin NAME``: the first administrator; encrypts a database file."""
    state = accounts.database_state(args.db)
    on_server = accounts.on_server(args.db)
    if state == "encrypted":
        if on_server:
            raise CommandError(_("Diese Datenbank hat bereits Benutzerkonten."))
        raise CommandError(_("Diese Datenbank hat bereits Benutzerkonten und ist verschlüsselt."))
    args.user = args.admin
    password = login_password(args, confirm=True)
    first = accounts.create_first_admin(
        args.db,
        args.admin,
        args.display_name or args.admin,
        password,
        also_counsellor=not args.no_counsellor,
    )
    data: dict = {
        "database": first.info.location,
        "schema_version": first.info.schema_version,
        "admin": first.session.username,
        "encrypted_existing": state == "plain",
    }
    if on_server:
        done = _("Administrator „{name}“ in der Serverdatenbank {db} angelegt.").format(
            db=server_name(first.info.location), name=first.session.username
        )
    else:
        done = _("Datenbank {db} ist verschlüsselt; Administrator „{name}“ angelegt.").format(
            db=first.info.location, name=first.session.username
        )
    lines = [done]
    if first.plain_copies:
        data["plain_copies"] = [str(p) for p in first.plain_copies]
        lines.append(
            _(
                "Achtung: Diese Dateien daneben sind noch unverschlüsselte Kopien; bitte "
                "löschen oder sicher verwahren: {files}"
            ).format(files=", ".join(str(p) for p in first.plain_copies))
        )
    if args.demo and demo.is_database_empty():
        report = demo.load_demo_data(size=args.demo_size, seed=args.seed)
        data["demo"] = {"cases": report.cases, "schools": report.schools, "offers": report.offers}
    lines.append(_show_recovery_key(args, first.recovery_key, data))
    _emit(args, out, data, "\n".join(lines))
    return 0


def _user_json(user: accounts.UserInfo) -> dict:
    return {
        "username": user.username,
        "display_name": user.display_name,
        "roles": [r.value for r in Role if r in user.roles],
        "team": user.team,
        "active": user.active,
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "has_password": user.has_password,
    }


def _user_line(user: accounts.UserInfo, on_server: bool) -> str:
    roles = ", ".join(_(ROLE_NAMES[r]) for r in Role if r in user.roles)
    state = _("aktiv") if user.active else _("deaktiviert")
    if user.active and not user.has_password:
        # A file's key slots are this laptop's; a server's are everyone's.
        state += ", " + (_("ohne Passwort") if on_server else _("ohne Passwort auf diesem Rechner"))
    last = user.last_login.strftime("%Y-%m-%d %H:%M") if user.last_login else "–"
    team = user.team or "–"
    return f"{user.username} | {user.display_name} | {roles} | {team} | {state} | {last}"


def cmd_users(args: argparse.Namespace, out: TextIO) -> int:
    """``users list|add|reset-password|set-roles|deactivate|activate|new-recovery-key``."""
    action = args.action
    if action == "list":
        users = accounts.list_users()
        on_server = accounts.on_server(args.db)
        lines = [_user_line(u, on_server) for u in users] or [_("Keine Benutzerkonten.")]
        _emit(args, out, {"users": [_user_json(u) for u in users]}, "\n".join(lines))
        return 0
    if action == "new-recovery-key":
        data: dict = {}
        text = _show_recovery_key(args, accounts.renew_recovery_key(), data)
        _emit(args, out, data, _("Der bisherige Schlüssel gilt nicht mehr.") + "\n" + text)
        return 0
    name = args.name
    if action == "add":
        roles = _roles(args.roles)
        password = new_password(args, name)
        user = accounts.add_user(name, args.display_name, roles, password, team=args.team)
        text = _("Benutzerkonto „{name}“ angelegt.").format(name=user.username)
    elif action == "reset-password":
        accounts.reset_password(name, new_password(args, name))
        user = _find(name)
        text = _("Neues Passwort für „{name}“ gesetzt.").format(name=name)
    elif action == "set-roles":
        user = accounts.update_user(name, roles=_roles(args.roles), team=args.team)
        text = _("Rollen von „{name}“: {roles}.").format(
            name=name, roles=", ".join(_(ROLE_NAMES[r]) for r in Role if r in user.roles)
        )
    elif action == "deactivate":
        user = accounts.update_user(name, active=False)
        text = _("Benutzerkonto „{name}“ deaktiviert; sein Passwort öffnet nichts mehr.").format(
            name=name
        )
    else:  # activate
        user = accounts.update_user(name, active=True)
        text = _("Benutzerkonto „{name}“ aktiviert.").format(name=name)
        if not user.has_password:
            text += " " + _("Bitte mit „users reset-password {name}“ ein Passwort setzen.").format(
                name=name
            )
    _emit(args, out, _user_json(user), text)
    return 0


def _find(name: str) -> accounts.UserInfo:
    for user in accounts.list_users():
        if user.username == name:
            return user
    raise CommandError(_("Das Benutzerkonto „{name}“ gibt es nicht.").format(name=name))


def cmd_password(args: argparse.Namespace, out: TextIO) -> int:
    """``password``: change one's own password (the old one is the login's)."""
    current = session.current()
    if current.username == accounts.SETUP_USER:
        raise CommandError(
            _("Diese Datenbank hat noch keine Benutzerkonten (ki-desktop init --admin NAME).")
        )
    old = login_password(args)
    accounts.change_password(old, new_password(args, current.username))
    out.write(_("Passwort von „{name}“ geändert.").format(name=current.username) + "\n")
    return 0


def cmd_recover(args: argparse.Namespace, out: TextIO) -> int:
    """``recover --recovery-key-file F --user NAME``: a new password with the recovery key."""
    try:
        recovery_key = Path(args.recovery_key_file).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("Die Schlüsseldatei {path} ist nicht lesbar: {error}.").format(
                path=args.recovery_key_file, error=getattr(exc, "strerror", None) or exc
            )
        ) from None
    name = username(args)
    password = login_password(args, confirm=True)
    accounts.recover_with_key(args.db, recovery_key, name, password)
    out.write(
        _(
            "Neues Passwort für „{name}“ gesetzt. Bitte jetzt anmelden und mit „ki-desktop "
            "users new-recovery-key“ einen neuen Wiederherstellungsschlüssel erzeugen."
        ).format(name=name)
        + "\n"
    )
    return 0


USER_COMMANDS = {"users": cmd_users, "password": cmd_password, "recover": cmd_recover}
