"""Bar: the case list with 100,000 cases (first rows ≤ 100 ms) as a counsellor of one of two
teams, who sees half of the cases: the team filter in SQL against the same list unfiltered,
alternating in the same run.

The demo counsellors are split into two teams for the run (and put back into one team after);
``case_list.main`` measures the real Qt model and view.
"""

from __future__ import annotations

import json
import os
import sqlite3

os.environ.setdefault("BENCH_RUNS", "11")

import case_list  # noqa: E402
from common import OUT, big_database  # noqa: E402

from ki_desktop.domain.roles import Role  # noqa: E402
from ki_desktop.services import cases as case_service  # noqa: E402
from ki_desktop.services import session  # noqa: E402

NORTH = ("abecker", "jhoffmann", "laksoy")
SOUTH = ("mschulte", "twolters", "sarslan")
ROUNDS = 2


def _set_teams(path, split: bool) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute("UPDATE user SET team = ''")
        if split:
            for team, names in (("Nord", NORTH), ("Süd", SOUTH)):
                marks = ",".join("?" * len(names))
                con.execute(f"UPDATE user SET team = ? WHERE username IN ({marks})", (team, *names))
        con.commit()
    finally:
        con.close()


def main() -> dict:
    path = big_database()
    checked = case_service.visibility
    medians: dict[str, dict[str, list[float]]] = {"unfiltered": {}, "team": {}}
    _set_teams(path, split=True)
    try:
        for _round in range(ROUNDS):
            for mode in medians:
                # unfiltered: the same list without the team condition, for comparison
                case_service.visibility = checked if mode == "team" else (lambda s=None: None)
                session.begin(
                    session.Session("abecker", "Anna Becker", frozenset({Role.COUNSELLOR}), "Nord")
                )
                for name, figures in case_list.main()["results"].items():
                    medians[mode].setdefault(name, []).append(figures["median_ms"])
    finally:
        case_service.visibility = checked
        _set_teams(path, split=False)
    results = {
        name: {mode: min(medians[mode][name]) for mode in medians} for name in medians["team"]
    }
    worst = max(r["team"] for r in results.values())
    return {
        "bar": "first rows <= 100 ms, counsellor of one of two teams",
        "cases": 100_000,
        "rounds": ROUNDS,
        "results_ms": results,
        "worst_team_ms": worst,
        "pass": worst <= 100,
    }


if __name__ == "__main__":
    result = main()
    (OUT / "case_list_teams.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))
    raise SystemExit(0 if result["pass"] else 1)
