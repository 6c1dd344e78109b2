"""A save that meets a row another client holds waits a bounded time on the server, then says
so: nothing saved, the input kept, saving again works (the window never waits for minutes)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import cases, database, intake
from ki_desktop.services.errors import ServerBusy, ServiceError
from ki_desktop.store import server
from ki_desktop.store.connection import release_thread_connection
from ki_desktop.store.edit_lock import edit_transaction, locked_row
from ki_desktop.store.models import Case
from tests import backend

pytestmark = pytest.mark.skipif(not backend.on_server(), reason="PostgreSQL backend only")


def test_a_save_blocked_by_another_client_gives_up_with_a_message(db_path, monkeypatch):
    monkeypatch.setattr(server, "LOCK_TIMEOUT_MS", 300)
    database.open_app_database(db_path)
    case_id, _ = intake.save_case(dm.Case("Olena", "Kovalenko", date(2014, 3, 10)))
    holding, release = threading.Event(), threading.Event()

    def other_client() -> None:
        try:
            with edit_transaction():
                locked_row(Case, case_id)
                holding.set()
                release.wait(10)
        finally:
            release_thread_connection()

    thread = threading.Thread(target=other_client)
    thread.start()
    assert holding.wait(10)
    mine = cases.case_detail(case_id)
    mine.address = "Ring 2"
    try:
        with pytest.raises(ServerBusy) as caught:
            intake.save_case(mine)
    finally:
        release.set()
        thread.join(10)
    assert isinstance(caught.value, ServiceError)
    assert "nichts gespeichert" in str(caught.value)
    assert cases.case_detail(case_id).address == ""
    intake.save_case(mine)  # the other client is done: saving again works
    assert cases.case_detail(case_id).address == "Ring 2"
