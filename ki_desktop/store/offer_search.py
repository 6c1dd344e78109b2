"""Offer search: one index row per offer, kept current, and the search itself.

Triggers (migration 4) queue every offer whose searched or filtered columns change, whoever
writes them; :func:`refresh_index` writes the queued offers' rows of ``offer_index`` (folded
text, word parts and copies of the filtered columns), and triggers on that table keep the FTS5
index ``offer_fts`` in step (on PostgreSQL: generated tsvector columns, ``pg_search_schema``). A search ranks and filters on ``offer_index`` alone and reads the
full offer rows only for the offers it returns.

Two paths find the same offers: the full-text index (FTS5 on SQLite, GIN-indexed tsvectors on
PostgreSQL, see ``offer_search_pg``; both ranked with bm25, title weighted most) and plain SQL
(LIKE over the folded text; works on any database).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.domain.offer_search import (
    FIELD_WEIGHTS,
    INDEX_COLUMNS,
    INFIX_MIN,
    SEARCH_FIELDS,
    OfferFilter,
    SearchTerms,
    index_text,
)
from ki_desktop.i18n.locale_data import language_name
from ki_desktop.store import dialect
from ki_desktop.store import offer_search_pg as server
from ki_desktop.store.models import DB
from ki_desktop.store.offer_rows import JOINS, SELECT, offer_from_row, select_offers
from ki_desktop.store.offer_rows import decode_translations as decode_translations
from ki_desktop.store.offer_rows import encode_translations as encode_translations

_CHUNK = 400
# Index rows written by this process (tells the vocabulary cache that it is stale).
_written = {"rows": 0}
_INDEX_COLUMNS = (
    *INDEX_COLUMNS,
    "sort_title",
    "category_key",
    "age_min",
    "age_max",
    "language_codes",
    "free_of_charge",
    "ags",
    "valid_from",
    "valid_to",
)
# Every field after a space, so that "% word%" finds the start of a word in any of them.
_DOCUMENT = "(" + " || ".join(f"' ' || x.{c}" for c in SEARCH_FIELDS) + ")"
# Short words are looked for at the start of words only: not in the word parts.
_WHOLE_WORDS = "{" + " ".join(SEARCH_FIELDS) + "}"


def supports_fts() -> bool:
    """Whether the open database has a full-text index of the offers (FTS5 on SQLite, the
    tsvector indexes on PostgreSQL)."""
    return isinstance(DB.obj, pw.SqliteDatabase | pw.PostgresqlDatabase)


def _german_name(code: str) -> str:
    return language_name(code, "de")


def _index_row(offer: dm.Offer) -> tuple:
    return (
        offer.id,
        *index_text(offer, _german_name).values(),
        offer.title,
        offer.category,
        offer.age_min,
        offer.age_max,
        "," + ",".join(offer.languages) + ",",
        offer.free_of_charge,
        offer.municipality_ags,
        offer.valid_from.isoformat() if offer.valid_from else None,
        offer.valid_to.isoformat() if offer.valid_to else None,
    )


def refresh_index() -> int:
    """Write the index rows of the queued offers (cheap when the queue is empty); returns how
    many offers were indexed."""
    db = DB.obj
    if db.execute_sql("SELECT offer_id FROM offer_index_queue LIMIT 1").fetchone() is None:
        return 0
    columns = ", ".join(("offer_id", *_INDEX_COLUMNS))
    values = ", ".join("?" for _ in range(len(_INDEX_COLUMNS) + 1))
    done = 0
    with DB.atomic():
        # two searches after the same change would otherwise both write the offer's row
        dialect.advisory_lock("offer_index")
        queued = [row[0] for row in db.execute_sql("SELECT offer_id FROM offer_index_queue")]
        for start in range(0, len(queued), _CHUNK):
            ids = queued[start : start + _CHUNK]
            marks = ", ".join("?" for _ in ids)
            rows = [_index_row(offer) for offer in select_offers(f"WHERE o.id IN ({marks})", ids)]
            db.execute_sql(f"DELETE FROM offer_index WHERE offer_id IN ({marks})", ids)
            if rows:
                dialect.executemany(f"INSERT INTO offer_index ({columns}) VALUES ({values})", rows)
            db.execute_sql(f"DELETE FROM offer_index_queue WHERE offer_id IN ({marks})", ids)
            done += len(rows)
    _written["rows"] += len(queued)
    return done


def reindex_all() -> int:
    """Write every offer's index row again (e.g. after an update of the language names)."""
    DB.obj.execute_sql(
        dialect.insert_ignore("INSERT INTO offer_index_queue (offer_id) SELECT id FROM offer")
    )
    return refresh_index()


