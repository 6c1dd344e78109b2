"""Shared fixtures. Tests run headless: Qt uses the offscreen platform."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ki_desktop.paths import resources_dir  # noqa: E402
from ki_desktop.services import database  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OFFICIAL_SCHOOL_LIST = REPO.parent / "shared" / "data" / "nrw-schuldaten.csv"
SCHOOL_EXTRACT = resources_dir() / "seed" / "schulen-borken-warendorf.csv"


@pytest.fixture(autouse=True)
def logged_in():
    """Every test runs as a logged-in user with the counsellor, administrator and statistics
    roles, unless it begins a session of its own (the role tests do)."""
    from ki_desktop.domain.roles import Role
    from ki_desktop.services import session

    user = session.begin(
        session.Session("test", "Test", frozenset({Role.COUNSELLOR, Role.ADMIN, Role.STATISTICS}))
    )
    yield user
    session.end()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ki.sqlite"


@pytest.fixture
def open_db(db_path: Path):
    """A new, migrated database file, closed after the test."""
    info = database.open_app_database(str(db_path))
    yield info
    database.close_app_database()


@pytest.fixture
def demo_db(open_db):
    """A database with the demo schools, offers and 120 cases."""
    from datetime import date

    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=120, seed=7, reference=date(2026, 11, 1))
    return open_db


@pytest.fixture
def school_list() -> Path:
    """The official school list if it is beside the repository, else the bundled extract."""
    return OFFICIAL_SCHOOL_LIST if OFFICIAL_SCHOOL_LIST.is_file() else SCHOOL_EXTRACT
