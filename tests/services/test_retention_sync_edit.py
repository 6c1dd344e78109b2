"""A case erased on one laptop while another still worked on it: the other laptop's next sync
file brings rows of a case that no longer exists here (the history of its last edit). The file
must still be taken — otherwise no file of that laptop could ever be imported again — and the
erased case must not come back."""

from __future__ import annotations

from datetime import date

from ki_desktop.services import cases, database, intake, retention, sync, sync_conflicts
from ki_desktop.store.models import Case, CaseHistory
from tests.backend import run
from tests.services.sync_pair import SECRET, share_demo_data


def test_an_edit_made_elsewhere_after_an_erasure_does_not_block_the_sync(tmp_path, new_location):
    office, laptop = new_location("office"), tmp_path / "laptop.sqlite"  # the server on PG
    share_demo_data(office, laptop, tmp_path, size=10)
    case_id = Case.select(Case.id).order_by(Case.id).first().id
    case = cases.case_detail(case_id)
    case.last_name = "Neuname"
    intake.save_case(case, today=date(2026, 11, 2))  # a change, with its history rows
    from_laptop = tmp_path / "laptop.kisync"
    sync.export_changes(from_laptop, SECRET)
    database.close_app_database()

    database.open_app_database(str(office))
    try:
        retention.erase_case(case_id)  # the family's request reached the office meanwhile
        report = sync.import_file(from_laptop, SECRET)
        assert report.applied
        assert Case.select().where(Case.id == case_id).count() == 0
        assert CaseHistory.select().where(CaseHistory.case == case_id).count() == 0
        # The office decides in the conflict dialog; the deletion can stand.
        conflict = [c for c in sync_conflicts.open_conflicts() if c.key == case_id]
        assert conflict and conflict[0].deleted_elsewhere
        sync_conflicts.keep_deletion("case", case_id)
        back = tmp_path / "office.kisync"
        sync.export_changes(back, SECRET)
    finally:
        database.close_app_database()
    sql = "SELECT count(*) FROM sync_state WHERE state LIKE ? AND deleted = ?"
    assert run(office, sql, ("%Neuname%", False)) == [(0,)]

    database.open_app_database(str(laptop))  # the deletion reaches the laptop, too
    try:
        assert sync.import_file(back, SECRET).applied
        assert Case.select().where(Case.id == case_id).count() == 0
        assert CaseHistory.select().where(CaseHistory.case == case_id).count() == 0
    finally:
        database.close_app_database()
