"""Bar: quarterly report aggregates over 100,000 cases ≤ 0.5 s and ≤ 1.5 × hand-written SQL.

Measured side by side in one run, alternating:

* ``report``: ``build_report("quarterly", …)`` – every table of the report for the quarter and
  the one before, labelled and suppressed (what the CLI and the GUI call);
* ``breakdown_ours`` vs ``breakdown_by_hand``: one breakdown (counselled cases by municipality,
  both quarters) through the store and as one hand-written GROUP BY through sqlite3;
* ``report`` vs ``all_by_hand``: the sum of the hand-written queries a developer would write
  for the same tables, one query per table.

The database is the cached 100,000-case demo database plus recommendations, assignments,
school starts and referrals (``statistics_data.py``), opened through the application, so that
it has the statistics indexes of schema version 9 (the hand-written queries may use them too).
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import time

from common import OUT, summary
from statistics_data import REFERENCE, statistics_database

from ki_desktop.domain.statistics_rules import previous, quarter
from ki_desktop.services import database
from ki_desktop.services.statistics import build_report
from ki_desktop.store import statistics as store
from ki_desktop.store.connection import SQLITE_PRAGMAS

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
Q3 = quarter(2026, 3)
Q2 = previous(Q3)
BY_MUNICIPALITY = """
SELECT CASE WHEN i.held_on >= :cs THEN 0 ELSE 1 END, m.ags, COUNT(DISTINCT i.case_id)
FROM intake_interview i JOIN "case" c ON c.id = i.case_id
LEFT JOIN municipality m ON m.id = c.municipality_id
WHERE i.held_on BETWEEN :ps AND :pe OR i.held_on BETWEEN :cs AND :ce GROUP BY 1, 2"""
_COUNSELLED = """FROM intake_interview i JOIN "case" c ON c.id = i.case_id
WHERE i.held_on BETWEEN :ps AND :pe OR i.held_on BETWEEN :cs AND :ce"""
_LATEST = """(SELECT x.{col} FROM recommendation x WHERE x.case_id = {case}
 AND x.created_on <= {on} ORDER BY x.created_on DESC, x.created_at DESC LIMIT 1)"""
BY_HAND = {
    "municipality": BY_MUNICIPALITY,
    "sex": f"SELECT i.held_on >= :cs, c.sex, COUNT(DISTINCT c.id) {_COUNSELLED} GROUP BY 1, 2",
    "nationality": "SELECT i.held_on >= :cs, c.nationality, COUNT(DISTINCT c.id)"
    f" {_COUNSELLED} GROUP BY 1, 2",
    "language": "SELECT i.held_on >= :cs, c.first_language, COUNT(DISTINCT c.id)"
    f" {_COUNSELLED} GROUP BY 1, 2",
    "age": "SELECT i.held_on >= :cs, (julianday(i.held_on) - julianday(c.birth_date)) / 365.25"
    f" AS age, COUNT(DISTINCT c.id) {_COUNSELLED} GROUP BY 1, 2",
    "stage_alphabetisation": f"""SELECT p, stage, grade, support LIKE '%alphabetisation%',
        MAX(latin), COUNT(*) FROM (SELECT i.held_on >= :cs AS p, i.case_id,
        MAX(i.latin_literate = 0) AS latin,
        {_LATEST.format(col="stage", case="i.case_id", on=":ce")} AS stage,
        {_LATEST.format(col="grade", case="i.case_id", on=":ce")} AS grade,
        {_LATEST.format(col="support", case="i.case_id", on=":ce")} AS support
        FROM intake_interview i
        WHERE i.held_on BETWEEN :ps AND :pe OR i.held_on BETWEEN :cs AND :ce GROUP BY 1, 2)
        GROUP BY 1, 2, 3, 4""",
    "overview": """SELECT (SELECT COUNT(*) FROM intake_interview WHERE held_on BETWEEN :ps AND :ce),
        (SELECT COUNT(*) FROM "case" WHERE registered_on BETWEEN :ps AND :ce),
        (SELECT COUNT(*) FROM recommendation WHERE created_on BETWEEN :ps AND :ce)""",
    "school_forms": f"""SELECT c.assigned_on >= :cs, s.schulform,
        {_LATEST.format(col="school_forms", case="c.id", on="c.assigned_on")}, COUNT(*)
        FROM "case" c LEFT JOIN school s ON s.id = c.assigned_school_id
        WHERE c.assigned_on BETWEEN :ps AND :ce GROUP BY 1, 2, 3""",
    "without_place": f"""SELECT r.ref, (julianday(r.ref) - julianday(c.registered_on)) / 30,
        COUNT(*) FROM "case" c, (SELECT :cr AS ref UNION ALL SELECT :pr) r
        WHERE c.registered_on <= r.ref AND (c.assigned_on IS NULL OR c.assigned_on > r.ref)
        AND (c.school_start_on IS NULL OR c.school_start_on > r.ref) AND c.status != 'closed'
        AND COALESCE({_LATEST.format(col="stage", case="c.id", on="r.ref")}, '')
            NOT IN ('pre_school', 'adult_education') GROUP BY 1, 2""",
    "waiting_times": """SELECT span, p, days FROM (SELECT span, p, days,
        ROW_NUMBER() OVER (PARTITION BY span, p ORDER BY days) AS rn,
        COUNT(*) OVER (PARTITION BY span, p) AS n FROM (
          SELECT 'c' AS span, MIN(i.held_on) >= :cs AS p,
            julianday(MIN(i.held_on)) - julianday(c.registered_on) AS days
          FROM intake_interview i JOIN "case" c ON c.id = i.case_id GROUP BY c.id
          HAVING MIN(i.held_on) BETWEEN :ps AND :ce
          UNION ALL SELECT 'a', assigned_on >= :cs, julianday(assigned_on)
            - julianday(registered_on) FROM "case" WHERE assigned_on BETWEEN :ps AND :ce
          UNION ALL SELECT 's', school_start_on >= :cs, julianday(school_start_on)
            - julianday(registered_on) FROM "case" WHERE school_start_on BETWEEN :ps AND :ce))
        WHERE rn = (n + 1) / 2 OR rn = (9 * n + 9) / 10""",
    "referrals": """SELECT f.referred_on >= :cs, o.category, COUNT(*) FROM referral f
        JOIN offer o ON o.id = f.offer_id WHERE f.referred_on BETWEEN :ps AND :ce
        GROUP BY 1, 2""",
}


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def main() -> dict:
    return _measure(statistics_database())


def _measure(path) -> dict:
    database.open_app_database(str(path))
    raw = sqlite3.connect(path)
    for key, value in SQLITE_PRAGMAS.items():
        raw.execute(f"PRAGMA {key} = {value}")
    params = store.parameters(Q3, Q2, Q3.end)

    def report():
        return build_report("quarterly", 2026, 3, today=REFERENCE)

    def ours():
        return store.aggregate(Q3, Q2, Q3.end, ["municipality"])

    def by_hand():
        return raw.execute(BY_MUNICIPALITY, params).fetchall()

    hand = {
        name: (lambda sql=sql: raw.execute(sql, params).fetchall()) for name, sql in BY_HAND.items()
    }
    # same numbers: the breakdown through the store equals the hand-written one
    mine = {(k, p): v for (_d, k), vals in ours().items() for p, v in enumerate(vals) if v}
    assert mine == {(ags or "", p): n for p, ags, n in by_hand()}
    report()  # warm the page cache
    samples: dict[str, list[float]] = {"report": [], "breakdown_ours": [], "breakdown_by_hand": []}
    samples["all_by_hand"] = []
    per_query: dict[str, list[float]] = {name: [] for name in hand}
    for _ in range(RUNS):
        samples["report"].append(timed(report))
        samples["breakdown_by_hand"].append(timed(by_hand))
        samples["breakdown_ours"].append(timed(ours))
        total = 0.0
        for name, action in hand.items():
            elapsed = timed(action)
            per_query[name].append(elapsed)
            total += elapsed
        samples["all_by_hand"].append(total)
    raw.close()
    database.close_app_database()
    results = {name: summary(values) for name, values in samples.items()}
    med = {name: statistics.median(values) for name, values in samples.items()}
    breakdown_ratio = round(med["breakdown_ours"] / med["breakdown_by_hand"], 2)
    report_ratio = round(med["report"] / med["all_by_hand"], 2)
    return {
        "bar": "quarterly report <= 500 ms and <= 1.5 x hand-written SQL",
        "cases": 100_000,
        "results": results,
        "by_hand_per_query_median_ms": {
            name: round(statistics.median(v), 1) for name, v in per_query.items()
        },
        "breakdown_ratio": breakdown_ratio,
        "report_vs_all_by_hand_ratio": report_ratio,
        "pass": med["report"] <= 500 and breakdown_ratio <= 1.5 and report_ratio <= 1.5,
    }


if __name__ == "__main__":
    res = main()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "statistics_report.json").write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2))
