"""Retention runs and erasure on request, on a real database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.retention import case_reference
from ki_desktop.domain.roles import Role
from ki_desktop.services import retention, session
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.store import retention as store
from ki_desktop.store.case_bulk import add_cases
from ki_desktop.store.case_writer import save_draft
from ki_desktop.store.models import (
    Case,
    CaseHistory,
    DeletionLog,
    Guardian,
    IntakeInterview,
    Referral,
    Tombstone,
    User,
)
from ki_desktop.store.users import recent_events
from tests import backend

TODAY = date(2026, 6, 1)  # 60 months back: 2021-06-01
# Cases the name index finds for a word: FTS5 on SQLite, the expression index on PostgreSQL.
NAME_SEARCH = (
    'SELECT count(*) FROM "case" WHERE ki_name_words(first_name, last_name) @@ ki_name_query(?)'
    if backend.on_server()
    else "SELECT count(*) FROM case_search WHERE case_search MATCH ?"
)
TABLES = (
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    if backend.on_server()
    else "SELECT name FROM sqlite_master WHERE type = 'table'"
)


def make_case(last: str, registered: date | None, interview: date | None = None, **extra) -> str:
    case = dm.Case(
        first_name=f"Vorname{last}",
        last_name=last,
        birth_date=date(2012, 3, 4),
        registered_on=registered,
        counsellor="berater",
        guardians=[dm.Guardian(name=f"Mutter {last}", phone="0171 123")],
        interviews=[dm.Interview(held_on=interview, notes=f"Notiz zu {last}")] if interview else [],
        consents=[dm.Consent("data_processing", True, registered, "Mutter")],
        **extra,
    )
    add_cases([case])
    return Case.get(Case.last_name == last).id


@pytest.fixture
def cases(open_db):
    User.create(username="berater", display_name="Berta Berater", roles="counsellor")
    ids = {
        "Altfall": make_case("Altfall", date(2019, 2, 1), date(2019, 3, 1)),
        "Grenzfall": make_case("Grenzfall", date(2021, 5, 1), date(2021, 6, 1)),
        "Neufall": make_case("Neufall", date(2020, 1, 1), date(2024, 9, 9)),
        "Bearbeitet": make_case("Bearbeitet", date(2018, 1, 1), date(2018, 1, 5)),
        "Vermittelt": make_case("Vermittelt", date(2018, 1, 1)),
        "Ohnedatum": make_case("Ohnedatum", None),
    }
    # A recent edit and a recent referral count as contacts.
    CaseHistory.create(
        case=ids["Bearbeitet"], at=datetime(2025, 1, 2, 9, 0), field="phone", old="", new="1"
    )
    from ki_desktop.store.models import Offer

    offer = Offer.create(title="Rucksack Schule", category="family")
    Referral.create(case=ids["Vermittelt"], offer=offer, referred_on=date(2023, 4, 4))
    return ids


def test_due_cases_by_last_contact_without_names(cases):
    due = retention.due_cases(TODAY)
    assert [d.case_id for d in due] == [cases["Altfall"], cases["Grenzfall"]]
    first = due[0]
    assert first.last_contact == date(2019, 3, 1)
    assert first.due_on == date(2024, 3, 1)
    assert first.reference == "SE-" + cases["Altfall"][-8:].upper()
    assert first.counsellor == "Berta Berater"
    assert first.status == "registered"
    shown = repr(due)
    assert "Altfall" not in shown and "Grenzfall" not in shown and "Mutter" not in shown
    assert retention.due_cases(date(2026, 5, 31))[-1].case_id == cases["Altfall"]


def test_shorter_period_makes_more_cases_due(cases):
    retention.set_retention_months(12)
    assert retention.retention_months() == 12
    due = {d.case_id for d in retention.due_cases(TODAY)}
    # Ohnedatum has no contact date: it counts from the day it came onto this device.
    assert due == {
        cases[k] for k in ("Altfall", "Grenzfall", "Neufall", "Bearbeitet", "Vermittelt")
    }
    assert recent_events("retention.period")[0].detail == '{"months": 12, "before": 60}'


@pytest.mark.parametrize("months", [0, 5, 121, -12])
def test_period_outside_6_to_120_months_is_refused(open_db, months):
    with pytest.raises(ServiceError, match="zwischen 6 und 120 Monaten"):
        retention.set_retention_months(months)
    assert retention.retention_months() == 60


def test_delete_due_removes_the_case_with_everything_and_logs_without_names(cases, db_path):
    old = cases["Altfall"]
    save_draft(f"case:{old}", "anna", {"last_name": "Altfall"})
    steps = []
    result = retention.delete_due([old], TODAY, progress=lambda d, t: steps.append((d, t)))
    assert result.deleted == [old] and result.skipped == []
    assert steps[-1] == (1, 1)
    assert Case.get_or_none(Case.id == old) is None
    assert not Guardian.select().where(Guardian.case == old).exists()
    assert not IntakeInterview.select().where(IntakeInterview.case == old).exists()
    assert Case.select().count() == 5
    tombstones = {(t.table, t.record_id) for t in Tombstone.select()}
    assert ("case", old) in tombstones and len(
        tombstones
    ) == 4  # case, guardian, interview, consent
    assert result.rows == 5  # the same four and the draft
    [line] = retention.deletion_log()
    assert (line.reason, line.case_id, line.last_contact_month) == ("retention", old, "2019-03")
    assert (line.retention_months, line.records, line.user) == (60, 5, "test")
    assert line.reference.startswith("SE-")
    [event] = recent_events("retention.")
    assert event.action == "retention.delete" and '"cases": 1' in event.detail
    log_text = repr(backend.run(db_path, "SELECT * FROM deletion_log"))
    [(drafts,)] = backend.run(db_path, "SELECT count(*) FROM draft")
    [(search,)] = backend.run(db_path, NAME_SEARCH, ("Altfall",))
    assert "Altfall" not in log_text and "Mutter" not in log_text
    assert (drafts, search) == (0, 0)


def test_delete_due_checks_each_case_again(cases):
    due = [d.case_id for d in retention.due_cases(TODAY)]
    # A contact after the list was shown: an interview today.
    IntakeInterview.create(case=cases["Grenzfall"], held_on=TODAY)
    result = retention.delete_due([*due, cases["Neufall"], "0" * 32], TODAY)
    assert result.deleted == [cases["Altfall"]]
    assert result.skipped == [cases["Grenzfall"], cases["Neufall"], "0" * 32]
    assert Case.get_or_none(Case.id == cases["Grenzfall"]) is not None
    assert DeletionLog.select().count() == 1


def test_delete_due_can_be_cancelled_between_cases(cases):
    retention.set_retention_months(12)
    due = [d.case_id for d in retention.due_cases(TODAY)]
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    result = retention.delete_due(due, TODAY, cancelled=cancelled)
    assert result.cancelled and len(result.deleted) == 2
    assert Case.select().count() == 4
    assert '"cancelled": true' in recent_events("retention.delete")[0].detail


def test_erase_on_request_deletes_a_case_that_is_not_due(cases, db_path):
    new = cases["Neufall"]
    rows = retention.erase_case(new, "Antrag der Mutter Frau Neufall vom 3.5.")
    assert rows == 4 and Case.get_or_none(Case.id == new) is None
    [line] = retention.deletion_log()
    assert (line.reason, line.retention_months, line.last_contact_month) == (
        "request",
        None,
        "2024-09",
    )
    assert line.reason_text == "auf Antrag"
    [event] = recent_events("retention.erase")
    assert event.target == new
    everything = "".join(
        repr(backend.run(db_path, f'SELECT * FROM "{name}"'))
        for (name,) in backend.run(db_path, TABLES)
    )
    assert "Antrag der Mutter" not in everything and "Neufall" not in everything
    with pytest.raises(ServiceError, match="gibt es nicht"):
        retention.erase_case(new)


@pytest.mark.sqlite_only("secure_delete: the bytes of the file itself")
def test_erased_names_leave_no_trace_in_the_file(cases, db_path):
    from ki_desktop.services import database

    retention.erase_case(cases["Altfall"])
    database.close_app_database()  # checkpoints the WAL into the file
    data = db_path.read_bytes()
    assert b"Altfall" not in data and b"Notiz zu Altfall" not in data
    assert b"altfall" not in data.lower()  # also not as a search token
    assert b"Grenzfall" in data  # the other cases are still there
    database.open_app_database(str(db_path))


@pytest.mark.skipif(not backend.on_server(), reason="dead rows of PostgreSQL tables")
def test_erased_rows_do_not_wait_for_the_servers_vacuum(cases, db_path):
    retention.erase_case(cases["Altfall"])
    [(vacuums, dead)] = backend.run(
        db_path,
        "SELECT vacuum_count, n_dead_tup FROM pg_stat_user_tables WHERE relname = ?",
        ("case",),
    )
    assert (vacuums, dead) == (1, 0)


@pytest.mark.parametrize("roles", [{Role.COUNSELLOR}, {Role.STATISTICS}, {Role.INTERPRETER}])
def test_only_retention_may_list_delete_or_erase(cases, roles):
    session.begin(session.Session("clara", "Clara", frozenset(roles)))
    for call in (
        lambda: retention.due_cases(TODAY),
        lambda: retention.delete_due([cases["Altfall"]], TODAY),
        lambda: retention.erase_case(cases["Altfall"]),
        lambda: retention.deletion_log(),
        lambda: retention.set_retention_months(12),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert Case.get_or_none(Case.id == cases["Altfall"]) is not None


def test_admin_without_counsellor_role_may_run_retention(cases):
    session.begin(session.Session("admin", "Admin", frozenset({Role.ADMIN})))
    assert len(retention.due_cases(TODAY)) == 2
    assert retention.delete_due([cases["Altfall"]], TODAY).deleted == [cases["Altfall"]]


def python_last_contact(case_id: str) -> date:
    """The last contact as the domain module defines it, from the rows read one by one."""
    from ki_desktop.domain.retention import last_contact
    from ki_desktop.store.models import Consent, Recommendation

    case = Case.get_by_id(case_id)
    values = [case.registered_on, case.status_changed_on, case.assigned_on, case.school_start_on]
    for model, column in (
        (IntakeInterview, "held_on"),
        (Recommendation, "created_on"),
        (Referral, "referred_on"),
        (Consent, "given_on"),
        (CaseHistory, "at"),
    ):
        values += [getattr(row, column) for row in model.select().where(model.case == case_id)]
    return last_contact(*values, created=case.created_at)


def test_the_sql_search_agrees_with_the_domain_rule(cases):
    from ki_desktop.store.models import Recommendation

    Recommendation.create(
        case=cases["Grenzfall"], created_on=date(2022, 2, 2), rules_version="x", stage="primary"
    )
    Case.update(school_start_on=date(2023, 8, 1)).where(Case.id == cases["Altfall"]).execute()
    contacts = {cid: python_last_contact(cid) for cid in cases.values()}
    assert contacts[cases["Grenzfall"]] == date(2022, 2, 2)
    assert contacts[cases["Altfall"]] == date(2023, 8, 1)
    assert {cid: store.contact_of(cid).last_contact for cid in cases.values()} == contacts
    for cutoff in sorted(set(contacts.values())):
        for day in (cutoff, cutoff - timedelta(days=1)):
            expected = {cid for cid, last in contacts.items() if last <= day}
            assert {c.case_id for c in store.due_cases(day)} == expected


def test_deletion_log_export_has_no_names(cases, tmp_path):
    retention.delete_due([cases["Altfall"]], TODAY)
    retention.erase_case(cases["Neufall"])
    target = retention.export_deletion_log(tmp_path / "loeschprotokoll.csv")
    text = target.read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Zeit (UTC);Benutzer;Grund;Fall;Fall-ID")
    assert len(lines) == 3
    assert ";auf Antrag;SE-" in lines[1] and ";Aufbewahrungsfrist;SE-" in lines[2]
    assert ";2019-03;60;" in lines[2]
    assert "Altfall" not in text and "Neufall" not in text and "Mutter" not in text
    assert recent_events("retention.log_export")[0].target == "loeschprotokoll.csv"


@pytest.mark.parametrize("form", ["SE-{ref}", "se-{ref}", " {ref} ", "SE{ref}"])
def test_a_case_is_found_by_the_reference_printed_on_letters(cases, form):
    case_id = cases["Neufall"]
    reference = case_reference(case_id)
    assert retention.case_by_reference(form.format(ref=reference[3:])) == case_id


@pytest.mark.parametrize(
    "typed, message",
    [
        ("SE-12", "keine Fallnummer"),
        ("SE-ZZZZZZZZ", "keine Fallnummer"),
        ("SE-00000000", "gibt es nicht"),
    ],
)
def test_a_wrong_reference_is_refused_with_what_to_do(cases, typed, message):
    with pytest.raises(ServiceError, match=message):
        retention.case_by_reference(typed)


def test_only_retention_may_look_up_a_reference(cases):
    session.begin(session.Session("b", "B", frozenset({Role.COUNSELLOR})))
    with pytest.raises(PermissionDenied):
        retention.case_by_reference("SE-00000000")
