"""Search objects of a PostgreSQL database: folding without accents, and the indexes the
offer and case-name searches use there (instead of SQLite's FTS5 tables)."""

from __future__ import annotations

# Created when missing (both are "trusted" extensions: a database owner may create them).
EXTENSIONS = ("unaccent", "pg_trgm")

SEARCH_SQL: tuple[str, ...] = (
    # unaccent() is only STABLE (its dictionary could change); indexes need an IMMUTABLE
    # function, with the dictionary named so that the search path does not matter.
    """CREATE OR REPLACE FUNCTION ki_fold(value text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$""",
)
