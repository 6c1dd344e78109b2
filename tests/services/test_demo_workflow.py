"""The demo data's workflow: recommendations from the rules engine, assignments to schools of a
recommended form near the child, school starts, closings and referrals to fitting offers."""

from collections import Counter
from datetime import date

import pytest

from ki_desktop.domain.candidates import centre, distance_km
from ki_desktop.domain.model import CaseStatus
from ki_desktop.domain.placement import recommend_placement
from ki_desktop.domain.roles import Role
from ki_desktop.domain.statistics import SUPPRESSED
from ki_desktop.domain.statistics_rules import NO_SCHOOL_PLACE_NEEDED, quarter
from ki_desktop.services import cases, database, offers, placement, schools, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.statistics import build_report
from ki_desktop.store.models import Case, Recommendation, Referral
from tests.store.catalogue import Catalogue

REF = date(2026, 11, 1)
SIZE = 1500
Status = CaseStatus


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """1,500 demo cases (seed 5) and, per case id, its stored steps; made once."""
    made: dict[str, object] = {}

    def fill() -> None:
        # set up before the per-test login of tests/conftest.py: the school import needs a user
        session.begin(session.Session("test", "Test", frozenset(Role)))
        try:
            load_demo_data(size=SIZE, seed=5, reference=REF)
        finally:
            session.end()
        recs = {}
        for r in Recommendation.select().order_by(Recommendation.created_on):
            recs[r.case_id] = r  # the latest
        refs: dict[str, list] = {}
        for r in Referral.select():
            refs.setdefault(r.case_id, []).append(r)
        made["steps"] = (list(Case.select()), recs, refs)

    catalogue = Catalogue(tmp_path_factory.mktemp("demo"), fill)
    yield catalogue.location, made["steps"]
    catalogue.drop()


@pytest.fixture
def demo(demo_file):
    """The demo database open for one test (the tests only read it)."""
    location, steps = demo_file
    database.open_app_database(location)
    yield steps
    database.close_app_database()


def _first_interview(case_id: str) -> date | None:
    detail = cases.case_detail(case_id)
    return min((i.held_on for i in detail.interviews), default=None)


def test_most_counselled_cases_have_the_engines_recommendation(demo):
    rows, recs, _refs = demo
    counselled = [c for c in rows if c.status != Status.REGISTERED.value]
    assert len(recs) > 0.8 * len(counselled)
    sample = sorted(recs)[::25]
    assert len(sample) >= 40
    for case_id in sample:
        stored = placement.latest_recommendation(case_id)[0]
        case = cases.case_detail(case_id)
        expected = recommend_placement(placement.placement_input_for_case(case, stored.created_on))
        assert (
            stored.stage,
            stored.grade,
            stored.school_forms,
            stored.support,
            stored.reasons,
            stored.rules_version,
        ) == (
            expected.stage,
            expected.grade,
            expected.school_forms,
            expected.support,
            expected.reasons,
            expected.rules_version,
        )
    stages = Counter(r.stage for r in recs.values())
    assert {"primary", "secondary_1", "vocational_college", "pre_school"} <= set(stages)


def test_assignments_go_to_a_recommended_form_near_the_child(demo):
    rows, recs, _refs = demo
    every = schools.schools()
    assigned = [c for c in rows if c.assigned_school_id]
    assert len(assigned) > 0.5 * len(rows)
    forms = Counter()
    for row in assigned:
        rec, school = recs[row.id], row.assigned_school
        assert school.schulform in rec.school_forms.split(",")
        assert rec.stage not in NO_SCHOOL_PLACE_NEEDED
        home = centre(s for s in every if s.ags == row.municipality.ags)
        km = distance_km(next(s for s in every if s.schulnummer == school.schulnummer), home)
        assert km is None or km < 25, (school.name, row.municipality.name, km)
        forms[school.schulform] += 1
    assert forms["02"] and forms["15"] and forms["30"] and forms["20"]
    proposed = [r for r in recs.values() if r.school_id]
    assert len(proposed) > len(recs) / 2
    assert all(r.school.schulform in r.school_forms.split(",") for r in proposed)


