"""A connection that breaks off during ``migrate-to`` is the services' lost-connection error
(a service error, told in one line), not the store's bare base class."""

from __future__ import annotations

import psycopg2
import pytest

from ki_desktop.services.errors import ServerUnavailable, ServiceError
from ki_desktop.store import table_copy
from ki_desktop.store.server_address import ConnectionLost
from tests import backend

DRIVER_TEXT = (
    "server closed the connection unexpectedly\n\tThis probably means the server terminated "
    "abnormally\n\tbefore or while processing the request."
)


@pytest.mark.parametrize(
    "error", [psycopg2.OperationalError(DRIVER_TEXT), psycopg2.InterfaceError("")]
)
def test_a_broken_connection_is_a_service_error_in_one_line(open_db, error):
    with pytest.raises(ConnectionLost) as raised, table_copy.server_errors("case"):
        raise error
    lost = raised.value
    assert isinstance(lost, ServerUnavailable) and isinstance(lost, ServiceError)
    assert str(lost) and "\n" not in str(lost)
    if backend.on_server():  # the bound server's own message, in German
        assert "Verbindung zum Datenbankserver" in str(lost) and "unterbrochen" in str(lost)
    elif str(error):
        assert str(lost) == "server closed the connection unexpectedly"


def test_a_refusal_stays_a_refusal(open_db):
    with pytest.raises(table_copy.TargetRefused) as raised, table_copy.server_errors("case"):
        raise psycopg2.IntegrityError("duplicate key value\nDETAIL: more")
    assert not isinstance(raised.value, ServiceError)
    assert (raised.value.table, str(raised.value)) == ("case", "duplicate key value")
