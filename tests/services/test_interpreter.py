"""The interpreter view's session on a real encrypted database: entering narrows it to one
case's parent content, leaving needs the counsellor's password, other cases stay refused."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta

import pytest

from ki_desktop.domain import model as dm
from ki_desktop.domain.queries import CaseFilter, Page
from ki_desktop.domain.roles import Role
from ki_desktop.services import accounts, cases, intake, interpreter, parent_texts, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.errors import PermissionDenied, ServiceError
from ki_desktop.store.users import recent_events

pytestmark = pytest.mark.usefixtures("fast_kdf")

PASSWORD = "Beratung-Kennwort-7"


@pytest.fixture
def counsellor(db_path):
    """A database with accounts and demo cases; the counsellor (and administrator) anna is
    logged in."""
    location = str(db_path)
    accounts.create_first_admin(location, "anna", "Anna Beraterin", PASSWORD)
    load_demo_data(size=30, seed=5, reference=date(2026, 11, 1))
    yield session.current()
    accounts.logout()


@pytest.fixture
def two_cases(counsellor):
    rows = cases.case_page(CaseFilter(), Page())
    return rows[0].id, rows[1].id


def _new_case(**fields) -> str:
    case = dm.Case("Lina", "Test", date(2015, 3, 1), **fields)
    case_id, _changes = intake.save_case(case)
    return case_id


def test_entering_narrows_the_session_to_the_case(counsellor, two_cases):
    case_a, _case_b = two_cases
    narrowed = interpreter.enter(case_a)
    assert session.current() is narrowed
    assert narrowed.case_scope == case_a
    assert narrowed.roles == frozenset({Role.INTERPRETER})
    assert narrowed.outer == counsellor
    assert interpreter.is_open()
    event = recent_events("interpreter.enter", limit=1)[0]
    assert (event.user, event.target) == ("anna", case_a)


def test_while_narrowed_the_services_refuse_other_cases(counsellor, two_cases):
    case_a, case_b = two_cases
    interpreter.enter(case_a)
    # The open case's parent content is there ...
    titles = [s.title.german for s in parent_texts.sections("ar", case_a)]
    assert len(titles) == 4
    assert interpreter.family_language(case_a) in parent_texts.FAMILY_LANGUAGES
    # ... but no other case, no case file, no list, no second view.
    with pytest.raises(PermissionDenied):
        cases.case_detail(case_b)
    with pytest.raises(PermissionDenied):
        cases.case_detail(case_a)  # the case file itself is not parent content
    with pytest.raises(PermissionDenied):
        cases.case_page(CaseFilter(), Page())
    with pytest.raises(PermissionDenied):
        parent_texts.sections("ar", case_b)
    with pytest.raises(PermissionDenied):
        interpreter.family_language(case_b)
    with pytest.raises(PermissionDenied, match="schon geöffnet"):
        interpreter.enter(case_b)
    with pytest.raises(PermissionDenied):
        intake.save_case(dm.Case("Neu", "Kind", date(2014, 1, 1)))
    assert session.current().case_scope == case_a


def test_a_wrong_password_keeps_the_view_narrowed(counsellor, two_cases):
    case_a, case_b = two_cases
    interpreter.enter(case_a)
    with pytest.raises(ServiceError, match="Passwort ist nicht richtig"):
        interpreter.leave("geraten")
    assert session.current().case_scope == case_a
    with pytest.raises(PermissionDenied):
        cases.case_detail(case_b)
    assert recent_events("login.failed", limit=1)[0].user == "anna"
    assert recent_events("interpreter.leave") == []


def test_the_right_password_brings_the_counsellor_back(counsellor, two_cases):
    case_a, case_b = two_cases
    interpreter.enter(case_a)
    back = interpreter.leave(PASSWORD)
    assert back == counsellor and session.current() == counsellor
    assert not interpreter.is_open()
    assert cases.case_detail(case_b).id == case_b
    event = recent_events("interpreter.leave", limit=1)[0]
    assert (event.user, event.target) == ("anna", case_a)


def test_too_many_wrong_passwords_lock_and_the_view_stays(counsellor, two_cases):
    case_a, _case_b = two_cases
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    interpreter.enter(case_a)
    for _attempt in range(3):
        with pytest.raises(ServiceError):
            interpreter.leave("geraten", clock=lambda: now)
    # Locked now: even the right password waits.
    with pytest.raises(ServiceError, match="Zu viele Fehlversuche"):
        interpreter.leave(PASSWORD, clock=lambda: now)
    assert session.current().case_scope == case_a
    later = now + timedelta(minutes=15)
    assert interpreter.leave(PASSWORD, clock=lambda: later) == counsellor


def test_leaving_outside_the_view_changes_nothing(counsellor):
    assert interpreter.leave("beliebig") == counsellor
    assert recent_events("login.failed") == []


def test_only_who_may_read_the_case_opens_the_view(counsellor, two_cases):
    case_a, _case_b = two_cases
    session.begin(session.Session("stat", "Statistik", frozenset({Role.STATISTICS})))
    with pytest.raises(PermissionDenied):
        interpreter.enter(case_a)
    session.begin(session.Session("admin", "Admin", frozenset({Role.ADMIN})))
    with pytest.raises(PermissionDenied):
        interpreter.enter(case_a)
    session.begin(counsellor)
    with pytest.raises(ServiceError, match="nicht gefunden"):
        interpreter.enter("kein-solcher-fall")
    assert not interpreter.is_open()


def test_not_logged_in_means_no_view(counsellor, two_cases):
    session.end()
    with pytest.raises(PermissionDenied):
        interpreter.enter(two_cases[0])


@pytest.mark.parametrize(
    ("languages", "first_language", "interpreter_language", "expected"),
    [
        # the first family language that is not German and has parent texts
        ([("de", True), ("ar", True)], "ku", "", "ar"),
        ([("prs", True)], "", "", "fa"),  # Dari
        ([("kmr", True)], "", "", "ku"),  # Kurmanji
        # a home language without parent texts: the interpreter's language
        ([("so", True)], "so", "ti", "ti"),
        # nothing marked: the child's first language
        ([("en", False)], "uk", "", "uk"),
        # nothing known: English
        ([], "", "", "en"),
        ([("so", True)], "so", "", "en"),
    ],
)
def test_family_language(counsellor, languages, first_language, interpreter_language, expected):
    case_id = _new_case(
        first_language=first_language,
        languages=[dm.LanguageSkill(code, is_family_language=family) for code, family in languages],
        interviews=[
            dm.Interview(
                date(2026, 10, 1),
                interpreter_needed=bool(interpreter_language),
                interpreter_language=interpreter_language,
            )
        ],
    )
    assert interpreter.family_language(case_id) == expected


def test_questions_come_as_the_last_step(counsellor):
    section = interpreter.questions_section("ar")
    assert section.key == interpreter.QUESTIONS
    assert section.title.german == "Fragen im Erstgespräch"
    assert len(section.paragraphs) == len(parent_texts.interview_questions("ar")) > 5
    # never an empty line, translated or not
    assert all(p.family for p in [section.title, *section.paragraphs])


SCRIPTS = {"ar": "ARABIC", "fa": "ARABIC", "ps": "ARABIC", "uk": "CYRILLIC", "ru": "CYRILLIC"}
SCRIPTS |= {"bg": "CYRILLIC", "ti": "ETHIOPIC"}
SCRIPTS |= {code: "LATIN" for code in ("tr", "ku", "ro", "en", "fr")}


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in ``text`` ("LATIN", "ARABIC", ...)."""
    return {unicodedata.name(ch, "?").split()[0] for ch in text if ch.isalpha()}


