"""The reports made from a case point a counsellor to the „Erstberatung“ tab; a statistics
account, which has no such tab, is told that the counselling makes them."""

from __future__ import annotations

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.gui.reports_tab import ReportsTab
from ki_desktop.services import session
from tests.gui.conftest import ScriptedPrompts


def hint_for(qtbot, key: str) -> str:
    tab = ReportsTab(prompts=ScriptedPrompts(), user="lena")
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    tab.select_kind(key)
    assert tab.ui.notYetLabel.isVisible()
    assert not tab.ui.createButton.isEnabled()
    return tab.ui.notYetLabel.text()


@pytest.mark.parametrize("key", ["case_file", "school_handover"])
def test_statistics_account_is_not_sent_to_a_missing_tab(qtbot, open_db, key):
    session.begin(session.Session("stefan", "Stefan", frozenset({Role.STATISTICS})))
    text = hint_for(qtbot, key)
    assert "Erstberatung" not in text and "Beratung" in text


def test_counsellor_is_sent_to_the_case_list(qtbot, open_db):
    assert "„Erstberatung“" in hint_for(qtbot, "case_file")
