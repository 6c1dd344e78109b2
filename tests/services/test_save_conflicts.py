"""Two people save the same case: the second one gets the merge instead of overwriting."""

from __future__ import annotations

from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.merge import Side
from ki_desktop.services import cases, intake
from ki_desktop.services.database import ServiceError
from ki_desktop.services.save_conflicts import SaveConflict
from ki_desktop.store.accounts import create_account

TODAY = date(2026, 11, 22)


def _new_case() -> str:
    case = dm.Case(
        "Olena",
        "Kovalenko",
        date(2014, 3, 10),
        address="Ring 1",
        nationality="UA",
        guardians=[dm.Guardian("Iryna Kovalenko", "Mutter", "0151")],
        consents=[dm.Consent("data_processing", True, date(2026, 10, 1))],
    )
    case_id, _changes = intake.save_case(case, "abecker", TODAY)
    return case_id


@pytest.fixture
def case_id(open_db):
    create_account("laksoy", "Leyla Aksoy", "counsellor")
    return _new_case()


def _opened(case_id: str) -> tuple[dm.Case, dm.Case]:
    """The case as loaded into a form: (base, the copy being typed into)."""
    return cases.case_detail(case_id), cases.case_detail(case_id)


def test_second_saver_gets_the_merge_and_nothing_is_overwritten(case_id):
    base, mine = _opened(case_id)
    other = cases.case_detail(case_id)
    other.address, other.first_name = "Weg 3", "Olha"
    intake.save_case(other, "laksoy", TODAY)
    stored_version = cases.case_detail(case_id).version

    mine.address, mine.last_name = "Ring 2", "Kowalenko"
    with pytest.raises(SaveConflict) as caught:
        intake.save_case(mine, "abecker", TODAY, base=base)
    conflict = caught.value
    assert isinstance(conflict, ServiceError) and "jemand anderem" in str(conflict)
    assert conflict.saved_by == "Leyla Aksoy" and conflict.saved_at is not None
    assert [(f.key, f.label, f.base, f.mine, f.theirs) for f in conflict.fields()] == [
        ("address", "Anschrift", "Ring 1", "Ring 2", "Weg 3")
    ]
    assert conflict.taken() == ["Vorname"]
    stored = cases.case_detail(case_id)
    assert (stored.address, stored.last_name, stored.version) == (
        "Weg 3",
        "Kovalenko",
        stored_version,
    )

    merged = conflict.resolve({"address": Side.THEIRS})
    intake.save_case(merged, "abecker", TODAY, base=conflict.theirs)
    stored = cases.case_detail(case_id)
    assert (stored.first_name, stored.last_name, stored.address) == ("Olha", "Kowalenko", "Weg 3")
    assert stored.version == stored_version + 1


def test_a_merge_saved_too_late_conflicts_again(case_id):
    base, mine = _opened(case_id)
    first = cases.case_detail(case_id)
    first.address = "Weg 3"
    intake.save_case(first, "laksoy", TODAY)
    mine.address = "Ring 2"
    with pytest.raises(SaveConflict) as caught:
        intake.save_case(mine, "abecker", TODAY, base=base)
    merged, merged_on = caught.value.resolve(), caught.value.theirs  # keeps "Ring 2"

    again = cases.case_detail(case_id)
    again.address = "Allee 9"
    intake.save_case(again, "laksoy", TODAY)
    with pytest.raises(SaveConflict) as caught:
        intake.save_case(merged, "abecker", TODAY, base=merged_on)
    assert [(f.base, f.mine, f.theirs) for f in caught.value.fields()] == [
        ("Weg 3", "Ring 2", "Allee 9")
    ]
    assert cases.case_detail(case_id).address == "Allee 9"


def test_a_change_of_the_lists_alone_is_noticed(case_id):
    base, mine = _opened(case_id)
    other = cases.case_detail(case_id)
    other.guardians[0].phone = "0170 999"
    intake.save_case(other, "laksoy", TODAY)
    assert cases.case_detail(case_id).version == base.version + 1

    mine.guardians[0].phone = "0160 111"
    mine.guardians[0].relation = "Tante"
    with pytest.raises(SaveConflict) as caught:
        intake.save_case(mine, "abecker", TODAY, base=base)
    fields = caught.value.fields()
    assert [(f.label, f.mine, f.theirs) for f in fields] == [
        ("Sorgeberechtigte 1 – Telefon", "0160 111", "0170 999")
    ]
    merged = caught.value.resolve({fields[0].key: "theirs"})
    intake.save_case(merged, "abecker", TODAY, base=caught.value.theirs)
    guardian = cases.case_detail(case_id).guardians[0]
    assert (guardian.phone, guardian.relation) == ("0170 999", "Tante")


