"""Names of the rotating backups and the retention policy (7 daily, 4 weekly, 6 monthly)."""

from datetime import date, datetime, timedelta

import pytest

from ki_desktop.domain.backup_rotation import (
    RetentionPolicy,
    backup_name,
    backups_to_keep,
    backups_to_prune,
    parse_backup_name,
)


def d(text: str) -> datetime:
    """'2026-01-30' or '2026-01-30 18:05' as a datetime."""
    return datetime.fromisoformat(text if " " in text else text + " 09:00")


def days(first: str, last: str, at: str = "09:00") -> list[datetime]:
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [
        datetime.fromisoformat(f"{start + timedelta(n)} {at}")
        for n in range((end - start).days + 1)
    ]


def test_name_round_trip():
    at = datetime(2026, 3, 7, 18, 5, 9)
    assert backup_name(at) == "ki-desktop-20260307-180509.sqlite"
    assert parse_backup_name(backup_name(at)) == at


@pytest.mark.parametrize(
    "name",
    [
        "ki-desktop-20260307-180509.sqlite.keys",
        "ki-desktop-20260307-180509.sqlite.tmp",
        "ki-desktop-20261307-180509.sqlite",  # month 13
        "ki-20260307-180509.sqlite",
        "ki-desktop.sqlite",
        "ki-desktop-20260307.sqlite",
    ],
)
def test_other_files_are_no_backups(name):
    assert parse_backup_name(name) is None


# (what is in the folder, policy, what is pruned)
CASES = [
    pytest.param([], RetentionPolicy(), [], id="empty folder"),
    pytest.param([d("2026-01-30")], RetentionPolicy(), [], id="one backup"),
    pytest.param(
        [d("2026-01-30 08:00"), d("2026-01-30 12:00"), d("2026-01-30 17:30")],
        RetentionPolicy(),
        [d("2026-01-30 08:00"), d("2026-01-30 12:00")],
        id="start and daily backups of one day: the newest stays",
    ),
    pytest.param(
        days("2026-01-01", "2026-01-30"),
        RetentionPolicy(),
        # kept: Jan 24-30 (days), 25/18/11 (newest of ISO weeks 4, 3, 2), Jan 30 (month)
        [x for x in days("2026-01-01", "2026-01-23") if x.day not in (11, 18)],
        id="a month of daily backups",
    ),
    pytest.param(
        days("2025-06-01", "2026-01-30", at="23:59"),
        RetentionPolicy(),
        [
            x
            for x in days("2025-06-01", "2026-01-30", at="23:59")
            if x.date()
            not in {
                *(date(2026, 1, n) for n in range(24, 31)),  # days
                date(2026, 1, 25),  # week 4 (week 5 is Jan 30)
                date(2026, 1, 18),
                date(2026, 1, 11),
                date(2025, 12, 31),  # months
                date(2025, 11, 30),
                date(2025, 10, 31),
                date(2025, 9, 30),
                date(2025, 8, 31),
            }
        ],
        id="eight months of daily backups",
    ),
    pytest.param(
        [d("2026-01-01"), d("2026-01-02"), d("2026-01-03"), d("2026-06-01")],
        RetentionPolicy(),
        [],
        id="laptop off for months: the last backups before the break stay",
    ),
    pytest.param(
        [d("2026-01-05"), d("2026-01-06"), d("2026-01-07")],
        RetentionPolicy(daily=1, weekly=0, monthly=0),
        [d("2026-01-05"), d("2026-01-06")],
        id="only the newest",
    ),
    pytest.param(
        [d("2026-01-05"), d("2026-01-11"), d("2026-01-12"), d("2026-02-02")],
        RetentionPolicy(daily=0, weekly=2, monthly=0),
        # weeks: Feb 2 (week 6), Jan 12 (week 3); Jan 11 is the Sunday of week 2
        [d("2026-01-05"), d("2026-01-11")],
        id="weeks run Monday to Sunday",
    ),
    pytest.param(
        [d("2025-12-28"), d("2026-01-01"), d("2026-01-04"), d("2026-01-05")],
        RetentionPolicy(daily=0, weekly=2, monthly=0),
        # ISO week 1 of 2026 runs from Monday Dec 29, 2025 to Sunday Jan 4, 2026
        [d("2025-12-28"), d("2026-01-01")],
        id="the ISO week across the new year",
    ),
    pytest.param(
        [d("2025-11-30"), d("2025-12-01"), d("2025-12-31"), d("2026-01-01")],
        RetentionPolicy(daily=0, weekly=0, monthly=2),
        [d("2025-11-30"), d("2025-12-01")],
        id="months",
    ),
]


@pytest.mark.parametrize(("stamps", "policy", "pruned"), CASES)
def test_pruning(stamps, policy, pruned):
    assert backups_to_prune(stamps, policy) == sorted(pruned)
    assert backups_to_keep(stamps, policy) == set(stamps) - set(pruned)


def test_a_year_of_backups_keeps_at_most_seventeen_and_always_the_newest():
    stamps: list[datetime] = []
    for backups in (days("2025-01-01", "2025-12-31", "08:00"), days("2025-01-01", "2025-12-31")):
        stamps += backups
        kept = backups_to_keep(stamps)
        assert max(stamps) in kept
        assert len(kept) <= 17
    # Pruning what was pruned before changes nothing: the policy is stable.
    kept = backups_to_keep(stamps)
    assert backups_to_keep(kept) == kept
