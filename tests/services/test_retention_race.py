"""A retention run and a counsellor at the same moment (two computers on one server, or two
threads on one file): a contact saved right after the run checked a case keeps the case."""

from __future__ import annotations

from dataclasses import replace

from ki_desktop.domain import model as dm
from ki_desktop.services import retention
from ki_desktop.store import case_writer
from ki_desktop.store import cases as case_repo
from ki_desktop.store.models import Case, DeletionLog
from tests.services.test_retention import TODAY, cases  # noqa: F401 - the fixture
from tests.store.concurrency import Hold, interleave


def test_a_contact_saved_after_the_check_keeps_the_case(cases, monkeypatch):  # noqa: F811
    case_id = cases["Grenzfall"]  # due: last contact 2021-06-01
    # The run is held right after it read the case's last contact (the check before deleting).
    hold = Hold(monkeypatch, "first", 'LEFT JOIN "user" u')

    def interview_today():
        case = case_repo.get_case(case_id)
        met = replace(case, interviews=[*case.interviews, dm.Interview(held_on=TODAY)])
        return case_writer.save_case(met, "berater")

    outcome = interleave(lambda: retention.delete_due([case_id], TODAY), interview_today, hold)
    assert not isinstance(outcome["second"], Exception), outcome
    assert outcome["first"].deleted == [] and outcome["first"].skipped == [case_id], outcome
    assert Case.get_or_none(Case.id == case_id) is not None
    assert len(case_repo.get_case(case_id).interviews) == 2
    assert DeletionLog.select().count() == 0
