"""Two administrators editing the same account: what only the other changed since the edit
dialog opened is kept, and a field both changed differently is refused with a German message
naming it and the account as stored now; the last-administrator rule still holds."""

import json

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import accounts
from ki_desktop.services.accounts_admin import AccountConflict
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store.users import recent_events

pytestmark = pytest.mark.usefixtures("fast_kdf")


ADMIN_PW = "Ihr-Kennwort-Nr-1"


@pytest.fixture
def bert(new_location):
    """The administrator anna logged in; bert (counsellor, team Nord) as the dialog opens."""
    loc = new_location()
    accounts.create_first_admin(loc, "anna", "Anna Admin", ADMIN_PW)
    accounts.add_user("bert", "Bert Berater", [Role.COUNSELLOR], "Sein-Kennwort-Nr-2", "Nord")
    yield _info("bert")
    accounts.logout()


def _info(username):
    return next(u for u in accounts.list_users() if u.username == username)


def _edit(opened, **changes):
    """Save the edit dialog opened on ``opened``: every field is passed, as the dialog does."""
    fields = {"display_name": opened.display_name, "roles": opened.roles, "team": opened.team}
    return accounts.update_user(opened.username, **{**fields, **changes}, loaded=opened)


def test_what_only_the_other_changed_is_kept(bert):
    _edit(bert, team="Süd")  # another administrator, in a dialog opened at the same time
    saved = _edit(bert, display_name="Bert Brandt", roles=[Role.COUNSELLOR, Role.STATISTICS])
    assert (saved.display_name, saved.team) == ("Bert Brandt", "Süd")
    assert saved.roles == frozenset({Role.COUNSELLOR, Role.STATISTICS})
    # the audit names what this save changed, not what it passed on unchanged
    detail = json.loads(recent_events("user.update", limit=1)[0].detail)
    assert detail == {"display_name": "Bert Brandt", "roles": "counsellor,statistics"}


def test_the_same_field_changed_differently_is_refused(bert):
    _edit(bert, display_name="Bert Brandt", team="Süd")
    with pytest.raises(AccountConflict) as raised:
        _edit(bert, display_name="Bertram Berater", team="Ost", roles=[Role.INTERPRETER])
    message = str(raised.value)
    assert isinstance(raised.value, ServiceError)
    assert "„bert“ wurde inzwischen von jemand anderem geändert" in message
    assert "anders geändert haben: Anzeigename, Team." in message
    assert raised.value.fields == ["display_name", "team"]
    current = raised.value.current
    assert (current.display_name, current.team, current.roles) == (
        "Bert Brandt",
        "Süd",
        frozenset({Role.COUNSELLOR}),
    )
    stored = store_accounts.get_account("bert")  # nothing of it written
    assert (stored.display_name, stored.team, stored.roles) == ("Bert Brandt", "Süd", "counsellor")
    # on top of what is stored now, the save goes through
    saved = _edit(current, display_name="Bertram Berater", roles=[Role.INTERPRETER])
    assert (saved.display_name, saved.team) == ("Bertram Berater", "Süd")
    assert saved.roles == frozenset({Role.INTERPRETER})


def test_the_same_change_twice_is_no_conflict(bert):
    _edit(bert, team="Süd")
    assert _edit(bert, team="Süd").team == "Süd"


def test_roles_left_as_opened_keep_a_role_given_meanwhile(bert):
    """anna made bert an administrator and then stepped down; a dialog opened before that and
    saving only a new name neither takes the role back nor counts as demoting the last
    administrator."""
    accounts.update_user("bert", roles=[Role.COUNSELLOR, Role.ADMIN])
    accounts.update_user("anna", roles=[Role.COUNSELLOR])
    saved = _edit(bert, display_name="Bert Brandt")
    assert saved.roles == frozenset({Role.COUNSELLOR, Role.ADMIN})
    with pytest.raises(ServiceError, match="letzte aktive Administrator"):
        _edit(_info("bert"), roles=[Role.COUNSELLOR])


def test_deactivating_an_account_someone_else_deactivated_meanwhile(bert):
    accounts.update_user("bert", active=False)
    info = accounts.update_user("bert", active=False, loaded=bert)
    assert (info.active, info.has_password) == (False, False)
