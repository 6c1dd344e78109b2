"""Own and team cases: a counsellor's list, count, search and single cases are those of their
team, cases without a counsellor and their own; the interpreter view shows its case's
parent-facing content only; the administration reads no case but counts them all."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.queries import CaseFilter, Page
from ki_desktop.domain.roles import Role
from ki_desktop.services import cases, gap_analysis, intake, placement, session, statistics
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.session import Session, narrowed_to_case
from ki_desktop.store import cases as case_repo
from ki_desktop.store.models import Case, User
from tests.services.role_world import (  # noqa: F401 (fixtures)
    NORTH,
    REFERENCE,
    SOUTH,
    TEAM,
    fresh_world,
    sessions,
    world_file,
)

ANNA = Session("abecker", "Anna Becker", frozenset({Role.COUNSELLOR}), TEAM)
LEYLA = Session("laksoy", "Leyla Aksoy", frozenset({Role.COUNSELLOR}), TEAM)
MIRIAM = Session("mschulte", "Miriam Schulte", frozenset({Role.COUNSELLOR}), "Süd")
ADMIN = Session("admin", "Administration", frozenset({Role.ADMIN}))
ALL = Page(limit=10_000)


def counted(usernames: tuple[str, ...]) -> set[str]:
    """The ids of the cases of these counsellors and of those without one, counted directly."""
    ids = [u.id for u in User.select(User.id).where(User.username.in_(usernames))]
    query = Case.select(Case.id).where(Case.counsellor.is_null() | Case.counsellor.in_(ids))
    return {c.id for c in query}


def listed(who: Session, flt: CaseFilter = CaseFilter()) -> set[str]:
    session.begin(who)
    return {row.id for row in cases.case_page(flt, ALL)}


def test_each_team_lists_and_counts_its_own_cases_and_those_without_counsellor(fresh_world):  # noqa: F811
    north, south = counted(NORTH), counted(SOUTH)
    free = {c.id for c in Case.select(Case.id).where(Case.counsellor.is_null())}
    assert free and north - free and south - free
    assert listed(ANNA) == north and cases.case_count() == len(north)
    assert listed(MIRIAM) == south and cases.case_count() == len(south)
    assert len(north) + len(south) == Case.select().count() + len(free)
    session.begin(ANNA)
    assert cases.case_count(CaseFilter(status="registered")) == len(
        north & {c.id for c in Case.select(Case.id).where(Case.status == "registered")}
    )
    names = {row.counsellor for row in cases.case_page(CaseFilter(), ALL)}
    assert names <= {"Anna Becker", "Jonas Hoffmann", "Leyla Aksoy", ""}


def test_single_cases_of_the_other_team_are_refused(fresh_world):  # noqa: F811
    session.begin(ANNA)
    assert cases.case_detail(fresh_world.team_case).id == fresh_world.team_case
    assert cases.case_detail(fresh_world.free_case).id == fresh_world.free_case
    with pytest.raises(PermissionDenied, match="anderen Team"):
        cases.case_detail(fresh_world.other_case)
    session.begin(MIRIAM)
    assert cases.case_detail(fresh_world.other_case).id == fresh_world.other_case
    with pytest.raises(PermissionDenied, match="anderen Team"):
        cases.case_detail(fresh_world.own_case)
    assert case_repo.get_case(fresh_world.other_case, None) is not None  # it is there


def test_name_search_and_duplicates_stay_within_the_team(fresh_world):  # noqa: F811
    other = case_repo.get_case(fresh_world.other_case)
    by_name = CaseFilter(text=f"{other.first_name} {other.last_name}")
    assert other.id in listed(MIRIAM, by_name)
    assert other.id not in listed(ANNA, by_name)
    found = intake.find_duplicates(other.first_name, other.last_name, other.birth_date)
    assert other.id not in {row.id for row, _match in found}
    session.begin(MIRIAM)
    found = intake.find_duplicates(other.first_name, other.last_name, other.birth_date)
    assert other.id in {row.id for row, _match in found}
    found = intake.find_duplicates(other.first_name, other.last_name, None)
    assert other.id in {row.id for row, _match in found}


def test_a_new_case_belongs_to_the_counsellor_who_creates_it(fresh_world):  # noqa: F811
    session.begin(LEYLA)
    case_id, _changes = intake.save_case(
        dm.Case(first_name="Mila", last_name="Neuanlage", birth_date=date(2015, 2, 3))
    )
    assert case_repo.get_case(case_id).counsellor == "laksoy"
    assert case_id in listed(ANNA)  # the team sees it
    assert case_id not in listed(MIRIAM)
    session.begin(LEYLA)
    chosen, _changes = intake.save_case(
        dm.Case(first_name="Timo", last_name="Zugeteilt", birth_date=None, counsellor="abecker")
    )
    assert case_repo.get_case(chosen).counsellor == "abecker"  # a chosen one stays


def test_a_case_handed_to_the_other_team_leaves_the_list(fresh_world):  # noqa: F811
    session.begin(ANNA)
    case = cases.case_detail(fresh_world.own_case)
    intake.save_case(replace(case, counsellor="mschulte"))
    assert fresh_world.own_case not in listed(ANNA)
    with pytest.raises(PermissionDenied, match="anderen Team"):
        cases.case_detail(fresh_world.own_case)
    assert fresh_world.own_case in listed(MIRIAM)


def test_own_cases_stay_visible_when_the_session_names_another_team(fresh_world):  # noqa: F811
    moved = replace(ANNA, team="Süd")  # the team changed while Anna was logged in
    assert fresh_world.own_case in listed(moved)
    assert fresh_world.other_case in listed(moved)
    assert fresh_world.team_case not in listed(moved)


def test_one_team_sees_every_case(fresh_world):  # noqa: F811
    User.update(team="").execute()  # as before anyone was given a team
    assert listed(replace(ANNA, team="")) == {c.id for c in Case.select(Case.id)}


def test_the_interpreter_view_shows_the_recommended_school_of_its_case_only(fresh_world):  # noqa: F811
    session.begin(ANNA)
    placement.accept_recommendation(fresh_world.own_case, fresh_world.placement, today=REFERENCE)
    session.begin(narrowed_to_case(ANNA, fresh_world.own_case))
    rec, _school = placement.latest_recommendation(fresh_world.own_case)
    assert rec.stage == fresh_world.placement.stage
    for refused in (
        lambda: cases.case_detail(fresh_world.own_case),
        lambda: cases.case_count(),
        lambda: intake.case_history(fresh_world.own_case),
        lambda: placement.latest_recommendation(fresh_world.team_case),
    ):
        with pytest.raises(PermissionDenied):
            refused()
    session.begin(sessions(fresh_world)["interpreter"])  # the role without the view
    with pytest.raises(PermissionDenied, match="Dolmetschansicht"):
        placement.latest_recommendation(fresh_world.own_case)


def test_the_administration_reads_no_case_but_counts_every_team(fresh_world):  # noqa: F811
    session.begin(ADMIN)
    with pytest.raises(PermissionDenied, match="Fälle ansehen"):
        cases.case_page()
    with pytest.raises(PermissionDenied, match="Fälle bearbeiten"):
        intake.save_case(dm.Case(first_name="A", last_name="B", birth_date=None))
    report = statistics.build_report("quarterly", 2026, 3)
    analysis = gap_analysis.gap_analysis(REFERENCE)
    session.begin(sessions(fresh_world)["statistics"])
    assert statistics.build_report("quarterly", 2026, 3).tables == report.tables
    assert gap_analysis.gap_analysis(REFERENCE) == analysis
