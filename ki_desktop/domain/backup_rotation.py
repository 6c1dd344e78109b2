"""The rotating set of automatic backups: how they are named and which of them are kept.

A backup is named after the moment it was written, ``ki-desktop-YYYYMMDD-HHMMSS.sqlite``
(local time), so that the names sort by age and a folder listing tells when each was made.

Retention (the same idea as restic's ``--keep-daily/--keep-weekly/--keep-monthly``): of all
backups in the folder are kept

- the newest backup of each of the last 7 calendar days that have a backup,
- the newest backup of each of the last 4 ISO weeks (Monday to Sunday) that have a backup,
- the newest backup of each of the last 6 calendar months that have a backup.

The three rules are applied independently and what any of them keeps is kept, so at most
7 + 4 + 6 = 17 files remain, usually about 12 because the rules overlap. The newest backup is
always kept (it is the newest of its day). Counting periods *that have a backup* rather than
calendar periods back from today means that a laptop left off for a month still keeps its
last good backups instead of pruning them all at the next start.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime

PREFIX = "ki-desktop-"
SUFFIX = ".sqlite"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^ki-desktop-(\d{8}-\d{6})\.sqlite$")


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How many days, ISO weeks and months keep their newest backup."""

    daily: int = 7
    weekly: int = 4
    monthly: int = 6


DEFAULT_POLICY = RetentionPolicy()


def backup_name(at: datetime) -> str:
    """The file name of a backup written at ``at``."""
    return f"{PREFIX}{at.strftime(_STAMP)}{SUFFIX}"


def parse_backup_name(name: str) -> datetime | None:
    """When the backup named ``name`` was written; None for any other file name."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), _STAMP)
    except ValueError:
        return None


def _day(at: datetime) -> Hashable:
    return at.date()


def _iso_week(at: datetime) -> Hashable:
    year, week, _weekday = at.isocalendar()
    return (year, week)


def _month(at: datetime) -> Hashable:
    return (at.year, at.month)


def _newest_per_period(
    newest_first: list[datetime], period: Callable[[datetime], Hashable], count: int
) -> set[datetime]:
    kept: set[datetime] = set()
    seen: set[Hashable] = set()
    for at in newest_first:
        if len(seen) >= count:
            break
        key = period(at)
        if key not in seen:
            seen.add(key)
            kept.add(at)
    return kept


def backups_to_keep(
    stamps: Iterable[datetime], policy: RetentionPolicy = DEFAULT_POLICY
) -> set[datetime]:
    """The backups (by their time) that the policy keeps."""
    newest_first = sorted(set(stamps), reverse=True)
    return (
        _newest_per_period(newest_first, _day, policy.daily)
        | _newest_per_period(newest_first, _iso_week, policy.weekly)
        | _newest_per_period(newest_first, _month, policy.monthly)
    )


def backups_to_prune(
    stamps: Iterable[datetime], policy: RetentionPolicy = DEFAULT_POLICY
) -> list[datetime]:
    """The backups (by their time) that the policy no longer keeps, oldest first."""
    stamps = set(stamps)
    return sorted(stamps - backups_to_keep(stamps, policy))
