"""Shared helpers of the benchmarks: the large demo database and simple statistics."""

from __future__ import annotations

import os
import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def begin_setup_session() -> None:
    """Every service checks the logged-in user's roles: the benchmarks run as the set-up user
    of a database without accounts (all roles, as the CLI does), a counsellor's case list
    filtered to the cases of their team like any other."""
    from ki_desktop.domain.roles import Role
    from ki_desktop.services import session

    session.begin(session.Session("system", "system", frozenset(Role)))


begin_setup_session()


def big_database(cases: int = 100_000) -> Path:
    """A database with ``cases`` demo cases (made once, then reused)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"cases-{cases}.sqlite"
    if path.exists():
        con = sqlite3.connect(path)
        try:
            have = con.execute('SELECT count(*) FROM "case"').fetchone()[0]
        except sqlite3.Error:
            have = -1
        con.close()
        if have == cases:
            return path
        path.unlink()
    print(f"making {path.name} with {cases:,} demo cases …", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ki_desktop",
            "init",
            "--demo",
            "--demo-size",
            str(cases),
            "--db",
            str(path),
        ],
        check=True,
        env={**os.environ, "KI_DESKTOP_LANG": "de"},
    )
    return path


def summary(samples: list[float]) -> dict[str, float]:
    """Median, min and max of ``samples`` (milliseconds)."""
    return {
        "median_ms": round(statistics.median(samples), 2),
        "min_ms": round(min(samples), 2),
        "max_ms": round(max(samples), 2),
        "n": len(samples),
    }
