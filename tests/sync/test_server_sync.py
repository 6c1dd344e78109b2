"""The office database (the PostgreSQL server on that test run) exchanges sync files with
laptops exactly as a laptop does: what it exports is byte for byte what a laptop would export
of the same data, and several clients of the server sync one after the other."""

from __future__ import annotations

import json
import threading
from datetime import date, datetime, timedelta

import pytest

from ki_desktop.services import cases, database, intake, sync
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.schools import import_school_list
from ki_desktop.services.sync_engine import capture
from ki_desktop.store import sync_records
from ki_desktop.store.connection import get_setting, release_thread_connection, set_setting
from ki_desktop.store.models import (
    DB,
    Case,
    CaseHistory,
    Consent,
    Guardian,
    IntakeInterview,
    Offer,
    utcnow,
)
from ki_desktop.sync.fileformat import read_records
from tests import backend
from tests.conftest import SCHOOL_EXTRACT

SECRET = "Team-Passphrase Borken 2026"
TEAM = "KI Kreis Borken"

server_only = pytest.mark.skipif(
    not backend.on_server(), reason="about several clients of one PostgreSQL server"
)


def payloads(file, *devices: str, sort_keys=False) -> dict[tuple[str, str], str]:
    """Every record of a sync file: (table, key) → the merge state as the file holds it, with
    the ids of ``devices`` replaced (they differ between databases). ``sort_keys``: in one
    order of the fields (a merged state lists them sorted, a state made by a capture in the
    table's order); a value stays as it is (1 is not true)."""
    out = {}
    with open(file, "rb") as source:
        items = read_records(source, SECRET)
        next(items), next(items)  # header, body
        for item in items:
            text = json.dumps(
                item["s"], ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys
            )
            for device in devices:
                text = text.replace(device, "DEVICE")
            out[item["t"], item["k"]] = text
    return out


def snapshot_of_cases() -> dict[str, tuple]:
    """What a family's file holds, as the application reads it (also on the server)."""
    rows = {}
    for case in Case.select().order_by(Case.id):
        detail = cases.case_detail(case.id)
        rows[case.id] = (
            detail.first_name,
            detail.last_name,
            detail.birth_date,
            detail.arrival_date,
            detail.status,
            detail.municipality_ags,
            sorted((g.name, g.has_custody) for g in detail.guardians),
            sorted((c.kind, c.given, c.given_on) for c in detail.consents),
            sorted((i.held_on, i.interpreter_needed, i.latin_literate) for i in detail.interviews),
        )
    return rows


