"""The PostgreSQL side of the schema: what SQLite does with FTS5 tables and triggers.

A server database is created at the latest schema version in one step (there are no older
server databases to upgrade). The offer index keeps the same table and queue as on SQLite
(``store.offer_search`` writes it the same way); PL/pgSQL triggers fill the queue, and the
search indexes (``store.pg_search_schema``) replace FTS5.
"""

from __future__ import annotations

import peewee as pw

from ki_desktop.store.key_store import KEY_STORE_SQL
from ki_desktop.store.migrations import OFFER_TEXT_COLUMNS, STATISTICS_INDEXES
from ki_desktop.store.pg_search_schema import EXTENSIONS, SEARCH_SQL

_QUEUE_COLUMNS = (
    "title, category, provider_id, age_min, age_max, target_group, languages, "
    "free_of_charge, municipality_id, valid_from, valid_to, description_de"
)

OFFER_INDEX_SQL = (
    f"""CREATE TABLE IF NOT EXISTS offer_index (
        docid BIGSERIAL PRIMARY KEY,
        offer_id TEXT NOT NULL UNIQUE REFERENCES offer (id) ON DELETE CASCADE,
        sort_title TEXT NOT NULL DEFAULT '',
        category_key TEXT NOT NULL DEFAULT '',
        age_min INTEGER,
        age_max INTEGER,
        language_codes TEXT NOT NULL DEFAULT '',
        free_of_charge BOOLEAN NOT NULL DEFAULT TRUE,
        ags TEXT NOT NULL DEFAULT '',
        valid_from DATE,
        valid_to DATE,
        {", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in OFFER_TEXT_COLUMNS)})""",
    """CREATE TABLE IF NOT EXISTS offer_index_queue (
        offer_id TEXT NOT NULL PRIMARY KEY REFERENCES offer (id) ON DELETE CASCADE)""",
    """CREATE OR REPLACE FUNCTION ki_queue_offer() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO offer_index_queue (offer_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$""",
    """CREATE OR REPLACE FUNCTION ki_queue_provider_offers() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO offer_index_queue (offer_id)
                SELECT id FROM offer WHERE provider_id = NEW.id ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$""",
    """CREATE OR REPLACE FUNCTION ki_queue_municipality_offers() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO offer_index_queue (offer_id)
                SELECT id FROM offer WHERE municipality_id = NEW.id ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$""",
    """CREATE TRIGGER offer_index_offer_ai AFTER INSERT ON offer
        FOR EACH ROW EXECUTE FUNCTION ki_queue_offer()""",
    f"""CREATE TRIGGER offer_index_offer_au AFTER UPDATE OF {_QUEUE_COLUMNS} ON offer
        FOR EACH ROW EXECUTE FUNCTION ki_queue_offer()""",
    """CREATE TRIGGER offer_index_provider_au AFTER UPDATE OF name ON provider
        FOR EACH ROW EXECUTE FUNCTION ki_queue_provider_offers()""",
    """CREATE TRIGGER offer_index_municipality_au AFTER UPDATE OF ags, name ON municipality
        FOR EACH ROW EXECUTE FUNCTION ki_queue_municipality_offers()""",
)


class ExtensionMissing(RuntimeError):
    """The server lacks an extension the search needs, and this login may not create it."""


def _create_extensions(db: pw.Database) -> None:
    for name in EXTENSIONS:
        if db.execute_sql("SELECT 1 FROM pg_extension WHERE extname = %s", (name,)).fetchone():
            continue
        try:
            with db.atomic():
                db.execute_sql(f"CREATE EXTENSION IF NOT EXISTS {name}")
        except pw.DatabaseError as exc:
            raise ExtensionMissing(
                f"Die PostgreSQL-Erweiterung „{name}“ fehlt und kann mit diesem Konto nicht "
                f"angelegt werden. Bitte einmal als Datenbank-Administrator ausführen: "
                f"CREATE EXTENSION {name};"
            ) from exc


# Foreign keys may be checked at commit instead of per statement (``SET CONSTRAINTS ALL
# DEFERRED``), as a sync import does on SQLite with ``PRAGMA defer_foreign_keys``.
_FOREIGN_KEYS = """SELECT tc.table_name, tc.constraint_name
    FROM information_schema.table_constraints tc
    WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"""


def _deferrable_foreign_keys(db: pw.Database) -> None:
    for table, name in db.execute_sql(_FOREIGN_KEYS).fetchall():
        db.execute_sql(
            f'ALTER TABLE "{table}" ALTER CONSTRAINT "{name}" DEFERRABLE INITIALLY IMMEDIATE'
        )


# SQLite keeps any text length and REAL as an 8-byte float; peewee's server columns would be
# VARCHAR(255) and 4-byte REAL (51.9625431 would come back as 51.96254). The server columns
# are widened so that both databases keep the same values.
_NARROW_COLUMNS = """SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('character varying', 'real')"""


def _widen_columns(db: pw.Database) -> None:
    for table, column, kind in db.execute_sql(_NARROW_COLUMNS).fetchall():
        wide = "TEXT" if kind == "character varying" else "DOUBLE PRECISION"
        db.execute_sql(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" TYPE {wide}')


def create_schema(db: pw.Database, models: list[type[pw.Model]]) -> None:
    """Every table, index, trigger and search index of the current schema (in one
    transaction of the caller)."""
    _create_extensions(db)
    db.create_tables(models)
    _widen_columns(db)  # before the triggers, which would pin the column types
    for sql in (*OFFER_INDEX_SQL, *SEARCH_SQL, *STATISTICS_INDEXES, *KEY_STORE_SQL):
        db.execute_sql(sql)
    _deferrable_foreign_keys(db)
