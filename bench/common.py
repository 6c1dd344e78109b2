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
