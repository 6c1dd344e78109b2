"""No lost update when people save the same record at the same time: every thread has its own
connection, as every laptop has its own on the server; the version check and the write are one
step (the row is locked)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services.database import release_thread_connection
from ki_desktop.store import case_writer
from ki_desktop.store import cases as case_repo
from ki_desktop.store import offers as offer_repo

THREADS = 4
ROUNDS = 15


@pytest.fixture
def case_id(open_db):
    case = dm.Case("Olena", "Kovalenko", date(2014, 3, 10), address="0")
    return case_writer.save_case(case, "abecker")[0]


@pytest.fixture
def offer_id(open_db):
    offer = dm.Offer(title="Sprachcafé", category="language", provider_name="", schedule="0")
    return offer_repo.save_offer(offer, None)[0]


def _in_threads(work: Callable[[int], object], count: int) -> list[object]:
    """Run ``work(n)`` on ``count`` threads at once; each result or the exception raised."""
    results: list[object] = [None] * count
    start = threading.Barrier(count)

    def run(n: int) -> None:
        try:
            start.wait(10)
            results[n] = work(n)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            results[n] = exc
        finally:
            release_thread_connection()

    threads = [threading.Thread(target=run, args=(n,), name=f"saver-{n}") for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results


def _save_case_from(loaded: dm.Case, address: str) -> str:
    return case_writer.save_case(replace(loaded, address=address), f"user{address}")[0]


def _save_offer_from(loaded: dm.Offer, schedule: str) -> str:
    return offer_repo.save_offer(replace(loaded, schedule=schedule), None)[0]


def test_two_savers_of_one_case_version_exactly_one_wins(case_id):
    loaded = case_repo.get_case(case_id)
    results = _in_threads(lambda n: _save_case_from(loaded, f"Weg {n}"), 2)
    stale = [r for r in results if isinstance(r, case_writer.StaleCaseError)]
    assert len(stale) == 1 and results.count(case_id) == 1, results
    stored = case_repo.get_case(case_id)
    winner = results.index(case_id)
    assert (stored.address, stored.version) == (f"Weg {winner}", loaded.version + 1)


def test_two_savers_of_one_offer_version_exactly_one_wins(offer_id):
    loaded = offer_repo.get_offer(offer_id)
    results = _in_threads(lambda n: _save_offer_from(loaded, f"Mo {n}"), 2)
    stale = [r for r in results if isinstance(r, offer_repo.StaleOfferError)]
    assert len(stale) == 1 and results.count(offer_id) == 1, results
    stored = offer_repo.get_offer(offer_id)
    assert stored.schedule == f"Mo {results.index(offer_id)}"
    assert stored.version == loaded.version + 1


def test_a_second_saver_waits_for_the_first_then_gets_the_conflict(case_id, monkeypatch):
    """The first saver is held inside its transaction after its version check: the second one
    must not pass its own check meanwhile (it waits), and afterwards it sees the new
    version."""
    loaded = case_repo.get_case(case_id)
    inside, release = threading.Event(), threading.Event()
    original = case_writer._save_children

    def held(*args):
        if threading.current_thread().name == "first" and not inside.is_set():
            inside.set()
            release.wait(10)
        return original(*args)

    monkeypatch.setattr(case_writer, "_save_children", held)
    outcome: dict[str, object] = {}

    def save(address: str) -> None:
        try:
            outcome[threading.current_thread().name] = _save_case_from(loaded, address)
        except Exception as exc:  # noqa: BLE001 - the test looks at it
            outcome[threading.current_thread().name] = exc
        finally:
            release_thread_connection()

    first = threading.Thread(target=save, args=("A",), name="first")
    second = threading.Thread(target=save, args=("B",), name="second")
    first.start()
    assert inside.wait(10)
    second.start()
    time.sleep(0.5)
    assert "second" not in outcome  # waiting for the first saver's row
    release.set()
    first.join(30)
    second.join(30)
    assert outcome["first"] == case_id
    assert isinstance(outcome["second"], case_writer.StaleCaseError)
    stored = case_repo.get_case(case_id)
    assert (stored.address, stored.version) == ("A", loaded.version + 1)


def _count_up(load, save, stale: type[Exception], rounds: int) -> int:
    """Load, add one, save; again after a conflict. Returns how many conflicts it met."""
    conflicts = 0
    done = 0
    while done < rounds:
        record = load()
        try:
            save(record)
        except stale:
            conflicts += 1
            continue
        done += 1
    return conflicts


def test_threads_counting_up_a_case_field_lose_no_update(case_id):
    def save(case: dm.Case) -> None:
        case.address = str(int(case.address) + 1)
        case_writer.save_case(case, "counter")

    results = _in_threads(
        lambda n: _count_up(
            lambda: case_repo.get_case(case_id), save, case_writer.StaleCaseError, ROUNDS
        ),
        THREADS,
    )
    assert all(isinstance(r, int) for r in results), results
    stored = case_repo.get_case(case_id)
    assert stored.address == str(THREADS * ROUNDS)
    assert stored.version == 1 + THREADS * ROUNDS


def test_threads_counting_up_an_offer_field_lose_no_update(offer_id):
    def save(offer: dm.Offer) -> None:
        offer_repo.save_offer(replace(offer, schedule=str(int(offer.schedule) + 1)), None)

    results = _in_threads(
        lambda n: _count_up(
            lambda: offer_repo.get_offer(offer_id), save, offer_repo.StaleOfferError, ROUNDS
        ),
        THREADS,
    )
    assert all(isinstance(r, int) for r in results), results
    stored = offer_repo.get_offer(offer_id)
    assert stored.schedule == str(THREADS * ROUNDS)
    assert stored.version == 1 + THREADS * ROUNDS
