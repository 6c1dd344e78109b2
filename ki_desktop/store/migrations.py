"""Schema versions and the migration runner.

A new database gets every table of the current models at once. An existing one is brought up
step by step; before the first step the file is backed up next to itself.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import peewee as pw

from ki_desktop.store import dialect
from ki_desktop.store.models import ALL_MODELS, DB, SchemaVersion

CASE_SEARCH_SQL = (
    # Diacritic-folding full-text index over the child's names (external content: no copy).
    """CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(
        first_name, last_name, content='case', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS case_search_ai AFTER INSERT ON "case" BEGIN
        INSERT INTO case_search(rowid, first_name, last_name)
        VALUES (new.rowid, new.first_name, new.last_name); END""",
    """CREATE TRIGGER IF NOT EXISTS case_search_ad AFTER DELETE ON "case" BEGIN
        INSERT INTO case_search(case_search, rowid, first_name, last_name)
        VALUES ('delete', old.rowid, old.first_name, old.last_name); END""",
    """CREATE TRIGGER IF NOT EXISTS case_search_au AFTER UPDATE OF first_name, last_name ON "case"
        BEGIN
        INSERT INTO case_search(case_search, rowid, first_name, last_name)
        VALUES ('delete', old.rowid, old.first_name, old.last_name);
        INSERT INTO case_search(rowid, first_name, last_name)
        VALUES (new.rowid, new.first_name, new.last_name); END""",
)


def _create_case_search(db: pw.Database) -> None:
    for sql in CASE_SEARCH_SQL:
        db.execute_sql(sql)
    db.execute_sql("INSERT INTO case_search(case_search) VALUES ('rebuild')")


def _v2_case_search(db: pw.Database) -> None:
    """Version 2: full-text search over case names."""
    _create_case_search(db)


# The searched text of an offer, folded (see ki_desktop.domain.offer_search.INDEX_COLUMNS): the
# fields, then the parts of the title's and of the other fields' words.
OFFER_TEXT_COLUMNS = (
    "title",
    "category",
    "provider",
    "target_group",
    "municipality",
    "languages",
    "description",
    "title_parts",
    "parts",
)
_FTS_COLUMNS = ", ".join(OFFER_TEXT_COLUMNS)
_NEW_TEXT = ", ".join(f"new.{c}" for c in OFFER_TEXT_COLUMNS)
_OLD_TEXT = ", ".join(f"old.{c}" for c in OFFER_TEXT_COLUMNS)
OFFER_SEARCH_SQL = (
    # One row per offer with what the search looks at, written by the store: the folded text
    # ("ß" -> "ss", accents dropped, language codes as German names, punctuation as spaces)
    # and copies of the filtered columns, so that a search never touches the wide offer rows
    # of offers it does not show. Plain SQL: a LIKE search over it works on any database.
    # The short columns come first: a search reads them for every match, and SQLite then
    # need not read through the long text.
    f"""CREATE TABLE IF NOT EXISTS offer_index (
        docid INTEGER PRIMARY KEY,
        offer_id VARCHAR(32) NOT NULL UNIQUE REFERENCES offer (id) ON DELETE CASCADE,
        sort_title TEXT NOT NULL DEFAULT '',
        category_key TEXT NOT NULL DEFAULT '',
        age_min INTEGER,
        age_max INTEGER,
        language_codes TEXT NOT NULL DEFAULT '',
        free_of_charge INTEGER NOT NULL DEFAULT 1,
        ags VARCHAR(8) NOT NULL DEFAULT '',
        valid_from DATE,
        valid_to DATE,
        {", ".join(f"{c} TEXT NOT NULL DEFAULT ''" for c in OFFER_TEXT_COLUMNS)})""",
    # Offers whose index row must be written again (filled by the triggers below, emptied by
    # the store before every search).
    """CREATE TABLE IF NOT EXISTS offer_index_queue (
        offer_id VARCHAR(32) NOT NULL PRIMARY KEY REFERENCES offer (id) ON DELETE CASCADE)""",
    # Whole words and word starts; with the word parts also the inside of words ("kurs" in
    # "sprachkurse"). Ranked with bm25.
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS offer_fts USING fts5({_FTS_COLUMNS},
        content='offer_index', content_rowid='docid',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    # The indexed words per column, for spelling corrections.
    "CREATE VIRTUAL TABLE IF NOT EXISTS offer_vocab USING fts5vocab(offer_fts, col)",
    f"""CREATE TRIGGER IF NOT EXISTS offer_fts_ai AFTER INSERT ON offer_index BEGIN
        INSERT INTO offer_fts(rowid, {_FTS_COLUMNS}) VALUES (new.docid, {_NEW_TEXT}); END""",
    f"""CREATE TRIGGER IF NOT EXISTS offer_fts_ad AFTER DELETE ON offer_index BEGIN
        INSERT INTO offer_fts(offer_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.docid, {_OLD_TEXT}); END""",
    f"""CREATE TRIGGER IF NOT EXISTS offer_fts_au AFTER UPDATE ON offer_index BEGIN
        INSERT INTO offer_fts(offer_fts, rowid, {_FTS_COLUMNS})
        VALUES ('delete', old.docid, {_OLD_TEXT});
        INSERT INTO offer_fts(rowid, {_FTS_COLUMNS}) VALUES (new.docid, {_NEW_TEXT}); END""",
    # Any change of a searched or filtered column, however written (editing, CSV import, sync),
    # queues the offer; a deleted offer leaves the index through the foreign key's cascade.
    """CREATE TRIGGER IF NOT EXISTS offer_index_offer_ai AFTER INSERT ON offer BEGIN
        INSERT OR IGNORE INTO offer_index_queue (offer_id) VALUES (new.id); END""",
    """CREATE TRIGGER IF NOT EXISTS offer_index_offer_au AFTER UPDATE OF title, category,
        provider_id, age_min, age_max, target_group, languages, free_of_charge,
        municipality_id, valid_from, valid_to, description_de ON offer BEGIN
        INSERT OR IGNORE INTO offer_index_queue (offer_id) VALUES (new.id); END""",
    """CREATE TRIGGER IF NOT EXISTS offer_index_provider_au AFTER UPDATE OF name ON provider
        BEGIN
        INSERT OR IGNORE INTO offer_index_queue (offer_id)
        SELECT id FROM offer WHERE provider_id = new.id; END""",
    """CREATE TRIGGER IF NOT EXISTS offer_index_municipality_au AFTER UPDATE OF ags, name
        ON municipality BEGIN
        INSERT OR IGNORE INTO offer_index_queue (offer_id)
        SELECT id FROM offer WHERE municipality_id = new.id; END""",
)


def _create_offer_search(db: pw.Database) -> None:
    for sql in OFFER_SEARCH_SQL:
        db.execute_sql(sql)
    # Existing offers are indexed by the store before the next search.
    db.execute_sql("INSERT OR IGNORE INTO offer_index_queue (offer_id) SELECT id FROM offer")


def _v3_case_workflow(db: pw.Database) -> None:
    """Version 3: when the status last changed, and why a case was closed."""
    db.execute_sql('ALTER TABLE "case" ADD COLUMN "status_changed_on" DATE')
    db.execute_sql(
        """ALTER TABLE "case" ADD COLUMN "closed_reason" VARCHAR(255) NOT NULL DEFAULT ''"""
    )


def _v4_offer_search(db: pw.Database) -> None:
    """Version 4: full-text search over the offers catalogue."""
    _create_offer_search(db)


def _v5_case_history(db: pw.Database) -> None:
    """Version 5: history of every change to a case, autosaved drafts of the intake form, and
    literacy in another script."""
    from ki_desktop.store.models import CaseHistory, Draft

    db.create_tables([CaseHistory, Draft])
    db.execute_sql('ALTER TABLE "intake_interview" ADD COLUMN "literate_other_script" INTEGER')


def _v6_referrals(db: pw.Database) -> None:
    """Version 6: referrals of cases to offers."""
    from ki_desktop.store.models import Referral

    db.create_tables([Referral])


def _v7_offer_translations(db: pw.Database) -> None:
    """Version 7: offer descriptions in the families' languages."""
    db.execute_sql(
        'ALTER TABLE "offer" ADD COLUMN "description_translations" TEXT NOT NULL DEFAULT \'\''
    )


def _v8_sync(db: pw.Database) -> None:
    """Version 8: merge state per synced record, peers and the sync log."""
    from ki_desktop.store.models import SYNC_MODELS

    db.create_tables(SYNC_MODELS)


# For the statistics (see ki_desktop.store.statistics and bench/statistics_report.py): the latest
# recommendation of a case in one index step, the counselling sessions of a period by date.
STATISTICS_INDEXES = (
    """CREATE INDEX IF NOT EXISTS recommendation_case_created
        ON recommendation (case_id, created_on, created_at)""",
    """CREATE INDEX IF NOT EXISTS intake_interview_held_on_case
        ON intake_interview (held_on, case_id, latin_literate)""",
    "CREATE INDEX IF NOT EXISTS recommendation_created_on ON recommendation (created_on)",
    """CREATE INDEX IF NOT EXISTS intake_interview_case_held_on
        ON intake_interview (case_id, held_on)""",
)


def _create_statistics_indexes(db: pw.Database) -> None:
    for sql in STATISTICS_INDEXES:
        db.execute_sql(sql)


def _v9_statistics_indexes(db: pw.Database) -> None:
    """Version 9: indexes for the monthly and quarterly statistics."""
    _create_statistics_indexes(db)


def _v10_offer_coordinates(db: pw.Database) -> None:
    """Version 10: where an offer takes place (latitude and longitude, WGS 84)."""
    db.execute_sql('ALTER TABLE "offer" ADD COLUMN "latitude" REAL')
    db.execute_sql('ALTER TABLE "offer" ADD COLUMN "longitude" REAL')


def _v11_accounts_audit(db: pw.Database) -> None:
    """Version 11: roles and teams of users, the audit trail's hash chain, the deletion log."""
    from ki_desktop.store.models import DeletionLog

    db.execute_sql(
        'ALTER TABLE "user" ADD COLUMN "roles" VARCHAR(255) NOT NULL DEFAULT \'counsellor\''
    )
    db.execute_sql('UPDATE "user" SET "roles" = "role"')
    db.execute_sql('ALTER TABLE "user" ADD COLUMN "team" VARCHAR(255) NOT NULL DEFAULT \'\'')
    db.execute_sql('ALTER TABLE "user" ADD COLUMN "last_login" DATETIME')
    db.execute_sql('ALTER TABLE "audit_event" ADD COLUMN "seq" INTEGER')
    db.execute_sql('ALTER TABLE "audit_event" ADD COLUMN "prev_hash" VARCHAR(64)')
    db.execute_sql('ALTER TABLE "audit_event" ADD COLUMN "hash" VARCHAR(64)')
    db.execute_sql('CREATE UNIQUE INDEX "audit_event_seq" ON "audit_event" ("seq")')
    db.create_tables([DeletionLog])


# Step to reach version N (version 1 is the initial schema).
MIGRATIONS: dict[int, Callable[[pw.Database], None]] = {
    2: _v2_case_search,
    3: _v3_case_workflow,
    4: _v4_offer_search,
    5: _v5_case_history,
    6: _v6_referrals,
    7: _v7_offer_translations,
    8: _v8_sync,
    9: _v9_statistics_indexes,
    10: _v10_offer_coordinates,
    11: _v11_accounts_audit,
}
LATEST = max(MIGRATIONS)


class MigrationError(RuntimeError):
    """The database is from a newer program version or a step failed; the file is unchanged."""


def schema_version(db: pw.Database) -> int:
    """The schema version of the open database; 0 for an empty one."""
    if not db.table_exists("schema_version"):
        return 0
    row = SchemaVersion.select(pw.fn.MAX(SchemaVersion.version)).scalar()
    return int(row or 0)


def backup_file(db: pw.Database, target: Path) -> Path:
    """Consistent copy of an open SQLite database (the online backup API, WAL included),
    encrypted with the same key when the database is."""
    from ki_desktop.store.connection import current_key, raw_connection

    target.parent.mkdir(parents=True, exist_ok=True)
    # Readable by the owner only from the first byte (a plain copy holds every case).
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    source = db.connection()
    dest = raw_connection(target, current_key())
    try:
        source.backup(dest)
    finally:
        dest.close()
    return target


def _migrate_server(db: pw.Database, current: int) -> int:
    """A server database is created at the latest version; steps for later versions are
    added here with their PostgreSQL form."""
    from ki_desktop.store import pg_schema

    if current == 0:
        try:
            with db.atomic():
                # Several laptops starting at once on a new database: one creates the schema,
                # the others wait here, then find it created.
                dialect.advisory_lock("schema")
                current = schema_version(db)
                if current == 0:
                    pg_schema.create_schema(db, ALL_MODELS)
                    SchemaVersion.create(version=LATEST)
                    current = LATEST
        except pg_schema.ExtensionMissing as exc:
            raise MigrationError(str(exc)) from exc
    if current < LATEST:
        raise MigrationError(
            f"Die Serverdatenbank hat Schema-Version {current}; dieses Programm braucht "
            f"{LATEST}. Bitte eine neue Serverdatenbank anlegen und mit "
            "„ki-desktop migrate-to“ übernehmen."
        )
    return current


def migrate(db: pw.Database | None = None, on_backup: Callable[[Path], None] | None = None) -> int:
    """Create or upgrade the schema; returns the version now in force."""
    db = db or DB.obj
    current = schema_version(db)
    if current > LATEST:
        raise MigrationError(
            f"Die Datenbank hat Schema-Version {current}, dieses Programm kennt nur bis "
            f"{LATEST}. Bitte die neuere Programmversion verwenden."
        )
    if isinstance(db, pw.PostgresqlDatabase):
        return _migrate_server(db, current)
    if current == 0:
        with db.atomic():
            db.create_tables(ALL_MODELS)
            _create_case_search(db)
            _create_offer_search(db)
            _create_statistics_indexes(db)
            SchemaVersion.create(version=LATEST)
        return LATEST
    if current == LATEST:
        return current
    db_file = Path(db.database)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = backup_file(db, db_file.with_name(f"{db_file.stem}.vor-v{current + 1}-{stamp}.sqlite"))
    if on_backup:
        on_backup(backup)
    for version in range(current + 1, LATEST + 1):
        try:
            with db.atomic():
                MIGRATIONS[version](db)
                SchemaVersion.create(version=version)
        except pw.DatabaseError as exc:
            raise MigrationError(
                f"Schritt zu Schema-Version {version} fehlgeschlagen ({exc}). "
                f"Die Sicherung liegt unter {backup}."
            ) from exc
    return LATEST
