"""Backups as the application makes them: automatic at start and daily, on request for
administrators, rotating; restoring into a fresh folder gives the same data and the original
password still logs in."""

import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import accounts, backups, database, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.errors import NotLoggedIn, PermissionDenied, ServiceError
from ki_desktop.store import connection
from ki_desktop.store.migrations import LATEST
from ki_desktop.store.users import recent_events
from tests.store.test_backup import database_digest

pytestmark = pytest.mark.usefixtures("fast_kdf")


PASSWORD = "Ihr-Kennwort-Nr-1"
ADMIN = session.Session("verwaltung", "Verwaltung", frozenset({Role.ADMIN}))


@pytest.fixture(params=["plain", "encrypted"])
def demo(request, tmp_path):
    """A database with the demo data (120 cases): plain, or encrypted with the administrator
    anna (whose password is PASSWORD)."""
    location = str(tmp_path / "ki" / "ki.sqlite")
    if request.param == "encrypted":
        accounts.create_first_admin(location, "anna", "Anna Admin", PASSWORD)
    else:
        database.open_app_database(location)
    load_demo_data(size=120, seed=7, reference=date(2026, 11, 1))
    yield Path(location), connection.current_key()
    accounts.logout()


def _without_audit(digest):
    return {t: v for t, v in digest.items() if t != "audit_event"}


def _audit_rows(path, key):
    con = connection.raw_connection(path, key, read_only=True)
    try:
        return con.execute("SELECT seq, action FROM audit_event ORDER BY seq").fetchall()
    finally:
        con.close()


def test_restore_into_a_fresh_folder_gives_the_same_data_and_the_password_logs_in(demo, tmp_path):
    path, key = demo
    before = database_digest(path, key)
    audit_before = _audit_rows(path, key)
    target = tmp_path / "stick" / "sicherung.sqlite"
    report = backups.backup_now(target=target)
    assert report.path == target
    assert report.keys_path == (Path(f"{target}.keys") if key else None)
    assert recent_events("db.backup", 1)[0].target == str(target)
    accounts.logout()

    # Another computer: nothing but the two files, and anna's password of that day.
    session.begin(ADMIN)
    backup_key = backups.backup_key(target, "anna", PASSWORD)
    assert backup_key == key
    fresh = tmp_path / "neuer-rechner" / "daten" / "ki.sqlite"
    restored = backups.restore(target, str(fresh), key=backup_key, keep_open=False)
    assert restored.kept is None
    assert restored.info.location == str(fresh) and restored.info.schema_version == LATEST

    after = database_digest(fresh, key)
    assert after.keys() == before.keys() and len(before) > 20
    assert _without_audit(after) == _without_audit(before)
    assert after["case"][0] == 120
    # The trail goes on: everything before, then the restore.
    assert _audit_rows(fresh, key) == audit_before + [(len(audit_before) + 1, "db.restore")]

    session.end()
    if key:
        accounts.login(str(fresh), "anna", PASSWORD)
        assert session.current().username == "anna"
    else:
        database.open_app_database(str(fresh))
    from ki_desktop.store.models import Case

    assert Case.select().count() == 120


def test_restore_in_place_with_the_open_key_keeps_the_replaced_database(demo, tmp_path):
    path, key = demo
    written = backups.backup_now()
    from ki_desktop.store.models import Case

    Case.delete().execute()
    restored = backups.restore(written.path)  # the open database, its own key: no password
    assert restored.info.location == str(path)
    assert Case.select().count() == 120
    kept = path.with_name("ki.vor-wiederherstellung.sqlite")
    assert restored.kept == kept
    assert Path(f"{kept}.keys").exists() == bool(key)
    con = connection.raw_connection(kept, key, read_only=True)
    assert con.execute('SELECT count(*) FROM "case"').fetchone() == (0,)
    assert con.execute("SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1").fetchone() == (
        "db.replaced",
    )
    con.close()
    assert recent_events("db.restore", 1)[0].target == str(written.path)


def test_a_backup_opens_with_the_password_of_its_day_not_a_later_one(demo, tmp_path):
    path, key = demo
    if key is None:
        pytest.skip("plain database")
    written = backups.backup_now()
    accounts.change_password(PASSWORD, "Ganz-Neues-Kennwort-7")
    with pytest.raises(ServiceError, match="zur Zeit der Sicherung"):
        backups.backup_key(written.path, "anna", "Ganz-Neues-Kennwort-7")
    assert backups.backup_key(written.path, "anna", PASSWORD) == key
    Path(f"{written.path}.keys").unlink()
    with pytest.raises(ServiceError, match=r"\.keys"):
        backups.backup_key(written.path, "anna", PASSWORD)


