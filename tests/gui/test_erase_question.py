"""„Fall auf Antrag löschen…“ names the child in its first question, so that the
administration sees whose file would go (the case list's selection may be out of sight); an
administrator who may not read case files sees only the reference."""

from __future__ import annotations

from datetime import date

import pytest

from ki_desktop.domain import retention as rules
from ki_desktop.domain.roles import Role
from ki_desktop.gui.case_erasure import erase_selected_case
from ki_desktop.services import cases, session
from ki_desktop.services.demo import load_demo_data
from tests.gui.conftest import ScriptedPrompts


@pytest.fixture
def case(open_db):
    load_demo_data(size=5, seed=3, reference=date(2026, 11, 1))
    return cases.case_detail(cases.case_page()[0].id)


def test_the_question_names_the_child(case):
    prompts = ScriptedPrompts(confirm=False)
    assert erase_selected_case(None, case.id, prompts) is False
    question = prompts.questions[0]
    assert rules.case_reference(case.id) in question
    assert f"{case.last_name}, {case.first_name}" in question
    assert f"geb. {case.birth_date:%d.%m.%Y}" in question
    assert cases.case_detail(case.id) is not None  # „Nein“ deleted nothing


def test_without_case_files_only_the_reference(case):
    session.begin(session.Session("admin", "Admin", frozenset({Role.ADMIN})))
    prompts = ScriptedPrompts(confirm=False)
    assert erase_selected_case(None, case.id, prompts) is False
    assert rules.case_reference(case.id) in prompts.questions[0]
    assert case.last_name not in prompts.questions[0]
