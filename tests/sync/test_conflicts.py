"""Conflicts after an import, settled field by field, and deletions met by edits (laptop b is
the server on the PostgreSQL run)."""

from __future__ import annotations

from datetime import date

import pytest

from ki_desktop.services import database, sync, sync_conflicts
from ki_desktop.services.database import ServiceError
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.schools import import_school_list
from ki_desktop.store.models import Case
from tests.conftest import SCHOOL_EXTRACT

SECRET = "Passphrase des Teams Warendorf"


class Laptop:
    def __init__(self, tmp_path, name, location):
        self.location, self.dir, self.name = location, tmp_path, name
        self.sent = 0

    def __enter__(self):
        database.open_app_database(str(self.location))
        return self

    def __exit__(self, *exc):
        database.close_app_database()

    def send(self):
        self.sent += 1
        file = self.dir / f"{self.name}-{self.sent}.kisync"
        sync.export_changes(file, SECRET)
        return file


@pytest.fixture
def pair(tmp_path, new_location):
    a = Laptop(tmp_path, "a", tmp_path / "a.sqlite")
    b = Laptop(tmp_path, "b", new_location("b"))
    with a:
        load_demo_data(size=8, seed=2, reference=date(2026, 11, 1))
        first = a.send()
        case_id = Case.select(Case.id).order_by(Case.id).first().id
    with b:
        import_school_list(SCHOOL_EXTRACT)
        sync.import_file(first, SECRET)
    return a, b, case_id


def edit(case_id, **values):
    case = Case.get_by_id(case_id)
    for name, value in values.items():
        setattr(case, name, value)
    case.save()


def test_same_field_conflict_is_listed_and_settled_everywhere(pair):
    a, b, case_id = pair
    with a:
        edit(case_id, first_name="Mariam")
        from_a = a.send()
    with b:
        edit(case_id, first_name="Maryam")
        from_b = b.send()
        sync.import_file(from_a, SECRET)
        (conflict,) = sync_conflicts.open_conflicts()
        assert conflict.table == "case" and conflict.key == case_id
        assert conflict.title.startswith("Fall: ") and not conflict.deleted_elsewhere
        (field,) = conflict.fields
        assert (field.name, field.label) == ("first_name", "Vorname")
        assert field.values == ("Maryam", "Mariam") and field.mine == "Maryam"
        sync_conflicts.settle("case", case_id, {"first_name": "Mariam"}, user="b")
        assert sync_conflicts.open_conflicts() == []
        assert Case.get_by_id(case_id).first_name == "Mariam"
        settled = b.send()
    with a:
        sync.import_file(from_b, SECRET)
        assert sync_conflicts.conflict_count() == 1  # a sees the conflict too ...
        sync.import_file(settled, SECRET)
        assert sync_conflicts.conflict_count() == 0  # ... until b's decision arrives
        assert Case.get_by_id(case_id).first_name == "Mariam"


def test_deleted_on_one_edited_on_the_other_can_be_restored_with_all_data(pair):
    a, b, case_id = pair
    with a:
        Case.get_by_id(case_id).delete_instance()
        deletion = a.send()
    with b:
        edit(case_id, address="Neue Straße 5, 48231 Warendorf")
        birth = Case.get_by_id(case_id).birth_date
        sync.import_file(deletion, SECRET)
        (conflict,) = sync_conflicts.open_conflicts()
        assert conflict.deleted_elsewhere
        kept = Case.get_by_id(case_id)  # nothing is emptied while undecided
        assert kept.birth_date == birth and kept.address.startswith("Neue Straße")
        sync_conflicts.restore("case", case_id, user="b")
        assert sync_conflicts.open_conflicts() == []
        restored = b.send()
    with a:
        with pytest.raises(ServiceError, match="schon gelöscht"):
            sync_conflicts.restore("case", case_id)
        sync.import_file(restored, SECRET)
        back = Case.get_by_id(case_id)
        assert back.birth_date == birth and back.address.startswith("Neue Straße")
        assert sync_conflicts.conflict_count() == 0


def test_keeping_the_deletion_removes_the_record(pair):
    a, b, case_id = pair
    with a:
        Case.get_by_id(case_id).delete_instance()
        deletion = a.send()
    with b:
        edit(case_id, address="Andere Straße 1")
        sync.import_file(deletion, SECRET)
        sync_conflicts.keep_deletion("case", case_id, user="b")
        assert Case.get_or_none(Case.id == case_id) is None
        assert sync_conflicts.conflict_count() == 0


def test_settling_a_field_keeps_an_edit_not_yet_exported(pair):
    a, b, case_id = pair
    with a:
        edit(case_id, first_name="Mariam")
        from_a = a.send()
    with b:
        edit(case_id, first_name="Maryam")
        b.send()
        sync.import_file(from_a, SECRET)
        edit(case_id, address="Neue Adresse 1")  # after the import, not exported yet
        sync_conflicts.settle("case", case_id, {"first_name": "Mariam"}, user="b")
        case = Case.get_by_id(case_id)
        assert (case.first_name, case.address) == ("Mariam", "Neue Adresse 1")
        later = b.send()
    with a:
        sync.import_file(later, SECRET)
        assert Case.get_by_id(case_id).address == "Neue Adresse 1"


def test_the_deleting_laptop_imports_a_concurrent_edit_without_failing(pair):
    a, b, case_id = pair
    with b:
        edit(case_id, address="Bearbeitet auf b")
        edited = b.send()
    with a:
        Case.get_by_id(case_id).delete_instance()
        a.send()
        report = sync.import_file(edited, SECRET)  # used to fail on the emptied fields
        assert report.counts.conflicts >= 1
        (conflict,) = [c for c in sync_conflicts.open_conflicts() if c.key == case_id]
        assert conflict.deleted_elsewhere
        assert Case.get_or_none(Case.id == case_id) is None  # nothing half-made here
        with pytest.raises(ServiceError, match="schon gelöscht"):
            sync_conflicts.restore("case", case_id)
        sync_conflicts.keep_deletion("case", case_id, user="a")
        assert sync_conflicts.conflict_count() == 0
