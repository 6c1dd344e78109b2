"""Saving a case file with history, duplicates, drafts: against a real SQLite file."""

import json
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.services import cases, intake
from ki_desktop.services.database import ServiceError

TODAY = date(2026, 11, 22)


def full_case(**over) -> dm.Case:
    case = dm.Case(
        first_name="Olena",
        last_name="Kovalenko",
        birth_date=date(2014, 3, 10),
        sex=dm.Sex.FEMALE,
        country_of_birth="UA",
        nationality="UA",
        arrival_date=date(2026, 9, 1),
        assignment_date=date(2026, 9, 20),
        registered_on=date(2026, 10, 1),
        municipality_ags="05554016",
        address="Hauptstraße 3",
        first_language="uk",
        counsellor="abecker",
        guardians=[
            dm.Guardian("Iryna Kovalenko", "Mutter", "0151 1234567", "i.k@example.org", True)
        ],
        school_history=[dm.SchoolHistoryEntry("UA", "lower_secondary", 2020, 2026, "1–6", "")],
        languages=[dm.LanguageSkill("uk", "", True, True), dm.LanguageSkill("en", "A2")],
        consents=[
            dm.Consent("data_processing", True, date(2026, 10, 1), "Iryna Kovalenko"),
            dm.Consent("school_schulamt", True, date(2026, 10, 1), "Iryna Kovalenko"),
        ],
        interviews=[
            dm.Interview(
                date(2026, 10, 5),
                True,
                "uk",
                True,
                "Kyrillisch",
                "A1",
                "A2",
                "altersgemäß",
                "Schach, Malen",
                ["id", "meldebescheinigung"],
                True,
                "",
                "Brille",
                "Notiz",
            )
        ],
    )
    for key, value in over.items():
        setattr(case, key, value)
    return case


def test_round_trip_every_field(demo_db):
    case_id, changes = intake.save_case(full_case(), "abecker", TODAY)
    assert [c.field for c in changes] == ["angelegt"]
    back = cases.case_detail(case_id)
    expected = full_case()
    for name in (
        "first_name",
        "last_name",
        "birth_date",
        "sex",
        "country_of_birth",
        "nationality",
        "arrival_date",
        "assignment_date",
        "registered_on",
        "municipality_ags",
        "address",
        "first_language",
        "counsellor",
    ):
        assert getattr(back, name) == getattr(expected, name), name
    strip = lambda items: [{**{k: getattr(i, k) for k in i.__slots__}, "id": None} for i in items]  # noqa: E731
    for name in ("guardians", "school_history", "languages", "consents", "interviews"):
        assert strip(getattr(back, name)) == strip(getattr(expected, name)), name


def test_changes_are_kept_as_history(demo_db):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)
    case = cases.case_detail(case_id)
    case.address = "Marktplatz 1"
    case.guardians.append(dm.Guardian("Petro Kovalenko", "Vater"))
    case.interviews[0].health_notes = "Allergie"
    _, changes = intake.save_case(case, "laksoy", TODAY)
    fields = {c.field: c for c in changes}
    assert fields["address"].old == "Hauptstraße 3" and fields["address"].new == "Marktplatz 1"
    assert "guardians[2]" in fields
    interview = fields["interviews[1]"]
    assert "health_notes=(geändert)" in interview.new and "Allergie" not in interview.new
    history = intake.case_history(case_id)
    assert {h.user for h in history} == {"abecker", "laksoy"}
    assert history[-1].field == "angelegt"


def test_stale_version_is_refused(demo_db):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)
    first = cases.case_detail(case_id)
    second = cases.case_detail(case_id)
    first.address = "A"
    intake.save_case(first, "abecker", TODAY)
    second.address = "B"
    with pytest.raises(ServiceError, match="jemand anderem"):
        intake.save_case(second, "laksoy", TODAY)


def test_draft_saves_without_required_fields_but_not_impossible_data(demo_db):
    draft = dm.Case(first_name="", last_name="Haddad", birth_date=None)
    case_id, _ = intake.save_case(draft, "abecker", TODAY)
    assert cases.case_detail(case_id).last_name == "Haddad"
    with pytest.raises(ServiceError, match="Zukunft"):
        intake.save_case(full_case(birth_date=date(2027, 1, 1)), "abecker", TODAY)


@pytest.mark.parametrize(
    ("first", "last", "birth"),
    [
        ("Олена", "Коваленко", date(2014, 3, 10)),
        ("Olena", "Kowalenko", date(2014, 3, 25)),
        ("Olena", "Kovalenko", date(2014, 10, 3)),
        ("Kovalenko", "Olena", date(2014, 3, 10)),
    ],
)
def test_duplicates_found(demo_db, first, last, birth):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)
    found = intake.find_duplicates(first, last, birth)
    assert case_id in [row.id for row, _ in found]


def test_no_duplicate_for_a_sibling(demo_db):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)
    found = intake.find_duplicates("Sofiia", "Kovalenko", date(2014, 3, 10))
    assert case_id not in [row.id for row, _ in found]


def test_drafts(demo_db):
    intake.save_draft("new:1", "abecker", {"last_name": "Şahin"})
    intake.save_draft("new:1", "abecker", {"last_name": "Şahin", "first_name": "Ömer"})
    intake.save_draft("case:x", "laksoy", {"address": "A"})
    assert [k for k, _p, _t in intake.drafts("abecker")] == ["new:1"]
    assert intake.drafts("abecker")[0][1]["first_name"] == "Ömer"
    intake.discard_draft("new:1")
    assert intake.drafts("abecker") == []


def test_draft_payload_round_trip():
    case = full_case(id="abc", version=3)
    payload = intake.case_to_payload(case)
    assert json.loads(json.dumps(payload)) == payload
    assert intake.case_from_payload(payload) == case


def test_waiting_threshold_is_a_setting(open_db):
    from ki_desktop.store.connection import set_setting

    assert cases.waiting_threshold_days() == 28
    set_setting("waiting_threshold_days", "42")
    assert cases.waiting_threshold_days() == 42
    set_setting("waiting_threshold_days", "viele")
    assert cases.waiting_threshold_days() == 28


@pytest.mark.parametrize(
    ("reason", "note", "stored"),
    [
        ("moved_away", "", "moved_away"),
        ("other", "Rückkehr ins Herkunftsland", "other: Rückkehr ins Herkunftsland"),
    ],
)
def test_close_case(demo_db, reason, note, stored):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)
    intake.close_case(case_id, reason, note, "abecker")
    case = cases.case_detail(case_id)
    assert case.status == dm.CaseStatus.CLOSED and case.closed_reason == stored
    assert {h.field for h in intake.case_history(case_id)} >= {"status", "closed_reason"}


@pytest.mark.parametrize(
    ("reason", "note", "message"), [("bored", "", "Unbekannter Grund"), ("other", " ", "warum")]
)
def test_close_case_bad_input(demo_db, reason, note, message):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)
    with pytest.raises(ServiceError, match=message):
        intake.close_case(case_id, reason, note)


def test_follow_up_only_after_school_start(demo_db):
    case_id, _ = intake.save_case(full_case(), "abecker", TODAY)
    with pytest.raises(ServiceError, match="Schulbeginn"):
        intake.start_follow_up(case_id)
    case = cases.case_detail(case_id)
    case.status = dm.CaseStatus.SCHOOL_STARTED
    intake.save_case(case, "abecker", TODAY)
    intake.start_follow_up(case_id)
    assert cases.case_detail(case_id).status == dm.CaseStatus.FOLLOW_UP
