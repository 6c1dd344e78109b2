"""„Fall auf Antrag löschen…“ in the administration menu: the case selected in the list, or for
an administrator without a case list the one whose reference is typed in."""

from __future__ import annotations

from datetime import date

import pytest

from ki_desktop.domain import retention as rules
from ki_desktop.domain.roles import Role
from ki_desktop.gui.admin_tools import install_admin_tools
from ki_desktop.services import cases, session
from ki_desktop.services.demo import load_demo_data
from tests.gui.conftest import ScriptedPrompts


@pytest.fixture
def admin_tools(qtbot, open_db):
    from PySide6.QtWidgets import QMainWindow

    load_demo_data(size=10, seed=3, reference=date(2026, 11, 1))
    window = QMainWindow()
    qtbot.addWidget(window)
    prompts = ScriptedPrompts(confirm=True)
    return window, install_admin_tools(window, prompts), prompts


def test_admin_without_case_list_erases_by_typed_reference(admin_tools):
    window, tools, prompts = admin_tools
    victim = cases.case_page()[0].id
    total = cases.case_count()
    session.begin(session.Session("admin", "Admin", frozenset({Role.ADMIN})))
    tools.refresh()
    assert tools.actionErase.isVisible()
    reference = rules.case_reference(victim)
    answers = iter([reference.lower(), reference])  # the reference, then the confirmation
    prompts.text = lambda parent, title, label: next(answers)
    assert tools.erase_on_request() is True
    session.begin(session.Session("test", "T", frozenset({Role.COUNSELLOR, Role.ADMIN})))
    assert cases.case_count() == total - 1
    assert cases.case_detail(victim) is None


def test_a_wrong_reference_deletes_nothing(admin_tools):
    window, tools, prompts = admin_tools
    total = cases.case_count()
    prompts.text_answer = "SE-00000000"
    assert tools.erase_on_request() is False
    assert "gibt es nicht" in prompts.errors[-1]
    assert cases.case_count() == total


def test_counsellor_does_not_see_the_action(admin_tools):
    window, tools, prompts = admin_tools
    session.begin(session.Session("b", "B", frozenset({Role.COUNSELLOR})))
    tools.refresh()
    assert not tools.actionErase.isVisible()
