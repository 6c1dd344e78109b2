"""User rows of the accounts: create, change, list, last login.

Passwords are not here: they unlock key slots in the key file (``store.keyfile``). The rows
hold the roles (comma list), the team and whether the account is active.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ki_desktop.domain.merge import merge_value
from ki_desktop.store.edit_lock import edit_transaction
from ki_desktop.store.models import DB, User, utcnow
from ki_desktop.store.row_writes import locked_by, write_changed


@dataclass(frozen=True, slots=True)
class AccountRow:
    username: str
    display_name: str
    roles: str  # comma list of ki_desktop.domain.roles.Role values
    team: str
    active: bool
    last_login: datetime | None


def _row(user: User) -> AccountRow:
    return AccountRow(
        username=user.username,
        display_name=user.display_name,
        roles=user.roles or "",
        team=user.team or "",
        active=bool(user.active),
        last_login=user.last_login,
    )


def get_account(username: str) -> AccountRow | None:
    """The account of ``username`` (active or not), None when there is none."""
    user = User.get_or_none(User.username == username)
    return None if user is None else _row(user)


def list_accounts() -> list[AccountRow]:
    """All accounts, active first, then by display name."""
    query = User.select().order_by(User.active.desc(), User.display_name, User.username)
    return [_row(u) for u in query]


def create_account(username: str, display_name: str, roles: str, team: str = "") -> AccountRow:
    """A new active account; ``ValueError`` when the user name is taken."""
    with DB.atomic():
        if User.get_or_none(User.username == username) is not None:
            raise ValueError(username)
        first_role = roles.split(",")[0] if roles else "counsellor"
        user = User.create(
            username=username,
            display_name=display_name,
            role=first_role,
            roles=roles,
            team=team,
            active=True,
        )
    return _row(user)


class StaleAccountError(RuntimeError):
    """Someone else changed fields of the account after it was loaded that this change sets
    differently; ``fields`` names them, ``current`` is the account as stored now."""

    def __init__(self, fields: list[str], current: AccountRow) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields
        self.current = current


def update_account(
    username: str,
    *,
    display_name: str | None = None,
    roles: str | None = None,
    team: str | None = None,
    active: bool | None = None,
    loaded: AccountRow | None = None,
) -> AccountRow:
    """Change the given fields (None: keep); ``KeyError`` when there is no such account. The
    row is read locked and only what changes is written.

    ``loaded``: the account as the editor loaded it. A given field that only someone else
    changed since (the editor left it as loaded) keeps their value; one both changed
    differently raises :class:`StaleAccountError` and nothing is written."""
    given = {"display_name": display_name, "roles": roles, "team": team, "active": active}
    given = {name: value for name, value in given.items() if value is not None}
    with edit_transaction():
        user = locked_by(User, User.username == username)
        if user is None:
            raise KeyError(username)
        stored = _row(user)
        if loaded is not None:
            conflicts = []
            for name, value in given.items():
                try:
                    given[name] = merge_value(getattr(loaded, name), value, getattr(stored, name))
                except ValueError:
                    conflicts.append(name)
            if conflicts:
                raise StaleAccountError(conflicts, stored)
        if given.get("roles"):
            given["role"] = given["roles"].split(",")[0]
        write_changed(user, **given)
    return _row(user)


def count_active_with_role(role: str, *, besides: str | None = None) -> int:
    """How many active accounts (other than ``besides``) have ``role``."""
    count = 0
    for user in User.select(User.username, User.roles).where(User.active == True):  # noqa: E712
        if user.username != besides and role in (user.roles or "").split(","):
            count += 1
    return count


def set_last_login(username: str, when: datetime | None = None) -> None:
    """Stamp the login time. A plain UPDATE: this device's logins are not a change that the
    sync should carry to other laptops."""
    User.update(last_login=when or utcnow()).where(User.username == username).execute()


def transaction():
    """A transaction (a savepoint inside one) for several account writes that belong
    together."""
    return DB.atomic()
