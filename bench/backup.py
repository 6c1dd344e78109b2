"""Figure for the closing note: how long a backup of 100,000 cases takes (no bar).

For the plain and for an encrypted copy of the 100,000-case benchmark database (both made
once, then reused), each as the median of N runs (BENCH_RUNS, default 5):

- ``backup``: ``services.backups.backup_now`` to a new file, as „Datensicherung jetzt…“ and
  the automatic backup do it: the online backup in 16 MiB steps under one read snapshot,
  flush, rename, ``quick_check`` of the copy, audit event;
- ``copy``: the copy alone (``store.backup.backup_to``), and ``quick_check`` alone;
- ``file_copy``: ``shutil.copyfile`` of the same file, the floor for any copy;
- ``writer_max_ms``: the longest a save (one small transaction every 5 ms, another
  connection) waited while a backup ran, against ``writer_idle_max_ms`` without one;

and once: ``integrity_check`` (what a restore checks first) and a restore into a fresh folder.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import OUT, ROOT, big_database, summary

sys.path.insert(0, str(ROOT))

from ki_desktop.domain.roles import Role  # noqa: E402
from ki_desktop.services import accounts, backups, database, session  # noqa: E402
from ki_desktop.store import backup as store_backup  # noqa: E402
from ki_desktop.store import connection  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
PASSWORD = "Messlauf-Kennwort-2026"
ADMIN = session.Session("bench", "Bench", frozenset({Role.ADMIN}))


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def plain_copy() -> Path:
    """A copy of the benchmark database (the cached original stays untouched)."""
    source = big_database()
    target = OUT / "backup-100000-plain.sqlite"
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        shutil.copyfile(source, target)
    return target


def encrypted_copy() -> Path:
    """An encrypted copy with the account "bench" (made once: the offered encryption)."""
    target = OUT / "backup-100000-encrypted.sqlite"
    if target.exists() and Path(f"{target}.keys").exists():
        return target
    for leftover in OUT.glob("backup-100000-encrypted.*"):
        leftover.unlink()
    shutil.copyfile(big_database(), target)
    print(f"encrypting {target.name} …", file=sys.stderr, flush=True)
    accounts.create_first_admin(str(target), "bench", "Bench", PASSWORD)
    accounts.logout()
    return target


class Writer(threading.Thread):
    """Saves a small row every 5 ms through its own connection; records how long each took."""

    def __init__(self, path: Path, key: bytes | None) -> None:
        super().__init__(daemon=True)
        self.path, self.key = path, key
        self.waits: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        con = connection.raw_connection(self.path, self.key)
        con.execute("PRAGMA busy_timeout = 10000")
        n = 0
        while not self.stop.is_set():
            n += 1
            start = time.perf_counter()
            con.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES ('bench.writer', ?)", (str(n),)
            )
            con.commit()
            self.waits.append((time.perf_counter() - start) * 1000)
            time.sleep(0.005)
        con.close()


def writer_max(path: Path, key: bytes | None, during=None, seconds: float = 2.0) -> float:
    writer = Writer(path, key)
    writer.start()
    if during is None:
        time.sleep(seconds)
    else:
        during()
    writer.stop.set()
    writer.join()
    return round(max(writer.waits), 2)


def measure(kind: str, path: Path, key: bytes | None) -> dict:
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        out = Path(folder)
        size = path.stat().st_size
        target = out / "sicherung.sqlite"
        timed(lambda: backups.backup_now("bench", target))  # warm the file cache
        backup = [timed(lambda: backups.backup_now("bench", target)) for _ in range(RUNS)]
        copy = [timed(lambda: store_backup.backup_to(target)) for _ in range(RUNS)]
        check = [
            timed(lambda: store_backup.verify_backup(target, key, thorough=False))
            for _ in range(RUNS)
        ]
        file_copy = [timed(lambda: shutil.copyfile(path, out / "kopie")) for _ in range(RUNS)]
        integrity = timed(lambda: store_backup.verify_backup(target, key))
        idle = writer_max(path, key)
        during = writer_max(path, key, lambda: backups.backup_now("bench", target))
        restore = timed(
            lambda: backups.restore(
                target, str(out / "neu" / "ki.sqlite"), key=key, keep_open=False
            )
        )
    return {
        "database_mb": round(size / 1e6, 1),
        "backup": summary(backup),
        "copy": summary(copy),
        "quick_check": summary(check),
        "file_copy": summary(file_copy),
        "integrity_check_ms": round(integrity, 1),
        "restore_ms": round(restore, 1),
        "writer_idle_max_ms": idle,
        "writer_max_ms": during,
    }


def main() -> dict:
    results = {}
    plain = plain_copy()
    database.open_app_database(str(plain))
    session.begin(ADMIN)
    results["plain"] = measure("plain", plain, None)
    session.end()
    database.close_app_database()

    encrypted = encrypted_copy()
    accounts.login(str(encrypted), "bench", PASSWORD)
    key = connection.current_key()
    session.begin(ADMIN)
    results["encrypted"] = measure("encrypted", encrypted, key)
    # The restore at the end left the (deleted) restored copy bound: nothing more to write.
    session.end()
    accounts.logout()

    result = {
        "bar": "backup time with 100,000 cases (figure for the closing note, no bar)",
        "cpus": os.cpu_count(),
        "results": results,
        "pass": True,
    }
    (OUT / "backup.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
