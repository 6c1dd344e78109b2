"""The audit trail for the administrator: listing, filtering, checking, exporting, rights."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import audit, session
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.store.users import record_event
from tests import backend


@pytest.fixture
def trail(open_db):
    for n in range(30):
        record_event(
            ("anna", "bert", "clara")[n % 3], ("case.read", "offer.update")[n % 2], f"t{n}"
        )
    return open_db


def test_entries_newest_first_paged_and_filtered(trail):
    assert audit.audit_count() == 30
    first = audit.audit_entries(limit=10)
    assert [e.seq for e in first] == list(range(30, 20, -1))
    assert [e.seq for e in audit.audit_entries(offset=25, limit=10)] == [5, 4, 3, 2, 1]
    anna = audit.AuditFilter(user="anna")
    assert audit.audit_count(anna) == 10
    assert {e.user for e in audit.audit_entries(anna)} == {"anna"}
    cases = audit.AuditFilter(action="case.")
    assert audit.audit_count(cases) == 15
    assert audit.audit_count(audit.AuditFilter(user="anna", action="case.")) == 5
    assert audit.audit_count(audit.AuditFilter(target="t7")) == 1
    users, actions = audit.filter_choices()
    assert users == ["anna", "bert", "clara"] and actions == ["case.read", "offer.update"]


def test_days_are_local_days_both_included(trail):
    today = date.today()
    assert audit.audit_count(audit.AuditFilter(date_from=today, date_to=today)) == 30
    assert audit.audit_count(audit.AuditFilter(date_to=today - timedelta(days=1))) == 0
    assert audit.audit_count(audit.AuditFilter(date_from=today + timedelta(days=1))) == 0
    with pytest.raises(ServiceError, match="Anfangsdatum liegt nach dem Enddatum"):
        audit.audit_count(audit.AuditFilter(date_from=today, date_to=today - timedelta(days=1)))


def test_check_reports_ok_and_is_audited(trail):
    report = audit.verify_chain()
    assert report.ok and report.entries == 30 and report.head_seq == 30
    assert audit.chain_head()[0] == 31  # the check is entry 31
    [event] = audit.audit_entries(audit.AuditFilter(action="audit.check"))
    assert event.user == "test" and '"ok": true' in event.detail
    assert audit.chain_message(report).startswith("Protokoll unverändert: 30 Einträge geprüft")


def test_check_names_the_first_bad_entry(trail, db_path):
    backend.run(db_path, "DELETE FROM audit_event WHERE seq = 17")
    report = audit.verify_chain()
    assert (report.ok, report.first_bad_seq, report.reason) == (False, 17, "missing")
    assert "Protokolleintrag Nr. 17 fehlt" in audit.chain_message(report)


def test_export_xlsx_keeps_formula_like_text_as_text(trail, tmp_path):
    from openpyxl import load_workbook

    record_event("anna", "offers.export", '=HYPERLINK("http://x")')
    result = audit.export_audit(tmp_path / "p.xlsx", "xlsx")
    assert result.entries == 31 and result.head_seq == 31
    sheet = load_workbook(result.path).active
    last = [c.value for c in list(sheet.iter_rows())[-1]]
    assert last[4] == '=HYPERLINK("http://x")'
    assert all(c.data_type == "s" for c in list(sheet.iter_rows())[-1] if c.value)
    csv_result = audit.export_audit(tmp_path / "p.csv", "csv")
    assert "'=HYPERLINK" in csv_result.path.read_text(encoding="utf-8-sig")
    exports = audit.audit_entries(audit.AuditFilter(action="audit.export"))
    assert [e.target for e in exports] == ["p.csv", "p.xlsx"]


def test_export_refuses_an_unknown_format(trail, tmp_path):
    with pytest.raises(ServiceError, match="Unbekanntes Format"):
        audit.export_audit(tmp_path / "p.pdf", "pdf")
    assert not (tmp_path / "p.pdf").exists()


@pytest.mark.parametrize("roles", [{Role.COUNSELLOR}, {Role.STATISTICS}, {Role.INTERPRETER}])
def test_only_the_audit_permission_sees_the_trail(trail, tmp_path, roles):
    session.begin(session.Session("clara", "Clara", frozenset(roles)))
    for call in (
        audit.audit_count,
        audit.audit_entries,
        audit.filter_choices,
        audit.chain_head,
        audit.verify_chain,
        lambda: audit.export_audit(tmp_path / "x.csv"),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not (tmp_path / "x.csv").exists()
