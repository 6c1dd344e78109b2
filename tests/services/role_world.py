"""The world the role tests run in: a real demo database of the selected backend (120 cases,
seed 7, as the ``demo_db`` fixture) with two teams of counsellors, one case of each kind of ownership, referrals, an
accepted recommendation, a sync file and the merge states it leaves; and the sessions of every
role.

Teams: "Nord" is abecker (the counsellor of the tests), jhoffmann and laksoy; "Süd" is
mschulte, twolters and sarslan. The administrator "admin" has no team ("").
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ki_desktop.domain.placement import Placement
from ki_desktop.domain.roles import Role
from ki_desktop.paths import resources_dir
from ki_desktop.services import database, session
from ki_desktop.services.session import Session, narrowed_to_case
from ki_desktop.store import referrals
from ki_desktop.store.models import Case, Offer, User
from tests import backend

REFERENCE = date(2026, 11, 1)
TEAM = "Nord"
NORTH = ("abecker", "jhoffmann", "laksoy")
SOUTH = ("mschulte", "twolters", "sarslan")
PASSPHRASE = "Nordlicht über Borken 2026"
SCHOOL_EXTRACT = resources_dir() / "seed" / "schulen-borken-warendorf.csv"
EVERYONE = frozenset(Role)


@dataclass(frozen=True)
class World:
    own_case: str  # abecker's: the counsellor of the tests
    team_case: str  # jhoffmann's: same team
    other_case: str  # mschulte's: the other team
    free_case: str  # no counsellor (e.g. from a sync file with an unknown user)
    offer_id: str
    spare_offer_id: str  # one the table may delete
    referral: dict[str, str]  # case id → a referral of that case
    placement: Placement  # the rules' recommendation of the own case
    schulnummer: str
    sync_file: Path
    case_json: Path
    offers_csv: Path

    @property
    def cases(self) -> dict[str, str]:
        return {
            "own": self.own_case,
            "team": self.team_case,
            "other": self.other_case,
            "free": self.free_case,
        }


def sessions_of_north() -> dict[str, Session]:
    """The sessions the table knows, but for the interpreter view (which needs a case)."""
    return {
        "counsellor": Session("abecker", "Anna Becker", frozenset({Role.COUNSELLOR}), TEAM),
        "admin": Session("admin", "Administration", frozenset({Role.ADMIN})),
        "statistics": Session("statistik", "Statistikstelle", frozenset({Role.STATISTICS})),
        "interpreter": Session("dolmetsch", "Dolmetscherin", frozenset({Role.INTERPRETER})),
        "admin+counsellor": Session(
            "jhoffmann", "Jonas Hoffmann", frozenset({Role.ADMIN, Role.COUNSELLOR}), TEAM
        ),
    }


def sessions(world: World) -> dict[str, Session]:
    """Every kind of session the table knows, by name."""
    known = sessions_of_north()
    return {**known, "interpreter view": narrowed_to_case(known["counsellor"], world.own_case)}


def _case_of(username: str | None) -> str:
    query = Case.select(Case.id).order_by(Case.registered_on, Case.id)
    if username is None:
        return query.where(Case.counsellor.is_null()).first().id
    user = User.get(User.username == username)
    return query.where(Case.counsellor == user.id).first().id


def _build(folder: Path) -> dict:
    """Fill the database (as the set-up user with every role) and name its parts."""
    from ki_desktop.services import placement, sync
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=120, seed=7, reference=REFERENCE)
    for team, names in ((TEAM, NORTH), ("Süd", SOUTH)):
        User.update(team=team).where(User.username.in_(names)).execute()
    free = _case_of("laksoy")
    Case.update(counsellor=None).where(Case.id == free).execute()
    cases = [_case_of("abecker"), _case_of("jhoffmann"), _case_of("mschulte"), free]
    offers = [o.id for o in Offer.select(Offer.id).order_by(Offer.title).limit(2)]
    referral = {
        case_id: referrals.add_referral(case_id, offers[0], REFERENCE, "", "setup")
        for case_id in cases
    }
    session.begin(sessions_of_north()["counsellor"])
    recommended = placement.recommend_for_case(cases[0], REFERENCE)
    session.begin(Session("system", "Einrichtung", EVERYONE))
    sync.set_team("KI Borken")
    sync_file = folder / "aus-nord.kisync"
    sync.export_changes(sync_file, PASSPHRASE, full=True)  # also leaves every merge state
    case_json = folder / "fall.json"
    case_json.write_text(json.dumps({"birth_date": "2014-03-10", "german_level": "A1"}))
    offers_csv = folder / "angebote.csv"
    from ki_desktop.services.offers import export_csv

    export_csv(offers_csv)
    return {
        "own_case": cases[0],
        "team_case": cases[1],
        "other_case": cases[2],
        "free_case": free,
        "offer_id": offers[0],
        "spare_offer_id": offers[1],
        "referral": referral,
        "placement": recommended,
        "schulnummer": recommended.schools[0]["schulnummer"],
        "sync_file": sync_file,
        "case_json": case_json,
        "offers_csv": offers_csv,
    }


_copies = itertools.count(1)
# Counts every row written on a server database (the triggers call it), as SQLite's
# ``total_changes`` counts them on a file; a sequence is not rolled back, like that count.
WRITE_COUNTER_SQL = (
    "CREATE SEQUENCE test_writes",
    "SELECT nextval('test_writes')",
    """CREATE FUNCTION test_count_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM nextval('test_writes'); RETURN NULL; END $$""",
    """DO $$ DECLARE t record; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
        EXECUTE format('CREATE TRIGGER test_count_write AFTER INSERT OR UPDATE OR DELETE '
                       'ON %I FOR EACH ROW EXECUTE FUNCTION test_count_write()', t.tablename);
    END LOOP; END $$""",
)


def _server_database(template: str | None = None) -> str:
    """A database on the test server that lives as long as the caller wants (the tests'
    own ones are dropped after each test): empty, or a copy of ``template``."""
    name = f"ki_roles_{os.getpid()}_{next(_copies)}"
    copy = f" TEMPLATE {urlsplit(template).path.lstrip('/')}" if template else ""
    backend.run(backend.server_url("postgres"), f"CREATE DATABASE {name}{copy}")
    return backend.server_url(name)


def _drop_server_database(location: str) -> None:
    name = urlsplit(location).path.lstrip("/")
    backend.run(backend.server_url("postgres"), f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def world_file(tmp_path_factory) -> Iterator[tuple[str, World]]:
    """The filled database, made once per test module (then copied where needed): a file, or
    a server database (with a count of the rows written, see :data:`WRITE_COUNTER_SQL`)."""
    folder = tmp_path_factory.mktemp("roles")
    location = _server_database() if backend.on_server() else str(folder / "ki.sqlite")
    database.open_app_database(location)
    session.begin(Session("system", "Einrichtung", EVERYONE))  # before the per-test login
    try:
        parts = _build(folder)
    finally:
        session.end()
        database.close_app_database()
    if backend.on_server():
        for sql in WRITE_COUNTER_SQL:
            backend.run(location, sql)
        counted = "SELECT last_value FROM test_writes"
        before = backend.run(location, counted)[0][0]
        backend.run(location, "UPDATE setting SET value = value WHERE key = 'device_id'")
        assert backend.run(location, counted)[0][0] == before + 1, "the write counter counts"
    yield location, World(**parts)
    database.close_app_database()
    if backend.on_server():
        _drop_server_database(location)


@pytest.fixture
def world(world_file):
    """The database open for the test; the same database for a whole module: the table's
    calls may change it, which changes what they answer but never whether they are allowed.
    (On a server the tests' fixtures close it after each test; it is opened again here.)"""
    location, built = world_file
    if not database.is_open(location):
        database.open_app_database(location)
    return built


@pytest.fixture
def fresh_world(world_file, tmp_path):
    """A copy of the database of its own, for tests that look at what changed."""
    location, built = world_file
    if backend.on_server():
        database.close_app_database()  # a database is copied only while nobody is connected
        copy = _server_database(template=location)
    else:
        copy = str(tmp_path / "ki.sqlite")
        shutil.copy(location, copy)
    database.open_app_database(copy)
    yield built
    database.close_app_database()
    if backend.on_server():
        _drop_server_database(copy)