def test_dates_in_order_and_waiting_times_plausible(demo):
    rows, recs, refs = demo
    counselling, to_assign, to_start = [], [], []
    for row in rows:
        first = _first_interview(row.id) if row.status != Status.REGISTERED.value else None
        rec = recs.get(row.id)
        chain = [row.registered_on, first, rec and rec.created_on, row.assigned_on]
        chain += [row.school_start_on, REF]
        known = [d for d in chain if d is not None]
        assert known == sorted(known), (row.id, chain)
        assert row.status_changed_on and row.registered_on <= row.status_changed_on <= REF
        for r in refs.get(row.id, []):
            assert first is not None and first <= r.referred_on <= REF
            assert row.status != Status.CLOSED.value or r.referred_on <= row.status_changed_on
        if first:
            counselling.append((first - row.registered_on).days)
        if row.assigned_on:
            to_assign.append((row.assigned_on - rec.created_on).days)
        if row.school_start_on:
            to_start.append((row.school_start_on - row.assigned_on).days)
    assert min(counselling) >= 3 and max(counselling) <= 30
    assert min(to_assign) >= 5 and max(to_assign) <= 130
    assert 5 <= sorted(to_assign)[len(to_assign) // 2] <= 40
    assert min(to_start) >= 3 and max(to_start) <= 30
    waiting_long = [
        c
        for c in rows
        if c.status in ("recommended", "interviewed") and (REF - c.registered_on).days > 28
    ]
    assert waiting_long, "the case list should show some children waiting too long"


def test_status_matches_the_steps(demo):
    rows, recs, _refs = demo
    seen = Counter()
    for row in rows:
        status = Status(row.status)
        seen[status] += 1
        if status is Status.REGISTERED:
            assert not cases.case_detail(row.id).interviews
            assert row.status_changed_on == row.registered_on
        if status in (Status.REGISTERED, Status.INTERVIEWED):
            assert row.id not in recs
        if status is Status.RECOMMENDED:
            assert row.id in recs and row.assigned_on is None
        if status is Status.ASSIGNED:
            assert row.assigned_on and row.school_start_on is None
        if status in (Status.SCHOOL_STARTED, Status.FOLLOW_UP):
            assert row.assigned_on and row.school_start_on
        if status is Status.CLOSED:
            assert row.closed_reason.split(":")[0] in ("moved_away", "not_schulpflichtig", "other")
        else:
            assert row.closed_reason == ""
    assert set(seen) == set(Status), seen
    assert seen[Status.FOLLOW_UP] > seen[Status.CLOSED] > seen[Status.ASSIGNED]


def test_referrals_fit_the_child(demo):
    rows, _recs, refs = demo
    by_id = {o.id: o for o in offers.offers()}
    assert 0.25 * len(rows) < len(refs) < 0.6 * len(rows)
    for row in rows:
        if row.id not in refs:
            continue
        case = cases.case_detail(row.id)
        german = case.interviews[-1].german_level
        for ref in refs[row.id]:
            offer = by_id[ref.offer_id]
            age = case.age_on(ref.referred_on)
            assert offer.municipality_ags == case.municipality_ags
            assert offer.age_min is None or offer.age_min <= age
            assert offer.age_max is None or age <= offer.age_max
            assert case.first_language in offer.languages or (
                "de" in offer.languages and german in ("A2", "B1", "B2", "C1")
            )
            assert offer.valid_from is None or offer.valid_from <= ref.referred_on
            assert offer.valid_to is None or ref.referred_on <= offer.valid_to
        assert len({r.offer_id for r in refs[row.id]}) == len(refs[row.id])
    categories = Counter(by_id[r.offer_id].category for rs in refs.values() for r in rs)
    assert len(categories) >= 6


def test_every_quarter_of_2025_and_2026_has_each_step(demo):
    rows, recs, refs = demo
    for year, q in [(2025, n) for n in range(1, 5)] + [(2026, n) for n in range(1, 4)]:
        period = quarter(year, q)

        def within(day, p=period):
            return day is not None and p.start <= day <= p.end

        assert sum(within(c.registered_on) for c in rows) > 100
        assert sum(within(r.created_on) for r in recs.values()) > 50
        assert sum(within(c.assigned_on) for c in rows) > 50
        assert sum(within(c.school_start_on) for c in rows) > 50
        assert sum(within(r.referred_on) for rs in refs.values() for r in rs) > 20


def test_the_quarterly_report_has_figures_in_every_table(demo):
    report = build_report("quarterly", 2026, 3, today=REF)
    for table in report.tables:
        numbers = [c for row in table.rows for c in row[1:] if isinstance(c, int)]
        assert sum(numbers) > 0, table.key
        assert sum(c == SUPPRESSED for row in table.rows for c in row) < len(table.rows), table.key
    overview = {row[0]: row[1] for row in report.tables[0].rows}
    assert all(isinstance(v, int) and v >= 3 for v in overview.values()), overview


def test_the_whole_load_is_deterministic(new_location):
    def signature(path):
        database.open_app_database(path)
        try:
            load_demo_data(size=200, seed=11, reference=REF)
            rows = sorted(
                (
                    c.first_name,
                    c.last_name,
                    c.birth_date,
                    c.status,
                    c.status_changed_on,
                    c.assigned_on,
                    c.school_start_on,
                    c.assigned_school.schulnummer if c.assigned_school_id else "",
                    c.closed_reason,
                    tuple(sorted((r.created_on, r.stage, r.reasons) for r in c.recommendations)),
                    tuple(sorted((r.referred_on, r.offer.title) for r in c.referrals)),
                )
                for c in Case.select()
            )
        finally:
            database.close_app_database()
        return rows

    first = signature(new_location("a"))
    assert first == signature(new_location("b"))
    assert max(c[4] for c in first) <= REF
