"""Roles enforced in the services: every public service function is called directly, as every
kind of user, on a real demo database (tests/services/role_table.py says who may do what).
What a role may not do is refused with a message before anything is written; a case of another
team is refused; the interpreter view reaches nothing but the parent-facing content of its case;
without a login nothing answers. A public function without a row fails the coverage test."""

from __future__ import annotations

import fnmatch
import importlib
import inspect
import pkgutil

import pytest

import ki_desktop.services as services_package
from ki_desktop.services import session
from ki_desktop.services.errors import NotLoggedIn, PermissionDenied, ServiceError
from ki_desktop.store.models import DB, AuditEvent
from tests import backend
from tests.services.role_table import EXEMPT, TABLE
from tests.services.role_world import sessions, world, world_file  # noqa: F401 (fixtures)

KINDS = (
    "counsellor",
    "admin",
    "statistics",
    "interpreter",
    "admin+counsellor",
    "interpreter view",
)
# Modules with role tests of their own (accounts, audit, backups, retention, handouts and
# parent texts, the interpreter view), the session itself, and the demo data loaded at the
# first start.
ELSEWHERE = (
    "accounts*",
    "audit*",
    "backups*",
    "retention*",
    "database",
    "session",
    "errors",
    "parent_*",
    "handouts*",
    "interpreter*",
    "demo*",
)
CASE_ROWS = [r for r in TABLE if r.per_case]


def _name(entry) -> str:
    return entry.name


def _written() -> int:
    """Rows inserted, changed or deleted so far (on a file: on this connection; on a server:
    counted by the world's triggers)."""
    if backend.on_server():
        return DB.execute_sql("SELECT last_value FROM test_writes").fetchone()[0]
    return DB.connection().total_changes


def _last_audit() -> frozenset[str]:
    return frozenset(e.id for e in AuditEvent.select(AuditEvent.id))


def _audited_by_since(mark: frozenset[str]) -> set[str]:
    events = AuditEvent.select(AuditEvent.id, AuditEvent.user)
    return {e.user for e in events if e.id not in mark}


def _refused(call, out) -> PermissionDenied:
    before = _written()
    with pytest.raises(PermissionDenied) as refused:
        call()
    assert str(refused.value), "a refusal says what is missing"
    assert _written() == before, "refused, yet something was written"
    assert list(out.iterdir()) == [], "refused, yet a file was written"
    return refused.value


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("entry", TABLE, ids=_name)
def test_each_role_may_do_exactly_what_the_table_says(world, tmp_path, entry, kind):  # noqa: F811
    current = session.begin(sessions(world)[kind])
    args = (world, tmp_path, world.own_case) if entry.per_case else (world, tmp_path)
    if kind in entry.allowed:
        mark = _last_audit()
        try:
            entry.call(*args)
        except PermissionDenied as exc:
            pytest.fail(f"{entry.name} refused for {kind}: {exc}")
        except ServiceError:
            pass  # allowed; then refused for what the data say (no consent, not found ...)
        assert _audited_by_since(mark) <= {current.username}
    else:
        refusal = _refused(lambda: entry.call(*args), tmp_path)
        assert not isinstance(refusal, NotLoggedIn)


@pytest.mark.parametrize("entry", TABLE, ids=_name)
def test_without_a_login_nothing_answers(world, tmp_path, entry):  # noqa: F811
    session.end()
    args = (world, tmp_path, world.own_case) if entry.per_case else (world, tmp_path)
    assert isinstance(_refused(lambda: entry.call(*args), tmp_path), NotLoggedIn)


@pytest.mark.parametrize("entry", CASE_ROWS, ids=_name)
def test_a_case_of_another_team_is_refused(world, tmp_path, entry):  # noqa: F811
    kind = "counsellor" if "counsellor" in entry.allowed else "admin+counsellor"
    session.begin(sessions(world)[kind])
    refusal = _refused(lambda: entry.call(world, tmp_path, world.other_case), tmp_path)
    assert str(refusal) == "Dieser Fall gehört zu einem anderen Team."


@pytest.mark.parametrize("whose", ["team", "free"])
@pytest.mark.parametrize("entry", CASE_ROWS, ids=_name)
def test_the_teams_cases_and_cases_without_counsellor_are_open(world, tmp_path, entry, whose):  # noqa: F811
    kind = "counsellor" if "counsellor" in entry.allowed else "admin+counsellor"
    session.begin(sessions(world)[kind])
    try:
        entry.call(world, tmp_path, world.cases[whose])
    except PermissionDenied as exc:
        pytest.fail(f"{entry.name} refused the {whose} case: {exc}")
    except ServiceError:
        pass


@pytest.mark.parametrize("entry", CASE_ROWS, ids=_name)
def test_the_interpreter_view_reaches_no_other_case(world, tmp_path, entry):  # noqa: F811
    session.begin(sessions(world)["interpreter view"])
    for whose in ("team", "other", "free"):
        _refused(lambda c=world.cases[whose]: entry.call(world, tmp_path, c), tmp_path)


def _public_functions() -> set[str]:
    found = set()
    for info in pkgutil.iter_modules(services_package.__path__):
        if any(fnmatch.fnmatch(info.name, pattern) for pattern in ELSEWHERE):
            continue
        module = importlib.import_module(f"ki_desktop.services.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__ and not name.startswith("_"):
                found.add(f"{info.name}.{name}")
    return found


def test_every_public_service_function_has_a_row_or_a_reason():
    public, exempt = _public_functions(), set(EXEMPT)
    listed = {r.function for r in TABLE}
    missing = sorted(public - listed - exempt)
    assert not missing, (
        "Public service functions without a row in tests/services/role_table.py (check the "
        f"permission at their entry first): {missing}"
    )
    assert not sorted((listed | exempt) - public), "rows of functions that are gone"
    assert not listed & exempt
    assert all(r.allowed <= set(KINDS) for r in TABLE)
    assert len({r.name for r in TABLE}) == len(TABLE)


def test_every_role_is_allowed_something_and_only_admin_counsellors_everything():
    for kind in KINDS:
        refused = [r.name for r in TABLE if kind not in r.allowed]
        assert len(refused) < len(TABLE), kind
        assert (kind == "admin+counsellor") == (refused == []), kind
