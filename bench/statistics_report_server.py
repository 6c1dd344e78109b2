"""Figures (no bar): the quarterly report aggregates of 100,000 cases on a PostgreSQL server.

    KI_DESKTOP_TEST_PG=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/statistics_report_server.py

The statistics database of ``statistics_report.py`` is copied once into the server database
``ki_bench_statistics`` (with ``migrate-to``; kept for the next run, ``--fresh`` copies it
again) and analysed. Measured side by side, alternating, as on SQLite: ``report``
(``build_report("quarterly", …)``), ``breakdown_ours`` (counselled cases by municipality
through the store) and ``breakdown_by_hand`` (the same as one hand-written GROUP BY through
the same connection). Skipped without ``KI_DESKTOP_TEST_PG``; only loopback servers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from contextlib import closing
from urllib.parse import urlsplit, urlunsplit

from common import OUT, summary
from server_load import SERVER_ENV, check_loopback
from statistics_data import REFERENCE, statistics_database

from ki_desktop.domain.statistics_rules import previous, quarter
from ki_desktop.services import database, server_migration
from ki_desktop.services.statistics import build_report
from ki_desktop.store import statistics as store
from ki_desktop.store.models import DB

NAME = "ki_bench_statistics"
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
Q3 = quarter(2026, 3)
Q2 = previous(Q3)
BY_MUNICIPALITY = """
SELECT CASE WHEN i.held_on >= %(cs)s THEN 0 ELSE 1 END, m.ags, COUNT(DISTINCT i.case_id)
FROM intake_interview i JOIN "case" c ON c.id = i.case_id
LEFT JOIN municipality m ON m.id = c.municipality_id
WHERE i.held_on BETWEEN %(ps)s AND %(pe)s OR i.held_on BETWEEN %(cs)s AND %(ce)s GROUP BY 1, 2"""


def _admin(url: str):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def server_database(admin: str, fresh: bool) -> str:
    """The address of the copied statistics database (copied now if missing or ``fresh``)."""
    parts = urlsplit(admin)
    location = urlunsplit((parts.scheme, parts.netloc, f"/{NAME}", parts.query, ""))
    with closing(_admin(admin)) as conn, conn.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (NAME,))
        if cur.fetchone() is not None and not fresh:
            return location
        cur.execute(f"DROP DATABASE IF EXISTS {NAME} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {NAME}")
    source = statistics_database()
    database.open_app_database(str(source))
    try:
        server_migration.migrate_to_server(location, str(source))
    finally:
        database.close_app_database()
    with closing(_admin(location)) as conn, conn.cursor() as cur:
        cur.execute("ANALYZE")
    return location


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(location: str) -> dict:
    database.open_app_database(location)
    params = store.parameters(Q3, Q2, Q3.end, server=True)

    def report():
        return build_report("quarterly", 2026, 3, today=REFERENCE)

    def ours():
        return store.aggregate(Q3, Q2, Q3.end, ["municipality"])

    def by_hand():
        cursor = DB.cursor()
        cursor.execute(BY_MUNICIPALITY, params)
        return cursor.fetchall()

    mine = {(k, p): v for (_d, k), vals in ours().items() for p, v in enumerate(vals) if v}
    assert mine == {(ags or "", p): n for p, ags, n in by_hand()}
    report()  # warm the buffers
    samples: dict[str, list[float]] = {"report": [], "breakdown_ours": [], "breakdown_by_hand": []}
    for _ in range(RUNS):
        samples["report"].append(timed(report))
        samples["breakdown_by_hand"].append(timed(by_hand))
        samples["breakdown_ours"].append(timed(ours))
    database.close_app_database()
    med = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "figures": "quarterly report on PostgreSQL (no bar; the SQLite bar is 500 ms)",
        "cases": 100_000,
        "results": {name: summary(values) for name, values in samples.items()},
        "breakdown_ratio": round(med["breakdown_ours"] / med["breakdown_by_hand"], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="copy the database again")
    args = parser.parse_args()
    admin = os.environ.get(SERVER_ENV)
    if not admin:
        print(f"skipped: {SERVER_ENV} is not set")
        return 0
    check_loopback(admin)
    result = measure(server_database(admin, args.fresh))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "statistics_report_server.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
