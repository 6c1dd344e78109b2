"""The offer search index stays current, and the full-text (FTS5 on SQLite, tsvector on
PostgreSQL) and plain-SQL paths find the same."""

from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain.offer_search import OfferFilter, SearchTerms
from ki_desktop.services import database
from ki_desktop.store import offer_search as index
from ki_desktop.store import offers as repo
from ki_desktop.store.models import DB, Municipality, Offer, Provider
from tests import backend
from tests.store.catalogue import Catalogue

DAY = date(2026, 11, 22)


def _demo_offers() -> None:
    from ki_desktop.domain.roles import Role
    from ki_desktop.services import session
    from ki_desktop.services.demo import load_demo_data

    # set up before the per-test login of tests/conftest.py: the school import needs a user
    session.begin(session.Session("test", "Test", frozenset(Role)))
    try:
        load_demo_data(size=0, seed=1, reference=DAY)
    finally:
        session.end()


@pytest.fixture(scope="module")
def catalogue_file(tmp_path_factory):
    """A database with the demo schools and offers (no cases), made once."""
    made = Catalogue(tmp_path_factory.mktemp("catalogue"), _demo_offers)
    yield made
    made.drop()


@pytest.fixture
def catalogue(catalogue_file, tmp_path):
    location = catalogue_file.copy(tmp_path)
    database.open_app_database(location)
    yield location
    database.close_app_database()
    catalogue_file.discard(location)


def titles(text: str, flt: OfferFilter | None = None, fts: bool = True, places=None):
    found = index.search(SearchTerms.of(text), flt or OfferFilter(), DAY, places, fts)
    return [o.title for o in found]


def ids(text: str, flt: OfferFilter, places, fts: bool) -> set[str]:
    return {o.id for o in index.search(SearchTerms.of(text), flt, DAY, places, fts)}


def test_index_holds_every_offer(catalogue):
    count = DB.execute_sql("SELECT count(*) FROM offer_index").fetchone()[0]
    assert count == repo.count_offers() == 80
    assert DB.execute_sql("SELECT count(*) FROM offer_index_queue").fetchone()[0] == 0
    if backend.on_server():  # the rows and words bm25 counts with
        stats = DB.execute_sql("SELECT row_count, token_count FROM offer_index_stats")
        words = DB.execute_sql("SELECT count(*), sum(ntok) FROM offer_index")
        assert stats.fetchone() == words.fetchone()
    else:
        assert DB.execute_sql("SELECT count(*) FROM offer_fts").fetchone()[0] == 80


QUERIES = [
    "",
    "kurs",
    "Kurs",
    "sprachkurs",
    "Sudlohn",
    "Südlohn",
    "Fussball",
    "Fußball",
    "rucksack kita",
    "ar",
    "arab",
    "k",
    "ti",
    "tigrinya",
    "int kurs",
    "Eltern-Kind",
    "beratung warendorf",
    "hausaufgaben grundschule",
    "mbe",
    "xyzzy",
    "Jugendmigrationsdienst 27",
]
FILTERS = [
    OfferFilter(),
    OfferFilter(age=5),
    OfferFilter(age=20, language="de"),
    OfferFilter(language="ti"),
    OfferFilter(category="Beratung"),
    OfferFilter(free_only=True),
    OfferFilter(include_expired=True),
    OfferFilter(limit=3),
]
PLACES = [None, ["05554060"], ["05554060", "05554056", "05554012"]]


@pytest.mark.parametrize("flt", FILTERS, ids=repr)
def test_fts_and_plain_sql_find_the_same(catalogue, flt):
    for text in QUERIES:
        for places in PLACES:
            fts = ids(text, flt, places, fts=True)
            plain = ids(text, flt, places, fts=False)
            if flt.limit is None or len(fts) < flt.limit:
                assert fts == plain, (text, places)
            else:
                assert len(fts) == len(plain) == flt.limit


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kurs", {"Integrationskurs (allgemein)", "Sprachkurse für Eltern im Familienzentrum"}),
        ("sprachkurs", {"Sprachkurse für Eltern im Familienzentrum"}),
        ("Sudlohn", {"Fußball für alle", "Ferien-Sprachcamp Südlohn"}),
        ("Fussball", {"Fußball für alle", "Fußball-AG für Mädchen"}),
        ("fußball", {"Fußball für alle", "Fußball-AG für Mädchen"}),
        ("tigrinya", {"Laiensprachmittlerpool Kreis Borken"}),
        ("Begegnungscafe", {"Begegnungscafé Gronau"}),
    ],
)
def test_found(catalogue, text, expected):
    flt = OfferFilter(include_expired=True, limit=None)
    assert expected <= set(titles(text, flt))


