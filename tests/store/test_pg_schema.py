"""The schema on a PostgreSQL server: the same tables and columns as a new SQLite file,
created at the latest version in one step, with what the searches and the sync need."""

import sqlite3

import pytest

from ki_desktop.services import database
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import migrations
from ki_desktop.store.models import DB
from tests import backend

pytestmark = pytest.mark.skipif(not backend.on_server(), reason="PostgreSQL backend only")

# Not tables of SQLite's own (FTS5 shadow tables, vocabulary) and not the server's key store.
_SQLITE_ONLY = ("case_search", "offer_fts", "offer_vocab", "sqlite_")
_SERVER_ONLY = {"key_store", "offer_index_stats"}
# The offer index's words as tsvectors and its word count (what FTS5 keeps in its own tables).
_SERVER_ONLY_COLUMNS = {
    ("offer_index", "words"),
    ("offer_index", "word_parts"),
    ("offer_index", "ntok"),
}


def _sqlite_columns(path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    tables = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
        if not r[0].startswith(_SQLITE_ONLY)
    ]
    result = {t: sorted(r[1] for r in con.execute(f'PRAGMA table_info("{t}")')) for t in tables}
    con.close()
    return result


def _server_columns(location: str) -> dict[str, list[str]]:
    rows = backend.run(
        location,
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public'",
    )
    result: dict[str, list[str]] = {}
    for table, column in rows:
        if table not in _SERVER_ONLY and (table, column) not in _SERVER_ONLY_COLUMNS:
            result.setdefault(table, []).append(column)
    return {t: sorted(c) for t, c in result.items()}


def test_server_schema_has_the_tables_and_columns_of_a_new_sqlite_file(tmp_path, db_path):
    database.open_app_database(str(tmp_path / "fresh.sqlite"))
    database.close_app_database()
    info = database.open_app_database(db_path)
    assert info.schema_version == migrations.LATEST
    database.close_app_database()
    assert _server_columns(db_path) == _sqlite_columns(tmp_path / "fresh.sqlite")


def test_search_and_sync_objects_exist(open_db, db_path):
    extensions = {r[0] for r in backend.run(db_path, "SELECT extname FROM pg_extension")}
    assert {"unaccent", "pg_trgm"} <= extensions
    assert backend.run(db_path, "SELECT ki_fold('Ünal Çelik ÉLODIE')") == [("unal celik elodie",)]
    not_deferrable = backend.run(
        db_path,
        "SELECT conname FROM pg_constraint WHERE contype = 'f' AND NOT condeferrable",
    )
    assert not_deferrable == []


def test_offer_changes_queue_the_offer_for_the_index(open_db, db_path):
    from ki_desktop.store.models import Offer

    offer = Offer.create(title="Sprachcafé", category="language_course")
    queued = backend.run(db_path, "SELECT offer_id FROM offer_index_queue")
    assert (offer.id,) in queued


def test_an_older_server_schema_is_refused(db_path):
    database.open_app_database(db_path)
    DB.execute_sql("DELETE FROM schema_version")
    DB.execute_sql("INSERT INTO schema_version (version, applied_at) VALUES (3, now())")
    database.close_app_database()
    with pytest.raises(ServiceError, match="migrate-to"):
        database.open_app_database(db_path)


def test_long_texts_and_precise_coordinates_come_back_as_saved(open_db, db_path):
    from ki_desktop.store.models import Offer

    text = "Sprachkurs " * 60  # 660 characters: SQLite keeps any length, so must the server
    offer = Offer.create(title=text, category="language_course", latitude=51.9625431)
    again = Offer.get_by_id(offer.id)
    assert again.title == text
    assert again.latitude == 51.9625431
    narrow = backend.run(
        db_path,
        "SELECT table_name, column_name FROM information_schema.columns WHERE "
        "table_schema = 'public' AND data_type IN ('character varying', 'real')",
    )
    assert narrow == []


def test_laptops_starting_at_once_on_an_empty_server_database_create_one_schema(tmp_path):
    """The first start of several laptops on a new, empty server database at the same moment:
    one creates the schema, the others wait for it and use it (no start fails)."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.services.test_server_migration import empty_server_database

    script = (
        "import sys\n"
        "from ki_desktop.services import database\n"
        "info = database.open_app_database(sys.argv[1])\n"
        "print(info.schema_version, info.device_id)\n"
        "database.close_app_database()\n"
    )
    root = Path(__file__).resolve().parents[2]
    with empty_server_database() as url:
        starts = [
            subprocess.Popen(
                [sys.executable, "-c", script, url],
                cwd=root,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(4)
        ]
        results = [(p.wait(timeout=120), *p.communicate()) for p in starts]
        assert [r[0] for r in results] == [0] * 4, [r[2][-600:] for r in results]
        versions, devices = zip(*(r[1].split() for r in results), strict=True)
        assert set(versions) == {str(migrations.LATEST)}
        assert len(set(devices)) == 1  # the server is one device
        assert backend.run(url, "SELECT count(*) FROM schema_version") == [(1,)]