def test_values_are_shown_with_names_and_removed_entries_say_so(case_id):
    base, mine = _opened(case_id)
    other = cases.case_detail(case_id)
    other.nationality = "SY"
    other.guardians[0].phone = "0170"
    other.consents[0].given = False
    intake.save_case(other, "laksoy", TODAY)
    mine.nationality = "AF"
    mine.guardians = []
    mine.consents[0].given_by = "Iryna"
    mine.consents[0].given = True
    with pytest.raises(SaveConflict) as caught:
        intake.save_case(mine, "abecker", TODAY, base=base)
    shown = {f.label: (f.mine, f.theirs) for f in caught.value.fields()}
    assert shown["Staatsangehörigkeit"] == ("Afghanistan", "Syrien")
    assert shown["Sorgeberechtigte 1"][0] == "(entfernt)"
    assert "Telefon: 0170" in shown["Sorgeberechtigte 1"][1]
    assert len(shown) == 2  # the consent: only they changed "erteilt", only I "von"
    merged = caught.value.resolve()
    assert (merged.consents[0].given, merged.consents[0].given_by) == (False, "Iryna")


def test_without_the_loaded_state_every_difference_is_a_choice(case_id):
    mine = cases.case_detail(case_id)
    other = cases.case_detail(case_id)
    other.first_name = "Olha"
    intake.save_case(other, "laksoy", TODAY)
    with pytest.raises(SaveConflict) as caught:
        intake.save_case(mine, "abecker", TODAY)
    assert [f.label for f in caught.value.fields()] == ["Vorname"]


def test_a_deleted_case_is_a_plain_error(case_id):
    from ki_desktop.store.models import Case
    from ki_desktop.store.records import delete_record

    mine = cases.case_detail(case_id)
    delete_record(Case.get_by_id(case_id))
    mine.address = "Ring 2"
    with pytest.raises(ServiceError, match="gelöscht") as caught:
        intake.save_case(mine, "abecker", TODAY, base=mine)
    assert not isinstance(caught.value, SaveConflict)


def _someone_saves_right_after_loading(monkeypatch, **values) -> None:
    """The next load of the case is followed at once by another user's save."""
    from ki_desktop.store import cases as case_repo

    real = case_repo.get_case

    def load_then_other_saves(case_id, *args, **kwargs):
        monkeypatch.setattr(case_repo, "get_case", real)
        loaded = real(case_id, *args, **kwargs)
        other = real(case_id)
        for name, value in values.items():
            setattr(other, name, value)
        intake.save_case(other, "laksoy", TODAY)
        return loaded

    monkeypatch.setattr(case_repo, "get_case", load_then_other_saves)


def test_closing_takes_in_a_save_made_meanwhile(case_id, monkeypatch):
    _someone_saves_right_after_loading(monkeypatch, address="Weg 3")
    intake.close_case(case_id, "moved_away", user="abecker")
    stored = cases.case_detail(case_id)
    assert (stored.status, stored.closed_reason, stored.address) == (
        dm.CaseStatus.CLOSED,
        "moved_away",
        "Weg 3",
    )


def test_closing_against_a_different_close_meanwhile_asks_to_look_again(case_id, monkeypatch):
    _someone_saves_right_after_loading(
        monkeypatch, status=dm.CaseStatus.CLOSED, closed_reason="not_schulpflichtig"
    )
    with pytest.raises(ServiceError, match="gerade von Leyla Aksoy geändert"):
        intake.close_case(case_id, "moved_away", user="abecker")
    assert cases.case_detail(case_id).closed_reason == "not_schulpflichtig"


def test_a_save_whose_audit_entry_fails_is_not_kept(case_id, monkeypatch):
    """The audit entry is part of the save: when it cannot be written, the case stays as it
    was (a save is never reported as failed after it was committed, nor kept unaudited)."""
    before = cases.case_detail(case_id)
    mine = cases.case_detail(case_id)
    mine.address = "Ring 9"

    def broken(*_args, **_kwargs):
        raise RuntimeError("audit trail not writable")

    monkeypatch.setattr(intake, "record_event", broken)
    with pytest.raises(RuntimeError):
        intake.save_case(mine, "abecker", TODAY, base=before)
    stored = cases.case_detail(case_id)
    assert (stored.address, stored.version) == ("Ring 1", before.version)
    assert [h for h in intake.case_history(case_id) if h.field == "address"] == []
