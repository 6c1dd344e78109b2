"""Bar: start to usable main window with 100,000 cases ≤ 1.5 × a bare PySide6 window with four
empty tabs, same machine, same run.

Each sample is a whole process, from launch to exit right after the window was shown and
painted (the application quits through ``KI_DESKTOP_QUIT_AFTER_SHOW_MS=0`` once its main window
is shown with the first page of the case list). Runs alternate between the two programs so that
both see the same machine state.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from common import OUT, ROOT, big_database, summary

RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    elapsed = (time.perf_counter() - start) * 1000
    if result.returncode != 0:
        raise SystemExit(f"{cmd} failed: {result.stderr.strip()[-500:]}")
    return elapsed


def main() -> dict:
    db = big_database()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KI_DESKTOP_QUIT_AFTER_SHOW_MS": "0"}
    bare_cmd = [sys.executable, str(ROOT / "bench" / "bare_window.py")]
    app_cmd = [sys.executable, "-m", "ki_desktop", "--db", str(db)]
    timed(bare_cmd, env), timed(app_cmd, env)  # warm the file cache
    bare, app = [], []
    for _ in range(RUNS):
        bare.append(timed(bare_cmd, env))
        app.append(timed(app_cmd, env))
    result = {
        "bar": "startup <= 1.5 x bare window",
        "cases": 100_000,
        "bare_window": summary(bare),
        "ki_desktop": summary(app),
    }
    result["ratio"] = round(
        result["ki_desktop"]["median_ms"] / result["bare_window"]["median_ms"], 2
    )
    result["pass"] = result["ratio"] <= 1.5
    return result


if __name__ == "__main__":
    res = main()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "startup.json").write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2))
