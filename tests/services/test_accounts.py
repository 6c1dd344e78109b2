"""Accounts on a real database (an encrypted file, or a server whose key slots lie in its
key_store table): login, lockout, password change and reset, two users, user administration,
the audit of failed logins."""

from datetime import UTC, datetime, timedelta

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import accounts, database, session
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.store.users import recent_events
from tests import backend, key_documents

pytestmark = pytest.mark.usefixtures("fast_kdf")

ADMIN_PW = "Ihr-Kennwort-Nr-1"
BERT_PW = "Sein-Kennwort-Nr-2"
WRONG = "Benutzername oder Passwort falsch."


@pytest.fixture
def location(new_location):
    """A database with accounts: the administrator anna and the counsellor bert."""
    loc = new_location()
    accounts.create_first_admin(loc, "anna", "Anna Admin", ADMIN_PW)
    accounts.add_user("bert", "Bert Berater", [Role.COUNSELLOR], BERT_PW, team="Nord")
    accounts.logout()
    yield loc
    accounts.logout()


class Clock:
    def __init__(self):
        self.now = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


def test_login_opens_the_database_and_begins_the_session(location):
    current = accounts.login(location, "bert", BERT_PW)
    assert session.current() == current
    assert (current.username, current.display_name, current.team) == (
        "bert",
        "Bert Berater",
        "Nord",
    )
    assert current.roles == frozenset({Role.COUNSELLOR})
    assert database.open_app_database(location).location == location  # already open
    assert recent_events("login", limit=1)[0].user == "bert"


def test_wrong_password_and_unknown_user_give_the_same_message(location):
    with pytest.raises(accounts.LoginRefused) as wrong:
        accounts.login(location, "bert", "nicht-sein-Passwort")
    with pytest.raises(accounts.LoginRefused) as unknown:
        accounts.login(location, "niemand", BERT_PW)
    assert str(wrong.value) == str(unknown.value) == WRONG
    assert session.current_or_none() is None


def test_password_change_keeps_the_database_readable(location):
    accounts.login(location, "bert", BERT_PW)
    with pytest.raises(accounts.LoginRefused, match="bisherige Passwort ist falsch"):
        accounts.change_password("geraten-und-falsch", "Neues-Passwort-99")
    with pytest.raises(ServiceError, match="mindestens 10 Zeichen"):
        accounts.change_password(BERT_PW, "kurz")
    accounts.change_password(BERT_PW, "Neues-Passwort-99")
    accounts.logout()
    with pytest.raises(accounts.LoginRefused, match=WRONG):
        accounts.login(location, "bert", BERT_PW)
    accounts.login(location, "bert", "Neues-Passwort-99")
    assert [u.username for u in _users_as_admin(location)] == ["anna", "bert"]


def _users_as_admin(location):
    accounts.logout()
    accounts.login(location, "anna", ADMIN_PW)
    return accounts.list_users()


def test_two_users_open_the_same_database_with_their_own_passwords(location):
    accounts.login(location, "anna", ADMIN_PW)
    accounts.logout()
    accounts.login(location, "bert", BERT_PW)
    accounts.logout()
    for user, other_password in (("anna", BERT_PW), ("bert", ADMIN_PW)):
        with pytest.raises(accounts.LoginRefused):
            accounts.login(location, user, other_password)
    keys = key_documents.read(location)
    assert set(keys.slots) == {"anna", "bert"}
    assert keys.slots["anna"].wrapped != keys.slots["bert"].wrapped


def test_admin_resets_a_password_and_counsellor_may_not(location):
    accounts.login(location, "bert", BERT_PW)
    with pytest.raises(PermissionDenied):
        accounts.reset_password("anna", "Uebernahme-Versuch-1")
    with pytest.raises(PermissionDenied):
        accounts.list_users()
    accounts.logout()
    accounts.login(location, "anna", ADMIN_PW)
    accounts.reset_password("bert", "Vom-Admin-gesetzt-7")
    accounts.logout()
    with pytest.raises(accounts.LoginRefused):
        accounts.login(location, "bert", BERT_PW)
    accounts.login(location, "bert", "Vom-Admin-gesetzt-7")
    accounts.logout()
    accounts.login(location, "anna", ADMIN_PW)
    assert recent_events("password.reset", limit=1)[0].target == "bert"


