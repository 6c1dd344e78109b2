"""The offer search on PostgreSQL: the same offers, in the same order, as SQLite's FTS5.

``offer_index`` holds the same folded text on both databases (see ``pg_search_schema``), and
both split it at spaces into the same words. A word of the search matches the start of an
indexed word; a word of ``INFIX_MIN`` letters or more also a word part, i.e. the inside of a
word: prefix queries (``'kurs':*``) on the GIN-indexed ``words`` (whole words of the fields)
and, for the longer words, ``word_parts``.

The rank is FTS5's bm25, computed the way ``fts5_aux.c`` computes it (k1 = 1.2, b = 0.75,
the column weights ``FIELD_WEIGHTS``, the same operations in the same order), so that equal
data gives equal scores and equal orders: per search word (phrase) the weighted number of
indexed words it starts in the row, the row's number of words (``ntok``), the rows and words
of the whole index (``offer_index_stats``) and the rows the word is found in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ki_desktop.domain.offer_search import (
    FIELD_WEIGHTS,
    INDEX_COLUMNS,
    INFIX_MIN,
    SEARCH_FIELDS,
    SearchTerms,
)

if TYPE_CHECKING:
    from ki_desktop.store.offer_search import _Query

_F = "::float8"
_K1 = f"1.2{_F}"
_B = f"0.75{_F}"
_WEIGHT = dict(zip(INDEX_COLUMNS, FIELD_WEIGHTS, strict=True))


def prefix_query(words: tuple[str, ...] | list[str]) -> str:
    """A tsquery that matches words starting with any of ``words`` (folded words: letters
    and digits only; quotes and backslashes escaped all the same)."""
    # A word of the index has less than 500 characters (see pg_search_schema); a longer
    # typed word is looked for by its start (a tsquery word may not exceed 2,046 bytes).
    quoted = (word[:499].replace("\\", "\\\\").replace("'", "''") for word in words)
    return " | ".join(f"'{word}':*" for word in quoted)


def _has_border(word: str) -> bool:
    """Whether ``word`` starts with what it ends with ("anna", "kurkur"): then two of its
    occurrences can overlap and ``replace`` would count them as one."""
    return any(word[:n] == word[-n:] for n in range(1, len(word)))


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A word of the search as FTS5 sees it: a phrase ``"word"*``, restricted to the whole
    words of the fields for short words."""

    number: int
    word: str
    whole_words_only: bool

    @property
    def reads_parts(self) -> bool:
        return not self.whole_words_only and _has_border(self.word)

    def frequency(self) -> str:
        """FTS5's f(qi, D): the indexed words of the row that start with the word, each with
        its column's weight. The word parts are the inside of the fields' words: a long word
        is counted there as (occurrences anywhere) - (occurrences at a word start), without
        reading the long parts columns (unless occurrences could overlap)."""
        if self.whole_words_only:
            return " + ".join(self._column(c, _WEIGHT[c]) for c in SEARCH_FIELDS)
        if self.reads_parts:
            return " + ".join(self._column(c, _WEIGHT[c]) for c in INDEX_COLUMNS)
        parts = {c: _WEIGHT["parts"] for c in SEARCH_FIELDS}
        parts["title"] = _WEIGHT["title_parts"]
        return " + ".join(self._column(c, _WEIGHT[c], parts[c]) for c in SEARCH_FIELDS)

    def _column(self, column: str, weight: float, inside: float | None = None) -> str:
        """Bytes, not characters (``octet_length`` reads the length, ``length`` counts): the
        occurrences of " word" removed, divided by its length, are the words it starts."""
        i, col = self.number, f"x.{column}"
        starts = (
            f"((octet_length({col}) - octet_length(replace({col}, st.sw{i}, ''))) / st.lw{i}"
            f" + starts_with({col}, st.w{i})::int)"
        )
        counted = f"{weight!r}{_F} * {starts}"
        if inside is None:
            return counted
        anywhere = f"(octet_length({col}) - octet_length(replace({col}, st.w{i}, ''))) / st.ln{i}"
        counted += f" + {inside!r}{_F} * ({anywhere} - {starts})"
        return f"CASE WHEN strpos({col}, st.w{i}) = 0 THEN 0{_F} ELSE {counted} END"

    def term(self) -> str:
        """The phrase's share of the bm25 score (fts5_aux.c: fts5Bm25Function)."""
        i = self.number
        ratio = f"((st.n - st.h{i}){_F} + 0.5{_F}) / (st.h{i}{_F} + 0.5{_F})"
        idf = f"(CASE WHEN {ratio} <= 1 THEN 1e-6{_F} ELSE ln({ratio}) END)"
        return (
            f"{idf} * ((f.f{i} * ({_K1} + 1.0{_F})) / (f.f{i} + {_K1} * "
            f"(1{_F} - {_B} + {_B} * x.ntok{_F} / st.avgdl)))"
        )


