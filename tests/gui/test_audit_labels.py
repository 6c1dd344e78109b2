"""The audit trail in words an administrator reads: the action groups of the filter by name
(not „case.… (alle)“), and a case named by the reference letters print and the erasure on
request asks for (SE-…), the full id in the tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ki_desktop.domain.retention import case_reference
from ki_desktop.gui.audit_dialog import AuditDialog, group_filter
from ki_desktop.gui.audit_table_model import group_label, target_text
from ki_desktop.store.users import record_event
from tests.gui.conftest import ScriptedPrompts

CASE_ID = "01a2059c03c671ec9f9b4973814e6d46"
OFFER_ID = "9f1c2b3a4d5e6f708192a3b4c5d6e7f8"


@pytest.fixture
def dialog(qtbot, open_db):
    record_event("anna", "case.read", CASE_ID)
    record_event("anna", "retention.erase", CASE_ID, rows=8)
    record_event("anna", "offer.update", OFFER_ID, title="Sprachcafé")
    record_event("anna", "db.backup", "sicherung.sqlite")
    dialog = AuditDialog(None, ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_groups_are_named_in_german(dialog):
    labels = [dialog.action_box.itemText(i) for i in range(dialog.action_box.count())]
    assert "Fälle – alle Aktionen" in labels
    assert "Datenbank und Sicherungen – alle Aktionen" in labels
    assert not any(label.endswith("… (alle)") for label in labels)
    dialog.action_box.setCurrentIndex(labels.index("Fälle – alle Aktionen"))
    assert dialog.model.total == 1
    assert dialog.model.entry(0).action == "case.read"
    assert group_label("neu") == "neu.… (alle)"  # a group without a name shows its code


def test_cases_are_shown_by_their_reference(dialog):
    model = dialog.model
    shown = {model.entry(r).action: model.index(r, 4) for r in range(model.rowCount())}
    reference = case_reference(CASE_ID)
    assert reference == "SE-814E6D46"
    assert shown["case.read"].data() == reference
    assert shown["retention.erase"].data() == reference
    assert shown["case.read"].data(Qt.ItemDataRole.ToolTipRole) == CASE_ID
    assert shown["offer.update"].data() == OFFER_ID  # an offer's id is not a case reference
    assert shown["db.backup"].data() == "sicherung.sqlite"
    assert target_text("case.read", "not-an-id") == "not-an-id"


def test_a_group_takes_in_its_bare_action(qtbot, open_db):
    record_event("anna", "login", "")
    record_event("anna", "login.failed", "")
    record_event("anna", "logout", "")
    record_event("anna", "offers.export", "angebote.csv")
    record_event("anna", "offer.update", OFFER_ID)
    dialog = AuditDialog(None, ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.action_box.setCurrentIndex(dialog.action_box.findText("Anmeldungen – alle Aktionen"))
    model = dialog.model
    assert sorted(model.entry(r).action for r in range(model.rowCount())) == [
        "login",
        "login.failed",
    ]
    dialog.action_box.setCurrentIndex(dialog.action_box.findText("Angebote – alle Aktionen"))
    assert [model.entry(r).action for r in range(model.rowCount())] == ["offer.update"]
    assert group_filter("offer", ["offer.update", "offers.export"]) == "offer."
