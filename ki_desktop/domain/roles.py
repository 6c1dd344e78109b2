"""Roles and what each may do. Pure data: the services check these (``services.session``).

A user has one or more roles. The administrator keeps users, schools, offers and settings,
exports statistics, merges sync files and runs retention, but reads no case unless also a
counsellor. The interpreter role only ever sees the parent-facing content of the one case that
is open in the interpreter view.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    COUNSELLOR = "counsellor"
    ADMIN = "admin"
    STATISTICS = "statistics"
    INTERPRETER = "interpreter"


class Permission(StrEnum):
    CASE_READ = "case.read"  # case list, case detail, history, case file
    CASE_WRITE = "case.write"  # intake, interviews, consents, closing, referrals
    PLACEMENT = "placement"  # recommendation, assignment, school start, letters, handover
    OFFERS_READ = "offers.read"  # search, detail, offer sheet
    OFFERS_EDIT = "offers.edit"  # new, edit, delete, CSV import
    SCHOOLS_EDIT = "schools.edit"  # school list import, the KI's own school data
    USERS = "users"  # accounts, roles, password reset
    SETTINGS = "settings"  # letterhead, thresholds, retention period, auto-lock
    STATISTICS = "statistics"  # monthly/quarterly reports, gap analysis (aggregates only)
    SYNC = "sync"  # sync export and import on this device
    SYNC_MERGE = "sync.merge"  # settle conflicts, teams and peers of the office
    RETENTION = "retention"  # deletion after the retention period, erasure on request
    AUDIT = "audit"  # view, export and check the audit trail
    BACKUP = "backup"  # backup and restore
    PARENT_CONTENT = "parent.content"  # parent-facing texts and handouts of the open case


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.COUNSELLOR: frozenset(
        {
            Permission.CASE_READ,
            Permission.CASE_WRITE,
            Permission.PLACEMENT,
            Permission.OFFERS_READ,
            Permission.SYNC,
            Permission.PARENT_CONTENT,
        }
    ),
    Role.ADMIN: frozenset(
        {
            Permission.OFFERS_READ,
            Permission.OFFERS_EDIT,
            Permission.SCHOOLS_EDIT,
            Permission.USERS,
            Permission.SETTINGS,
            Permission.STATISTICS,
            Permission.SYNC,
            Permission.SYNC_MERGE,
            Permission.RETENTION,
            Permission.AUDIT,
            Permission.BACKUP,
        }
    ),
    Role.STATISTICS: frozenset({Permission.STATISTICS}),
    Role.INTERPRETER: frozenset({Permission.PARENT_CONTENT}),
}


def parse_roles(text: str) -> frozenset[Role]:
    """Roles from their stored form ("counsellor,admin"); unknown names are ignored."""
    known = {r.value for r in Role}
    return frozenset(Role(p) for p in (s.strip() for s in text.split(",")) if p in known)


def format_roles(roles: frozenset[Role] | set[Role]) -> str:
    """The stored form of a set of roles, in a fixed order."""
    return ",".join(r.value for r in Role if r in roles)


def permissions_for(roles: frozenset[Role] | set[Role]) -> frozenset[Permission]:
    """Everything the given roles together may do."""
    granted: set[Permission] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)


@dataclass(frozen=True, slots=True)
class CaseVisibility:
    """Which cases a counsellor sees and changes: their own, their team's (users with the same
    ``team`` value; "" is a team too), cases without a counsellor and cases whose counsellor is
    no user of this device (cases a sync file brought from elsewhere in the KI). A case is
    hidden only when its counsellor is a known user of another team."""

    username: str
    team: str = ""