# The last vocabulary read, with what it depends on (see :func:`vocabulary`).
_vocabulary: dict[str, object] = {"key": None, "words": []}


def _changes() -> tuple:
    """Changes since the vocabulary was read: the index rows this process wrote, and the
    commits of other connections (to the same SQLite file, or to the server's index)."""
    db = DB.obj
    if dialect.is_server():
        other = db.execute_sql(server.changes_sql()).fetchone()[0]
    elif supports_fts():
        other = db.execute_sql("PRAGMA data_version").fetchone()[0]
    else:
        other = None
    return (id(db), _written["rows"], other)


def vocabulary(fts: bool = True) -> list[str]:
    """Every whole word in the index (for spelling corrections); read again only after the
    index changed."""
    key = (fts, *_changes())
    if _vocabulary["key"] != key:
        _vocabulary["words"] = _read_vocabulary(fts)
        _vocabulary["key"] = key
    return list(_vocabulary["words"])


def _read_vocabulary(fts: bool) -> list[str]:
    db = DB.obj
    if fts and dialect.is_server():
        return sorted(row[0] for row in db.execute_sql(server.vocabulary_sql()))
    if fts:
        marks = ", ".join("?" for _ in SEARCH_FIELDS)
        sql = f"SELECT DISTINCT term FROM offer_vocab WHERE col IN ({marks})"
        return [row[0] for row in db.execute_sql(sql, list(SEARCH_FIELDS))]
    words: set[str] = set()
    for row in db.execute_sql(f"SELECT {', '.join(SEARCH_FIELDS)} FROM offer_index"):
        for text in row:
            words.update(text.split())
    return sorted(words)


@dataclass(slots=True)
class _Query:
    """The inner query: its source, conditions and sort keys, each with its parameters."""

    source: str = "offer_index x"
    source_params: list[object] = field(default_factory=list)
    where: list[str] = field(default_factory=list)
    where_params: list[object] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    key_params: list[object] = field(default_factory=list)


def _match(terms: SearchTerms) -> str:
    """The FTS5 query: every group, each of its words at the start of a word (or of a word
    part, for words of ``INFIX_MIN`` letters or more)."""
    groups = []
    for group in terms.groups:
        words = " OR ".join(f'"{word}"*' for word in group)
        if len(min(group, key=len)) < INFIX_MIN:
            words = f"{_WHOLE_WORDS} : ({words})"
        groups.append(f"({words})")
    return " AND ".join(groups)


def _fts_text(query: _Query, terms: SearchTerms) -> None:
    weights = ", ".join(str(w) for w in FIELD_WEIGHTS)
    query.source = (
        f"(SELECT rowid AS docid, bm25(offer_fts, {weights}) AS score FROM offer_fts "
        "WHERE offer_fts MATCH ?) r JOIN offer_index x ON x.docid = r.docid"
    )
    query.source_params.append(_match(terms))
    query.keys.append("r.score")


def _like(word: str) -> str:
    return f"%{word}%" if len(word) >= INFIX_MIN else f"% {word}%"


def _plain_text(query: _Query, terms: SearchTerms) -> None:
    """The same conditions as LIKE over the folded text (any database); offers with more of
    the words in the title first."""
    misses = []
    for group in terms.groups:
        query.where.append("(" + " OR ".join(f"{_DOCUMENT} LIKE ?" for _w in group) + ")")
        query.where_params += [_like(word) for word in group]
        hit = " OR ".join("(' ' || x.title) LIKE ?" for _w in group)
        misses.append(f"CASE WHEN {hit} THEN 0 ELSE 1 END")
        query.key_params += [_like(word) for word in group]
    query.keys.append(" + ".join(misses))


