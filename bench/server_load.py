"""Load test of server mode: simulated counsellors working at once on one PostgreSQL database.

    .venv/bin/python bench/server_load.py [--db postgresql://user@127.0.0.1/db] [--users 20]
        [--seconds 60] [--cases 2000] [--hot 5] [--json FILE]

Each counsellor is a process of its own (the logged-in session is process-wide, like one
laptop): it searches the case list by name, searches offers as you type (one query per
letter), opens cases and saves a changed address through ``services.intake.save_case``. Half
of the saves go to a few hot cases that every counsellor edits, to provoke save conflicts; a
conflict is handled like a user would: reopen the case, make the change again, save again.

Every save counts the case's address up (``Kirchstraße 5 #7``), so a lost update shows: at the
end the number in each case must equal the saves the counsellors were told succeeded, and the
history must hold each number once. Without ``--db`` a new database is made on the server
named by ``KI_DESKTOP_TEST_PG`` and dropped afterwards; a given database must be empty. Only
servers on this machine (loopback) are used. ``--db FILE.sqlite`` runs the same against one
SQLite file for comparison.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import multiprocessing as mp
import os
import random
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from server_load_client import client_process, counsellor, counted

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SERVER_ENV = "KI_DESKTOP_TEST_PG"
# A given server database must be a new one: never the server's own.
MAINTENANCE_DATABASES = frozenset({"postgres", "template0", "template1"})


class Refused(SystemExit):
    """The arguments name something this script will not load."""


def is_server(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def check_loopback(location: str) -> None:
    host = urlsplit(location).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise Refused(f"refused: {host or location} is not this machine (loopback only)")


def _admin(url: str):
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def create_server_database() -> tuple[str, str]:
    """A new database on the server of ``KI_DESKTOP_TEST_PG``: (its address, the admin one)."""
    admin = os.environ.get(SERVER_ENV)
    if not admin:
        raise Refused(f"skipped: no --db and no {SERVER_ENV} (a PostgreSQL login on loopback)")
    check_loopback(admin)
    name = f"ki_load_{os.getpid()}"
    with closing(_admin(admin)) as conn, conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {name}")
    parts = urlsplit(admin)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, "")), admin


def drop_server_database(location: str, admin: str) -> None:
    name = urlsplit(location).path.lstrip("/")
    with closing(_admin(admin)) as conn, conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def setup_session() -> None:
    from ki_desktop.domain.roles import Role
    from ki_desktop.services import session

    session.begin(session.Session("bench", "Lasttest", frozenset(Role)))


def prepare(location: str, cases: int, users: int, hot: int) -> dict:
    """Demo data and the counsellors' accounts in the empty database; the case ids."""
    from ki_desktop.domain.queries import CaseFilter, Page
    from ki_desktop.services import audit, database
    from ki_desktop.services import cases as case_service
    from ki_desktop.services.demo import is_database_empty, load_demo_data
    from ki_desktop.store import users as user_store

    database.open_app_database(location)
    setup_session()
    if not is_database_empty():
        database.close_app_database()
        raise Refused(f"refused: {location} is not empty (give a new database or file)")
    started = time.perf_counter()
    load_demo_data(size=cases, seed=1)
    user_store.ensure_users([(*counsellor(n), "counsellor") for n in range(1, users + 1)])
    rows = case_service.case_page(CaseFilter(), Page(limit=cases + 1))
    audited = audit.audit_count(audit.AuditFilter(action="case.update"))
    ids = sorted(r.id for r in rows)
    surnames = sorted({r.last_name for r in rows})
    database.close_app_database()
    return {
        "ids": ids,
        "hot": random.Random(7).sample(ids, min(hot, len(ids))),
        "surnames": surnames,
        "audited_before": audited,
        "prepare_s": round(time.perf_counter() - started, 1),
    }


def percentiles(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)

    def rank(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))], 1)

    return {
        "n": len(ordered),
        "p50_ms": rank(50),
        "p95_ms": rank(95),
        "p99_ms": rank(99),
        "max_ms": round(ordered[-1], 1),
    }


def verify(location: str, saved: dict[str, int], audited_before: int) -> dict:
    """Compare the saves the counsellors were told succeeded with what the database holds:
    the count in each case's address, the history rows, the audit trail."""
    from ki_desktop.services import audit, cases, database, intake

    database.open_app_database(location)
    setup_session()
    lost = surplus = history_wrong = 0
    for case_id, saves in saved.items():
        stored = counted(cases.case_detail(case_id).address)[1]
        lost += max(0, saves - stored)
        surplus += max(0, stored - saves)
        numbers = sorted(
            n for n in (counted(e.new)[1] for e in intake.case_history(case_id)) if n > 0
        )
        history_wrong += numbers != list(range(1, saves + 1))
    updates = audit.audit_count(audit.AuditFilter(action="case.update")) - audited_before
    chain = audit.verify_chain()
    database.close_app_database()
    return {
        "cases_saved": len(saved),
        "lost_updates": lost,
        "surplus_updates": surplus,
        "cases_with_wrong_history": history_wrong,
        "audited_updates": updates,
        "audit_chain_ok": chain.ok,
        "audit_entries": chain.entries,
    }


