"""Use cases around reports: what can be created and what was created last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ki_desktop.domain.roles import Permission
from ki_desktop.reports.catalog import REPORT_KINDS, ReportKind
from ki_desktop.services import session
from ki_desktop.store.users import recent_events


@dataclass(frozen=True, slots=True)
class AvailableReport:
    kind: ReportKind
    last_created: datetime | None


def available_reports() -> list[AvailableReport]:
    """Every report kind with the time it was last exported on this device (audit trail)."""
    session.require(Permission.STATISTICS)
    last: dict[str, datetime] = {}
    for event in recent_events("report.", limit=500):
        key = event.action.removeprefix("report.")
        last.setdefault(key, event.at)
    return [AvailableReport(kind, last.get(kind.key)) for kind in REPORT_KINDS]