def _filters(query: _Query, flt: OfferFilter, valid_on: date, places: list[str] | None) -> None:
    where, params = query.where, query.where_params
    if flt.age is not None:
        where.append("(x.age_min IS NULL OR x.age_min <= ?)")
        where.append("(x.age_max IS NULL OR x.age_max >= ?)")
        params += [flt.age, flt.age]
    if flt.language:
        where.append("x.language_codes LIKE ?")
        params.append(f"%,{flt.language},%")
    if places is not None:
        where.append(f"x.ags IN ({', '.join('?' for _ in places) or 'NULL'})")
        params += places
    if flt.category:
        where.append("x.category_key = ?")
        params.append(flt.category)
    if flt.free_only:
        where.append("x.free_of_charge = ?")
        params.append(True)
    day = valid_on.isoformat()
    valid = (
        "(x.valid_from IS NULL OR x.valid_from <= ?) AND (x.valid_to IS NULL OR x.valid_to >= ?)"
    )
    if flt.include_expired:
        query.keys.append(f"CASE WHEN {valid} THEN 0 ELSE 1 END")
        query.key_params += [day, day]
    else:
        where.append(valid)
        params += [day, day]
    if places and len(places) > 1:
        query.keys.append(f"CASE x.ags {' '.join('WHEN ? THEN ?' for _ in places)} ELSE ? END")
        for rank, ags in enumerate(places):
            query.key_params += [ags, rank]
        query.key_params.append(len(places))


def build_search(
    terms: SearchTerms,
    flt: OfferFilter,
    valid_on: date,
    places: list[str] | None = None,
    fts: bool = True,
) -> tuple[str, list[object]]:
    """The SQL (with ``?`` placeholders) and parameters of :func:`search`."""
    query = _Query()
    if terms and fts and dialect.is_server():
        server.text_search(query, terms)
    elif terms and fts:
        _fts_text(query, terms)
    elif terms:
        _plain_text(query, terms)
    _filters(query, flt, valid_on, places)
    if not terms:
        query.keys.append(_text_key("x.category_key"))
    keys = [*query.keys, _text_key("x.sort_title"), _text_key("x.offer_id")]
    names = [f"k{n}" for n in range(len(keys))]
    inner = (
        "SELECT x.offer_id, "
        + ", ".join(f"{key} AS {name}" for key, name in zip(keys, names, strict=True))
        + f" FROM {query.source}"
        + (" WHERE " + " AND ".join(query.where) if query.where else "")
        + " ORDER BY "
        + ", ".join(names)
    )
    params = [*query.key_params, *query.source_params, *query.where_params]
    if flt.limit is not None:
        inner += " LIMIT ?"
        params.append(flt.limit)
    outer = f"ORDER BY {', '.join(f'k.{name}' for name in names)}"
    sql = f"{SELECT} FROM ({inner}) k JOIN offer o ON o.id = k.offer_id {JOINS} {outer}"
    return sql, params


def search(
    terms: SearchTerms,
    flt: OfferFilter,
    valid_on: date,
    places: list[str] | None = None,
    fts: bool = True,
) -> list[dm.Offer]:
    """Offers matching every word group of ``terms`` and the filter, best first: by bm25 (FTS)
    or by how many words the title holds (plain), then valid before expired, then ``places``
    in the given order (the chosen municipality, then its neighbours nearest first), then by
    title. ``places`` None: any municipality."""
    refresh_index()
    sql, params = build_search(terms, flt, valid_on, places, fts)
    if terms and fts and dialect.is_server():
        nested = DB.in_transaction()
        with DB.atomic() as scope:
            DB.obj.execute_sql(server.PLAN)
            rows = DB.obj.execute_sql(sql, params).fetchall()
            if nested:  # the settings end with the search, not with the caller's transaction
                scope.rollback()
    else:
        rows = DB.obj.execute_sql(sql, params).fetchall()
    return [offer_from_row(row) for row in rows]


def _text_key(column: str) -> str:
    return server.text_key(column) if dialect.is_server() else column
