"""The placement steps of a case (recommendation accepted, school assigned, school start) while
someone saves the same case in the form: neither undoes the other, and the version shows every
write, so that a form opened before a step cannot save over it unnoticed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.store import case_writer
from ki_desktop.store import cases as case_repo
from ki_desktop.store import recommendations as rec_repo
from ki_desktop.store import schools as school_repo
from tests.store.concurrency import Hold, interleave

DAY = date(2026, 11, 22)
SCHOOL = "198171"


@pytest.fixture
def case_id(open_db):
    school = dm.School(SCHOOL, "02", "GS Am Ring", ags="05554016")
    school_repo.upsert_schools([school], [dm.Municipality("05554016", "Borken")], [])
    case = dm.Case("Olena", "Kovalenko", date(2014, 3, 10), address="Ring 1")
    return case_writer.save_case(case, "abecker")[0]


def _recommend(case_id: str) -> object:
    rec = dm.Recommendation(
        case_id=case_id,
        created_on=DAY,
        stage="primary",
        grade=4,
        school_forms=["02"],
        support=["integrative"],
        reasons=["Regel 1"],
        rules_version="2026-08-01",
    )
    return rec_repo.add_recommendation(rec, SCHOOL)


STEPS = {
    "recommendation": (_recommend, "recommended"),
    "assignment": (lambda case_id: rec_repo.set_assignment(case_id, SCHOOL, DAY), "assigned"),
    "school start": (lambda case_id: rec_repo.set_school_start(case_id, DAY), "school_started"),
}


def _status(case: dm.Case) -> str:
    return str(getattr(case.status, "value", case.status))


def _form_save(loaded: dm.Case) -> str:
    return case_writer.save_case(replace(loaded, address="Weg 2"), "lkaya")[0]


def _check(case_id: str, loaded: dm.Case, step: object, form: object, status: str) -> None:
    """Every write reported as done is in the stored case, the version counts each of them."""
    assert step and not isinstance(step, Exception), step
    stored = case_repo.get_case(case_id)
    assert _status(stored) == status
    if isinstance(form, case_writer.StaleCaseError):
        assert stored.address == "Ring 1"
        assert stored.version == loaded.version + 1
    else:
        assert form == case_id, form
        assert stored.address == "Weg 2"
        assert stored.version == loaded.version + 2


@pytest.mark.parametrize("name", STEPS)
def test_a_form_save_while_a_step_holds_the_case_is_not_undone(name, case_id, monkeypatch):
    """The step has read the case; a form save then must not be overwritten by the step's
    write (it waits, and then sees the step's new version)."""
    step, status = STEPS[name]
    loaded = case_repo.get_case(case_id)
    hold = Hold(monkeypatch, "first", 'FROM "case"')
    outcome = interleave(lambda: step(case_id), lambda: _form_save(loaded), hold)
    _check(case_id, loaded, outcome["first"], outcome["second"], status)


@pytest.mark.parametrize("name", STEPS)
def test_a_step_while_a_form_save_holds_the_case_keeps_the_form_save(name, case_id, monkeypatch):
    """The form save has read the case; the step waits for it and then writes only its own
    columns on top of the saved form."""
    step, status = STEPS[name]
    loaded = case_repo.get_case(case_id)
    hold = Hold(monkeypatch, "first", 'FROM "case"')
    outcome = interleave(lambda: _form_save(loaded), lambda: step(case_id), hold)
    _check(case_id, loaded, outcome["second"], outcome["first"], status)


@pytest.mark.parametrize("name", STEPS)
def test_a_form_opened_before_a_step_gets_the_conflict(name, case_id):
    step, status = STEPS[name]
    loaded = case_repo.get_case(case_id)
    assert step(case_id)
    with pytest.raises(case_writer.StaleCaseError):
        _form_save(loaded)
    stored = case_repo.get_case(case_id)
    assert (stored.address, _status(stored)) == ("Ring 1", status)
    assert stored.version == loaded.version + 1


def test_the_assignment_writes_the_school_and_day(case_id):
    assert rec_repo.set_assignment(case_id, SCHOOL, DAY)
    assert rec_repo.assignment_of(case_id) == (SCHOOL, DAY, None)
    assert rec_repo.set_school_start(case_id, date(2026, 12, 1))
    assert rec_repo.assignment_of(case_id) == (SCHOOL, DAY, date(2026, 12, 1))


def test_steps_of_a_deleted_case_write_nothing(case_id):
    from ki_desktop.store.models import Case
    from ki_desktop.store.records import delete_record

    delete_record(Case.get_by_id(case_id))
    assert _recommend(case_id) is None
    assert not rec_repo.set_assignment(case_id, SCHOOL, DAY)
    assert not rec_repo.set_school_start(case_id, DAY)
