"""User and audit repository."""

from __future__ import annotations

from ki_desktop.domain import model as dm
from ki_desktop.store import audit
from ki_desktop.store.models import User


def ensure_users(users: list[tuple[str, str, str]]) -> int:
    """Create users given as (username, display name, role) that do not exist yet."""
    known = {u.username for u in User.select(User.username)}
    added = 0
    for username, display_name, role in users:
        if username not in known:
            User.create(username=username, display_name=display_name, role=role, roles=role)
            added += 1
    return added


def list_counsellors() -> list[tuple[str, str]]:
    """(username, display name) of active counsellors, by name."""
    query = (
        User.select(User.username, User.display_name)
        .where(User.roles.contains("counsellor") & (User.active == True))  # noqa: E712
        .order_by(User.display_name)
    )
    return [(u.username, u.display_name) for u in query]


def record_event(user: str, action: str, target: str = "", **detail: object) -> None:
    """Append an audit event (who, when, what) to the hash chain (see
    :mod:`ki_desktop.store.audit`)."""
    audit.record_event(user, action, target, **detail)


def recent_events(action_prefix: str = "", limit: int = 50) -> list[dm.AuditEntry]:
    """Newest audit events first, optionally only actions starting with ``action_prefix``."""
    return audit.recent_events(action_prefix, limit)
