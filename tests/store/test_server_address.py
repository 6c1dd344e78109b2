"""Server addresses: what is accepted, what the messages say, and that a password written
into an address is never part of the address as kept or shown. No server needed."""

import pytest

from ki_desktop.store.server import (
    ServerError,
    describe_failure,
    gone_message,
    is_server_location,
    parse_address,
    qmark_to_format,
)


def test_parts_and_the_address_as_kept_leave_the_password_out():
    address = parse_address(
        "postgresql://beratung:geheim%21@db.kreis.local:5433/ki?sslmode=require"
    )
    assert (address.user, address.host, address.port, address.dbname) == (
        "beratung",
        "db.kreis.local",
        5433,
        "ki",
    )
    assert address.password == "geheim!"
    assert address.url == "postgresql://beratung@db.kreis.local:5433/ki?sslmode=require"
    assert "geheim" not in repr(address)
    assert address.keyring_name == "beratung@db.kreis.local:5433/ki"


def test_default_port_and_the_short_scheme():
    address = parse_address("postgres://ki@server/ki")
    assert address.port == 5432
    assert address.url == "postgresql://ki@server/ki"


@pytest.mark.parametrize(
    ("location", "words"),
    [
        ("postgresql://server", "Rechner und Datenbank"),
        ("postgresql:///ki", "Rechner und Datenbank"),
        ("postgresql://u@server/ki?options=-csearch_path%3Devil", "Unbekannte Angabe"),
        ("postgresql://u@server:99999/ki", "ungültig"),
        ("/home/ki/ki.sqlite", "keine PostgreSQL-Adresse"),
    ],
)
def test_what_is_wrong_with_an_address_is_named(location, words):
    with pytest.raises(ServerError, match=words):
        parse_address(location)


@pytest.mark.parametrize(
    "location",
    [
        "postgresql://u@server:99999/ki",
        "postgresql://u@server:abc/ki",
        "postgresql://u@server:0/ki",
    ],
)
def test_a_wrong_port_is_named_in_german(location):
    with pytest.raises(ServerError) as caught:
        parse_address(location)
    message = str(caught.value)
    assert "Der Port muss eine Zahl von 1 bis 65535 sein." in message
    assert "range" not in message and "integer" not in message


def test_the_server_gone_message_says_it_keeps_trying():
    address = parse_address("postgresql://beratung@db.kreis.local:5433/ki")
    assert gone_message(address) == (
        "Der Datenbankserver db.kreis.local:5433 antwortet nicht. KI Desktop versucht es im "
        "Hintergrund weiter; bitte die Netzwerkverbindung prüfen."
    )


def test_server_locations_are_told_from_files():
    assert is_server_location("postgresql://u@h/ki")
    assert is_server_location("  postgres://u@h/ki")
    assert not is_server_location("/tmp/postgresql.sqlite")
    assert not is_server_location(None)


def test_failures_are_explained_in_german_without_the_raw_text():
    address = parse_address("postgresql://beratung@db/ki")
    refused = describe_failure(
        address,
        Exception('connection to server at "db" (10.0.0.5), port 5432 failed: Connection refused'),
    )
    assert refused.startswith("Der Datenbankserver db:5432 ist nicht erreichbar")
    wrong = describe_failure(
        address, Exception('password authentication failed for user "beratung"')
    )
    assert "„beratung“" in wrong and "Passwort prüfen" in wrong
    missing = describe_failure(address, Exception('database "ki" does not exist'))
    assert "Datenbank „ki“ gibt es auf db nicht" in missing


def test_question_marks_become_placeholders_outside_quotes():
    assert qmark_to_format("SELECT * FROM t WHERE a = ? AND b LIKE '50%?' AND c = ?") == (
        "SELECT * FROM t WHERE a = %s AND b LIKE '50%%?' AND c = %s"
    )
