"""Encrypting an existing database when the first administrator is created: the key file is
written, the file replaced by its encrypted copy — and then the program stops (power cut,
crash) before the administrator's account is in the database. The cases must not be locked
away for good: the administrator's password (its key slot is there) finishes the set-up at the
next login.

On a server the key document and the account are written in one transaction, so the set-up
cannot stop half-way there; a key document with a slot but no administrator's account still
arrives when a database whose set-up was cut off moves from its file to the server, and is
finished the same way."""

from __future__ import annotations

from datetime import date

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import accounts, accounts_setup, cases, database, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import keyfile
from ki_desktop.store.users import recent_events
from tests import key_documents

pytestmark = pytest.mark.usefixtures("fast_kdf", "logged_out_after")


PASSWORD = "Sicheres-Kennwort-1"


class PowerCut(Exception):
    pass


@pytest.mark.sqlite_only("a power cut while the file is replaced by its encrypted copy")
def test_the_administrators_password_finishes_an_interrupted_setup(tmp_path, monkeypatch):
    db = tmp_path / "ki.sqlite"
    database.open_app_database(str(db))
    load_demo_data(size=20, seed=3, reference=date(2026, 11, 1))  # has a demo "admin" row
    database.close_app_database()
    opened = database.open_app_database

    def open_then_cut(location=None, key=None):
        if key is not None:
            raise PowerCut  # right after the encrypted file took the plain one's place
        return opened(location, key)

    monkeypatch.setattr(accounts_setup.database, "open_app_database", open_then_cut)
    with pytest.raises(PowerCut):
        accounts.create_first_admin(str(db), "anna", "Anna Admin", PASSWORD)
    monkeypatch.undo()
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    session.end()
    assert accounts.database_state(str(db)) == "encrypted"

    with pytest.raises(accounts.LoginRefused):
        accounts.login(str(db), "anna", "falsches-Kennwort-9")
    current = accounts.login(str(db), "anna", PASSWORD)
    assert {Role.ADMIN, Role.COUNSELLOR} <= current.roles
    assert cases.case_count() == 20
    assert recent_events("accounts.setup", 1)[0].user == "anna"
    accounts.logout()

    # Once the set-up is finished, a key slot without an account opens nothing.
    keys = keyfile.load(db)
    database.open_app_database(str(db), key=keyfile.unwrap(keys, "anna", PASSWORD))
    keyfile.set_slot(keys, "mallory", PASSWORD, database.connection.current_key())
    keyfile.save(keys)
    database.close_app_database()
    with pytest.raises(ServiceError):
        accounts.login(str(db), "mallory", PASSWORD)


def test_a_slot_without_the_administrators_account_finishes_the_setup(new_location):
    location = new_location()
    accounts.create_first_admin(location, "anna", "Anna Admin", PASSWORD)
    load_demo_data(size=20, seed=3, reference=date(2026, 11, 1))
    keys_before = key_documents.read(location)
    accounts.logout()
    # The administrator's account is gone, the key slots are there: what a set-up cut off
    # after the key file leaves (on a server: such a database moved there from its file).
    database.open_app_database(location, key=keyfile.unwrap(keys_before, "anna", PASSWORD))
    from ki_desktop.store.models import User

    User.delete().where(User.username == "anna").execute()
    database.close_app_database()

    with pytest.raises(accounts.LoginRefused):
        accounts.login(location, "anna", "falsches-Kennwort-9")
    current = accounts.login(location, "anna", PASSWORD)
    assert {Role.ADMIN, Role.COUNSELLOR} <= current.roles
    assert cases.case_count() == 20
    assert recent_events("accounts.setup", 1)[0].user == "anna"
    accounts.logout()

    keys = key_documents.read(location)
    keyfile.set_slot(keys, "mallory", PASSWORD, keyfile.unwrap(keys, "anna", PASSWORD))
    key_documents.write(location, keys)
    with pytest.raises(ServiceError):
        accounts.login(location, "mallory", PASSWORD)
