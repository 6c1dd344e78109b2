"""Gap analysis service on the demo database."""

from datetime import date

import pytest

from ki_desktop.domain.gap_analysis import age_group, age_on, rows_of
from ki_desktop.services import reports
from ki_desktop.services.database import ServiceError
from ki_desktop.services.gap_analysis import export_gap_analysis, gap_analysis
from ki_desktop.store.models import Case, IntakeInterview, Offer

DAY = date(2026, 11, 1)


def test_demand_comes_from_the_open_cases(demo_db):
    result = gap_analysis(DAY)
    open_cases = Case.select().where(Case.status != "closed")
    assert Case.select().where(Case.status == "closed").count() > 0
    assert result.open_cases == open_cases.count()

    expected: dict[str, int] = {}
    for case in open_cases:
        group = age_group(age_on(case.birth_date, DAY))
        if group:
            expected[group] = expected.get(group, 0) + 1
    ages = {r.key: r.children for r in rows_of(result, "age_group")}
    assert {k: v for k, v in ages.items() if v} == expected

    municipalities = {r.label: r.children for r in rows_of(result, "municipality")}
    assert (
        sum(municipalities.values()) == open_cases.where(Case.municipality.is_null(False)).count()
    )
    assert "Bocholt" in municipalities


def test_offers_are_those_valid_on_the_reference_date(demo_db):
    valid = (
        Offer.select()
        .where(
            (Offer.valid_from.is_null() | (Offer.valid_from <= DAY))
            & (Offer.valid_to.is_null() | (Offer.valid_to >= DAY))
        )
        .count()
    )
    result = gap_analysis(DAY)
    assert result.valid_offers == valid
    # every age group is covered by the Kreis-wide or local offers of the demo catalogue
    assert all(r.matching_offers > 0 for r in rows_of(result, "age_group"))


def test_alphabetisation_need_from_the_latest_interview(demo_db):
    result = gap_analysis(DAY)
    latest: dict[str, tuple] = {}
    for interview in (
        IntakeInterview.select()
        .join(Case)
        .where(Case.status != "closed")
        .order_by(IntakeInterview.held_on, IntakeInterview.created_at)
    ):
        latest[interview.case_id] = interview.latin_literate
    needing = sum(1 for value in latest.values() if value is False)
    (row,) = rows_of(result, "need") or [None]
    assert row is not None and row.children == needing
    assert row.matching_offers >= 1  # "Integrationskurs mit Alphabetisierung"


def test_closing_a_case_removes_its_demand(demo_db):
    before = gap_analysis(DAY).open_cases
    case = Case.select().where(Case.status != "closed").first()
    Case.update(status="closed").where(Case.id == case.id).execute()
    assert gap_analysis(DAY).open_cases == before - 1


def test_export_is_audited_and_checks_the_format(demo_db, tmp_path):
    path = export_gap_analysis(tmp_path / "gap.xlsx", on=DAY)
    assert path.stat().st_size > 0
    last = {r.kind.key: r.last_created for r in reports.available_reports()}
    assert last["gap_analysis"] is not None
    with pytest.raises(ServiceError):
        export_gap_analysis(tmp_path / "gap.docx", on=DAY)
