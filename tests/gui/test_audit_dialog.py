"""The audit trail dialog: paging, filters, the chain check and the export, with clicks and
keys."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMainWindow

from ki_desktop.gui.admin_tools import install_admin_tools
from ki_desktop.gui.audit_dialog import NO_LIMIT, AuditDialog
from ki_desktop.gui.audit_table_model import PAGE, action_label
from ki_desktop.services import session
from ki_desktop.store.users import record_event
from tests import backend
from tests.gui.conftest import ScriptedPrompts


class ExportPrompts(ScriptedPrompts):
    def __init__(self, target=None) -> None:
        super().__init__()
        self.target = target

    def save_file_name(self, parent, title, suggested, file_filter):
        self.questions.append(title)
        return None if self.target is None else str(self.target)


@pytest.fixture
def trail(open_db):
    for n in range(450):
        record_event(("anna", "bert")[n % 2], ("case.read", "offer.update")[n % 3 == 0], f"t{n}")
    return open_db


@pytest.fixture
def dialog(qtbot, trail):
    prompts = ExportPrompts()
    dialog = AuditDialog(None, prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_pages_load_as_the_view_scrolls(qtbot, dialog):
    assert dialog.model.total == 450 and dialog.model.rowCount() == PAGE
    assert dialog.count_label.text() == "450 Einträge"
    assert dialog.model.index(0, 0).data() == "450"
    assert dialog.model.index(0, 3).data() == action_label("case.read") == "Fall angesehen"
    dialog.table.scrollToBottom()
    qtbot.waitUntil(lambda: dialog.model.rowCount() > PAGE)
    while dialog.model.canFetchMore():
        dialog.model.fetchMore()
    assert dialog.model.rowCount() == 450
    assert dialog.model.index(449, 0).data() == "1"


def test_filters_by_user_action_and_days(qtbot, dialog):
    dialog.user_box.setCurrentIndex(dialog.user_box.findData("anna"))
    assert dialog.model.total == 225
    dialog.action_box.setCurrentIndex(dialog.action_box.findData("offer."))
    assert dialog.model.total == len([n for n in range(0, 450, 2) if n % 3 == 0])
    assert {dialog.model.entry(r).user for r in range(dialog.model.rowCount())} == {"anna"}
    dialog.user_box.setCurrentIndex(0)
    dialog.action_box.setCurrentIndex(0)
    tomorrow = date.today() + timedelta(days=1)
    dialog.from_edit.setDate(QDate(tomorrow))
    assert dialog.count_label.text() == "Keine Einträge für diese Auswahl."
    assert not dialog.export_button.isEnabled()
    dialog.from_edit.setDate(NO_LIMIT)
    dialog.to_edit.setDate(QDate(date.today()))
    assert dialog.model.total == 450


def test_check_button_shows_the_result_then_finds_tampering(qtbot, dialog, db_path, tmp_path):
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.last_report is not None, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.operation is None)
    assert dialog.result_label.text().startswith("Protokoll unverändert: 450 Einträge geprüft")
    assert dialog.last_report.head_hash in dialog.result_label.text()
    assert dialog.model.total == 451  # the check is in the trail, and the table shows it
    backend.run(db_path, "UPDATE audit_event SET target = 'x' WHERE seq = 300")
    dialog.last_report = None
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.last_report is not None, timeout=10_000)
    assert "Protokolleintrag Nr. 300 wurde nachträglich verändert" in dialog.result_label.text()
    dialog.grab().save(str(tmp_path / "audit_dialog.png"))


def test_export_with_ctrl_e_writes_the_filtered_entries(qtbot, dialog, tmp_path):
    target = tmp_path / "protokoll.xlsx"
    dialog.prompts.target = target
    dialog.user_box.setCurrentIndex(dialog.user_box.findData("bert"))
    qtbot.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(dialog.prompts.notices), timeout=10_000)
    assert "225 Einträge nach" in dialog.prompts.notices[0]
    assert "Prüfwert" in dialog.prompts.notices[0]
    from openpyxl import load_workbook

    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert sum(1 for r in rows if r[2] == "bert") == 225


def test_cancelled_file_choice_writes_nothing(qtbot, dialog, tmp_path):
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.prompts.questions == ["Protokoll exportieren"]
    assert dialog.operation is None and list(tmp_path.glob("*.csv")) == []


def test_admin_menu_shows_the_actions_by_role(qtbot, trail):
    from ki_desktop.domain.roles import Role

    window = QMainWindow()
    qtbot.addWidget(window)
    window.menuBar().addMenu("Hilfe")
    tools = install_admin_tools(window, ExportPrompts())
    assert tools.actionAudit.isVisible() and tools.actionRetention.isVisible()
    dialog = tools.show_audit()
    assert dialog.isVisible() and dialog.model.total == 450
    assert [a.text() for a in window.menuBar().actions()] == ["Ad&ministration", "Hilfe"]
    session.begin(session.Session("c", "C", frozenset({Role.COUNSELLOR})))
    tools.refresh()
    assert not tools.actionAudit.isVisible()
    assert not tools.own_menu.menuAction().isVisible()
    dialog.close()


def test_without_the_permission_the_dialog_says_why(qtbot, trail):
    from ki_desktop.domain.roles import Role

    session.begin(session.Session("c", "C", frozenset({Role.COUNSELLOR})))
    dialog = AuditDialog(None, ExportPrompts())
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0
    assert "Berechtigung „Protokoll einsehen“" in dialog.count_label.text()
