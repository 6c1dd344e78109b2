"""Search objects of a PostgreSQL database: folding without accents, and the indexes the
offer and case-name searches use there (instead of SQLite's FTS5 tables).

Offers: the store writes ``offer_index`` rows with text already folded (``domain.fold``), the
same on both databases, so the words are taken as they are (split at spaces, no parser, no
dictionary). ``words`` holds the whole words of the searched fields, ``word_parts`` the word
parts (``title_parts``, ``parts``: the inside of words), both GIN-indexed for prefix queries
(``'kurs':*``). ``ntok`` and the one-row table ``offer_index_stats`` give what bm25
needs (words per row, rows and words in all) and count the changes of the index (for the
vocabulary cache).

Case names: ``ki_name_words(first_name, last_name)`` folds with ``ki_fold`` (lower case,
``unaccent``: "Şahin" -> "sahin", "Strauß" -> "strauss"), turns ASCII punctuation into spaces
(so that the parser never sees "dr.muller" as a host name) and splits into words; an
expression GIN index on it answers ``ki_name_query(typed)``, every typed word as a prefix.
"""

from __future__ import annotations

from ki_desktop.domain.offer_search import INDEX_COLUMNS, SEARCH_FIELDS

# Created when missing (both are "trusted" extensions: a database owner may create them).
EXTENSIONS = ("unaccent", "pg_trgm")

_PARTS = ("title_parts", "parts")
# Words of 500 characters or more are left out of the tsvector (its limit is 2,047 bytes a
# word; no one types such a word).
_LONG_WORD = "([^ ]{250}){2}[^ ]*"


def _words(columns: tuple[str, ...]) -> str:
    text = " || ' ' || ".join(columns)
    return f"(regexp_replace({text}, '{_LONG_WORD}', '', 'g'))::tsvector"


def _token_count(columns: tuple[str, ...]) -> str:
    return " + ".join(
        f"(CASE WHEN {c} = '' THEN 0 ELSE length({c}) - length(replace({c}, ' ', '')) + 1 END)"
        for c in columns
    )


# ASCII punctuation as spaces in case names; "%" and "?" as chr() (no placeholders in DDL).
_PUNCTUATION = "'!\"#$&''()*+,-./:;<=>@[\\]^_`{|}~' || chr(37) || chr(63)"
_PUNCTUATION_COUNT = 32

OFFER_SEARCH_SQL: tuple[str, ...] = (
    f"""ALTER TABLE offer_index
        ADD COLUMN IF NOT EXISTS words tsvector GENERATED ALWAYS AS ({_words(SEARCH_FIELDS)})
            STORED,
        ADD COLUMN IF NOT EXISTS word_parts tsvector GENERATED ALWAYS AS ({_words(_PARTS)})
            STORED,
        ADD COLUMN IF NOT EXISTS ntok integer GENERATED ALWAYS AS ({_token_count(INDEX_COLUMNS)})
            STORED""",
    # What a search reads of a row stays in the table; the word lists (only read through
    # their indexes) and the long parts go to the TOAST table, so that the rows are narrow.
    """ALTER TABLE offer_index ALTER COLUMN words SET STORAGE EXTERNAL,
        ALTER COLUMN word_parts SET STORAGE EXTERNAL,
        ALTER COLUMN title_parts SET STORAGE EXTERNAL,
        ALTER COLUMN parts SET STORAGE EXTERNAL,
        SET (toast_tuple_target = 1024)""",
    "CREATE INDEX IF NOT EXISTS offer_index_words ON offer_index USING gin (words)",
    "CREATE INDEX IF NOT EXISTS offer_index_word_parts ON offer_index USING gin (word_parts)",
    """CREATE TABLE IF NOT EXISTS offer_index_stats (
        id SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        row_count BIGINT NOT NULL DEFAULT 0,
        token_count BIGINT NOT NULL DEFAULT 0,
        changes BIGINT NOT NULL DEFAULT 0)""",
    """INSERT INTO offer_index_stats (id, row_count, token_count)
        SELECT 1, count(*), coalesce(sum(ntok), 0) FROM offer_index ON CONFLICT DO NOTHING""",
    # One update per statement (transition tables), not per row. (Every statement here can
    # run again on a database that has them.)
    """CREATE OR REPLACE FUNCTION ki_offer_index_stats() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            rows_new bigint := 0; tokens_new bigint := 0;
            rows_old bigint := 0; tokens_old bigint := 0;
        BEGIN
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                SELECT count(*), coalesce(sum(ntok), 0) INTO rows_new, tokens_new
                    FROM new_rows;
            END IF;
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                SELECT count(*), coalesce(sum(ntok), 0) INTO rows_old, tokens_old
                    FROM old_rows;
            END IF;
            IF rows_new + rows_old > 0 THEN
                UPDATE offer_index_stats SET row_count = row_count + rows_new - rows_old,
                    token_count = token_count + tokens_new - tokens_old,
                    changes = changes + 1;
            END IF;
            RETURN NULL;
        END $$""",
    "DROP TRIGGER IF EXISTS offer_index_stats_ai ON offer_index",
    """CREATE TRIGGER offer_index_stats_ai AFTER INSERT ON offer_index
        REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ki_offer_index_stats()""",
    "DROP TRIGGER IF EXISTS offer_index_stats_au ON offer_index",
    """CREATE TRIGGER offer_index_stats_au AFTER UPDATE ON offer_index
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ki_offer_index_stats()""",
    "DROP TRIGGER IF EXISTS offer_index_stats_ad ON offer_index",
    """CREATE TRIGGER offer_index_stats_ad AFTER DELETE ON offer_index
        REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ki_offer_index_stats()""",
)

CASE_SEARCH_SQL: tuple[str, ...] = (
    # Costly to compute (unaccent, parser), and so declared: the planner then finds the
    # names through the index instead of testing every case in name order; the SET clause
    # also keeps the function from being inlined, which would drop the cost again.
    f"""CREATE OR REPLACE FUNCTION ki_name_words(first_name text, last_name text)
        RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
        COST 1000 SET search_path FROM CURRENT
        AS $$ SELECT to_tsvector('pg_catalog.simple'::regconfig, translate(
            ki_fold(coalesce(first_name, '') || ' ' || coalesce(last_name, '')),
            {_PUNCTUATION}, repeat(' ', {_PUNCTUATION_COUNT}))) $$""",
    # Every word of the typed text as a prefix, all of them required ("ahm sa" finds Ahmad
    # Şahin); NULL without words.
    """CREATE OR REPLACE FUNCTION ki_name_query(typed text)
        RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT string_agg('''' || lexeme || ''':*', ' & ')::tsquery
            FROM unnest(ki_name_words(typed, '')) $$""",
    """CREATE INDEX IF NOT EXISTS case_name_words ON "case"
        USING gin (ki_name_words(first_name, last_name))""",
)

# What a server database has beyond the tables and columns of a SQLite file.
SERVER_ONLY_TABLES = ("offer_index_stats",)
SERVER_ONLY_COLUMNS = {"offer_index": ("words", "word_parts", "ntok")}

SEARCH_SQL: tuple[str, ...] = (
    # unaccent() is only STABLE (its dictionary could change); indexes need an IMMUTABLE
    # function, with the dictionary named so that the search path does not matter.
    """CREATE OR REPLACE FUNCTION ki_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$""",
    *OFFER_SEARCH_SQL,
    *CASE_SEARCH_SQL,
)
