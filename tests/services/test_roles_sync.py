"""Sync by role: exporting and importing are a transport (counts only, for counsellors and the
administration); conflicts in case data show the case's values, so only an administrator who
is also a counsellor of the case's team lists and settles them; the team name is named once with
the first export and changed by the administration only."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import database, session, sync, sync_conflicts
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.schools import import_school_list
from ki_desktop.services.session import Session
from ki_desktop.store import users
from ki_desktop.store.models import Case, Offer, User
from tests.services.role_world import NORTH, SCHOOL_EXTRACT, SOUTH, TEAM

SECRET = "Passphrase des Teams Borken"
SETUP = Session("system", "Einrichtung", frozenset(Role))
ANNA = Session("abecker", "Anna Becker", frozenset({Role.COUNSELLOR}), TEAM)
ADMIN = Session("admin", "Administration", frozenset({Role.ADMIN}))
JONAS = Session("jhoffmann", "Jonas Hoffmann", frozenset({Role.ADMIN, Role.COUNSELLOR}), TEAM)
SEVGI = Session("sarslan", "Sevgi Arslan", frozenset({Role.ADMIN, Role.COUNSELLOR}), "Süd")
STATISTICS = Session("statistik", "Statistikstelle", frozenset({Role.STATISTICS}))


def _teams() -> None:
    users.ensure_users([(name, name, "counsellor") for name in NORTH + SOUTH])
    User.update(team=TEAM).where(User.username.in_(NORTH)).execute()
    User.update(team="Süd").where(User.username.in_(SOUTH)).execute()


def _case_of(team: tuple[str, ...]) -> str:
    ids = [u.id for u in User.select(User.id).where(User.username.in_(team))]
    return Case.select(Case.id).where(Case.counsellor.in_(ids)).order_by(Case.id).first().id


def _edit(north: str, south: str, offer: str, word: str) -> None:
    """Edits as the application makes them (saved rows, so that the next capture sees them)."""
    for row, name, value in (
        (Case.get_by_id(north), "first_name", f"Nord-{word}"),
        (Case.get_by_id(south), "first_name", f"Süd-{word}"),
        (Offer.get_by_id(offer), "title", f"Angebot {word}"),
    ):
        setattr(row, name, value)
        row.save()


@pytest.fixture
def laptop_b(tmp_path, new_location):
    """Laptop b (the server on the PostgreSQL run) with conflicts in a case of each team and in
    an offer, read from laptop a."""
    a, b = str(tmp_path / "a.sqlite"), new_location("b")
    session.begin(SETUP)
    database.open_app_database(a)
    load_demo_data(size=24, seed=2, reference=date(2026, 11, 1))
    _teams()
    north, south = _case_of(NORTH), _case_of(SOUTH)
    offer = Offer.select(Offer.id).order_by(Offer.id).first().id
    sync.export_changes(tmp_path / "a1.kisync", SECRET, full=True)
    database.close_app_database()
    database.open_app_database(b)
    _teams()
    import_school_list(SCHOOL_EXTRACT)
    sync.import_file(tmp_path / "a1.kisync", SECRET)
    _edit(north, south, offer, "b")
    sync.export_changes(tmp_path / "b1.kisync", SECRET)  # b's edits are taken in
    database.close_app_database()
    database.open_app_database(a)
    _edit(north, south, offer, "a")
    sync.export_changes(tmp_path / "a2.kisync", SECRET)
    database.close_app_database()
    database.open_app_database(b)
    sync.import_file(tmp_path / "a2.kisync", SECRET)
    yield north, south, offer
    database.close_app_database()


def _open(who: Session) -> set[tuple[str, str]]:
    session.begin(who)
    return {(c.table, c.key) for c in sync_conflicts.open_conflicts()}


def test_conflicts_in_case_data_only_for_administrators_who_counsel_the_team(laptop_b):
    north, south, offer = laptop_b
    session.begin(ANNA)
    assert sync_conflicts.conflict_count() == 3  # the status bar tells every counsellor
    with pytest.raises(PermissionDenied, match="Sync-Dateien zusammenführen"):
        sync_conflicts.open_conflicts()
    assert _open(ADMIN) == {("offer", offer)}
    assert sync_conflicts.hidden_conflicts() == 2
    with pytest.raises(PermissionDenied, match="Beratung"):
        sync_conflicts.settle("case", north, {"first_name": "Nord-a"})
    assert _open(JONAS) == {("offer", offer), ("case", north)}
    assert sync_conflicts.hidden_conflicts() == 1
    with pytest.raises(PermissionDenied, match="anderen Team"):
        sync_conflicts.settle("case", south, {"first_name": "Süd-a"})
    with pytest.raises(PermissionDenied, match="anderen Team"):
        sync_conflicts.restore("case", south)
    sync_conflicts.settle("case", north, {"first_name": "Nord-a"})
    assert Case.get_by_id(north).first_name == "Nord-a"
    assert _open(SEVGI) == {("offer", offer), ("case", south)}
    sync_conflicts.settle("case", south, {"first_name": "Süd-b"})
    session.begin(ADMIN)
    sync_conflicts.settle("offer", offer, {"title": "Angebot a"})
    assert sync_conflicts.conflict_count() == 0 and sync_conflicts.hidden_conflicts() == 0
    session.begin(STATISTICS)
    with pytest.raises(PermissionDenied):
        sync_conflicts.conflict_count()


def test_an_import_preview_tells_counts_only(tmp_path, laptop_b):
    session.begin(ADMIN)
    report = sync.import_file(tmp_path / "a2.kisync", SECRET, preview=True)
    assert [f.name for f in fields(report)] == [
        "source_device",
        "created_at",
        "counts",
        "applied",
    ]
    assert all(isinstance(getattr(report.counts, f.name), int) for f in fields(report.counts))
    assert not report.applied


def test_the_team_is_named_with_the_first_export_and_changed_by_the_administration(
    tmp_path, open_db
):
    session.begin(ANNA)
    sync.set_team("KI Borken")  # the first export names it
    assert sync.team() == "KI Borken"
    with pytest.raises(PermissionDenied, match="Sync-Dateien zusammenführen"):
        sync.set_team("KI Warendorf")
    session.begin(ADMIN)
    sync.set_team("KI Warendorf")
    assert sync.team() == "KI Warendorf"
