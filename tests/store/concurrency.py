"""Helpers of the concurrency tests: savers on threads of their own (each with its own
connection, as every laptop has its own on the server), one of them held inside its
transaction right after it read a row, so that the other one tries to write in between."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from ki_desktop.services.database import release_thread_connection
from ki_desktop.store.models import DB


class Hold:
    """Holds the thread named ``thread`` after its first statement that contains ``fragment``
    (e.g. ``'FROM "case"'``) until :meth:`release`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, thread: str, fragment: str) -> None:
        self.inside = threading.Event()
        self._release = threading.Event()
        database = DB.obj
        original = database.execute_sql

        def execute_sql(sql, params=None, *args, **kwargs):
            cursor = original(sql, params, *args, **kwargs)
            here = threading.current_thread().name == thread
            if here and fragment in sql and not self.inside.is_set():
                self.inside.set()
                self._release.wait(20)
            return cursor

        monkeypatch.setattr(database, "execute_sql", execute_sql)

    def release(self) -> None:
        self._release.set()


def start(work: Callable[[], object], name: str, outcome: dict[str, object]) -> threading.Thread:
    """Run ``work`` on a thread named ``name``; its result (or the exception it raised) goes
    to ``outcome[name]``."""

    def run() -> None:
        try:
            outcome[name] = work()
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            outcome[name] = exc
        finally:
            release_thread_connection()

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def interleave(
    first: Callable[[], object], second: Callable[[], object], hold: Hold
) -> dict[str, object]:
    """``first`` (a thread named "first", held by ``hold``) reads, then ``second`` tries to
    save; after half a second the first goes on. Returns both outcomes."""
    outcome: dict[str, object] = {}
    one = start(first, "first", outcome)
    assert hold.inside.wait(20), outcome
    two = start(second, "second", outcome)
    time.sleep(0.5)
    hold.release()
    one.join(30)
    two.join(30)
    assert not one.is_alive() and not two.is_alive()
    return outcome
