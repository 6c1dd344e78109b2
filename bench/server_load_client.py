"""One simulated counsellor of the server-mode load test (``server_load.py``): a process of
its own, like a laptop, that searches cases and offers and saves cases until the time is up."""

from __future__ import annotations

import copy
import os
import random
import re
import time
import traceback

COUNTED = re.compile(r"^(.*) #(\d+)$")
OFFER_WORDS = (
    "Deutschkurs",
    "Hausaufgabenhilfe",
    "Integrationskurs",
    "Schwimmkurs",
    "Sprachmittlung",
    "Beratung",
    "Rucksack",
    "Begegnungscafé",
)
MAX_TRIES = 50


def counsellor(number: int) -> tuple[str, str]:
    return f"last{number:02d}", f"Lasttest {number:02d}"


def counted(address: str) -> tuple[str, int]:
    match = COUNTED.match(address or "")
    return (match.group(1), int(match.group(2))) if match else (address or "", 0)


class Client:
    """One counsellor at one laptop: the operations and what they measured."""

    def __init__(self, number: int, plan: dict, seed: int) -> None:
        self.rng = random.Random(seed)
        self.plan = plan
        self.ms: dict[str, list[float]] = {"save": [], "open": [], "case_search": []}
        self.ms["offer_search"] = []
        self.counts = {"operations": 0, "saves": 0, "conflicts": 0, "gave_up": 0, "errors": 0}
        self.saved: dict[str, int] = {}
        self.error_texts: list[str] = []

    def timed(self, kind: str, call, *args):
        started = time.perf_counter()
        result = call(*args)
        self.ms[kind].append((time.perf_counter() - started) * 1000)
        return result

    def search_cases(self) -> None:
        from ki_desktop.domain.queries import CaseFilter, Page
        from ki_desktop.services import cases

        name = self.rng.choice(self.plan["surnames"])
        typed = name[: self.rng.randint(min(3, len(name)), len(name))]
        self.timed("case_search", cases.case_page, CaseFilter(text=typed), Page(limit=200))

    def search_offers(self) -> None:
        from ki_desktop.services import offers

        word = self.rng.choice(OFFER_WORDS)
        for end in range(2, len(word) + 1):
            self.timed("offer_search", offers.search, word[:end])

    def edit(self) -> None:
        from ki_desktop.services import cases, intake
        from ki_desktop.services.errors import ServiceError
        from ki_desktop.store.case_writer import StaleCaseError

        hot = self.rng.random() < 0.5
        case_id = self.rng.choice(self.plan["hot"] if hot else self.plan["ids"])
        for _try in range(MAX_TRIES):
            case = self.timed("open", cases.case_detail, case_id)
            loaded = copy.deepcopy(case)
            street, count = counted(case.address)
            case.address = f"{street} #{count + 1}"
            if self.plan["typing_ms"]:
                time.sleep(self.rng.uniform(0, self.plan["typing_ms"]) / 1000)
            started = time.perf_counter()
            try:
                intake.save_case(case, base=loaded)
            except ServiceError as exc:  # SaveConflict, or the case deleted meanwhile
                if not isinstance(exc.__cause__, StaleCaseError):
                    raise
                self.counts["conflicts"] += 1
                continue
            self.ms["save"].append((time.perf_counter() - started) * 1000)
            self.counts["saves"] += 1
            self.saved[case_id] = self.saved.get(case_id, 0) + 1
            return
        self.counts["gave_up"] += 1

    def run(self, seconds: float) -> None:
        operations = (self.search_cases, self.search_offers, self.edit)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            operation = self.rng.choices(operations, (35, 25, 40))[0]
            try:
                operation()
            except Exception as exc:  # every failure is a finding of the load test
                self.counts["errors"] += 1
                if len(self.error_texts) < 5:
                    self.error_texts.append(f"{operation.__name__}: {_where(exc)}")
            self.counts["operations"] += 1


def _where(exc: Exception) -> str:
    """The error and the application's innermost line it came through."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "ki_desktop" in f.filename]
    place = ""
    if frames:
        inner = frames[-1]
        place = f" [{inner.filename.rsplit('ki_desktop', 1)[1]}:{inner.lineno} {inner.name}]"
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}{place}"


def client_process(number: int, location: str, plan: dict, seconds: float, start, results):
    """Entry point of one counsellor's process."""
    os.environ.setdefault("KI_DESKTOP_LANG", "de")
    from ki_desktop.domain.roles import Role
    from ki_desktop.services import database, session

    client = Client(number, plan, seed=number)
    ready = False
    try:
        database.open_app_database(location)
        username, name = counsellor(number)
        session.begin(session.Session(username, name, frozenset({Role.COUNSELLOR}), team=""))
        ready = True
    except Exception as exc:
        client.counts["errors"] += 1
        client.error_texts.append(f"start: {type(exc).__name__}: {exc}")
    start.wait(timeout=300)  # also when this client failed, so that the others begin
    if ready:
        client.run(seconds)
    database.close_app_database()
    results.put(
        {
            "counts": client.counts,
            "ms": client.ms,
            "saved": client.saved,
            "errors": client.error_texts,
        }
    )
