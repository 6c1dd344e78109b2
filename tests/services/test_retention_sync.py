"""A case deleted after the retention period disappears on the other laptop with the next sync
file (two real databases — the office is the server on the PostgreSQL run —, the sync services
of the application)."""

from __future__ import annotations

from datetime import date

from ki_desktop.services import database, retention, sync
from ki_desktop.store.case_writer import save_draft
from ki_desktop.store.models import Case, Guardian, IntakeInterview
from tests.backend import run
from tests.services.sync_pair import SECRET, share_demo_data


def rows_of(location, sql: str, *params) -> list[tuple]:
    return run(location, sql, params)


def test_deleted_cases_are_deleted_on_the_other_laptop(tmp_path, new_location):
    office, laptop = new_location("office"), tmp_path / "laptop.sqlite"
    share_demo_data(office, laptop, tmp_path, size=30)
    on_laptop = Case.select().count()
    assert on_laptop == 30
    database.close_app_database()

    database.open_app_database(str(office))
    retention.set_retention_months(6)
    due = retention.due_cases(date(2040, 1, 1))  # every demo case is long due by then
    doomed = [d.case_id for d in due[:4]]
    erased = Case.select().where(Case.id.not_in(doomed)).order_by(Case.id).first()
    name = erased.last_name
    retention.delete_due(doomed, date(2040, 1, 1))
    retention.erase_case(erased.id)
    gone = [*doomed, erased.id]
    # At once, before any export: the office's merge states keep no values of the case.
    states = rows_of(office, "SELECT state, deleted FROM sync_state WHERE record_id = ?", erased.id)
    assert states and states[0][1] == 1 and name not in states[0][0]
    second = tmp_path / "second.kisync"
    sync.export_changes(second, SECRET)
    database.close_app_database()

    database.open_app_database(str(laptop))
    save_draft(f"case:{erased.id}", "anna", {"last_name": name})  # an open form there
    result = sync.import_file(second, SECRET)
    assert result.counts.deleted >= len(gone)
    assert Case.select().where(Case.id.in_(gone)).count() == 0
    assert Guardian.select().where(Guardian.case.in_(gone)).count() == 0
    assert IntakeInterview.select().where(IntakeInterview.case.in_(gone)).count() == 0
    assert Case.select().count() == on_laptop - len(gone)
    # The draft of the deleted case is device-local: the import's housekeeping has ended it.
    from ki_desktop.store.models import Draft

    assert Draft.select().where(Draft.key == f"case:{erased.id}").count() == 0
    assert retention.tidy_after_import() == 0
    # The import is in the audit trail, with counts and without the file's name.
    from ki_desktop.store.users import recent_events

    imported = recent_events("sync.import")[0]
    assert '"deleted": ' in imported.detail and "second.kisync" not in imported.detail
    database.close_app_database()
    assert rows_of(laptop, "SELECT count(*) FROM case_search WHERE case_search MATCH ?", name) == [
        (0,)
    ]