def _phrases(terms: SearchTerms) -> list[list[_Phrase]]:
    groups, number = [], 0
    for group in terms.groups:
        whole_words_only = len(min(group, key=len)) < INFIX_MIN
        groups.append([_Phrase(number + n, w, whole_words_only) for n, w in enumerate(group)])
        number += len(group)
    return groups


def _found(alias: str, whole_words_only: bool) -> str:
    """Rows holding a word of a prefix query (one ``?``, or two for the word parts too)."""
    words = f"{alias}words @@ ?::tsquery"
    return words if whole_words_only else f"({words} OR {alias}word_parts @@ ?::tsquery)"


def text_search(query: _Query, terms: SearchTerms) -> None:
    """Match every word group of ``terms`` and rank by bm25 (the first sort key): the rows
    holding every group, found through the GIN indexes alone (exact, the word lists are not
    read), and for each word the rows holding it (bm25's n(qi)), counted the same way."""
    groups = _phrases(terms)
    phrases = [phrase for group in groups for phrase in group]
    for group in groups:
        whole_words_only = group[0].whole_words_only
        query.where.append(_found("x.", whole_words_only))
        query.where_params += [prefix_query([p.word for p in group])] * (2 - whole_words_only)
    stats = []
    for p in phrases:
        i = p.number
        stats.append(
            f"?::text AS w{i}, ' ' || ?::text AS sw{i}, octet_length(?::text) AS ln{i}, "
            f"octet_length(' ' || ?::text) AS lw{i}, "
            f"(SELECT count(*) FROM offer_index WHERE {_found('', p.whole_words_only)}) AS h{i}"
        )
        query.source_params += [p.word] * 4
        query.source_params += [prefix_query([p.word])] * (2 - p.whole_words_only)
    frequencies = ", ".join(f"{p.frequency()} AS f{p.number}" for p in phrases)
    query.source = (
        "offer_index x CROSS JOIN (SELECT s.row_count AS n, "
        f"s.token_count{_F} / greatest(s.row_count, 1){_F} AS avgdl, {', '.join(stats)} "
        "FROM offer_index_stats s OFFSET 0) st "
        f"CROSS JOIN LATERAL (SELECT {frequencies} OFFSET 0) f"
    )
    query.keys.append(f"-1.0{_F} * (0.0{_F} + {' + '.join(p.term() for p in phrases)})")


# The planner reckons a test of a word list (@@) cheap and would rather read the whole table
# for a frequent word; read through the GIN indexes, the long word lists stay unread. (The
# cost the planner then gives the table scans it must not use would start JIT compilation:
# a second of compiling for a query of a few milliseconds.)
PLAN = "SET LOCAL enable_seqscan = off; SET LOCAL jit = off"


def text_key(column: str) -> str:
    """A text sort key in code point order, as SQLite sorts (not the server's collation)."""
    return f'{column} COLLATE "C"'


def vocabulary_sql() -> str:
    """Every whole word of the index."""
    return "SELECT word FROM ts_stat('SELECT words FROM offer_index')"


def changes_sql() -> str:
    """A number that grows with every committed change of the index."""
    return "SELECT changes FROM offer_index_stats"