def test_laptop_to_server_to_second_laptop_and_back(tmp_path, new_location):
    """Laptop A (a SQLite file) → file → the office server → file → laptop B, and B's edit
    travels back through the server to A."""
    laptop_a, server = tmp_path / "laptop_a.sqlite", new_location("office")
    laptop_b = tmp_path / "laptop_b.sqlite"
    database.open_app_database(str(laptop_a))
    load_demo_data(size=15, seed=4, reference=date(2026, 11, 1))
    sync.set_team(TEAM)
    from_a = sync.export_changes(tmp_path / "a.kisync", SECRET).path
    original = snapshot_of_cases()
    database.close_app_database()

    database.open_app_database(server)
    import_school_list(SCHOOL_EXTRACT)
    preview = sync.import_file(from_a, SECRET, preview=True)
    assert Case.select().count() == 0  # a preview changes nothing on the server either
    report = sync.import_file(from_a, SECRET)
    assert report.counts.created == preview.counts.created > 15
    assert report.counts.conflicts == 0
    assert snapshot_of_cases() == original
    assert sync.team() == TEAM
    # An edit on the server: a counsellor corrects a name through the application.
    case_id = min(original)
    detail = cases.case_detail(case_id)
    detail.last_name = "Korrigiert"
    intake.save_case(detail, today=date(2026, 11, 3))
    from_server = sync.export_changes(tmp_path / "office.kisync", SECRET).path
    on_server = snapshot_of_cases()
    database.close_app_database()

    database.open_app_database(str(laptop_b))
    import_school_list(SCHOOL_EXTRACT)
    first = sync.import_file(from_server, SECRET)
    assert first.counts.conflicts == 0
    assert snapshot_of_cases() == on_server
    assert Case.get_by_id(case_id).last_name == "Korrigiert"
    history = CaseHistory.select().where(CaseHistory.case == case_id).count()
    assert history >= 1  # the server's history of the edit came along
    edited = Case.get_by_id(case_id)
    edited.first_name = "Vom Laptop B"
    edited.save()
    from_b = sync.export_changes(tmp_path / "b.kisync", SECRET).path
    database.close_app_database()

    database.open_app_database(server)
    back = sync.import_file(from_b, SECRET)
    assert back.counts.updated >= 1 and back.counts.conflicts == 0
    assert Case.get_by_id(case_id).first_name == "Vom Laptop B"
    to_a = sync.export_changes(tmp_path / "office-2.kisync", SECRET).path
    peers = {p.device for p in sync.peers()}
    database.close_app_database()
    assert len(peers) == 2  # both laptops are known to the server

    database.open_app_database(str(laptop_a))
    sync.import_file(to_a, SECRET)
    case = Case.get_by_id(case_id)
    assert (case.first_name, case.last_name) == ("Vom Laptop B", "Korrigiert")
    assert CaseHistory.select().where(CaseHistory.case == case_id).count() == history
    database.close_app_database()


CASE_ID, GUARDIAN_ID, HISTORY_IDS = "c" * 32, "d" * 32, ("e" * 32, "f" * 32)
RECEIVER = "5" * 32


def _same_edits() -> None:
    """The same records and edits, made in the same way on each database: every kind of value
    a synced field holds (dates, date-times with and without a fraction of a second, booleans
    true, false and empty, numbers, text, references by shared keys)."""
    some = Case.select().order_by(Case.id).first()
    now = utcnow()
    Case.update(birth_date=date(2015, 2, 28), arrival_date=None, updated_at=now).where(
        Case.id == some.id
    ).execute()
    Consent.update(given=True, given_on=date(2026, 11, 4), updated_at=now).where(
        Consent.case == some.id
    ).execute()
    IntakeInterview.update(
        interpreter_needed=False, latin_literate=None, literate_other_script=True, updated_at=now
    ).where(IntakeInterview.case == some.id).execute()
    Offer.update(valid_to=date(2027, 7, 31), latitude=51.838, age_min=6, updated_at=now).where(
        Offer.id == Offer.select(Offer.id).order_by(Offer.id).first().id
    ).execute()
    new = Case.create(
        id=CASE_ID,
        first_name="Ayşe",
        last_name="Öztürk",
        birth_date=date(2014, 1, 31),
        registered_on=date(2026, 11, 5),
        municipality=some.municipality,
        counsellor=some.counsellor,
        assigned_school=some.assigned_school,
    )
    Guardian.create(id=GUARDIAN_ID, case=new, name="Fatma Öztürk", has_custody=False)
    for key, at in zip(
        HISTORY_IDS,
        (datetime(2026, 11, 5, 9, 30, 0), datetime(2026, 11, 5, 9, 30, 1, 250_000)),
        strict=True,
    ):
        CaseHistory.create(id=key, case=new, at=at, user="abecker", field="status", new="x")


