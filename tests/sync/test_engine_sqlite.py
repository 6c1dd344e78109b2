"""Capturing edits and merging states between two real databases: laptop a (on the
PostgreSQL run the server) and laptop b (a SQLite file)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ki_desktop.services import database
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.schools import import_school_list
from ki_desktop.services.sync_engine import apply, capture
from ki_desktop.store import sync_records
from ki_desktop.store.models import DB, Case, Guardian, Offer
from tests.conftest import SCHOOL_EXTRACT


def _rows(model, *fields) -> dict:
    return {r[0]: r[1:] for r in model.select(model.id, *fields).tuples()}


class Laptop:
    def __init__(self, location):
        self.location = location

    def __enter__(self):
        self.info = database.open_app_database(str(self.location))
        return self

    def __exit__(self, *exc):
        database.close_app_database()

    def outgoing(self) -> list:
        with DB.atomic():
            capture(self.info.device_id)
        return [(t, k, json.loads(s)) for t, k, s in sync_records.states_since(0)]

    def incoming(self, states: list):
        with DB.atomic():
            capture(self.info.device_id)
            return apply(iter(states), self.info.device_id)


@pytest.fixture
def laptops(tmp_path, new_location):
    a, b = Laptop(new_location("a")), Laptop(tmp_path / "b.sqlite")
    with a:
        load_demo_data(size=30, seed=3, reference=date(2026, 11, 1))
    with b:
        import_school_list(SCHOOL_EXTRACT)
    return a, b


CASE_FIELDS = (Case.first_name, Case.last_name, Case.birth_date, Case.status, Case.registered_on)


def test_everything_arrives_and_a_second_import_changes_nothing(laptops):
    a, b = laptops
    with a:
        states = a.outgoing()
        cases, guardians = _rows(Case, *CASE_FIELDS), _rows(Guardian, Guardian.name)
        offers = _rows(Offer, Offer.title, Offer.valid_from)
        municipality = {c.id: c.municipality.ags for c in Case.select() if c.municipality}
    with b:
        counts = b.incoming(states)
        schools = sum(1 for table, _key, _state in states if table == "school")
        assert schools > 0  # the KI's own data per school travel too
        assert (counts.created, counts.updated) == (len(states) - schools, schools)
        assert counts.conflicts == 0
        assert _rows(Case, *CASE_FIELDS) == cases
        assert _rows(Guardian, Guardian.name) == guardians
        assert _rows(Offer, Offer.title, Offer.valid_from) == offers
        assert {c.id: c.municipality.ags for c in Case.select() if c.municipality} == municipality
        again = b.incoming(states)
        assert (again.created, again.updated, again.deleted) == (0, 0, 0)
        assert b.outgoing() and all(
            t in sync_records.BY_NAME for t, _k, _s in sync_records.states_since(0)
        )


def test_same_field_edited_on_both_is_a_conflict_and_other_fields_merge(laptops):
    a, b = laptops
    with a:
        states = a.outgoing()
        case_id = Case.select(Case.id).order_by(Case.id).first().id
    with b:
        b.incoming(states)
        Case.update(first_name="Amina B").where(Case.id == case_id).execute()
        Case.update(status="counselled", updated_at=Case.updated_at).where(
            Case.id == case_id
        ).execute()
        from_b = b.outgoing()
    with a:
        row = Case.get_by_id(case_id)
        row.first_name = "Amina A"
        row.save()
        from_a = a.outgoing()
        counts = a.incoming(from_b)
        assert counts.conflicts == 1
        merged = Case.get_by_id(case_id)
        assert merged.status == "counselled"
        state = sync_records.load_state("case", case_id)
        assert sorted(v for _d, _n, v in state["f"]["first_name"]) == ["Amina A", "Amina B"]
    with b:
        b.incoming(from_a)
        other = Case.get_by_id(case_id)
        assert other.first_name == merged.first_name  # same choice shown on both laptops
        assert other.status == "counselled"


def test_deletion_travels_and_removes_the_row(laptops):
    a, b = laptops
    with a:
        states = a.outgoing()
        case_id = Case.select(Case.id).order_by(Case.id).first().id
    with b:
        b.incoming(states)
    with a:
        Case.get_by_id(case_id).delete_instance(recursive=False)
        deletions = a.outgoing()
    with b:
        counts = b.incoming(deletions)
        assert counts.deleted >= 1
        assert Case.get_or_none(Case.id == case_id) is None
        assert Guardian.select().where(Guardian.case == case_id).count() == 0


def test_an_edit_made_after_the_clock_was_set_back_is_still_found(laptops):
    from datetime import datetime, timedelta

    a, _b = laptops
    with a:
        a.outgoing()
        future = datetime.now() + timedelta(days=2)  # the last capture "happened" later
        sync_records.mark_captured(future)
        case = Case.select().order_by(Case.id).first()
        case.first_name = "Zurückgestellt"
        case.save()  # updated_at is now earlier than the last capture
        with DB.atomic():
            assert capture(a.info.device_id) == 1
        state = sync_records.load_state("case", case.id)
        assert [v for _d, _n, v in state["f"]["first_name"]] == ["Zurückgestellt"]


def test_touching_schools_without_changing_the_kis_data_is_no_edit(laptops):
    from ki_desktop.store.models import School, utcnow

    a, _b = laptops
    with a:
        a.outgoing()
        School.update(updated_at=utcnow(), name=School.name).execute()  # e.g. a list re-import
        with DB.atomic():
            assert capture(a.info.device_id) == 0