def test_restore_refuses_damaged_and_newer_backups_and_changes_nothing(demo, tmp_path):
    path, key = demo
    written = backups.backup_now(target=tmp_path / "b.sqlite")
    damaged = bytearray(written.path.read_bytes())
    for offset in range(8192, len(damaged) - 4096, 16384):
        damaged[offset + 200 : offset + 600] = bytes(400)
    bad = tmp_path / "kaputt.sqlite"
    bad.write_bytes(bytes(damaged))
    with pytest.raises(ServiceError):
        backups.restore(bad)
    if key is None:
        con = sqlite3.connect(written.path)
        con.execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (?, '2030-01-01')",
            (LATEST + 1,),
        )
        con.commit()
        con.close()
        with pytest.raises(ServiceError, match="neuere Programmversion"):
            backups.restore(written.path)
    assert not path.with_name("ki.vor-wiederherstellung.sqlite").exists()
    from ki_desktop.store.models import Case

    assert Case.select().count() == 120


def test_backup_on_request_and_restore_need_the_backup_permission(demo, tmp_path):
    written = backups.backup_now(target=tmp_path / "b.sqlite")
    session.begin(session.Session("bert", "Bert", frozenset({Role.COUNSELLOR})))
    with pytest.raises(PermissionDenied, match="Sichern und wiederherstellen"):
        backups.backup_now(target=tmp_path / "c.sqlite")
    with pytest.raises(PermissionDenied):
        backups.restore(written.path)
    with pytest.raises(PermissionDenied):
        backups.list_backups()
    assert not (tmp_path / "c.sqlite").exists()


def test_automatic_backup_at_start_then_daily_under_any_role(demo):
    path, key = demo
    session.begin(session.Session("dolmetsch", "D", frozenset({Role.INTERPRETER})))
    start = datetime(2026, 3, 2, 8, 15)
    first = backups.run_automatic_backup(start, at_start=True)
    assert first.path == path.parent / "backups" / "ki-desktop-20260302-081500.sqlite"
    assert (first.keys_path is not None) == bool(key)
    assert first.reason == "start"
    assert backups.last_backup_at() == start
    assert not backups.automatic_backup_due(start + timedelta(hours=23))
    assert backups.run_automatic_backup(start + timedelta(hours=23)) is None
    assert backups.automatic_backup_due(start + timedelta(hours=24))
    daily = backups.run_automatic_backup(start + timedelta(hours=24, minutes=1))
    assert daily.reason == "daily"
    # A clock set back makes the stamp lie in the future: back up rather than wait.
    assert backups.automatic_backup_due(start - timedelta(days=2))
    event = recent_events("db.backup", 1)[0]
    assert event.user == "dolmetsch" and '"reason": "daily"' in event.detail
    session.end()
    with pytest.raises(NotLoggedIn):
        backups.run_automatic_backup(start + timedelta(days=3), at_start=True)


def test_the_rotating_set_keeps_what_the_policy_says(demo):
    start = datetime(2026, 1, 1, 9, 0)
    backups.run_automatic_backup(start, at_start=True)
    for day in range(1, 40):
        backups.run_automatic_backup(start + timedelta(days=day))
    left = backups.list_backups()
    assert [b.at.strftime("%m-%d") for b in left] == [
        "02-09", "02-08", "02-07", "02-06", "02-05", "02-04", "02-03", "02-01", "01-31", "01-25",
    ]  # fmt: skip
    folder = backups.backup_folder()
    assert len(list(folder.glob("*.sqlite"))) == 10
    assert len(list(folder.glob("*.keys"))) == (10 if demo[1] else 0)


def test_a_failed_automatic_backup_is_an_error_and_stays_due(demo):
    path, _key = demo
    (path.parent / "backups").write_text("a file where the folder should be")
    now = datetime(2026, 3, 2, 8, 15)
    with pytest.raises(ServiceError, match="fehlgeschlagen"):
        backups.run_automatic_backup(now, at_start=True)
    assert backups.last_backup_at() is None
    assert backups.automatic_backup_due(now)
