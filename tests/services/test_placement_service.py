"""Placement use cases on a real database: recommend for a case, accept, override, assign."""

from datetime import date

import pytest

from ki_desktop.domain.model import CaseStatus
from ki_desktop.domain.queries import CaseFilter, Page
from ki_desktop.services import cases, placement
from ki_desktop.services.database import ServiceError
from ki_desktop.store.models import Case

TODAY = date(2026, 11, 22)


@pytest.fixture
def case_id(demo_db):
    rows = cases.case_page(CaseFilter(status="interviewed"), Page(limit=50))
    for row in rows:
        case = cases.case_detail(row.id)
        if case.age_on(TODAY) and 7 <= case.age_on(TODAY) <= 14:
            return row.id
    pytest.skip("no interviewed pupil in the demo data")


def test_recommend_for_case_uses_the_case_file(case_id):
    case = cases.case_detail(case_id)
    result = placement.recommend_for_case(case_id, TODAY)
    assert result.stage in ("primary", "secondary_1")
    assert result.grade is not None and result.reasons
    assert result.schools, "the demo has the schools of both Kreise"
    assert all(s["schulform"] in result.school_forms for s in result.schools)
    inp = placement.placement_input_for_case(case, TODAY)
    assert inp.birth_date == case.birth_date and inp.municipality == case.municipality_ags


def test_accept_unchanged_moves_status(case_id):
    result = placement.recommend_for_case(case_id, TODAY)
    placement.accept_recommendation(case_id, result, user="abecker", today=TODAY)
    rec, school = placement.latest_recommendation(case_id)
    assert (rec.stage, rec.grade, rec.school_forms) == (
        result.stage,
        result.grade,
        result.school_forms,
    )
    assert rec.reasons == result.reasons and school == ""
    assert Case.get_by_id(case_id).status == CaseStatus.RECOMMENDED.value


def test_override_needs_a_reason_and_is_kept(case_id):
    result = placement.recommend_for_case(case_id, TODAY)
    with pytest.raises(ServiceError, match="Begründung"):
        placement.accept_recommendation(case_id, result, {"grade": (result.grade - 1, "  ")})
    with pytest.raises(ServiceError, match="kann nicht geändert"):
        placement.accept_recommendation(case_id, result, {"rules_version": ("x", "weil")})
    nr = result.schools[0]["schulnummer"]
    placement.accept_recommendation(
        case_id,
        result,
        {
            "grade": (result.grade - 1, "Zeugnis zeigt Lücken in Mathematik"),
            "school": (nr, "Geschwister dort"),
        },
        user="abecker",
        today=TODAY,
    )
    rec, school = placement.latest_recommendation(case_id)
    assert rec.grade == result.grade - 1 and school == nr
    assert any(
        "Abweichung (abecker): Jahrgangsstufe" in r and "Lücken in Mathematik" in r
        for r in rec.reasons
    )


def test_assignment_and_school_start(case_id):
    result = placement.recommend_for_case(case_id, TODAY)
    nr = result.schools[0]["schulnummer"]
    with pytest.raises(ServiceError, match="zuerst die Zuweisung"):
        placement.record_school_start(case_id, TODAY)
    placement.record_assignment(case_id, nr, date(2026, 11, 25))
    assert Case.get_by_id(case_id).status == CaseStatus.ASSIGNED.value
    with pytest.raises(ServiceError, match="vor der Zuweisung"):
        placement.record_school_start(case_id, date(2026, 11, 24))
    placement.record_school_start(case_id, date(2026, 12, 1))
    row = Case.get_by_id(case_id)
    assert row.status == CaseStatus.SCHOOL_STARTED.value and row.school_start_on == date(
        2026, 12, 1
    )
    with pytest.raises(ServiceError, match="nicht bekannt"):
        placement.record_assignment(case_id, "999999", TODAY)


@pytest.mark.parametrize(
    ("places", "free", "message"), [(10, 11, "mehr Plätze"), (-1, 0, "negativ")]
)
def test_school_ki_data_validated(demo_db, places, free, message):
    with pytest.raises(ServiceError, match=message):
        placement.update_school_ki_data("198171", places, free)


def test_school_ki_data_saved(demo_db):
    placement.update_school_ki_data("198171", 15, 4, "Frau Terhorst", "DFG montags")
    school = next(
        s
        for s in placement.candidate_schools(["15"], "05554016")
        if s.school.schulnummer == "198171"
    )
    assert (school.school.erstfoerderung_places, school.school.erstfoerderung_free) == (15, 4)
    assert school.school.contact_person == "Frau Terhorst"