def test_a_record_exported_from_the_server_is_the_record_a_laptop_exports(tmp_path, new_location):
    """The same data exported from a SQLite file and from the server (on the PostgreSQL run):
    every record's payload is the same text (dates as the same ISO text, booleans as 1/0,
    date-times as SQLite stores them), both for records read from a file and for records
    made on the database itself."""
    source = tmp_path / "source.sqlite"
    database.open_app_database(str(source))
    load_demo_data(size=6, seed=9, reference=date(2026, 11, 1))
    first = sync.export_changes(tmp_path / "source.kisync", SECRET, full=True).path
    source_device = sync.this_device()
    database.close_app_database()
    received = payloads(first, source_device, sort_keys=True)

    exported = {}
    for name, location in (("file", tmp_path / "file.sqlite"), ("server", new_location("s"))):
        # Both as the same device, so that even the order of the devices in a state matches.
        database.open_app_database(str(location))
        set_setting("device_id", RECEIVER)
        database.close_app_database()
        info = database.open_app_database(str(location))
        assert info.device_id == RECEIVER
        import_school_list(SCHOOL_EXTRACT)
        sync.import_file(first, SECRET)
        # Read back untouched, every record goes out as it came in.
        untouched = sync.export_changes(tmp_path / f"{name}-0.kisync", SECRET, full=True)
        assert payloads(untouched.path, source_device, sort_keys=True) == received
        _same_edits()
        out = sync.export_changes(tmp_path / f"{name}-1.kisync", SECRET, full=True).path
        exported[name] = payloads(out)
        database.close_app_database()

    assert exported["server"] == exported["file"]
    made_here = exported["server"][("case_history", HISTORY_IDS[1])]
    assert '"2026-11-05 09:30:01.250000"' in made_here
    assert '"2026-11-05 09:30:00"' in exported["server"][("case_history", HISTORY_IDS[0])]
    guardian = json.loads(exported["server"][("guardian", GUARDIAN_ID)])
    assert guardian["f"]["has_custody"] == [[RECEIVER, 1, 0]]
    assert json.dumps(guardian["f"]["has_custody"][0][2]) == "0"  # 0, not false
    case = json.loads(exported["server"][("case", CASE_ID)])
    assert case["f"]["birth_date"][0][2] == "2014-01-31"
    server = payloads(tmp_path / "server-1.kisync", RECEIVER, source_device, sort_keys=True)
    changed = {key for key, text in server.items() if received.get(key) != text}
    assert {t for t, _k in changed} >= {"case", "consent", "intake_interview", "offer"}
    assert {("case", CASE_ID), ("guardian", GUARDIAN_ID)} <= changed
    assert len(changed) < len(server) / 4  # the rest goes out as it came in


def test_coordinates_keep_every_digit_through_the_server(tmp_path, new_location):
    """An offer's coordinates go out of the server as they came in from a laptop."""
    laptop = tmp_path / "laptop.sqlite"
    database.open_app_database(str(laptop))
    load_demo_data(size=0, reference=date(2026, 11, 1))
    offer_id = Offer.select(Offer.id).order_by(Offer.id).first().id
    Offer.update(latitude=51.8381234, longitude=6.6151234, updated_at=utcnow()).where(
        Offer.id == offer_id
    ).execute()
    sent = sync.export_changes(tmp_path / "laptop.kisync", SECRET, full=True).path
    database.close_app_database()
    database.open_app_database(new_location("office"))
    sync.import_file(sent, SECRET)
    back = sync.export_changes(tmp_path / "office.kisync", SECRET, full=True).path
    row = Offer.get_by_id(offer_id)
    database.close_app_database()
    assert (row.latitude, row.longitude) == (51.8381234, 6.6151234)
    state = json.loads(payloads(back)[("offer", offer_id)])
    assert state["f"]["latitude"][0][2] == 51.8381234