def test_last_active_admin_stays(location):
    accounts.login(location, "anna", ADMIN_PW)
    with pytest.raises(ServiceError, match="letzte aktive Administrator"):
        accounts.update_user("anna", roles=[Role.COUNSELLOR])
    with pytest.raises(ServiceError, match="letzte aktive Administrator"):
        accounts.update_user("anna", active=False)
    accounts.update_user("bert", roles=[Role.COUNSELLOR, Role.ADMIN])
    changed = accounts.update_user("anna", roles=[Role.COUNSELLOR])
    assert changed.roles == frozenset({Role.COUNSELLOR})
    with pytest.raises(ServiceError, match="letzte aktive Administrator"):
        accounts.update_user("bert", active=False)


def test_two_administrators_demoted_at_once_leave_one(location, monkeypatch):
    """Two administrators take the administration role from each other at the same moment
    (two computers on one server): the check for the last administrator and the change are
    one step, so one of them is refused instead of leaving the KI without an administrator."""
    import contextlib
    import threading

    from ki_desktop.store import accounts as store_accounts

    accounts.login(location, "anna", ADMIN_PW)
    accounts.add_user("carl", "Carl Chef", [Role.ADMIN], "Sein-Chef-Kennwort-3")
    counted = store_accounts.count_active_with_role
    both_counted = threading.Barrier(2)

    def count_then_wait(*args, **kwargs):
        found = counted(*args, **kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            both_counted.wait(timeout=1)  # the other computer counts meanwhile, if it can
        return found

    monkeypatch.setattr(store_accounts, "count_active_with_role", count_then_wait)
    outcome = {}

    def demote(name):
        try:
            accounts.update_user(name, roles=[Role.COUNSELLOR])
            outcome[name] = "demoted"
        except ServiceError as exc:
            outcome[name] = str(exc)

    workers = [threading.Thread(target=demote, args=(name,)) for name in ("anna", "carl")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sorted(outcome.values())[0] == "demoted", outcome
    assert "letzte aktive Administrator" in sorted(outcome.values())[1], outcome
    assert counted(Role.ADMIN.value) == 1


def test_deactivating_removes_the_slot(location):
    accounts.login(location, "anna", ADMIN_PW)
    info = accounts.update_user("bert", active=False)
    assert (info.active, info.has_password) == (False, False)
    assert "bert" not in key_documents.read(location).slots
    accounts.logout()
    with pytest.raises(accounts.LoginRefused, match=WRONG):
        accounts.login(location, "bert", BERT_PW)
    accounts.login(location, "anna", ADMIN_PW)
    with pytest.raises(ServiceError, match="deaktiviert"):
        accounts.reset_password("bert", "Wieder-da-Passwort-3")
    accounts.update_user("bert", active=True)
    assert not [u for u in accounts.list_users() if u.username == "bert"][0].has_password
    accounts.reset_password("bert", "Wieder-da-Passwort-3")
    accounts.logout()
    accounts.login(location, "bert", "Wieder-da-Passwort-3")


def test_add_user_checks_its_input(location):
    accounts.login(location, "anna", ADMIN_PW)
    with pytest.raises(ServiceError, match="gibt es schon"):
        accounts.add_user("bert", "Noch ein Bert", ["counsellor"], "Ein-gutes-Passwort-5")
    with pytest.raises(ServiceError, match="Benutzername darf nur"):
        accounts.add_user("carla mueller", "Carla", ["counsellor"], "Ein-gutes-Passwort-5")
    with pytest.raises(ServiceError, match="reserviert"):
        accounts.add_user("System", "Carla", ["counsellor"], "Ein-gutes-Passwort-5")
    with pytest.raises(ServiceError, match="mindestens eine Rolle"):
        accounts.add_user("carla", "Carla", [], "Ein-gutes-Passwort-5")
    with pytest.raises(ServiceError, match="Unbekannte Rolle"):
        accounts.add_user("carla", "Carla", ["chef"], "Ein-gutes-Passwort-5")
    with pytest.raises(ServiceError, match="Benutzernamen nicht enthalten"):
        accounts.add_user("carla", "Carla", ["statistics"], "carla-2026-passwort")
    info = accounts.add_user("carla", "Carla C", ["statistics"], "Ein-gutes-Passwort-5")
    assert (info.roles, info.has_password) == (frozenset({Role.STATISTICS}), True)
    accounts.logout()
    assert accounts.login(location, "carla", "Ein-gutes-Passwort-5").roles == {Role.STATISTICS}


def test_deactivated_account_cannot_log_in_even_with_a_slot(location):
    accounts.login(location, "anna", ADMIN_PW)
    keys_before = key_documents.read(location)
    accounts.update_user("bert", active=False)
    key_documents.write(location, keys_before)  # an old key file back: the row says inactive
    accounts.logout()
    with pytest.raises(ServiceError, match="deaktiviert"):
        accounts.login(location, "bert", BERT_PW)


def test_lockout_grows_and_success_resets_it(location):
    clock = Clock()

    def attempt(password):
        return accounts.login(location, "bert", password, clock=clock)

    for expected in (0, 0, 5):
        with pytest.raises(accounts.LoginRefused) as refused:
            attempt("falsch-falsch-falsch")
        assert refused.value.retry_after == expected
    # Locked: even the right password is refused without being tried.
    with pytest.raises(accounts.LoginRefused, match="in 5 Sekunden erneut") as refused:
        attempt(BERT_PW)
    clock.advance(3)
    with pytest.raises(accounts.LoginRefused, match="in 2 Sekunden erneut"):
        attempt(BERT_PW)
    clock.advance(2)
    with pytest.raises(accounts.LoginRefused, match=WRONG) as refused:
        attempt("falsch-falsch-falsch")
    assert refused.value.retry_after == 10
    clock.advance(9)
    with pytest.raises(accounts.LoginRefused, match="in 1 Sekunden"):
        attempt(BERT_PW)
    clock.advance(1)
    with pytest.raises(accounts.LoginRefused) as refused:
        attempt("falsch-falsch-falsch")
    assert refused.value.retry_after == 20
    # Another user is not affected.
    accounts.login(location, "anna", ADMIN_PW, clock=clock)
    accounts.logout()
    clock.advance(20)
    attempt(BERT_PW)
    accounts.logout()
    assert "bert" not in key_documents.read(location).attempts
    with pytest.raises(accounts.LoginRefused) as refused:
        attempt("falsch-falsch-falsch")
    assert refused.value.retry_after == 0


def test_failed_logins_reach_the_audit_after_the_next_login(location):
    clock = Clock()
    for user in ("bert", "bert", "jemand"):
        with pytest.raises(accounts.LoginRefused):
            accounts.login(location, user, "falsch-falsch-falsch", clock=clock)
        clock.advance(60)
    keys = key_documents.read(location)
    if backend.on_server():  # the server is open at a login: written into the audit at once
        assert keys.pending == []
        assert [e.user for e in recent_events("login.failed", 3)] == ["?", "bert", "bert"]
    else:  # the file's database is closed until the password opens it: kept in the key file
        assert [p["user"] for p in keys.pending] == ["bert", "bert", None]
    assert keys.attempts["bert"].failures == 2
    assert b"jemand" not in key_documents.raw(location)  # a mistyped name could be a password
    accounts.login(location, "anna", ADMIN_PW, clock=clock)
    events = list(reversed(recent_events("login", limit=4)))
    assert [(e.action, e.user) for e in events] == [
        ("login.failed", "bert"),
        ("login.failed", "bert"),
        ("login.failed", "?"),
        ("login", "anna"),
    ]
    assert '"at": "2026-09-01T08:00:00+00:00"' in events[0].detail
    assert key_documents.read(location).pending == []


def test_verify_password_for_unlock_counts_failures(location):
    clock = Clock()
    accounts.login(location, "bert", BERT_PW, clock=clock)
    assert accounts.verify_password(BERT_PW, clock=clock)
    assert not accounts.verify_password("falsch-falsch-falsch", clock=clock)
    assert not accounts.verify_password("falsch-falsch-falsch", clock=clock)
    with pytest.raises(accounts.LoginRefused, match="in 5 Sekunden") as refused:
        accounts.verify_password("falsch-falsch-falsch", clock=clock)
    assert refused.value.retry_after == 5
    with pytest.raises(accounts.LoginRefused, match="Zu viele Fehlversuche"):
        accounts.verify_password(BERT_PW, clock=clock)
    clock.advance(5)
    assert accounts.verify_password(BERT_PW, clock=clock)
    failed = recent_events("login.failed", limit=10)
    assert len(failed) == 3 and all('"during": "unlock"' in e.detail for e in failed)
    assert key_documents.read(location).pending == []  # written at once, not at next login


def test_verify_password_in_the_interpreter_view_checks_the_counsellor(location):
    counsellor = accounts.login(location, "bert", BERT_PW)
    session.begin(session.narrowed_to_case(counsellor, "case-1"))
    assert accounts.verify_password(BERT_PW)
    assert not accounts.verify_password(ADMIN_PW)
    with pytest.raises(PermissionDenied):
        accounts.change_password(BERT_PW, "Dolmetsch-Passwort-1")


def test_logout_closes_the_database_and_ends_the_session(location):
    accounts.login(location, "bert", BERT_PW)
    accounts.logout()
    assert session.current_or_none() is None
    from ki_desktop.services.accounts_keys import account_key
    from ki_desktop.store.connection import current_key

    assert current_key() is None and account_key() is None
    with pytest.raises(ServiceError):
        accounts.verify_password(BERT_PW)


def test_renewed_recovery_key_replaces_the_old(location):
    accounts.login(location, "anna", ADMIN_PW)
    first = accounts.renew_recovery_key()
    second = accounts.renew_recovery_key()
    accounts.logout()
    with pytest.raises(ServiceError, match="passt nicht"):
        accounts.recover_with_key(location, first, "anna", "Neu-nach-Verlust-1")
    accounts.recover_with_key(location, second, "anna", "Neu-nach-Verlust-1")
    accounts.login(location, "anna", "Neu-nach-Verlust-1")


@pytest.mark.parametrize(
    "password, username, problems",
    [
        ("Ein-gutes-Passwort-5", "anna", 0),
        ("kurz", "", 1),
        ("aaaaaaaaaaaa", "", 1),  # too few different characters
        ("Passwort123", "", 1),
        ("1234567890123", "", 1),
        ("qwertzuiop", "", 1),
        ("Annas-Passwort-99", "anna", 1),
    ],
)
def test_password_problems(password, username, problems):
    found = accounts.password_problems(password, username)
    assert len(found) == problems, found


def test_login_on_a_worker_thread_leaves_no_connection_there(location):
    import threading

    from ki_desktop.store.models import DB

    seen = {}

    def work():
        seen["session"] = accounts.login(location, "anna", ADMIN_PW)
        seen["closed_here"] = DB.obj.is_closed()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen["closed_here"] is True
    assert session.current() == seen["session"]
    # The GUI thread goes on with the database the worker opened (and its key).
    assert [u.username for u in accounts.list_users()] == ["anna", "bert"]
