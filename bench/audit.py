"""Bar: appending an audit event stays cheap (median < 1 ms) on a chain of 100,000 events;
the chain check over 100,000 events is measured and reported; the due-case search for
retention over the 100,000-case database is measured and reported.

The chain is made once by appending through ``record_event`` (the real path: write lock, head
read, hash, insert, commit). Then ``RUNS`` rounds of 1,000 appends are timed one by one,
beside the same number of plain inserts of an unchained row (what ``record_event`` cost
before the chain), so the chain's own cost shows. The check reads and hashes every entry
(``services.audit.verify_chain``), median of ``RUNS``. The retention search runs
``due_cases`` on the case-list benchmark's database (60 months, and 12 months: nearly every
demo case due) on a copy, and times deleting batches of 500 due cases there.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
from datetime import date

from common import OUT, big_database, summary

from ki_desktop.domain.roles import Role  # noqa: E402
from ki_desktop.services import audit, database, retention, session  # noqa: E402
from ki_desktop.store.models import AuditEvent, utcnow  # noqa: E402
from ki_desktop.store.users import record_event  # noqa: E402

EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def chain_database() -> str:
    path = OUT / f"audit-{EVENTS}.sqlite"
    if path.exists():
        return str(path)
    print(f"making {path.name} with {EVENTS:,} chained events …", flush=True)
    work = OUT / "audit-making.sqlite"
    for suffix in ("", "-wal", "-shm"):
        (OUT / f"audit-making.sqlite{suffix}").unlink(missing_ok=True)
    database.open_app_database(str(work))
    for n in range(EVENTS):
        record_event(f"user{n % 7}", "case.read", f"{n:032x}")
    database.close_app_database()
    work.rename(path)
    return str(path)


def time_appends(count: int) -> list[float]:
    samples = []
    for n in range(count):
        start = time.perf_counter()
        record_event("bench", "case.read", f"{n:032x}", n=n)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def time_plain_inserts(count: int) -> list[float]:
    samples = []
    for n in range(count):
        start = time.perf_counter()
        AuditEvent.create(at=utcnow(), user="bench", action="case.read", target=f"{n:032x}")
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    session.begin(session.Session("bench", "Bench", frozenset({Role.ADMIN})))
    source = chain_database()
    work = OUT / "audit-work.sqlite"
    shutil.copyfile(source, work)
    for suffix in ("-wal", "-shm"):
        (OUT / f"audit-work.sqlite{suffix}").unlink(missing_ok=True)
    database.open_app_database(str(work))
    appends, plain, checks = [], [], []
    for _ in range(RUNS):
        appends += time_appends(1000)
    report = None
    for _ in range(RUNS):
        start = time.perf_counter()
        report = audit.verify_chain()
        checks.append((time.perf_counter() - start) * 1000)
    entries = report.entries if report else 0
    ok = bool(report and report.ok)
    # Unchained rows last: the chain check above must not meet them.
    for _ in range(RUNS):
        plain += time_plain_inserts(1000)
    database.close_app_database()

    cases_db = big_database()
    retention_work = OUT / "retention-work.sqlite"
    shutil.copyfile(cases_db, retention_work)
    database.open_app_database(str(retention_work))
    due = {}
    for months in (60, 12):
        retention.set_retention_months(months)
        samples, found = [], 0
        for _ in range(RUNS):
            start = time.perf_counter()
            found = len(retention.due_cases(date(2026, 11, 1)))
            samples.append((time.perf_counter() - start) * 1000)
        due[f"{months}_months"] = {**summary(samples), "due_cases": found}
    # Deleting: batches of 500 due cases (each case its own transaction, the search index
    # optimised once per batch), per case.
    ids = [d.case_id for d in retention.due_cases(date(2026, 11, 1))]
    per_case = []
    for run in range(min(RUNS, 3)):
        batch = ids[run * 500 : (run + 1) * 500]
        start = time.perf_counter()
        deleted = retention.delete_due(batch, date(2026, 11, 1)).deleted
        per_case.append((time.perf_counter() - start) * 1000 / max(len(deleted), 1))
    due["delete_per_case"] = summary(per_case)
    database.close_app_database()

    append = summary(appends)
    result = {
        "bar": "audit append median < 1 ms on a chain of 100,000 events",
        "events": EVENTS,
        "append": {**append, "p95_ms": round(statistics.quantiles(appends, n=20)[18], 3)},
        "plain_insert_without_chain": summary(plain),
        "chain_check": {**summary(checks), "entries": entries, "ok": ok},
        "retention_due_cases_100k": due,
    }
    result["pass"] = append["median_ms"] < 1.0 and ok and entries >= EVENTS
    (OUT / "audit.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