@server_only
def test_an_edit_stamped_a_little_earlier_by_another_client_is_still_captured(new_location):
    """Clients of one server stamp rows with their own clocks, and an edit may commit after a
    capture began: the capture looks back an hour on the server."""
    location = new_location("office")
    database.open_app_database(location)
    load_demo_data(size=3, seed=1, reference=date(2026, 11, 1))
    with DB.atomic():
        capture(sync.this_device())
    case = Case.select().order_by(Case.id).first()
    marked = datetime.fromisoformat(get_setting("sync.captured_at"))
    earlier = marked - timedelta(minutes=10)
    backend.run(
        location,
        'UPDATE "case" SET first_name = ?, updated_at = ? WHERE id = ?',
        ("Spät gespeichert", earlier, case.id),
    )
    with DB.atomic():
        assert capture(sync.this_device()) == 1
    state = sync_records.load_state("case", case.id)
    assert [v for _d, _n, v in state["f"]["first_name"]] == ["Spät gespeichert"]
    with DB.atomic():
        assert capture(sync.this_device()) == 0  # found again, but no edit any more


@server_only
def test_two_clients_of_the_server_sync_one_after_the_other(new_location):
    """While one client's import or export holds the merge states, a second client's waits
    for it and then numbers its changes after the first one's."""
    location = new_location("office")
    database.open_app_database(location)
    load_demo_data(size=4, seed=1, reference=date(2026, 11, 1))
    device = sync.this_device()
    with DB.atomic():
        capture(device)
    ids = [c.id for c in Case.select(Case.id).order_by(Case.id).limit(2)]
    first_holds, second_done = threading.Event(), threading.Event()
    release = threading.Event()
    errors: list[BaseException] = []

    def client(case_id: str, name: str, hold: bool) -> None:
        try:
            with DB.atomic():
                Case.update(first_name=name, updated_at=utcnow()).where(
                    Case.id == case_id
                ).execute()
                capture(device)
                if hold:
                    first_holds.set()
                    release.wait(10)
            if not hold:
                second_done.set()
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)
        finally:
            release_thread_connection()

    one = threading.Thread(target=client, args=(ids[0], "Erster", True))
    one.start()
    assert first_holds.wait(10)
    two = threading.Thread(target=client, args=(ids[1], "Zweiter", False))
    two.start()
    assert not second_done.wait(0.5)  # waits for the first client's transaction
    release.set()
    one.join(10)
    two.join(10)
    assert errors == [] and second_done.is_set()
    rows = backend.run(
        location,
        'SELECT record_id, seq FROM sync_state WHERE "table" = ? AND record_id IN (?, ?)',
        ("case", *ids),
    )
    seqs = dict(rows)
    assert seqs[ids[1]] > seqs[ids[0]]
    all_seqs = [s for (s,) in backend.run(location, "SELECT seq FROM sync_state")]
    assert len(all_seqs) == len(set(all_seqs))  # no number handed out twice
    assert sync_records.current_seq() == max(all_seqs)


@server_only
def test_a_connection_cut_during_an_import_says_so_and_keeps_nothing(
    tmp_path, new_location, monkeypatch
):
    """The server ends the connection while the new rows of a file are written: the import
    says that the connection broke off (not that the file does not fit), and nothing of the
    file stays."""
    from ki_desktop.services.errors import ServerUnavailable
    from ki_desktop.store import dialect

    laptop, location = tmp_path / "laptop.sqlite", new_location("office")
    database.open_app_database(str(laptop))
    load_demo_data(size=5, seed=2, reference=date(2026, 11, 1))
    sent = sync.export_changes(tmp_path / "laptop.kisync", SECRET).path
    database.close_app_database()
    database.open_app_database(location)
    pid = DB.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    write_many = dialect.executemany

    def cut_then_write(sql, rows):
        if sql.startswith('INSERT INTO "case"'):
            backend.run(location, "SELECT pg_terminate_backend(?)", (pid,))
        write_many(sql, rows)

    monkeypatch.setattr(dialect, "executemany", cut_then_write)
    with pytest.raises(ServerUnavailable, match="Verbindung zum Datenbankserver"):
        sync.import_file(sent, SECRET)
    monkeypatch.setattr(dialect, "executemany", write_many)
    assert Case.select().count() == 0  # connected again; nothing of the file is there
    assert sync.import_file(sent, SECRET).counts.created > 5
