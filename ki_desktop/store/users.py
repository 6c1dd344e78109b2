"""User and audit repository."""

from __future__ import annotations

import json

from ki_desktop.domain import model as dm
from ki_desktop.store.models import AuditEvent, User, utcnow


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
    """Append an audit event (who, when, what)."""
    AuditEvent.create(
        at=utcnow(),
        user=user,
        action=action,
        target=target,
        detail=json.dumps(detail, ensure_ascii=False, default=str) if detail else "",
    )


def recent_events(action_prefix: str = "", limit: int = 50) -> list[dm.AuditEntry]:
    """Newest audit events first, optionally only actions starting with ``action_prefix``."""
    query = AuditEvent.select().order_by(AuditEvent.at.desc()).limit(limit)
    if action_prefix:
        query = query.where(AuditEvent.action.startswith(action_prefix))
    return [
        dm.AuditEntry(at=e.at, user=e.user, action=e.action, target=e.target, detail=e.detail)
        for e in query
    ]