def test_title_matches_rank_first(catalogue):
    found = titles("integrationskurs")
    in_title = [t for t in found if "integrationskurs" in t.casefold()]
    assert found[: len(in_title)] == in_title
    assert len(found) > len(in_title)  # description matches follow
    assert titles("rucksack")[0].startswith("Rucksack")


def test_expired_hidden_unless_asked_then_after_valid_ones_of_equal_rank(catalogue):
    assert "Deutsch-Sommerkurs 2025" not in titles("sommerkurs")
    assert "Deutsch-Sommerkurs 2025" in titles("sommerkurs", OfferFilter(include_expired=True))
    shown = titles("", OfferFilter(include_expired=True, limit=None))
    valid = titles("", OfferFilter(limit=None))
    assert shown[: len(valid)] == valid
    assert "Deutsch-Sommerkurs 2025" in shown[len(valid) :]
    summer = replace(OfferFilter(), valid_on=None)
    assert "Deutsch-Sommerkurs 2025" in [
        o.title for o in index.search(SearchTerms.of("sommer"), summer, date(2025, 8, 1))
    ]


def test_places_nearest_first(catalogue):
    places = ["05554060", "05554056"]  # Südlohn, then Stadtlohn
    found = index.search(SearchTerms(), OfferFilter(limit=None), DAY, places)
    agss = [o.municipality_ags for o in found]
    assert set(agss) == set(places)
    assert agss == sorted(agss, key=places.index)


@pytest.mark.parametrize(
    "flt, check",
    [
        (OfferFilter(age=2), lambda o: (o.age_min or 0) <= 2 <= (o.age_max or 200)),
        (OfferFilter(age=40), lambda o: (o.age_min or 0) <= 40 <= (o.age_max or 200)),
        (OfferFilter(language="uk"), lambda o: "uk" in o.languages),
        (OfferFilter(category="Sprachmittlung"), lambda o: o.category == "Sprachmittlung"),
        (OfferFilter(free_only=True), lambda o: o.free_of_charge),
        (
            OfferFilter(),
            lambda o: (
                (o.valid_from is None or o.valid_from <= DAY)
                and (o.valid_to is None or o.valid_to >= DAY)
            ),
        ),
    ],
)
def test_filters(catalogue, flt, check):
    flt = replace(flt, limit=None)
    found = index.search(SearchTerms(), flt, DAY)
    everything = index.search(SearchTerms(), OfferFilter(include_expired=True, limit=None), DAY)
    assert found and all(check(o) for o in found)
    assert {o.id for o in found} == {o.id for o in everything if check(o)} - {
        o.id
        for o in everything
        if (o.valid_to and o.valid_to < DAY) or (o.valid_from and o.valid_from > DAY)
    }


def test_insert_update_delete_keep_the_index_current(catalogue):
    assert titles("zauberkurs") == []
    assert "zauberkurs" not in index.vocabulary()
    offer = repo.list_offers()[0]
    offer.title = "Zauberkurs für Kinder"
    assert repo.update_offer(offer)
    assert titles("zauberkurs") == ["Zauberkurs für Kinder"]
    assert titles("zauber", fts=False) == ["Zauberkurs für Kinder"]
    assert "zauberkurs" in index.vocabulary()
    assert repo.delete_offer(offer.id)
    assert titles("zauberkurs") == []
    assert DB.execute_sql("SELECT count(*) FROM offer_index").fetchone()[0] == 79


def test_writes_bypassing_the_repository_are_indexed_before_the_next_search(catalogue):
    """E.g. a sync import: the triggers queue the offer."""
    Offer.update(description_de="Jetzt auch Schach").where(
        Offer.title == "Nähcafé International"
    ).execute()
    assert titles("schach") == ["Nähcafé International"]


def test_provider_and_municipality_renames_reach_the_index(catalogue):
    Provider.update(name="Lernhaus Stadtlohn").where(
        Provider.name == "Stadtbücherei Stadtlohn"
    ).execute()
    assert titles("lernhaus") == ["Lesepaten in der Stadtbücherei"]
    Municipality.update(name="Neu-Beelen").where(Municipality.ags == "05570012").execute()
    assert titles("neu beelen") == ["Begegnungsgarten Beelen"]


def test_reindex_all_and_vocabulary(catalogue):
    assert index.reindex_all() == 80
    vocab = index.vocabulary()
    assert {"hausaufgabenhilfe", "sudlohn", "fussball", "arabisch"} <= set(vocab)
    assert set(index.vocabulary(fts=False)) == set(vocab)


