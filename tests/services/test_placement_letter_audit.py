"""The audit trail outlives an erased case (it is chained and cannot be cleaned), so what it
says about a placement letter must not name the child: the file name the letter was saved
under does (the dialog proposes „Schulempfehlung_<Name>.pdf“)."""

from datetime import date

from ki_desktop.services import intake, retention
from ki_desktop.services.placement_letter import write_placement_letter
from ki_desktop.store.users import recent_events
from tests import backend
from tests.services.test_intake import full_case

TODAY = date(2026, 11, 22)


def test_an_erased_case_leaves_no_name_in_the_trail(demo_db, db_path, tmp_path):
    case = full_case(last_name="Haidari", first_name="Zahra")
    case_id, _ = intake.save_case(case, "abecker", TODAY)
    target = tmp_path / "Schulempfehlung_Haidari_Zahra.pdf"
    write_placement_letter(case_id, target, "abecker", TODAY)
    assert target.is_file()
    event = recent_events("report.placement_letter", 1)[0]
    assert event.target == case_id

    retention.erase_case(case_id)

    rows = backend.run(db_path, 'SELECT "user", action, target, detail FROM audit_event')
    text = " ".join(" ".join(str(v) for v in row) for row in rows)
    assert "Haidari" not in text and "Zahra" not in text
