"""Moving a SQLite database to a PostgreSQL server (``services.server_migration``).

The source is always a SQLite file and the target always a server database, whichever backend
the suite runs on: these tests need the server named by ``KI_DESKTOP_TEST_PG`` in both runs and
are skipped without it.
"""

from __future__ import annotations

import itertools
import os
from contextlib import closing, contextmanager
from datetime import date, datetime

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.roles import Role
from ki_desktop.services import accounts, audit, database, server_migration, session, sync
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.store import keyfile
from ki_desktop.store.copy_values import Column, canonical_row, to_python
from ki_desktop.store.users import recent_events
from tests import backend

pytestmark = pytest.mark.usefixtures("fast_kdf")

ADMIN_PW = "Kennwort-der-Leitung-1"
BERT_PW = "Sein-Kennwort-Nr-2"
PASSPHRASE = "team-passphrase-lang-genug"
_names = itertools.count(1)


@contextmanager
def empty_server_database():
    """A new, empty database on the test server (``KI_DESKTOP_TEST_PG``), dropped afterwards;
    the test is skipped without a server."""
    admin_url = os.environ.get(backend.SERVER_ENV)
    if not admin_url:
        pytest.skip("no PostgreSQL server for the test")
    import psycopg2

    name = f"ki_move_{os.getpid()}_{next(_names)}"
    with closing(psycopg2.connect(admin_url)) as conn:
        conn.autocommit = True
        conn.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield backend.server_url(name)
    finally:
        database.close_app_database()
        with closing(psycopg2.connect(admin_url)) as conn:
            conn.autocommit = True
            conn.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def server():
    with empty_server_database() as url:
        yield url


def demo_file(folder, name="ki.sqlite") -> str:
    """A SQLite file with the demo data (120 cases), closed."""
    from ki_desktop.services.demo import load_demo_data

    location = str(folder / name)
    database.open_app_database(location)
    load_demo_data(size=120, seed=7, reference=date(2026, 11, 1))
    database.close_app_database()
    return location


@pytest.fixture
def plain_source(tmp_path):
    return demo_file(tmp_path)


def counts(location) -> dict[str, int]:
    tables = ("case", "guardian", "intake_interview", "offer", "school", "user", "audit_event")
    return {t: backend.run(location, f'SELECT count(*) FROM "{t}"')[0][0] for t in tables}


# --- values: the same canonical form from both databases ------------------------------------


@pytest.mark.parametrize(
    ("kind", "as_sqlite", "as_server"),
    [
        ("date", "2026-03-01", date(2026, 3, 1)),
        ("datetime", "2026-03-01 08:15:00.250000", datetime(2026, 3, 1, 8, 15, 0, 250000)),
        ("datetime", "2026-03-01 08:15:00", datetime(2026, 3, 1, 8, 15)),
        ("bool", 1, True),
        ("bool", 0, False),
        ("float", 51.9625431, 51.9625431),
        ("int", 7, 7),
        ("text", "Müller-Lüdenscheidt", "Müller-Lüdenscheidt"),
    ],
)
def test_a_value_reads_the_same_from_both_databases(kind, as_sqlite, as_server):
    column = Column("c", kind, 255 if kind == "text" else None)
    converted = to_python(column, as_sqlite)
    assert converted == as_server
    assert canonical_row([converted]) == canonical_row([to_python(column, as_server)])


def test_values_that_would_change_on_the_way_are_refused():
    cases = [
        (Column("c", "text", 8), "x" * 9, "too_long"),
        (Column("c", "text", None), "a\x00b", "nul"),
        (Column("c", "int", None), 2**40, "int_range"),
        (Column("c", "int", None), "zwölf", "not_int"),
        (Column("c", "bool", None), 2, "not_bool"),
        (Column("c", "date", None), "31.12.2025", "not_date"),
    ]
    for column, value, problem in cases:
        with pytest.raises(ValueError) as caught:
            to_python(column, value)
        assert caught.value.args[0] == problem


def test_canonical_rows_keep_kinds_apart():
    assert canonical_row(["1"]) != canonical_row([1]) != canonical_row([1.0])
    assert canonical_row([None]) != canonical_row([""])
    assert canonical_row(["a", "b"]) != canonical_row(["a,b"])


# --- the move --------------------------------------------------------------------------------


def test_a_plain_database_moves_with_counts_and_checksums(plain_source, server):
    before = counts(plain_source)
    steps = []
    report = server_migration.migrate_to_server(server, plain_source, progress=steps.append)

    tables = {t.table: t for t in report.tables}
    assert {k: tables[k].rows for k in before} == {
        **before,
        "audit_event": before["audit_event"],
    }
    assert all(len(t.checksum) == 64 for t in report.tables)
    assert report.rows == sum(t.rows for t in report.tables)
    assert not report.key_slots
    assert report.offers_queued == before["offer"]
    assert [s.stage for s in steps] == ["copy"] * len(tables) + ["check"] * len(tables)
    # On the server: the same rows, plus the server's own entry about the move.
    on_server = counts(server)
    assert on_server == {**before, "audit_event": before["audit_event"] + 1}
    assert backend.run(server, "SELECT count(*) FROM offer_index_queue")[0][0] == before["offer"]
    # The source was only read, and notes the move in its own trail.
    assert counts(plain_source) == {**before, "audit_event": before["audit_event"] + 1}
    assert recent_events("db.migrate_to", limit=1)[0].target == report.target
    assert database.open_app_database(plain_source).location == plain_source  # open again


