"""Bar: case list open / filter with 100,000 cases, first rows shown ≤ 100 ms (lazy model).

Measures the real Qt model and view: from asking for a (new) filter or sort order until the
view has laid out and painted its first rows.
"""

from __future__ import annotations

import json
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import OUT, big_database, summary  # noqa: E402
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from ki_desktop.domain.queries import CaseFilter  # noqa: E402
from ki_desktop.gui.case_list_model import COLUMNS, CaseListModel  # noqa: E402
from ki_desktop.services import database  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))


def shown(app: QApplication, view: QTableView, action) -> float:
    start = time.perf_counter()
    action()
    view.viewport().repaint()
    app.processEvents()
    elapsed = (time.perf_counter() - start) * 1000
    assert view.model().rowCount() > 0 or view.model().total == 0
    return elapsed


def main() -> dict:
    db = big_database()
    app = QApplication.instance() or QApplication([])
    database.open_app_database(str(db))
    view = QTableView()
    view.resize(1200, 700)
    view.show()
    results: dict[str, dict] = {}

    def measure(name: str, make_action) -> None:
        samples = [shown(app, view, make_action(i)) for i in range(RUNS)]
        results[name] = summary(samples)

    # opening the list: a new model on the view, counted and first page loaded
    def open_list(_i):
        def action():
            model = CaseListModel()
            model.reload()
            view.setModel(model)

        return action

    measure("open", open_list)
    model = view.model()
    filters = {
        "filter_text_prefix": [CaseFilter(text=t) for t in ("kov", "ahm", "sah", "dia", "tes")],
        "filter_status": [CaseFilter(status=s) for s in ("registered", "assigned", "follow_up")],
        "filter_municipality": [CaseFilter(municipality_ags=a) for a in ("05554008", "05570004")],
        "filter_combined": [CaseFilter(text="mo", status="follow_up", municipality_ags="05554008")],
    }
    for name, variants in filters.items():
        measure(
            name,
            lambda i, v=variants: (
                lambda: model.set_filter(v[i % len(v)]) if len(v) > 1 else model.reload(v[0])
            ),
        )
    model.set_filter(CaseFilter())
    for column, (_header, _sort) in enumerate(COLUMNS):
        measure(f"sort_{_sort.value}", lambda i, c=column: lambda: model.sort(c, _order(i)))
    database.close_app_database()
    worst = max(r["median_ms"] for r in results.values())
    return {
        "bar": "first rows <= 100 ms",
        "cases": 100_000,
        "results": results,
        "worst_median_ms": worst,
        "pass": worst <= 100,
    }


def _order(i: int):
    from PySide6.QtCore import Qt

    return Qt.SortOrder.DescendingOrder if i % 2 else Qt.SortOrder.AscendingOrder


if __name__ == "__main__":
    res = main()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "case_list.json").write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2))
