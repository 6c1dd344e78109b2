"""The server's password: environment, keyring, prompt, in this order; a wrong one asks again
with the reason; „merken“ stores it in the keyring only once the server took it; cancelling
ends with a clear message; the password never stays in an address. The server here is a
stand-in that checks the password as PostgreSQL's libpq reports it."""

import io
import subprocess
import sys

import keyring
import peewee as pw
import psycopg2
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from ki_desktop.services import database, server_login
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.server_login import PASSWORD_ENV, PasswordAnswer
from ki_desktop.store import server, server_link

URL = "postgresql://beratung@db.kreis.local/ki"
RIGHT = "Richtig-123"


class MemoryKeyring(KeyringBackend):
    priority = 5

    def __init__(self):
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.items.get((service, username))

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


class StandInServer:
    """Accepts :data:`RIGHT` only; answers as libpq does otherwise."""

    def __init__(self):
        self.tried: list[str | None] = []

    def connect(self, db, **params):
        password = params.get("password")
        self.tried.append(password)
        if password is None:
            raise psycopg2.OperationalError("fe_sendauth: no password supplied")
        if password != RIGHT:
            raise psycopg2.OperationalError(
                'connection to server at "db.kreis.local" (10.0.0.5), port 5432 failed: '
                'FATAL:  password authentication failed for user "beratung"'
            )
        return StandInConnection()


class StandInConnection:
    autocommit = False
    server_version = 150000
    closed = 0

    def close(self):
        self.closed = 1


class Prompt:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests = []

    def __call__(self, request):
        self.requests.append(request)
        return self.answers.pop(0) if self.answers else None


@pytest.fixture
def stand_in(monkeypatch):
    standing = StandInServer()
    monkeypatch.setattr(pw.Psycopg2Adapter, "connect", standing.connect)
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    monkeypatch.delenv("PGPASSWORD", raising=False)
    yield standing
    server_link.set_password_source(None)


@pytest.fixture
def os_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def _connect(url: str = URL) -> server.ServerDatabase:
    db = server.ServerDatabase(server.parse_address(url))
    db.connect()
    return db


def test_the_environment_comes_first_then_nothing_is_asked(stand_in, os_keyring, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, RIGHT)
    os_keyring.set_password(server_login.KEYRING_SERVICE, "beratung@db.kreis.local:5432/ki", "x")
    prompt = Prompt()
    server_login.install(prompt)
    _connect().close()
    assert stand_in.tried == [None, RIGHT]
    assert prompt.requests == []


def test_the_keyring_comes_before_the_prompt(stand_in, os_keyring):
    os_keyring.set_password(server_login.KEYRING_SERVICE, "beratung@db.kreis.local:5432/ki", RIGHT)
    prompt = Prompt()
    server_login.install(prompt)
    _connect().close()
    assert prompt.requests == []


def test_a_wrong_password_asks_again_with_the_reason(stand_in, os_keyring):
    prompt = Prompt(PasswordAnswer("falsch"), PasswordAnswer(RIGHT))
    server_login.install(prompt)
    _connect().close()
    first, second = prompt.requests
    assert first.failure is None and first.url == URL and first.can_remember
    assert "Anmeldung am Datenbankserver als „beratung“ ist fehlgeschlagen" in second.failure
    assert os_keyring.items == {}  # not asked to remember


def test_remembered_only_once_the_server_took_it(stand_in, os_keyring):
    prompt = Prompt(PasswordAnswer("falsch", remember=True), PasswordAnswer(RIGHT, remember=True))
    server_login.install(prompt)
    _connect().close()
    assert os_keyring.items == {("ki-desktop", "beratung@db.kreis.local:5432/ki"): RIGHT}


def test_a_refused_password_from_the_keyring_is_removed_and_the_prompt_says_why(
    stand_in, os_keyring
):
    key = (server_login.KEYRING_SERVICE, "beratung@db.kreis.local:5432/ki")
    os_keyring.items[key] = "alt"
    prompt = Prompt(PasswordAnswer(RIGHT))
    server_login.install(prompt)
    _connect().close()
    assert key not in os_keyring.items
    assert "gemerkte Passwort passt nicht mehr" in prompt.requests[0].failure


def test_without_a_keyring_the_prompt_is_asked_quietly_and_offers_no_remembering(
    stand_in, no_keyring
):
    prompt = Prompt(PasswordAnswer(RIGHT, remember=True))
    server_login.install(prompt)
    _connect().close()
    assert not prompt.requests[0].can_remember
    assert not server_login.keyring_available()


def test_the_password_is_kept_in_memory_per_address_for_reconnects(stand_in, os_keyring):
    prompt = Prompt(PasswordAnswer(RIGHT))
    server_login.install(prompt)
    db = _connect()
    db.close()
    db.connect()  # a reconnect
    db.close()
    db.forget_password()
    _connect().close()  # the same server opened again (after a logout)
    assert len(prompt.requests) == 1
    prompt.answers.append(PasswordAnswer(RIGHT))
    _connect("postgresql://beratung@db.kreis.local/andere").close()
    assert len(prompt.requests) == 2  # another database: asked


def test_cancelling_ends_with_a_clear_message_and_no_traceback(stand_in, os_keyring):
    server_login.install(Prompt(None))
    with pytest.raises(ServiceError) as caught:
        database.open_app_database(URL)
    assert "Die Anmeldung wurde abgebrochen" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_refused_password_from_the_environment_is_named(stand_in, monkeypatch):
    monkeypatch.setenv(PASSWORD_ENV, "falsch")
    server_login.install(Prompt(PasswordAnswer(RIGHT)))
    with pytest.raises(server.ServerError, match=PASSWORD_ENV):
        _connect()


def test_a_password_in_the_address_is_taken_out_and_used_from_memory(stand_in, os_keyring):
    prompt = Prompt()
    passwords = server_login.install(prompt)
    clean = passwords.adopt(f"postgresql://beratung:{RIGHT}@db.kreis.local/ki")
    assert clean == URL
    _connect(clean).close()
    assert prompt.requests == []
    assert passwords.adopt("/data/ki.sqlite") == "/data/ki.sqlite"


def test_the_terminal_prompt_needs_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO())
    request = server_login.PasswordRequest(URL, "beratung", "db.kreis.local", None, False)
    with pytest.raises(server.ServerError, match=PASSWORD_ENV) as caught:
        server_login.terminal_prompt(request)
    assert "\n" not in str(caught.value)


def test_the_terminal_prompt_shows_why_it_asks_again(monkeypatch, capsys):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(server_login.getpass, "getpass", lambda prompt: RIGHT)
    request = server_login.PasswordRequest(URL, "beratung", "db.kreis.local", "Falsch.", False)
    assert server_login.terminal_prompt(request) == PasswordAnswer(RIGHT)
    assert "Falsch." in capsys.readouterr().err


def test_the_command_line_on_an_unreachable_server_says_so_in_one_line():
    done = subprocess.run(
        [sys.executable, "-m", "ki_desktop", "offers", "search", "Deutsch"]
        + ["--db", "postgresql://ki@127.0.0.1:1/ki"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1, done.stderr
    assert "127.0.0.1:1 ist nicht erreichbar" in done.stderr