def run_clients(location: str, plan: dict, users: int, seconds: float) -> tuple[list, float]:
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(users + 1)
    results = ctx.Queue()
    clients = [
        ctx.Process(
            target=client_process, args=(n, location, plan, seconds, start, results), daemon=True
        )
        for n in range(1, users + 1)
    ]
    for process in clients:
        process.start()
    start.wait(timeout=300)
    started = time.perf_counter()
    outcomes = [results.get(timeout=seconds + 300) for _ in clients]
    elapsed = time.perf_counter() - started
    for process in clients:
        process.join(timeout=60)
    return outcomes, elapsed


def summarise(outcomes: list[dict], elapsed: float) -> tuple[dict, dict[str, int]]:
    counts = {k: sum(o["counts"][k] for o in outcomes) for k in outcomes[0]["counts"]}
    ms = {k: [x for o in outcomes for x in o["ms"][k]] for k in outcomes[0]["ms"]}
    saved: dict[str, int] = {}
    for outcome in outcomes:
        for case_id, n in outcome["saved"].items():
            saved[case_id] = saved.get(case_id, 0) + n
    counts["case_searches"] = len(ms["case_search"])
    counts["offer_searches"] = len(ms["offer_search"])
    summary = {
        **counts,
        "elapsed_s": round(elapsed, 1),
        "operations_per_s": round(counts["operations"] / elapsed, 1),
        "latency": {k: percentiles(v) for k, v in ms.items()},
        "error_samples": [t for o in outcomes for t in o["errors"]][:10],
    }
    return summary, saved


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="postgresql://… on loopback (empty) or a new SQLite file")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--hot", type=int, default=5, help="cases every counsellor edits")
    parser.add_argument(
        "--typing-ms", type=float, default=0, help="pause up to this long between open and save"
    )
    parser.add_argument("--json", type=Path, default=OUT / "server_load.json")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 50 or not 0 < args.seconds <= 600 or args.cases < 1:
        raise Refused("refused: 1–50 users, at most 600 seconds, at least one case")
    return args


def load_test(args: argparse.Namespace) -> dict:
    created_on = None
    if args.db is None:
        location, created_on = create_server_database()
    elif is_server(args.db):
        check_loopback(args.db)
        if urlsplit(args.db).path.strip("/") in MAINTENANCE_DATABASES:
            raise Refused(f"refused: {args.db} is the server's own database; give a new one")
        location = args.db
    else:
        path = Path(args.db).resolve()
        if path.exists() and path.stat().st_size:
            raise Refused(f"refused: {path} exists; give the name of a new file")
        location = str(path)
    try:
        plan = prepare(location, args.cases, args.users, args.hot)
        plan["typing_ms"] = args.typing_ms
        outcomes, elapsed = run_clients(location, plan, args.users, args.seconds)
        summary, saved = summarise(outcomes, elapsed)
        checks = verify(location, saved, plan["audited_before"])
    finally:
        if created_on:
            drop_server_database(location, created_on)
    result = {
        "bar": "no lost update and no error with concurrent counsellors (figures, no time bar)",
        "backend": "postgresql" if is_server(location) else "sqlite",
        "users": args.users,
        "seconds": args.seconds,
        "cases": args.cases,
        "hot_cases": args.hot,
        "typing_ms": args.typing_ms,
        "prepare_s": plan["prepare_s"],
        "cpus": os.cpu_count(),
        **summary,
        **checks,
    }
    result["pass"] = (
        result["errors"] == 0
        and result["gave_up"] == 0
        and result["lost_updates"] == 0
        and result["surplus_updates"] == 0
        and result["cases_with_wrong_history"] == 0
        and result["audited_updates"] == result["saves"]
        and result["audit_chain_ok"]
    )
    return result


def report(result: dict) -> str:
    lines = [
        f"{result['backend']}: {result['users']} counsellors, {result['elapsed_s']} s, "
        f"{result['operations']} operations ({result['operations_per_s']}/s)",
        f"saves {result['saves']} on {result['cases_saved']} cases, conflicts "
        f"{result['conflicts']}, gave up {result['gave_up']}, errors {result['errors']}",
        f"lost updates {result['lost_updates']}, surplus {result['surplus_updates']}, cases with "
        f"wrong history {result['cases_with_wrong_history']}, audited updates "
        f"{result['audited_updates']}, audit chain ok {result['audit_chain_ok']}",
    ]
    for kind, p in result["latency"].items():
        if p["n"]:
            lines.append(
                f"  {kind:13} n {p['n']:6}  p50 {p['p50_ms']:7.1f}  p95 {p['p95_ms']:7.1f}  "
                f"p99 {p['p99_ms']:7.1f}  max {p['max_ms']:7.1f} ms"
            )
    lines += [f"  ! {text}" for text in result["error_samples"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("KI_DESKTOP_LANG", "de")
    try:
        args = parse_args(argv)
        result = load_test(args)
    except Refused as refused:
        reason = str(refused.code)
        if not reason.startswith("skipped"):
            print(reason, file=sys.stderr)
            return 2
        result = {"bar": "load test (skipped)", "skipped": reason, "pass": True}
        print(json.dumps(result, indent=2))
        return 0
    print(report(result), file=sys.stderr)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0 if result["pass"] else 1


if __name__ == "__main__":
    sys.exit(main())
