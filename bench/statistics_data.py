"""The database of the statistics benchmark: the 100,000 demo cases plus what the demo data
leaves out (recommendations, assignments, school starts, referrals), added deterministically
with plain SQL in a copy, so that every table of the report has data to aggregate."""

from __future__ import annotations

import random
import shutil
import sqlite3
import uuid
from datetime import date, timedelta
from pathlib import Path

from common import OUT, big_database

REFERENCE = date(2026, 11, 22)  # the day the cached demo database was made for
PLACED = ("assigned", "school_started", "follow_up")
RECOMMENDED = ("recommended", *PLACED)
FORMS_SEK1 = ("04", "10", "14", "15", "20")


def _stage(age: int) -> tuple[str, int | None, str]:
    if age < 6:
        return "pre_school", None, ""
    if age <= 9:
        return "primary", min(max(age - 5, 1), 4), "02"
    if age <= 15:
        return "secondary_1", min(age - 5, 10), ",".join(random.sample(FORMS_SEK1, 3))
    if age <= 17:
        return "vocational_college", None, "30"
    return "adult_education", None, "25"


def _fill(con: sqlite3.Connection) -> None:
    random.seed(100_000)
    stamp = "2026-11-22 12:00:00"
    schools: dict[str, list[str]] = {}
    for sid, form in con.execute("SELECT id, schulform FROM school"):
        schools.setdefault(form, []).append(sid)
    offers = [r[0] for r in con.execute("SELECT id FROM offer")]
    first = dict(con.execute("SELECT case_id, MIN(held_on) FROM intake_interview GROUP BY 1"))
    recs, updates, referrals = [], [], []
    cases = con.execute('SELECT id, status, birth_date, registered_on FROM "case"').fetchall()
    for case_id, status, birth, registered in cases:
        reg = date.fromisoformat(registered)
        if random.random() < 0.3:
            for _ in range(random.randint(1, 2)):
                day = min(reg + timedelta(days=random.randint(5, 200)), REFERENCE)
                referrals.append(
                    (
                        uuid.uuid4().hex,
                        stamp,
                        stamp,
                        1,
                        "",
                        case_id,
                        random.choice(offers),
                        day.isoformat(),
                        "",
                        "bench",
                    )
                )
        if status not in RECOMMENDED or case_id not in first:
            continue
        rec_on = date.fromisoformat(first[case_id]) + timedelta(days=random.randint(0, 10))
        rec_on = min(rec_on, REFERENCE)
        born = date.fromisoformat(birth)
        age = rec_on.year - born.year - ((rec_on.month, rec_on.day) < (born.month, born.day))
        stage, grade, forms = _stage(age)
        support = "alphabetisation_group" if random.random() < 0.1 else "integrative"
        recs.append(
            (
                uuid.uuid4().hex,
                stamp,
                stamp,
                1,
                "",
                case_id,
                rec_on.isoformat(),
                "2025-03-17",
                stage,
                grade,
                forms,
                support,
                "",
                None,
            )
        )
        if status not in PLACED:
            continue
        assigned = min(rec_on + timedelta(days=random.randint(7, 45)), REFERENCE)
        form = (
            forms.split(",")[0]
            if forms and random.random() < 0.8
            else random.choice(("02", *FORMS_SEK1, "30"))
        )
        start = None
        if status != "assigned":
            start = min(assigned + timedelta(days=random.randint(3, 21)), REFERENCE).isoformat()
        updates.append(
            (
                random.choice(schools.get(form) or schools["02"]),
                assigned.isoformat(),
                start,
                case_id,
            )
        )
    con.executemany("INSERT INTO recommendation VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", recs)
    con.executemany("INSERT INTO referral VALUES (?,?,?,?,?,?,?,?,?,?)", referrals)
    con.executemany(
        'UPDATE "case" SET assigned_school_id = ?, assigned_on = ?, school_start_on = ? '
        "WHERE id = ?",
        updates,
    )
    con.commit()


def statistics_database() -> Path:
    """The copy of the 100,000-case database with placement data (made once, then reused)."""
    source = big_database()
    path = OUT / "statistics-100000.sqlite"
    if path.exists() and path.stat().st_mtime >= source.stat().st_mtime:
        return path
    print(f"making {path.name} …", flush=True)
    tmp = path.with_suffix(".tmp")
    shutil.copyfile(source, tmp)
    con = sqlite3.connect(tmp)
    try:
        _fill(con)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
    tmp.replace(path)
    return path


if __name__ == "__main__":
    print(statistics_database())
