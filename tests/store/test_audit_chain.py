"""The audit trail's hash chain in a real database: tampering with raw SQL is detected."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

from ki_desktop.domain import audit as chain
from ki_desktop.services import database
from ki_desktop.store import audit
from ki_desktop.store.users import recent_events, record_event
from tests import backend

ROOT = Path(__file__).resolve().parents[2]


def check(expected_head: str | None = None) -> chain.ChainReport:
    records = [r for page in audit.chain_pages(page=7) for r in page]
    return chain.check_chain(records, audit.unsealed_count(), expected_head)


@pytest.fixture
def trail(db_path):
    """A database file with 20 chained events; closed, so that the test can tamper."""
    database.open_app_database(str(db_path))
    for n in range(20):
        record_event("anna", "case.read", f"case{n:02d}", n=n)
    database.close_app_database()
    return db_path


def tamper(location, *statements: str) -> None:
    for sql in statements:
        backend.run(location, sql)


def reopen_and_check(path, expected_head: str | None = None) -> chain.ChainReport:
    database.open_app_database(str(path))
    try:
        return check(expected_head)
    finally:
        database.close_app_database()


def test_untouched_chain_is_ok_and_linked(trail):
    report = reopen_and_check(trail)
    assert report.ok and report.entries == 20 and report.head_seq == 20
    rows = backend.run(trail, "SELECT seq, prev_hash, hash FROM audit_event ORDER BY seq")
    assert [r[0] for r in rows] == list(range(1, 21))
    assert rows[0][1] == chain.GENESIS
    assert all(rows[i][1] == rows[i - 1][2] for i in range(1, 20))
    assert report.head_hash == rows[-1][2]


@pytest.mark.parametrize(
    "column, value",
    [
        ("detail", "'{\"n\": 99}'"),
        ('"user"', "'mallory'"),
        ("action", "'case.update'"),
        ("target", "'other'"),
        ("at", "'2020-01-01 00:00:00.000000'"),
    ],
)
def test_a_modified_entry_is_found(trail, column, value):
    tamper(trail, f"UPDATE audit_event SET {column} = {value} WHERE seq = 7")
    report = reopen_and_check(trail)
    assert not report.ok
    assert (report.first_bad_seq, report.reason) == (7, chain.MODIFIED)
    assert report.entries == 6


def test_a_deleted_entry_is_found(trail):
    tamper(trail, "DELETE FROM audit_event WHERE seq = 12")
    report = reopen_and_check(trail)
    assert (report.ok, report.first_bad_seq, report.reason) == (False, 12, chain.MISSING)


def test_the_first_entry_deleted_is_found(trail):
    tamper(trail, "DELETE FROM audit_event WHERE seq = 1")
    report = reopen_and_check(trail)
    assert (report.ok, report.first_bad_seq, report.reason) == (False, 1, chain.MISSING)


def test_reordered_entries_are_found(trail):
    # Swap the places of entries 5 and 6 (their numbers), the content and hashes stay.
    tamper(
        trail,
        "UPDATE audit_event SET seq = -5 WHERE seq = 5",
        "UPDATE audit_event SET seq = 5 WHERE seq = 6",
        "UPDATE audit_event SET seq = 6 WHERE seq = -5",
    )
    report = reopen_and_check(trail)
    assert (report.ok, report.first_bad_seq, report.reason) == (False, 5, chain.MODIFIED)


def test_reordered_times_are_found(trail):
    at3, at4 = (
        backend.run(trail, "SELECT at FROM audit_event WHERE seq = ?", (n,))[0][0] for n in (3, 4)
    )
    tamper(
        trail,
        f"UPDATE audit_event SET at = '{at4}' WHERE seq = 3",
        f"UPDATE audit_event SET at = '{at3}' WHERE seq = 4",
    )
    report = reopen_and_check(trail)
    assert at3 != at4
    assert (report.first_bad_seq, report.reason) == (3, chain.MODIFIED)


def test_a_modified_entry_with_its_hash_recomputed_is_found(trail):
    seq, at, user, action, target, detail, prev, _hash = backend.run(
        trail,
        'SELECT seq, at, "user", action, target, detail, prev_hash, hash FROM audit_event '
        "WHERE seq = 9",
    )[0]
    forged = chain.entry_hash(seq, at, "mallory", action, target, detail, prev)
    tamper(trail, f"UPDATE audit_event SET \"user\" = 'mallory', hash = '{forged}' WHERE seq = 9")
    report = reopen_and_check(trail)
    assert (report.ok, report.first_bad_seq, report.reason) == (False, 9, chain.RELINKED)
    assert report.entries == 9  # entry 9 itself still fits its content


def test_the_last_entry_recomputed_is_only_found_against_a_noted_head(trail):
    noted = reopen_and_check(trail).head_hash
    seq, at, user, action, target, detail, prev = backend.run(
        trail,
        'SELECT seq, at, "user", action, target, detail, prev_hash FROM audit_event WHERE seq = 20',
    )[0]
    forged = chain.entry_hash(seq, at, "mallory", action, target, detail, prev)
    tamper(trail, f"UPDATE audit_event SET \"user\" = 'mallory', hash = '{forged}' WHERE seq = 20")
    assert reopen_and_check(trail).ok  # the documented limit: the tail has no successor
    report = reopen_and_check(trail, expected_head=noted)
    assert (report.ok, report.reason) == (False, chain.UNKNOWN_HEAD)
    assert reopen_and_check(trail, expected_head=forged).ok


def test_a_cut_off_tail_is_found_against_a_noted_head(trail):
    noted = reopen_and_check(trail).head_hash
    tamper(trail, "DELETE FROM audit_event WHERE seq > 15")
    assert reopen_and_check(trail).ok
    assert reopen_and_check(trail, expected_head=noted).reason == chain.UNKNOWN_HEAD


def test_a_row_inserted_beside_the_chain_is_found(trail):
    tamper(
        trail,
        'INSERT INTO audit_event (id, created_at, updated_at, version, device_id, at, "user",'
        " action, target, detail) VALUES ('x', '2026-01-01', '2026-01-01', 1, '', "
        "'2026-01-01 10:00:00', 'mallory', 'case.read', 'c', '')",
    )
    report = reopen_and_check(trail)
    assert (report.ok, report.reason, report.unsealed) == (False, chain.UNSEALED, 1)
    database.open_app_database(str(trail))
    try:
        assert audit.seal_unchained() == 0  # the chain exists: nothing is sealed any more
        record_event("anna", "case.read", "c")
        assert check().reason == chain.UNSEALED
    finally:
        database.close_app_database()


def test_entries_from_before_the_chain_are_sealed_by_time_on_first_append(db_path):
    database.open_app_database(str(db_path))
    database.close_app_database()
    rows = [
        ("b", "2025-03-01 09:00:00"),
        ("a", "2025-01-01 09:00:00.250000"),
        ("c", "2025-03-01 09:00:00"),
    ]
    tamper(
        db_path,
        *(
            "INSERT INTO audit_event (id, created_at, updated_at, version, device_id, at, "
            f"\"user\", action, target, detail) VALUES ('{i}', '{at}', '{at}', 1, '', '{at}', "
            f"'old', 'case.read', '{i}', '')"
            for i, at in rows
        ),
    )
    database.open_app_database(str(db_path))
    try:
        assert check().reason == chain.UNSEALED
        record_event("new", "db.migrate")
        report = check()
        assert report.ok and report.entries == 4
        order = [r.target for page in audit.chain_pages() for r in page]
        assert order == ["a", "b", "c", ""]
        assert audit.seal_unchained() == 0
    finally:
        database.close_app_database()


def test_seal_unchained_seals_an_old_trail_without_appending(db_path):
    database.open_app_database(str(db_path))
    database.close_app_database()
    tamper(
        db_path,
        'INSERT INTO audit_event (id, created_at, updated_at, version, device_id, at, "user",'
        " action, target, detail) VALUES ('z', '2024-01-01', '2024-01-01', 1, '', "
        "'2024-05-01 08:00:00', 'old', 'case.read', 'c', '')",
    )
    database.open_app_database(str(db_path))
    try:
        assert audit.seal_unchained() == 1
        assert check().ok and audit.head()[0] == 1
    finally:
        database.close_app_database()


def test_recent_events_newest_first_and_by_prefix(open_db):
    record_event("anna", "case.read", "a")
    record_event("anna", "offer.create", "o", title="Rucksack")
    record_event("bert", "case.update", "a", fields=["status"])
    assert [e.action for e in recent_events()] == ["case.update", "offer.create", "case.read"]
    assert [e.action for e in recent_events("case.")] == ["case.update", "case.read"]
    assert recent_events("offer.")[0].detail == '{"title": "Rucksack"}'
    assert recent_events("case_")[:1] == []  # "_" is no wildcard


def test_the_action_prefix_matches_without_case_on_both_databases(open_db):
    """``ki-desktop audit export --action Case.`` finds the same entries on a laptop's file
    (SQLite's LIKE ignores the case of ASCII letters) and on the server."""
    record_event("anna", "case.read", "a")
    record_event("anna", "login", "")
    assert [e.action for e in recent_events("Case.")] == ["case.read"]
    assert audit.count_entries(audit.AuditQuery(action="LOGIN")) == 1


def test_concurrent_writers_in_threads_and_processes_keep_one_chain(db_path):
    database.open_app_database(str(db_path))
    try:
        script = (
            "import sys\n"
            "from ki_desktop.services import database\n"
            "from ki_desktop.store.users import record_event\n"
            "database.open_app_database(sys.argv[1])\n"
            "for n in range(150):\n"
            "    record_event('proc', 'case.read', str(n))\n"
            "database.close_app_database()\n"
        )
        procs = [
            subprocess.Popen([sys.executable, "-c", script, str(db_path)], cwd=ROOT)
            for _ in range(2)
        ]
        errors: list[BaseException] = []

        def write(name: str) -> None:
            try:
                for n in range(150):
                    record_event(name, "case.read", str(n))
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=write, args=(f"t{i}",)) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert [p.wait(timeout=120) for p in procs] == [0, 0]
        assert errors == []
        report = check()
        assert report.ok and report.entries == 5 * 150
    finally:
        database.close_app_database()


