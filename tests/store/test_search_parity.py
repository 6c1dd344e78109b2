"""The offer and case-name searches find the same on SQLite (FTS5) and PostgreSQL (tsvector
with GIN indexes): one table of data, queries and expected results (``search_table``) runs on
the selected backend; on PostgreSQL a SQLite file loaded with the same data is searched as
well and every result compared, for every prefix of every query as it is typed.

The one known difference: case names on PostgreSQL are folded with ``unaccent``, which also
reads "ß" as "ss", "ł" as "l", "ø" as "o", "ı" as "i" and drops Greek accents, where SQLite's
unicode61 tokenizer keeps those letters; the server then finds more (``server_also``), never
less. Offers are folded by the store itself, the same for both.
"""

from __future__ import annotations

import pytest

from ki_desktop.domain.offer_search import OfferFilter, SearchTerms
from ki_desktop.domain.queries import CaseFilter, Page
from ki_desktop.services import database
from ki_desktop.services import offers as offer_service
from ki_desktop.store import cases
from ki_desktop.store import offer_search as index
from ki_desktop.store.models import DB
from ki_desktop.store.offer_rows import SELECT
from tests import backend
from tests.store import search_table as table
from tests.store.catalogue import Catalogue

KEYS = {offer.title: key for key, offer in table.OFFERS.items()}
TYPOS = ("fusball", "integrationskrus", "hausaufgabn", "begegnugscafe", "sprachkrus eltern")


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    made = Catalogue(tmp_path_factory.mktemp("search"), table.load)
    yield made
    made.drop()


@pytest.fixture
def searchable(master):
    """The table's database, open (the tests only read)."""
    database.open_app_database(master.location)
    yield
    database.close_app_database()


def _offers(query: table.OfferQuery, text: str | None = None, fts: bool = True) -> list[str]:
    flt = query.flt
    places = list(query.places) if query.places is not None else None
    found = index.search(
        SearchTerms.of(query.text if text is None else text),
        flt,
        flt.valid_on or table.DAY,
        places,
        fts,
    )
    return [KEYS[offer.title] for offer in found]


def _names(text: str) -> set[str]:
    rows = cases.case_rows(CaseFilter(text=text), Page(limit=500))
    assert cases.count_cases(CaseFilter(text=text)) == len(rows)
    return {row.last_name for row in rows}


def _label(query) -> str:
    text = getattr(query, "text", query)
    flt = getattr(query, "flt", None)
    changed = [] if flt is None else [f"{k}={v}" for k, v in _changed(flt).items()]
    places = getattr(query, "places", None)
    return " ".join([repr(text), *changed, *([f"places={len(places)}"] if places else [])])


def _changed(flt: OfferFilter) -> dict:
    default = OfferFilter(limit=None)
    return {
        name: getattr(flt, name)
        for name in flt.__dataclass_fields__
        if getattr(flt, name) != getattr(default, name)
    }


@pytest.mark.parametrize("query", table.OFFER_QUERIES, ids=_label)
def test_offer_search(searchable, query):
    assert _offers(query) == list(query.expected)


@pytest.mark.parametrize("query", table.OFFER_QUERIES, ids=_label)
def test_plain_sql_finds_the_same_offers(searchable, query):
    """The same offers (ranked otherwise: a limit cuts off other ones)."""
    plain = _offers(query, fts=False)
    if query.flt.limit is None:
        assert set(plain) == set(query.expected)
    else:
        assert len(plain) == len(query.expected)


@pytest.mark.parametrize("query", table.NAME_QUERIES, ids=_label)
def test_case_name_search(searchable, query):
    expected = query.expected | (query.server_also if backend.on_server() else frozenset())
    assert _names(query.text) == expected


def test_vocabulary_is_the_whole_words_of_the_index(searchable):
    vocabulary = index.vocabulary()
    assert set(vocabulary) == set(index.vocabulary(fts=False))
    assert {"fussball", "sudlohn", "курс", "no", "ateliér".replace("é", "e")} <= set(vocabulary)


def test_spelling_corrections(searchable):
    result = offer_service.search("fusball", OfferFilter(valid_on=table.DAY))
    assert result.corrections == {"fusball": ["fussball"]}
    assert [KEYS[o.title] for o in result.offers] == ["fussball_ag", "fussball"]


def _as_typed(text: str) -> list[str]:
    return [text[:n] for n in range(1, len(text) + 1)] or [""]


def _scores(text: str) -> dict[str, float]:
    """The rank (bm25) of every offer ``text`` finds: the first sort key of the search."""
    sql, params = index.build_search(
        SearchTerms.of(text), OfferFilter(include_expired=True, limit=None), table.DAY
    )
    sql = sql.replace(SELECT, "SELECT o.title, k.k0", 1)
    return {KEYS[title]: score for title, score in DB.execute_sql(sql, params).fetchall()}


def _everything() -> dict[object, object]:
    """Every result the table's queries give on the open database."""
    found: dict[object, object] = {}
    for number, query in enumerate(table.OFFER_QUERIES):
        for text in _as_typed(query.text):
            found["offers", number, text] = _offers(query, text)
            found["plain", number, text] = sorted(_offers(query, text, fts=False))
    for query in table.NAME_QUERIES:
        for text in _as_typed(query.text):
            found["names", text] = _names(text)
    for text in {query.text for query in table.OFFER_QUERIES if query.text}:
        found["bm25", text] = _scores(text)
    found["vocabulary"] = sorted(index.vocabulary())
    for text in TYPOS:
        result = offer_service.search(text, OfferFilter(valid_on=table.DAY, limit=None))
        found["typo", text] = ([KEYS[o.title] for o in result.offers], result.corrections)
    return found


@pytest.mark.skipif(not backend.on_server(), reason="compares the server with a SQLite file")
def test_server_finds_what_a_sqlite_file_with_the_same_data_finds(searchable, tmp_path):
    on_server = _everything()
    database.close_app_database()
    database.open_app_database(str(tmp_path / "same.sqlite"))
    table.load()
    in_file = _everything()
    assert on_server.keys() == in_file.keys()
    # the documented difference: unaccent folds more letters than unicode61
    folded_apart = frozenset().union(*(q.server_also for q in table.NAME_QUERIES))
    for key, found in in_file.items():
        if key[0] == "names":
            assert found <= on_server[key], key
            assert on_server[key] - found <= folded_apart, key
        else:
            assert on_server[key] == found, key
