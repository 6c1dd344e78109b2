"""Shared fixtures. Tests run headless: Qt uses the offscreen platform."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from ki_desktop.paths import resources_dir  # noqa: E402
from ki_desktop.services import database  # noqa: E402
from tests import backend  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OFFICIAL_SCHOOL_LIST = REPO.parent / "shared" / "data" / "nrw-schuldaten.csv"
SCHOOL_EXTRACT = resources_dir() / "seed" / "schulen-borken-warendorf.csv"


def pytest_addoption(parser):
    parser.addoption(
        "--backend",
        choices=backend.BACKENDS,
        default=os.environ.get(backend.BACKEND_ENV, backend.SQLITE),
        help="database the tests run on (default: sqlite; postgresql needs "
        f"{backend.SERVER_ENV}=postgresql://user@host:port/postgres)",
    )


def pytest_configure(config):
    backend.select(config.getoption("--backend"))
    config.addinivalue_line(
        "markers",
        "sqlite_only(reason): about the SQLite file itself (encryption, file backups, key "
        "files); skipped on the PostgreSQL backend",
    )


def pytest_report_header(config):
    return f"database backend: {backend.backend()}"


def pytest_collection_modifyitems(config, items):
    if not backend.on_server():
        return
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.args[0] if marker.args else "SQLite file only"
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


def pytest_unconfigure(config):
    if backend.on_server():
        backend.drop_template()


@pytest.fixture(autouse=True)
def _drop_server_databases():
    """On PostgreSQL: the databases a test created are dropped after it."""
    yield
    if backend.on_server():
        database.close_app_database()
        backend.drop_created()


@pytest.fixture
def new_location(tmp_path: Path):
    """Makes new, empty databases of the selected backend: ``new_location("laptop_a")``."""
    return lambda name="ki": backend.new_location(tmp_path, name)


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
def fast_kdf(monkeypatch):
    """Argon2 with the tests' tiny cost (milliseconds instead of a third of a second)."""
    from ki_desktop.store import keyfile

    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)


@pytest.fixture
def logged_out_after():
    """The accounts' logout after the test (forgets the key, closes the database)."""
    yield
    from ki_desktop.services import accounts

    accounts.logout()


@pytest.fixture
def db_path(tmp_path: Path) -> Path | str:
    """Where the test database lives: a file path on SQLite, a server address on
    PostgreSQL (tests about the file itself are marked ``sqlite_only``)."""
    if backend.on_server():
        return backend.new_location(tmp_path)
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