@pytest.mark.sqlite_only("SQLCipher encryption of the file")
def test_an_encrypted_database_keeps_its_chain(tmp_path):
    from ki_desktop.store import connection, migrations

    path = tmp_path / "secret.sqlite"
    key = bytes(range(32))
    connection.open_database(path, key)
    migrations.migrate()
    for n in range(5):
        record_event("anna", "case.read", str(n))
    assert check().ok
    connection.close_database()
    con = connection.raw_connection(path, key)
    con.execute("UPDATE audit_event SET target = 'x' WHERE seq = 2")
    con.commit()
    con.close()
    connection.open_database(path, key)
    try:
        assert (check().first_bad_seq, check().reason) == (2, chain.MODIFIED)
    finally:
        connection.close_database()


STAMP = "2030-01-01 00:00:00.000000"


def test_reads_in_a_snapshot_see_one_state_of_the_trail(db_path):
    """An export notes the chain's head and then lists the entries: an entry another
    computer appends meanwhile must not appear in the listing beyond the noted head."""
    database.open_app_database(str(db_path))
    try:
        for n in range(5):
            record_event("anna", "case.read", f"case{n}")
        with audit.read_snapshot():
            head_seq, _hash = audit.head()
            backend.run(  # another client appends while the export runs
                db_path,
                "INSERT INTO audit_event (id, created_at, updated_at, version, device_id, at, "
                '"user", action, target, detail, seq, prev_hash, hash) VALUES (?, ?, ?, 1, ?, '
                "?, 'bert', 'case.read', 'x', '', ?, ?, ?)",
                ("f" * 32, STAMP, STAMP, "d" * 32, STAMP, head_seq + 1, "0", "0"),
            )
            listed = [r.seq for r in audit.iter_entries(page=2)]
            counted = audit.count_entries()
        assert listed == list(range(1, head_seq + 1))
        assert counted == head_seq
        assert audit.head()[0] == head_seq + 1  # after the snapshot: seen
    finally:
        database.close_app_database()