def test_the_server_keeps_its_own_device_and_the_trail_checks(plain_source, server):
    source_device = database.open_app_database(plain_source).device_id
    database.close_app_database()
    report = server_migration.migrate_to_server(server, plain_source)
    assert report.server_device != source_device

    database.open_app_database(server)
    check = audit.verify_chain()
    assert check.ok, check
    assert (check.head_seq, check.head_hash) == report.audit_head
    moved = recent_events("db.migrate_to", limit=1)[0]
    assert moved.target == report.target and plain_source in moved.detail


def test_server_numbering_goes_on_after_the_copied_rows(tmp_path, server):
    from ki_desktop.store.models import DeletionLog

    location = str(tmp_path / "ki.sqlite")
    database.open_app_database(location)
    for n in range(3):
        DeletionLog.create(reason="request", case_ref=f"{n:032x}")
    database.close_app_database()
    server_migration.migrate_to_server(server, location)

    database.open_app_database(server)
    assert DeletionLog.create(reason="retention", case_ref="f" * 32).id == 4


def test_a_server_that_changes_what_it_stores_is_detected_and_nothing_stays(plain_source, server):
    database.open_app_database(server)  # the schema; then a trigger that alters names
    database.close_app_database()
    backend.run(
        server,
        """CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN NEW.last_name := upper(NEW.last_name); RETURN NEW; END $$""",
    )
    backend.run(
        server, 'CREATE TRIGGER shout BEFORE INSERT ON "case" FOR EACH ROW EXECUTE FUNCTION shout()'
    )

    with pytest.raises(server_migration.CopyDiffers) as caught:
        server_migration.migrate_to_server(server, plain_source)
    assert caught.value.tables == ("case",)
    assert "„case“: Prüfsumme verschieden" in str(caught.value)
    assert "nichts übernommen" in str(caught.value)
    assert backend.run(server, 'SELECT count(*) FROM "case"')[0][0] == 0
    assert backend.run(server, "SELECT count(*) FROM audit_event")[0][0] == 0
    assert recent_events("db.migrate_to", limit=1)[0].action == "db.migrate_to.failed"

    backend.run(server, 'DROP TRIGGER shout ON "case"')  # the same server, empty again
    report = server_migration.migrate_to_server(server, plain_source)
    assert report.rows > 0


def test_a_server_database_with_data_is_refused(plain_source, server):
    database.open_app_database(server)
    from ki_desktop.store.connection import set_setting

    set_setting("letter.ki_name", "KI Kreis Borken")
    database.close_app_database()

    with pytest.raises(ServiceError, match=r"nicht leer \(Tabellen mit Zeilen: setting \(1\)\)"):
        server_migration.migrate_to_server(server, plain_source)
    assert backend.run(server, 'SELECT count(*) FROM "case"')[0][0] == 0


def test_a_second_move_into_the_same_server_is_refused(plain_source, tmp_path, server):
    server_migration.migrate_to_server(server, plain_source)
    before = counts(server)
    with pytest.raises(ServiceError, match="nicht leer") as caught:
        server_migration.migrate_to_server(server, demo_file(tmp_path, "second.sqlite"))
    assert "case (120)" in str(caught.value)
    assert counts(server) == before


def test_a_value_the_server_would_refuse_stops_the_move_with_its_place(tmp_path, server):
    from ki_desktop.store.models import Case

    location = str(tmp_path / "ki.sqlite")
    database.open_app_database(location)
    case = Case.create(first_name="Amal", last_name="Haddad", address="Weg\x00" + "Weg " * 80)
    database.close_app_database()

    with pytest.raises(ServiceError) as caught:
        server_migration.migrate_to_server(server, location)
    message = str(caught.value)
    assert "„case“" in message and "„address“" in message and case.id in message
    assert "Nullzeichen" in message
    assert "Weg Weg" not in message  # never the value itself
    assert backend.run(server, 'SELECT count(*) FROM "case"')[0][0] == 0


def test_long_texts_move_whole(tmp_path, server):
    """The server's text columns have no length limit (as SQLite's): a text longer than a
    field's nominal length is copied whole, not refused."""
    from ki_desktop.store.models import Case, Offer

    location = str(tmp_path / "ki.sqlite")
    database.open_app_database(location)
    address = "Weg " * 80
    reason = "other: " + "Die Familie ist in einen anderen Kreis gezogen. " * 8
    case = Case.create(first_name="Amal", last_name="Haddad", address=address, closed_reason=reason)
    Offer.create(title="Sprachcafé " * 30, category="language", languages="ar," * 100)
    database.close_app_database()

    report = server_migration.migrate_to_server(server, location)
    assert {t.table: t.rows for t in report.tables}["case"] == 1
    assert backend.run(
        server, 'SELECT address, closed_reason FROM "case" WHERE id = ?', (case.id,)
    ) == [(address, reason)]
    assert backend.run(server, "SELECT title, languages FROM offer") == [
        ("Sprachcafé " * 30, "ar," * 100)
    ]


