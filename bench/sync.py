"""Bar: sync export ≤ 1 s and import ≤ 2 s for 10,000 changed records, memory flat in the
number of records.

A laptop database with demo cases (each case brings guardians, interview, languages, school
history, consents, recommendation ... so records ≫ cases) is exported in full: the first export
also captures every record (the worst case: everything changed). The file is then imported into
a fresh database that has only the school list, as a new laptop would. Times are medians over
several runs on copies; peak memory (tracemalloc) is measured in separate runs at the full and
at half the number of records, to show that it does not grow with them.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import time
import tracemalloc
from datetime import date

from common import OUT

from ki_desktop.paths import resources_dir  # noqa: E402
from ki_desktop.services import database, sync  # noqa: E402
from ki_desktop.services.demo import load_demo_data  # noqa: E402
from ki_desktop.services.schools import import_school_list  # noqa: E402
from ki_desktop.store.models import SyncState  # noqa: E402

SCHOOL_EXTRACT = resources_dir() / "seed" / "schulen-borken-warendorf.csv"

RECORDS = int(os.environ.get("BENCH_SYNC_RECORDS", "10000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SECRET = "Benchmark-Passphrase 2026"


def laptop(records: int) -> tuple:
    """(a database whose states are not captured yet, with at least ``records`` records)."""
    path = OUT / f"sync-source-{records}.sqlite"
    if not path.exists():
        database.open_app_database(str(path))
        size = max(10, int(records / 7.8))  # about 7.9 records per demo case
        load_demo_data(size=size, seed=11, reference=date(2026, 11, 1))
        database.close_app_database()
    empty = OUT / "sync-empty.sqlite"
    if not empty.exists():
        database.open_app_database(str(empty))
        import_school_list(SCHOOL_EXTRACT)
        database.close_app_database()
    return path, empty


def copy(path, name):
    target = OUT / name
    shutil.copyfile(path, target)
    return target


def export_once(source, file, memory=False) -> tuple[float, int, int]:
    work = copy(source, "sync-work.sqlite")
    database.open_app_database(str(work))
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    report = sync.export_changes(file, SECRET, full=True)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    if memory:
        tracemalloc.stop()
    database.close_app_database()
    return elapsed, report.records, peak


def import_once(empty, file, memory=False) -> tuple[float, int, int]:
    work = copy(empty, "sync-import.sqlite")
    database.open_app_database(str(work))
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    report = sync.import_file(file, SECRET)
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] if memory else 0
    if memory:
        tracemalloc.stop()
    states = SyncState.select().count()
    database.close_app_database()
    return elapsed, report.counts.records, peak, states


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    result = {"bar": "export ≤ 1 s, import ≤ 2 s for 10,000 changed records; memory flat"}
    memory = {}
    for label, records in (("full", RECORDS), ("half", RECORDS // 2)):
        source, empty = laptop(records)
        file = OUT / f"sync-{label}.kisync"
        _t, exported, export_peak = export_once(source, file, memory=True)
        _t, imported, import_peak, _s = import_once(empty, file, memory=True)
        memory[label] = {
            "records": exported,
            "export_peak_mb": round(export_peak / 2**20, 1),
            "import_peak_mb": round(import_peak / 2**20, 1),
        }
    source, empty = laptop(RECORDS)
    file = OUT / "sync-full.kisync"
    exports = [export_once(source, file) for _ in range(RUNS)]
    imports = [import_once(empty, file) for _ in range(RUNS)]
    export_s = statistics.median(t for t, *_ in exports)
    import_s = statistics.median(t for t, *_ in imports)
    records = exports[0][1]
    result.update(
        records=records,
        file_kb=round(file.stat().st_size / 1024),
        results={
            "export": {
                "median_ms": round(export_s * 1000, 1),
                "max_ms": round(max(t for t, *_ in exports) * 1000, 1),
            },
            "import": {
                "median_ms": round(import_s * 1000, 1),
                "max_ms": round(max(t for t, *_ in imports) * 1000, 1),
            },
        },
        memory=memory,
        imported_states=imports[0][3],
    )
    scale = RECORDS / max(records, 1)
    result["pass"] = (
        records >= RECORDS
        and export_s <= 1.0
        and import_s <= 2.0
        and memory["full"]["import_peak_mb"] <= 1.5 * memory["half"]["import_peak_mb"] + 1
        and memory["full"]["export_peak_mb"] <= 1.5 * memory["half"]["export_peak_mb"] + 1
    )
    result["scale_note"] = round(scale, 2)
    (OUT / "sync.json").write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
