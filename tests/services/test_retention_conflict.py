"""A case erased here while it is in a deletion conflict (deleted on the office laptop, edited
here): the erasure must end the conflict too — its merge state held the edited values (names)
and the conflict dialog would go on showing them. "Here" is the server on the PostgreSQL run."""

from __future__ import annotations

from datetime import date

from ki_desktop.services import cases, database, intake, retention, sync, sync_conflicts
from ki_desktop.store.models import Case
from tests.backend import run
from tests.services.sync_pair import SECRET, share_demo_data


def test_erasing_a_case_in_a_deletion_conflict_keeps_no_values(tmp_path, new_location):
    office, laptop = tmp_path / "office.sqlite", new_location("here")
    share_demo_data(office, laptop, tmp_path, size=10)
    case_id = Case.select(Case.id).order_by(Case.id).first().id
    case = cases.case_detail(case_id)
    case.last_name = "Neuname"
    intake.save_case(case, today=date(2026, 11, 2))
    database.close_app_database()

    database.open_app_database(str(office))
    retention.erase_case(case_id)
    erased = tmp_path / "erased.kisync"
    sync.export_changes(erased, SECRET)
    database.close_app_database()

    database.open_app_database(str(laptop))
    try:
        sync.import_file(erased, SECRET)  # deleted there, edited here: a conflict
        assert [c.key for c in sync_conflicts.open_conflicts()] == [case_id]
        retention.erase_case(case_id)  # the request reaches this laptop as well
        assert sync_conflicts.open_conflicts() == []
    finally:
        database.close_app_database()
    sql = "SELECT count(*) FROM sync_state WHERE state LIKE ?"
    assert run(laptop, sql, ("%Neuname%",)) == [(0,)]