def test_only_administrators_move_a_database(plain_source, server):
    session.begin(session.Session("bert", "Bert", frozenset({Role.COUNSELLOR})))
    with pytest.raises(PermissionDenied):
        server_migration.migrate_to_server(server, plain_source)


def test_not_a_server_address_is_refused_before_anything_happens(plain_source):
    with pytest.raises(ServiceError, match="keine PostgreSQL-Adresse"):
        server_migration.migrate_to_server("/tmp/anderswo.sqlite", plain_source)
    with pytest.raises(ServiceError, match="Rechner und Datenbank"):
        server_migration.migrate_to_server("postgresql://beratung@server", plain_source)


@pytest.mark.parametrize("port", [1])
def test_an_unreachable_server_leaves_the_source_open(plain_source, port):
    with pytest.raises(ServiceError, match="nicht erreichbar"):
        server_migration.migrate_to_server(f"postgresql://ki@127.0.0.1:{port}/ki", plain_source)
    assert database.open_app_database(plain_source).location == plain_source
    assert recent_events("db.migrate_to", limit=1)[0].action == "db.migrate_to.failed"


# --- accounts and sync after the move --------------------------------------------------------


def test_the_same_users_log_in_on_the_server(tmp_path, server):
    location = str(tmp_path / "ki.sqlite")
    accounts.create_first_admin(location, "anna", "Anna Admin", ADMIN_PW)
    accounts.add_user("bert", "Bert Berater", [Role.COUNSELLOR], BERT_PW, team="Nord")
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=30, seed=3, reference=date(2026, 11, 1))
    key_file = keyfile.key_file_path(location).read_bytes()

    report = server_migration.migrate_to_server(server, location)
    assert report.key_slots
    accounts.logout()

    from ki_desktop.store import key_store

    database.open_app_database(server)
    assert key_store.read_document() == key_file
    database.close_app_database()
    assert accounts.database_state(server) == "encrypted"
    bert = accounts.login(server, "bert", BERT_PW)
    assert (bert.roles, bert.team) == (frozenset({Role.COUNSELLOR}), "Nord")
    accounts.logout()
    anna = accounts.login(server, "anna", ADMIN_PW)
    assert Role.ADMIN in anna.roles
    assert audit.verify_chain().ok
    accounts.logout()


def test_a_laptop_goes_on_working_and_syncs_into_the_server(plain_source, tmp_path, server):
    from ki_desktop.services import intake

    database.open_app_database(plain_source)
    sync.export_changes(tmp_path / "before.kisync", PASSPHRASE)  # the laptop synced before
    database.close_app_database()
    server_migration.migrate_to_server(server, plain_source)

    # Offline on the laptop after the move: a new case, then a sync file for the server.
    database.open_app_database(plain_source)
    new_id, _changes = intake.save_case(
        dm.Case(first_name="Lina", last_name="Nachzüglerin", birth_date=date(2015, 5, 1))
    )
    sync.export_changes(tmp_path / "after.kisync", PASSPHRASE)
    database.close_app_database()

    database.open_app_database(server)
    result = sync.import_file(tmp_path / "after.kisync", PASSPHRASE)
    assert result.applied and result.counts.created >= 1
    from ki_desktop.store.models import Case

    assert Case.get_by_id(new_id).last_name == "Nachzüglerin"


def test_coordinates_keep_all_their_digits_on_the_server(tmp_path, server):
    from ki_desktop.store.models import Offer, School

    location = str(tmp_path / "ki.sqlite")
    database.open_app_database(location)
    Offer.create(title="Sprachcafé", category="language", latitude=51.9625431, longitude=7.6251879)
    School.create(
        schulnummer="123456", schulform="02", name="GS", ags="05554004", utm_east=366057.27
    )
    database.close_app_database()

    server_migration.migrate_to_server(server, location)
    assert backend.run(server, "SELECT latitude, longitude FROM offer") == [(51.9625431, 7.6251879)]
    assert backend.run(server, "SELECT utm_east FROM school") == [(366057.27,)]


def test_a_file_whose_tables_differ_from_the_program_is_refused(tmp_path, server):
    location = str(tmp_path / "ki.sqlite")
    database.open_app_database(location)
    database.close_app_database()
    backend.run(location, 'ALTER TABLE "case" ADD COLUMN "nickname" TEXT')

    with pytest.raises(ServiceError, match=r"„case“.*unbekannte Spalten: nickname"):
        server_migration.migrate_to_server(server, location)
