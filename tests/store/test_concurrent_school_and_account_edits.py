"""The KI's data of a school (free Erstförderung places, edited by several counsellors) and an
account (edited by several administrators) changed at the same time: a change in between is
neither undone by a writer that read before it nor overwritten by an editor who loaded before
it, and two changes of the same field are a conflict instead of the last one winning."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import placement
from ki_desktop.services.schools import SchoolDataConflict
from ki_desktop.store import accounts
from ki_desktop.store import schools as school_repo
from ki_desktop.store.models import School, User
from tests.store.concurrency import Hold, interleave

NR = "198171"


@pytest.fixture
def school(open_db) -> dm.School:
    school = dm.School(NR, "02", "GS Am Ring", ags="05554016")
    school_repo.upsert_schools([school], [dm.Municipality("05554016", "Borken")], [])
    assert school_repo.update_ki_data(NR, 12, 4, "Frau Terhorst", "")
    return _stored()


def _stored() -> dm.School:
    return next(s for s in school_repo.list_schools() if s.schulnummer == NR)


def _version() -> int:
    return School.get(School.schulnummer == NR).version


def _ki(school: dm.School) -> tuple:
    return (
        school.erstfoerderung_places,
        school.erstfoerderung_free,
        school.contact_person,
        school.notes,
    )


def _set(opened: dm.School, loaded: dm.School | None, **changes) -> bool:
    """Save the school as ``opened`` with ``changes`` (every field is passed, as the dialog
    does), checked against ``loaded``."""
    return school_repo.update_ki_data(NR, *_ki(replace(opened, **changes)), loaded=loaded)


@pytest.mark.parametrize("notes_first", [True, False])
def test_a_change_in_between_is_not_undone(school, monkeypatch, notes_first):
    """The first writer has read the school; the second one (another field) waits and then
    writes on top of it. Both pass every field, the others as they loaded them."""
    notes = lambda: _set(school, school, notes="DFG montags")  # noqa: E731
    free = lambda: _set(school, school, erstfoerderung_free=3)  # noqa: E731
    first, second = (notes, free) if notes_first else (free, notes)
    version = _version()
    hold = Hold(monkeypatch, "first", 'FROM "school"')
    outcome = interleave(first, second, hold)
    assert outcome == {"first": True, "second": True}
    assert _ki(_stored()) == (12, 3, "Frau Terhorst", "DFG montags")
    assert _version() == version + 2  # each write counted


def test_an_editor_who_loaded_before_keeps_what_only_the_other_changed(school):
    version = _version()
    assert _set(school, school, erstfoerderung_free=3)  # a counsellor gave away a place
    assert _set(school, school, contact_person="Herr Brand")  # another one, opened before
    assert _ki(_stored()) == (12, 3, "Herr Brand", "")
    assert _version() == version + 2


def test_two_counsellors_giving_away_a_place_each_is_a_conflict(school):
    """Both change 4 free places to 3: the same new number, but perhaps two places given
    away; the second is refused with what is stored now."""
    assert _set(school, school, erstfoerderung_free=3)
    with pytest.raises(school_repo.StaleSchoolDataError) as raised:
        _set(school, school, erstfoerderung_free=3, notes="Platz an Olena")
    assert raised.value.fields == ["erstfoerderung_free"]
    assert _ki(raised.value.current) == (12, 3, "Frau Terhorst", "")
    assert _ki(_stored()) == (12, 3, "Frau Terhorst", "")  # nothing of it written


def test_merged_numbers_that_no_longer_fit_are_a_conflict(school):
    assert _set(school, school, erstfoerderung_places=5, erstfoerderung_free=2)
    with pytest.raises(school_repo.StaleSchoolDataError) as raised:
        _set(school, school, erstfoerderung_free=8)  # 8 free of the 5 now stored
    assert raised.value.fields == ["erstfoerderung_free"]


def test_the_same_note_written_twice_is_no_conflict(school):
    assert _set(school, school, notes="DFG montags")
    assert _set(school, school, notes="DFG montags")
    assert _stored().notes == "DFG montags"


def test_the_service_says_what_is_stored_now(school):
    placement.update_school_ki_data(NR, 12, 3, "Frau Terhorst", "", "lkaya", loaded=school)
    with pytest.raises(SchoolDataConflict) as raised:
        placement.update_school_ki_data(NR, 12, 2, "Frau Terhorst", "", "abecker", school)
    message = str(raised.value)
    assert "jetzt sind 3 von 12 Erstförderplätzen frei" in message
    assert "dasselbe geändert haben: freie Erstförderplätze." in message
    assert _ki(raised.value.current) == (12, 3, "Frau Terhorst", "")
    # on top of what is stored now, the save goes through
    placement.update_school_ki_data(NR, 12, 2, "", "", "abecker", raised.value.current)
    assert _ki(_stored()) == (12, 2, "", "")


# -- accounts ---------------------------------------------------------------------------------


@pytest.fixture
def anna(open_db) -> accounts.AccountRow:
    return accounts.create_account("anna", "Anna Becker", "counsellor", "Nord")


@pytest.mark.parametrize("name_first", [True, False])
def test_an_account_change_in_between_is_not_undone(anna, monkeypatch, name_first):
    rename = lambda: accounts.update_account("anna", display_name="Anna Berg")  # noqa: E731
    move = lambda: accounts.update_account("anna", team="Süd")  # noqa: E731
    first, second = (rename, move) if name_first else (move, rename)
    version = User.get(User.username == "anna").version
    hold = Hold(monkeypatch, "first", 'FROM "user"')
    outcome = interleave(first, second, hold)
    assert not any(isinstance(r, Exception) for r in outcome.values()), outcome
    stored = accounts.get_account("anna")
    assert (stored.display_name, stored.team) == ("Anna Berg", "Süd")
    assert User.get(User.username == "anna").version == version + 2


def test_an_administrator_who_loaded_before_keeps_the_other_ones_change(anna):
    accounts.update_account("anna", team="Süd", loaded=anna)
    # the second administrator's dialog passes every field, the team as loaded
    row = accounts.update_account(
        "anna", display_name="Anna Berg", roles="counsellor", team="Nord", loaded=anna
    )
    assert (row.display_name, row.roles, row.team) == ("Anna Berg", "counsellor", "Süd")


def test_two_administrators_changing_the_same_field_is_a_conflict(anna):
    accounts.update_account("anna", roles="counsellor,statistics", loaded=anna)
    with pytest.raises(accounts.StaleAccountError) as raised:
        accounts.update_account("anna", roles="counsellor,admin", team="Ost", loaded=anna)
    assert raised.value.fields == ["roles"]
    assert raised.value.current.roles == "counsellor,statistics"
    stored = accounts.get_account("anna")
    assert (stored.roles, stored.team) == ("counsellor,statistics", "Nord")


def test_an_unchanged_account_is_not_written(anna):
    version = User.get(User.username == "anna").version
    accounts.update_account("anna", display_name="Anna Becker", team="Nord", loaded=anna)
    assert User.get(User.username == "anna").version == version
    accounts.update_account("anna", active=False)
    assert User.get(User.username == "anna").version == version + 1
    assert User.get(User.username == "anna").role == "counsellor"
    with pytest.raises(KeyError):
        accounts.update_account("nobody", team="Süd")
