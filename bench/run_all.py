"""Run every benchmark of the architecture's quality bars and print one table.

.venv/bin/python bench/run_all.py          # BENCH_RUNS=N to change the repetitions
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "case_list.py",
    "startup.py",
    "offer_search.py",
    "placement_letter.py",
    "statistics_report.py",
    "sync.py",
    "case_list_teams.py",
    "login.py",
    "audit.py",
    "backup.py",
    "server_load.py",  # skipped without KI_DESKTOP_TEST_PG (a PostgreSQL login on loopback)
)


def main() -> int:
    failed = 0
    for script in SCRIPTS:
        print(f"== {script}", flush=True)
        done = subprocess.run(
            [sys.executable, str(HERE / script)], cwd=HERE, capture_output=True, text=True
        )
        if done.returncode != 0:
            print(done.stderr[-2000:])
            failed += 1
            continue
        result = json.loads(done.stdout[done.stdout.index("{") :])
        if "skipped" in result:
            print(f"   {result['skipped']}")
            continue
        print(f"   bar: {result['bar']}  ->  {'PASS' if result['pass'] else 'FAIL'}")
        if "bare_window" in result:
            print(
                f"   bare window {result['bare_window']['median_ms']} ms, ki-desktop "
                f"{result['ki_desktop']['median_ms']} ms, ratio {result['ratio']}"
            )
        if "breakdown_ratio" in result:
            print(
                f"   one breakdown ours/by hand {result['breakdown_ratio']}, whole report / "
                f"all hand-written queries {result['report_vs_all_by_hand_ratio']}"
            )
        if "memory" in result:
            for size, m in result["memory"].items():
                print(
                    f"   {size}: {m['records']} records, peak export {m['export_peak_mb']} MB, "
                    f"import {m['import_peak_mb']} MB"
                )
        if "lost_updates" in result:
            print(
                f"   {result['users']} counsellors: {result['saves']} saves, "
                f"{result['conflicts']} conflicts, {result['errors']} errors, "
                f"{result['lost_updates']} lost updates"
            )
            for name, p in result["latency"].items():
                if p["n"]:
                    print(f"   {name:24} p50 {p['p50_ms']:7.1f} ms  p95 {p['p95_ms']:7.1f} ms")
        for name, r in result.get("results", {}).items():
            print(f"   {name:24} median {r['median_ms']:7.1f} ms  max {r['max_ms']:7.1f} ms")
        failed += not result["pass"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
