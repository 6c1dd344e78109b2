"""Accounts on a PostgreSQL server: the key slots lie in the key_store row of the database
(no file anywhere), the database is opened before the password is checked and closed again
when it is refused, failed attempts are counted in the row and audited at once, and several
laptops failing or logging in at the same moment lose no count."""

from __future__ import annotations

import multiprocessing
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import accounts, accounts_keys, accounts_setup, database, session
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store import key_store, keyfile
from ki_desktop.store.users import recent_events
from tests import backend, key_documents

pytestmark = [
    pytest.mark.skipif(not backend.on_server(), reason="PostgreSQL server only"),
    pytest.mark.usefixtures("fast_kdf", "logged_out_after"),
]

ADMIN_PW = "Ihr-Kennwort-Nr-1"
BERT_PW = "Sein-Kennwort-Nr-2"
WRONG = "falsch-falsch-falsch"


@pytest.fixture
def location(new_location):
    """A server database with the administrator anna and the counsellor bert, logged out."""
    url = new_location()
    accounts.create_first_admin(url, "anna", "Anna Admin", ADMIN_PW)
    accounts.add_user("bert", "Bert Berater", [Role.COUNSELLOR], BERT_PW, team="Nord")
    accounts.logout()
    return url


def test_the_first_administrator_writes_the_key_document_and_no_file(
    new_location, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    url = new_location()
    assert accounts.database_state(url) == "new"
    assert key_documents.raw(url) is None
    first = accounts.create_first_admin(url, "anna", "Anna Admin", ADMIN_PW)
    assert first.info.location == url and session.current().username == "anna"
    assert accounts.database_state(url) == "encrypted"
    keys = key_documents.read(url)
    assert set(keys.slots) == {"anna"} and keys.recovery is not None
    assert list(Path(tmp_path).iterdir()) == []  # nothing beside a "file" named like the URL
    with pytest.raises(ServiceError, match="bereits Benutzerkonten"):
        accounts.create_first_admin(url, "eva", "Eva", ADMIN_PW)
    assert recent_events("accounts.setup", 1)[0].target == url


def test_a_second_set_up_at_the_same_moment_is_refused(new_location, monkeypatch):
    url = new_location()
    assert accounts.database_state(url) == "new"
    # Another laptop sets up its administrator between this one's look and its write.
    monkeypatch.setattr(accounts_setup, "database_state", lambda location: "new")
    key_documents.write_raw(url, keyfile.dumps(keyfile.new_key_file(url)))
    with pytest.raises(ServiceError, match="bereits Benutzerkonten"):
        accounts.create_first_admin(url, "anna", "Anna Admin", ADMIN_PW)
    assert store_accounts.get_account("anna") is None  # the account was rolled back too


def test_a_server_database_with_data_but_no_key_document_is_new(new_location):
    url = new_location()
    database.open_app_database(url)
    store_accounts.create_account("anna", "Anna alt", "counsellor")  # e.g. moved from a file
    database.close_app_database()
    assert accounts.database_state(url) == "new"
    first = accounts.create_first_admin(url, "anna", "Anna Admin", ADMIN_PW)
    assert first.session.roles >= {Role.ADMIN, Role.COUNSELLOR}


def test_a_refused_password_closes_the_database_and_is_counted_in_it(location):
    with pytest.raises(accounts.LoginRefused):
        accounts.login(location, "bert", WRONG)
    assert not database.is_open(location)
    assert session.current_or_none() is None
    keys = key_documents.read(location)
    assert keys.attempts["bert"].failures == 1 and keys.pending == []
    accounts.login(location, "bert", BERT_PW)
    assert database.is_open(location)
    assert "bert" not in key_documents.read(location).attempts
    failed = recent_events("login.failed", 5)
    assert [(e.user, e.target) for e in failed] == [("bert", "bert")]


def test_a_key_document_moved_from_a_file_opens_the_server(new_location, tmp_path):
    """What moving a SQLite database with accounts to the server does with its key file."""
    file_keys = keyfile.new_key_file(tmp_path / "ki.sqlite")
    db_key = bytes(range(32))
    keyfile.set_slot(file_keys, "anna", ADMIN_PW, db_key)
    keyfile.set_recovery(file_keys, db_key)
    url = new_location()
    database.open_app_database(url)
    store_accounts.create_account("anna", "Anna Admin", "admin,counsellor")
    key_store.write_document(keyfile.dumps(file_keys))
    assert key_store.read_document() == keyfile.dumps(file_keys)
    database.close_app_database()
    assert accounts.database_state(url) == "encrypted"
    accounts.login(url, "anna", ADMIN_PW)
    assert accounts.verify_password(ADMIN_PW)
    assert accounts_keys.account_key() == db_key
    accounts.add_user("bert", "Bert", [Role.COUNSELLOR], BERT_PW)
    accounts.logout()
    accounts.login(url, "bert", BERT_PW)


def test_the_key_document_changed_behind_the_application_is_refused(location):
    key_documents.write_raw(location, b'{"format": "ki-desktop-keys", "version": 1}')
    with pytest.raises(ServiceError, match="Serverdatenbank .* beschädigt") as refused:
        accounts.login(location, "anna", ADMIN_PW)
    assert "Schlüsseldatei" not in str(refused.value)
    assert not database.is_open(location)
    key_documents.remove(location)
    assert accounts.database_state(location) == "new"


def test_a_password_in_the_address_is_never_shown(location):
    user_and_host = location.split("://", 1)[1]
    with_password = "postgresql://" + user_and_host.replace("@", ":geheim-123@", 1)
    key_documents.write_raw(location, b"kaputt")
    with pytest.raises(ServiceError) as refused:
        accounts.login(with_password, "anna", ADMIN_PW)
    assert "geheim-123" not in str(refused.value)


def test_concurrent_failures_are_all_counted(location):
    """Many failed attempts at once (threads with connections of their own, like laptops):
    each is counted, none overwrites another's count."""
    database.open_app_database(location)
    moment = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    per_thread, threads = 8, 4
    start = threading.Barrier(threads)
    errors: list[BaseException] = []

    def fail_often():
        try:
            start.wait()
            for _ in range(per_thread):
                accounts_keys.count_failure(location, "bert", moment)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            database.release_thread_connection()

    workers = [threading.Thread(target=fail_often) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert key_documents.read(location).attempts["bert"].failures == per_thread * threads
    assert len(recent_events("login.failed", 100)) == per_thread * threads


def _fail_logins(url: str, attempts: int, start, results) -> None:
    """A laptop of its own (a process): ``attempts`` logins with a wrong password; how many
    were counted (refused for the password, not for a lock)."""
    from ki_desktop.services import accounts
    from ki_desktop.store import keyfile

    keyfile.default_kdf = keyfile.TEST_KDF
    start.wait()
    counted = 0
    for _ in range(attempts):
        try:
            accounts.login(url, "bert", WRONG)
        except accounts.LoginRefused as exc:
            counted += "Fehlversuche" not in str(exc)
    results.put(counted)


def test_two_laptops_failing_at_once_lose_no_count(location):
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    laptops = [
        context.Process(target=_fail_logins, args=(location, 6, start, results)) for _ in range(2)
    ]
    for laptop in laptops:
        laptop.start()
    counted = [results.get(timeout=120) for _ in laptops]
    for laptop in laptops:
        laptop.join(timeout=60)
    assert all(laptop.exitcode == 0 for laptop in laptops)
    assert sum(counted) >= 3  # the first three are never refused for a lock
    assert key_documents.read(location).attempts["bert"].failures == sum(counted)
    accounts.login(location, "anna", ADMIN_PW)
    assert len(recent_events("login.failed", 100)) == sum(counted)
