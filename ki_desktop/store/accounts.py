"""User rows of the accounts: create, change, list, last login.

Passwords are not here: they unlock key slots in the key file (``store.keyfile``). The rows
hold the roles (comma list), the team and whether the account is active.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ki_desktop.store.connection import release_thread_connection
from ki_desktop.store.models import DB, User, utcnow


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


def update_account(
    username: str,
    *,
    display_name: str | None = None,
    roles: str | None = None,
    team: str | None = None,
    active: bool | None = None,
) -> AccountRow:
    """Change the given fields (None: keep); ``KeyError`` when there is no such account."""
    with DB.atomic():
        user = User.get_or_none(User.username == username)
        if user is None:
            raise KeyError(username)
        if display_name is not None:
            user.display_name = display_name
        if roles is not None:
            user.roles = roles
            user.role = roles.split(",")[0] if roles else user.role
        if team is not None:
            user.team = team
        if active is not None:
            user.active = active
        user.save()
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


def release_connection() -> None:
    """Close the calling thread's connection to the database (which stays open for the
    other threads; the next use here connects again). For account calls that ran on a
    worker thread, so no connection holding the key lingers there after a logout."""
    release_thread_connection()
