"""A real server that goes away while the application works: connections ended by the server
(restart, administrator) are replaced, a transaction cut off fails with a clear German
message and saves nothing, a server that is gone makes calls fail quickly instead of
hanging, and work goes on by itself when it is back.

The server is cut off with ``pg_terminate_backend`` and with a relay between application and
server (tests/server_proxy.py) that breaks every connection and refuses or ignores new ones.
"""

import threading
import time

import pytest

from ki_desktop.services import cases, database, server_connection
from ki_desktop.services.errors import ServerUnavailable, ServiceError
from ki_desktop.store import connection, server
from ki_desktop.store.models import DB
from tests import backend
from tests.server_proxy import ServerProxy

pytestmark = pytest.mark.skipif(not backend.on_server(), reason="needs a PostgreSQL server")


def _end_connections(location: str) -> None:
    """What a server restart or an administrator does to the application's connections."""
    backend.run(
        location,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    time.sleep(0.1)


def _backend_pid() -> int:
    return DB.execute_sql("SELECT pg_backend_pid()").fetchone()[0]


@pytest.fixture
def relay(tmp_path):
    proxy = ServerProxy.to(backend.new_location(tmp_path))
    database.open_app_database(proxy.url)
    heard: list[bool] = []
    server_connection.add_listener(heard.append)
    proxy.heard = heard
    yield proxy
    server_connection.remove_listener(heard.append)
    proxy.close()
    database.close_app_database()


def test_a_read_after_the_server_ended_the_connection_runs_on_a_new_one(open_db, db_path):
    first = _backend_pid()
    _end_connections(db_path)
    assert cases.case_count() == 0
    assert _backend_pid() != first


def test_a_write_after_the_server_ended_the_idle_connection_is_made_on_a_new_one(open_db, db_path):
    _end_connections(db_path)
    connection.set_setting("probe", "written")  # nothing was sent on the dead connection
    assert connection.get_setting("probe") == "written"


def test_a_transaction_cut_off_fails_clearly_and_saves_nothing(open_db, db_path):
    with pytest.raises(ServerUnavailable) as caught, DB.atomic():
        connection.set_setting("first", "1")
        _end_connections(db_path)
        connection.set_setting("second", "2")
    assert isinstance(caught.value, ServiceError)  # shown wherever a service's error is
    assert isinstance(caught.value, server.ConnectionLost)
    assert "nichts davon gespeichert" in str(caught.value)
    # The next call connects again; the transaction left nothing behind.
    assert connection.get_setting("first") == ""
    assert connection.get_setting("second") == ""
    with DB.atomic():
        connection.set_setting("first", "1")
    assert connection.get_setting("first") == "1"


def test_a_gone_server_fails_calls_quickly_and_work_resumes_when_it_is_back(relay):
    assert cases.case_count() == 0
    relay.cut()
    started = time.monotonic()
    with pytest.raises(ServerUnavailable, match="antwortet nicht.*im Hintergrund weiter"):
        cases.case_count()
    assert time.monotonic() - started < server.RECONNECT_BUDGET_S
    assert relay.heard == [False]
    assert not server_connection.is_available()
    # While it is away every call fails at once: the window never waits for the network.
    started = time.monotonic()
    with pytest.raises(ServerUnavailable):
        connection.set_setting("typed", "x")
    assert time.monotonic() - started < 0.5
    assert not server_connection.probe(hold_s=30)
    relay.restore()
    assert server_connection.probe(hold_s=30)
    assert relay.heard == [False, True]
    connection.set_setting("typed", "x")
    assert connection.get_setting("typed") == "x"


def test_a_server_that_restarts_within_a_second_is_not_even_noticed(relay):
    relay.cut()
    # Back while the first tries are still going on (0.3 s and 1 s after the first).
    timer = threading.Timer(0.5, relay.restore)
    timer.start()
    try:
        assert cases.case_count() == 0
    finally:
        timer.join()
    assert relay.heard == []


def test_a_server_that_never_answers_keeps_nobody_waiting_long(relay):
    relay.silent()  # connections are accepted but never answered
    started = time.monotonic()
    with pytest.raises(ServerUnavailable):
        cases.case_count()
    assert time.monotonic() - started < server.RECONNECT_BUDGET_S + 0.5
    relay.restore()
    assert server_connection.probe(hold_s=1)
    assert cases.case_count() == 0


def test_the_server_bounds_statements_and_forgotten_transactions(open_db):
    timeout = DB.execute_sql("SHOW statement_timeout").fetchone()[0]
    idle = DB.execute_sql("SHOW idle_in_transaction_session_timeout").fetchone()[0]
    assert (timeout, idle) == ("2min", "5min")


def test_the_server_notices_a_vanished_client_within_half_a_minute(open_db):
    """A laptop that drops off the network in the middle of a transaction (its lid closed,
    the WLAN gone) sends nothing more, not even a goodbye: its locks (a case row, the audit
    chain) block every other computer until the server notices. The server probes the idle
    connection after 10 s, every 5 s, three times (instead of the system's two hours)."""
    shown = {
        name: DB.execute_sql(f"SHOW {name}").fetchone()[0]
        for name in ("tcp_keepalives_idle", "tcp_keepalives_interval", "tcp_keepalives_count")
    }
    assert shown == {
        "tcp_keepalives_idle": "10",
        "tcp_keepalives_interval": "5",
        "tcp_keepalives_count": "3",
    }
