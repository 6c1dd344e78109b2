"""User administration (administrators): accounts with their roles and teams, passwords set
for others, deactivation, the recovery key. Each writes the key slots (a key file, or a
server's key document) as a read-modify-write; re-exported by ``services.accounts``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ki_desktop.domain.roles import Permission, Role, format_roles, parse_roles
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.accounts_keys import (
    account_key,
    changing_keys,
    load_keys,
    open_location,
    releases_worker_connection,
    require_good_password,
    valid_username,
)
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store import dialect, keyfile
from ki_desktop.store.users import record_event


@dataclass(frozen=True, slots=True)
class UserInfo:
    username: str
    display_name: str
    roles: frozenset[Role]
    team: str
    active: bool
    last_login: datetime | None
    # Whether the user can log in on this database (has a key slot); a reactivated or
    # synced account needs a password reset first.
    has_password: bool


def _open_key() -> bytes:
    key = account_key()
    if key is None:
        open_location()  # raises the message for a database without accounts
        raise ServiceError(_("Die Datenbank ist nicht geöffnet."))
    return key


@releases_worker_connection
def reset_password(username: str, new_password: str) -> None:
    """Give ``username`` a new password (administrators); it also lifts a lockout."""
    session.require(Permission.USERS)
    location = open_location()
    load_keys(location)  # a damaged key file is reported before anything else
    account = store_accounts.get_account(username)
    if account is None:
        raise ServiceError(_("Das Benutzerkonto „{name}“ gibt es nicht.").format(name=username))
    if not account.active:
        raise ServiceError(
            _("Das Benutzerkonto „{name}“ ist deaktiviert; bitte zuerst aktivieren.").format(
                name=username
            )
        )
    require_good_password(new_password, username)
    db_key = _open_key()
    with changing_keys(location) as keys:
        keyfile.set_slot(keys, account.username, new_password, db_key)
        keyfile.clear_failures(keys, account.username)
    record_event(session.who(), "password.reset", account.username)


def _roles(roles: Iterable[Role | str]) -> frozenset[Role]:
    try:
        chosen = frozenset(Role(r) for r in roles)
    except ValueError as exc:
        raise ServiceError(_("Unbekannte Rolle: {error}").format(error=exc)) from None
    if not chosen:
        raise ServiceError(_("Bitte mindestens eine Rolle wählen."))
    return chosen


def _info(row: store_accounts.AccountRow, keys: keyfile.KeyFile | None) -> UserInfo:
    return UserInfo(
        username=row.username,
        display_name=row.display_name,
        roles=parse_roles(row.roles),
        team=row.team,
        active=row.active,
        last_login=row.last_login,
        has_password=keys is not None and row.username in keys.slots,
    )


@releases_worker_connection
def add_user(
    username: str,
    display_name: str,
    roles: Iterable[Role | str],
    password: str,
    team: str = "",
) -> UserInfo:
    """A new account with its password (administrators)."""
    session.require(Permission.USERS)
    location = open_location()
    load_keys(location)  # a damaged key file is reported before the account is made
    username = valid_username(username)
    display_name = (display_name or "").strip()
    if not display_name:
        raise ServiceError(_("Bitte einen Anzeigenamen angeben."))
    chosen = _roles(roles)
    require_good_password(password, username)
    db_key = _open_key()
    # On a server the account and its slot are written in one transaction.
    with changing_keys(location) as keys:
        try:
            row = store_accounts.create_account(
                username, display_name, format_roles(chosen), team.strip()
            )
        except ValueError:
            raise ServiceError(
                _("Den Benutzernamen „{name}“ gibt es schon.").format(name=username)
            ) from None
        keyfile.set_slot(keys, username, password, db_key)
    record_event(session.who(), "user.add", username, roles=format_roles(chosen), team=row.team)
    return _info(row, keys)


class AccountConflict(ServiceError):
    """Someone else changed fields of the account since it was opened for editing, and this
    change sets them differently; nothing was written. ``current`` is the account as stored
    now (a :class:`UserInfo`, to edit on top of)."""

    def __init__(self, message: str, fields: list[str], current: UserInfo) -> None:
        super().__init__(message)
        self.fields = fields
        self.current = current


def _conflict(exc: store_accounts.StaleAccountError, keys: keyfile.KeyFile) -> AccountConflict:
    names = {
        "display_name": _("Anzeigename"),
        "roles": _("Rollen"),
        "team": _("Team"),
        "active": _("aktiv oder deaktiviert"),
    }
    message = _(
        "Das Benutzerkonto „{name}“ wurde inzwischen von jemand anderem geändert. Nichts "
        "gespeichert, da Sie dasselbe anders geändert haben: {fields}. Die Angaben zeigen "
        "jetzt den gespeicherten Stand; bitte prüfen und erneut speichern."
    ).format(name=exc.current.username, fields=", ".join(names.get(f, f) for f in exc.fields))
    return AccountConflict(message, exc.fields, _info(exc.current, keys))


def _loaded_row(loaded: Any, stored: store_accounts.AccountRow) -> store_accounts.AccountRow:
    """The account as the editor opened it (a :class:`UserInfo` or an ``AccountRow``) in the
    store's form; roles in the stored spelling when they are the same set."""
    roles = loaded.roles
    if not isinstance(roles, str):
        roles = stored.roles if parse_roles(stored.roles) == roles else format_roles(roles)
    return store_accounts.AccountRow(
        username=loaded.username,
        display_name=loaded.display_name,
        roles=roles,
        team=loaded.team or "",
        active=bool(loaded.active),
        last_login=loaded.last_login,
    )