@pytest.mark.parametrize("language", sorted(SCRIPTS))
def test_every_step_speaks_the_family_language(counsellor, two_cases, language):
    """The family column of every step (titles and paragraphs) is written in the script of
    the chosen language; Latin names and German terms inside are fine, another script is not."""
    assert set(SCRIPTS) == set(parent_texts.FAMILY_LANGUAGES)
    interpreter.enter(two_cases[0])
    steps = [
        *parent_texts.sections(language, two_cases[0]),
        interpreter.questions_section(language),
    ]
    script = SCRIPTS[language]
    wrong = []
    for step in steps:
        for text in [step.title, *step.paragraphs]:
            found = _scripts(text.family) - {"LATIN"}
            if text.translated and (found - {script} or (script != "LATIN" and not found)):
                wrong.append(text.family)
    assert wrong == []


def test_a_case_of_another_team_is_refused(counsellor, db_path):
    case_id = _new_case()  # anna's own case
    accounts.add_user("bert", "Bert Berater", [Role.COUNSELLOR], "Sein-Kennwort-Nr-2", team="Nord")
    location = str(db_path)
    accounts.logout()
    accounts.login(location, "bert", "Sein-Kennwort-Nr-2")
    with pytest.raises(PermissionDenied, match="anderen Team"):
        interpreter.enter(case_id)
    assert not interpreter.is_open()
