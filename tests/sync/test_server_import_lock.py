"""An import on the server holds the synced rows: another client's save made while the file
is merged waits for it instead of being overwritten by it (on SQLite the file's write lock
does the same)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ki_desktop.services import database, sync
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.schools import import_school_list
from ki_desktop.store.connection import release_thread_connection
from ki_desktop.store.models import DB, Case, utcnow
from tests import backend
from tests.conftest import SCHOOL_EXTRACT

SECRET = "Team-Passphrase Borken 2026"

pytestmark = pytest.mark.skipif(
    not backend.on_server(), reason="about several clients of one PostgreSQL server"
)


def test_a_save_during_an_import_is_kept(tmp_path, new_location, monkeypatch):
    laptop, server = tmp_path / "laptop.sqlite", new_location("office")
    database.open_app_database(str(laptop))
    load_demo_data(size=6, seed=2, reference=date(2026, 11, 1))
    sync.set_team("KI Kreis Borken")
    first = sync.export_changes(tmp_path / "first.kisync", SECRET).path
    database.close_app_database()

    database.open_app_database(server)
    import_school_list(SCHOOL_EXTRACT)
    sync.import_file(first, SECRET)
    case_id = Case.select(Case.id).order_by(Case.id).first().id
    to_laptop = sync.export_changes(tmp_path / "office.kisync", SECRET).path
    database.close_app_database()

    database.open_app_database(str(laptop))
    sync.import_file(to_laptop, SECRET)
    Case.update(address="Laptopweg 1", updated_at=utcnow()).where(Case.id == case_id).execute()
    second = sync.export_changes(tmp_path / "second.kisync", SECRET).path
    database.close_app_database()

    database.open_app_database(server)
    captured, release = threading.Event(), threading.Event()
    real_capture = sync.capture

    def capture_then_wait(device):
        result = real_capture(device)
        captured.set()
        release.wait(10)  # the other client saves now
        return result

    monkeypatch.setattr(sync, "capture", capture_then_wait)
    errors: list[BaseException] = []

    def importer() -> None:
        try:
            sync.import_file(second, SECRET)
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)
        finally:
            release_thread_connection()

    saved = threading.Event()

    def other_client() -> None:
        try:
            with DB.atomic():
                Case.update(first_name="Am Server korrigiert", updated_at=utcnow()).where(
                    Case.id == case_id
                ).execute()
            saved.set()
        except BaseException as exc:
            errors.append(exc)
        finally:
            release_thread_connection()

    one = threading.Thread(target=importer)
    one.start()
    assert captured.wait(20)
    two = threading.Thread(target=other_client)
    two.start()
    assert not saved.wait(0.5)  # waits for the import instead of writing under it
    release.set()
    one.join(20)
    two.join(20)
    assert errors == [] and saved.is_set()
    row = Case.get_by_id(case_id)
    assert (row.address, row.first_name) == ("Laptopweg 1", "Am Server korrigiert")