@releases_worker_connection
def update_user(
    username: str,
    *,
    display_name: str | None = None,
    roles: Iterable[Role | str] | None = None,
    team: str | None = None,
    active: bool | None = None,
    loaded: Any = None,
) -> UserInfo:
    """Change an account (administrators). Deactivating removes the user's key slot, so the
    password no longer opens the database; the last active administrator stays.

    ``loaded``: the account as the edit dialog opened it (:class:`UserInfo` or the store's
    ``AccountRow``). A field left as loaded keeps what someone else changed since; a field
    both changed differently raises :class:`AccountConflict` and nothing is written."""
    session.require(Permission.USERS)
    location = open_location()
    keys = load_keys(location)
    new_roles = None if roles is None else _roles(roles)
    if display_name is not None and not display_name.strip():
        raise ServiceError(_("Bitte einen Anzeigenamen angeben."))
    changes = {
        "display_name": None if display_name is None else display_name.strip(),
        "roles": None if new_roles is None else format_roles(new_roles),
        "team": None if team is None else team.strip(),
        "active": active,
    }
    # One step with the check for the last administrator: two administrators demoting each
    # other at the same moment (two computers on a server) would otherwise both pass it.
    with dialect.write_lock("keys"):
        account = store_accounts.get_account(username)
        if account is None:
            raise ServiceError(_("Das Benutzerkonto „{name}“ gibt es nicht.").format(name=username))
        base = None if loaded is None else _loaded_row(loaded, account)
        if base is not None:
            # What the editor left as loaded is no change of theirs (and keeps someone else's).
            if new_roles is not None and new_roles == parse_roles(base.roles):
                new_roles, changes["roles"] = None, None
            for name in ("display_name", "team", "active"):
                if changes[name] is not None and changes[name] == getattr(base, name):
                    changes[name] = None
        loses_admin = (new_roles is not None and Role.ADMIN not in new_roles) or (
            changes["active"] is False
        )
        if (
            account.active
            and Role.ADMIN in parse_roles(account.roles)
            and loses_admin
            and store_accounts.count_active_with_role(Role.ADMIN.value, besides=username) == 0
        ):
            raise ServiceError(
                _(
                    "„{name}“ ist der letzte aktive Administrator. Bitte zuerst einem anderen "
                    "Konto die Rolle Administration geben."
                ).format(name=username)
            )
        try:
            row = store_accounts.update_account(username, **changes, loaded=base)
        except store_accounts.StaleAccountError as exc:
            raise _conflict(exc, keys) from None
        if changes["active"] is False:
            with changing_keys(location) as keys:
                keyfile.remove_slot(keys, username)
        record_event(
            session.who(),
            "user.update",
            username,
            **{k: v for k, v in changes.items() if v is not None},
        )
    return _info(row, keys)


@releases_worker_connection
def list_users() -> list[UserInfo]:
    """All accounts with roles, team, state and last login (administrators)."""
    session.require(Permission.USERS)
    location = open_location()
    keys = load_keys(location)
    return [_info(row, keys) for row in store_accounts.list_accounts()]


@releases_worker_connection
def renew_recovery_key() -> str:
    """A new recovery key (administrators), e.g. after the old one was used or may have
    been seen; the old one stops working at once. Shown once: print it and seal it."""
    session.require(Permission.USERS)
    location = open_location()
    db_key = _open_key()
    with changing_keys(location) as keys:
        recovery = keyfile.set_recovery(keys, db_key)
    record_event(session.who(), "recovery_key.renew")
    return recovery
