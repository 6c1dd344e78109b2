"""Bar: offer search as you type with 20,000 offers, median ≤ 10 ms and ≤ 2 × the same raw
FTS5 query through sqlite3.

The catalogue is made once (through the store, so the search index is built the way the
application builds it) from the demo offers, varied and spread over the 30 demo municipalities.
Then every prefix of a few search texts is searched, as typing does: through the offer service
(what the GUI calls) and, alternating with it in the same run, the very SQL the store runs,
executed directly with sqlite3.

With ``--db postgresql://user@host/dbname`` the same on a PostgreSQL server (an empty database
of its own, filled once and then reused; the raw query through psycopg2), written to
``offer_search_pg.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta

from common import OUT, summary

from ki_desktop.domain import model as dm
from ki_desktop.domain.offer_search import OfferFilter, SearchTerms
from ki_desktop.services import database, offers
from ki_desktop.store import offer_search as index
from ki_desktop.store.connection import SQLITE_PRAGMAS

OFFERS = int(os.environ.get("BENCH_OFFERS", "20000"))
RUNS = int(os.environ.get("BENCH_RUNS", "15"))
TYPED = (
    "integrationskurs",
    "hausaufgaben",
    "südlohn",
    "fussball",
    "rucksack kita",
    "beratung ahlen",
    "kurs",
    "sprachmittlung arabisch",
)
EXTRA = (
    "Anmeldung bitte telefonisch oder per E-Mail.",
    "Eine Kinderbetreuung ist nach Absprache möglich.",
    "Die Teilnahme ist auch ohne Vorkenntnisse möglich.",
    "Das Angebot wird von Ehrenamtlichen begleitet.",
    "Fahrtkosten können erstattet werden.",
    "Bitte Ausweis und Meldebescheinigung mitbringen.",
    "In den Schulferien finden keine Termine statt.",
    "Gefördert durch das Land Nordrhein-Westfalen.",
)
LANGUAGES = ("de", "ar", "fa", "ps", "ti", "uk", "ru", "tr", "ku", "ro", "bg", "sq", "so", "en")


def prefixes(text: str) -> list[str]:
    return [text[:n] for n in range(1, len(text) + 1) if not text[:n].endswith(" ")]


def generated(demo: list[dm.Offer], places: list[dm.Municipality], count: int) -> list[dm.Offer]:
    """``count`` offers varied from the demo catalogue (deterministic)."""
    rng = random.Random(20_000)
    made = []
    for n in range(count):
        base = demo[n % len(demo)]
        place = rng.choice(places)
        start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
        expired = rng.random() < 0.1
        made.append(
            replace(
                base,
                id=None,
                title=f"{base.title} {place.name} {n // len(demo) + 1}",
                provider_name=base.provider_name if rng.random() < 0.7 else f"Verein {n % 400}",
                municipality_ags=place.ags,
                languages=sorted({"de", *rng.sample(LANGUAGES, rng.randint(0, 4))}),
                valid_from=start,
                valid_to=start + timedelta(days=rng.randint(30, 200)) if expired else None,
                description_de=f"{base.description_de} {' '.join(rng.sample(EXTRA, 2))}",
            )
        )
    return made


def catalogue(server: str | None = None) -> str:
    """The database with ``OFFERS`` offers (made once, then reused)."""
    OUT.mkdir(parents=True, exist_ok=True)
    if server:
        database.open_app_database(server)
        have = offers.offer_count()
        if have == OFFERS:
            return server
        if have:
            raise SystemExit(f"{server} has {have:,} offers; give an empty database")
        print(f"filling {server} with {OFFERS:,} offers …", flush=True)
        _fill()
        return server
    path = OUT / f"offers-{OFFERS}.sqlite"
    if path.exists():
        database.open_app_database(str(path))
        if offers.offer_count() == OFFERS:
            return str(path)
        database.close_app_database()
        path.unlink()
    print(f"making {path.name} with {OFFERS:,} offers …", flush=True)
    database.open_app_database(str(path))
    _fill()
    return str(path)


def _fill() -> None:
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=0)
    from ki_desktop.services.schools import municipalities
    from ki_desktop.store import offers as repo

    demo = offers.offers()
    providers = [*repo.list_providers(), *(dm.Provider(f"Verein {n}") for n in range(400))]
    repo.add_offers(generated(demo, municipalities(), OFFERS - len(demo)), providers)


def _raw(location: str):
    """A connection of the database's own driver, with what the application sets, and a
    function that runs one query on it."""
    if location.startswith("postgresql://"):
        import psycopg2

        from ki_desktop.store.offer_search_pg import PLAN
        from ki_desktop.store.server import qmark_to_format

        con = psycopg2.connect(location)
        con.autocommit = True
        cur = con.cursor()
        cur.execute(PLAN.replace("LOCAL ", ""))  # what the search sets for its transaction

        def run(sql, params):
            cur.execute(qmark_to_format(sql), params)
            return cur.fetchall()

        return con, run
    con = sqlite3.connect(location)
    for pragma, value in SQLITE_PRAGMAS.items():  # the same settings as the application
        con.execute(f"PRAGMA {pragma} = {value}")
    return con, lambda sql, params: con.execute(sql, params).fetchall()


def main(server: str | None = None) -> dict:
    location = catalogue(server)
    flt = OfferFilter()  # what the tab asks first: valid today, 200 best
    today = date.today()
    texts = [p for text in TYPED for p in prefixes(text)]
    queries = [index.build_search(SearchTerms.of(t), flt, today) for t in texts]
    raw, run = _raw(location)
    service_ms: list[float] = []
    raw_ms: list[float] = []
    rows_found: list[int] = []
    for _run in range(RUNS):
        for text, (sql, params) in zip(texts, queries, strict=True):
            start = time.perf_counter()
            found = offers.search_offers(text, flt)
            service_ms.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            rows = run(sql, params)
            raw_ms.append((time.perf_counter() - start) * 1000)
            assert len(rows) == len(found), text
            rows_found.append(len(rows))
    raw.close()
    database.close_app_database()
    service, direct = summary(service_ms), summary(raw_ms)
    ratio = round(service["median_ms"] / direct["median_ms"], 2)
    per_text = {
        t: round(statistics.median(service_ms[i :: len(texts)]), 2) for i, t in enumerate(texts)
    }
    slowest = sorted(per_text.items(), key=lambda item: -item[1])[:5]
    driver = "psycopg2" if server else "sqlite3"
    return {
        "database": "postgresql" if server else "sqlite",
        "bar": f"median <= 10 ms and <= 2 x the raw query through {driver}",
        "offers": OFFERS,
        "searches": len(texts),
        "median_rows": statistics.median(rows_found),
        "results": {"service": service, f"raw_{driver}": direct},
        "ratio": ratio,
        "slowest_prefixes_ms": dict(slowest),
        "pass": service["median_ms"] <= 10 and ratio <= 2,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="postgresql://… (an empty database, or one filled before)")
    server = parser.parse_args().db
    res = main(server)
    OUT.mkdir(parents=True, exist_ok=True)
    name = "offer_search_pg.json" if server else "offer_search.json"
    (OUT / name).write_text(json.dumps(res, indent=2, ensure_ascii=False))
    print(json.dumps(res, indent=2, ensure_ascii=False))