def test_search_sql_runs_directly_through_the_database_driver(catalogue):
    """sqlite3 or psycopg2, as the benchmark runs it."""
    sql, params = index.build_search(SearchTerms.of("kurs"), OfferFilter(), DAY)
    rows = backend.run(catalogue, sql, params)
    assert [r[1] for r in rows] == titles("kurs")


@pytest.mark.sqlite_only("migration 4 of an old SQLite file")
def test_an_old_database_gets_the_index_of_its_offers(tmp_path):
    """Migration 4 on a database that already has offers: they are found at the first search."""
    import sqlite3
    from pathlib import Path

    v1 = Path(__file__).parent / "fixtures" / "schema_v1.sql"
    path = tmp_path / "old.sqlite"
    con = sqlite3.connect(path)
    con.executescript(v1.read_text(encoding="utf-8"))
    sync = "'2025-01-01', '2025-01-01', 1, 'old'"
    con.execute(
        "INSERT INTO municipality (id, created_at, updated_at, version, device_id, ags, name, "
        f"kreis) VALUES ('m1', {sync}, '05554060', 'Südlohn', '05554')"
    )
    con.execute(
        "INSERT INTO offer (id, created_at, updated_at, version, device_id, title, category, "
        "age_min, age_max, target_group, languages, free_of_charge, municipality_id, address, "
        f"schedule, accessibility, description_de) VALUES ('o1', {sync}, 'Fußball-Treff', "
        "'Sport', 8, 14, '', 'de,ar', 1, 'm1', '', '', '', 'Training für Kinder')"
    )
    con.commit()
    con.close()
    info = database.open_app_database(str(path))
    try:
        assert info.backup is not None
        assert titles("fussball sudl") == ["Fußball-Treff"]
        assert titles("arabisch", OfferFilter(age=9)) == ["Fußball-Treff"]
    finally:
        database.close_app_database()


@pytest.mark.skipif(not backend.on_server(), reason="plan settings of the server")
def test_a_search_inside_a_transaction_leaves_the_callers_settings(catalogue):
    found = titles("sprachkurs")
    with DB.atomic():
        assert titles("sprachkurs") == found
        assert DB.execute_sql("SHOW enable_seqscan").fetchone()[0] == "on"
    assert DB.execute_sql("SHOW enable_seqscan").fetchone()[0] == "on"


@pytest.mark.skipif(not backend.on_server(), reason="several connections to one server")
def test_two_searches_at_once_write_the_queued_rows_once(catalogue):
    """Two counsellors search right after the same change: one writes the index rows, the
    other waits for it and then finds the queue empty."""
    import threading

    from ki_desktop.store import dialect

    DB.execute_sql(
        dialect.insert_ignore("INSERT INTO offer_index_queue (offer_id) SELECT id FROM offer")
    )
    start, failures, written = threading.Barrier(2), [], []

    def refresh():
        start.wait()
        try:
            written.append(index.refresh_index())
        except Exception as exc:  # noqa: BLE001 - reported below
            failures.append(exc)
        finally:
            DB.close()

    threads = [threading.Thread(target=refresh) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(written) == [0, 80]
    assert DB.execute_sql("SELECT count(*) FROM offer_index").fetchone()[0] == 80


def test_the_vocabulary_notices_changes_of_other_connections(catalogue):
    assert "zauberwort" not in index.vocabulary()
    backend.run(
        catalogue,
        "UPDATE offer_index SET title = 'zauberwort' "
        "WHERE docid = (SELECT min(docid) FROM offer_index)",
    )
    assert "zauberwort" in index.vocabulary()


@pytest.mark.skipif(not backend.on_server(), reason="the server's search schema")
def test_the_search_schema_can_be_applied_again(catalogue):
    """E.g. to a server database made before a change of it: nothing is lost or doubled."""
    from ki_desktop.store.pg_search_schema import SEARCH_SQL

    before = titles("kurs")
    with DB.atomic():
        for sql in SEARCH_SQL:
            DB.execute_sql(sql)
    assert titles("kurs") == before
    stats = DB.execute_sql("SELECT row_count, token_count FROM offer_index_stats").fetchone()
    assert stats == DB.execute_sql("SELECT count(*), sum(ntok) FROM offer_index").fetchone()


def test_a_very_long_word_finds_nothing_and_fails_nothing(catalogue):
    assert titles("x" * 3000) == []
    assert titles("kurs " + "ä" * 1000) == []
    Offer.update(description_de="Schachclub " + "ä" * 3000).where(
        Offer.title == "Nähcafé International"
    ).execute()
    assert titles("schachclub") == ["Nähcafé International"]
