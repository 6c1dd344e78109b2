"""After a restore of an encrypted database the database is closed and its key forgotten;
while the message „wiederhergestellt … wird beendet“ is open, the hourly backup check (and
anything else the window still runs) must find no session rather than a closed database."""

from __future__ import annotations

from datetime import date

import pytest

from ki_desktop.gui.backup_actions import BackupActions
from ki_desktop.services import accounts, backups, session
from ki_desktop.services.demo import load_demo_data
from ki_desktop.store import keyfile
from tests.gui.conftest import ScriptedPrompts, _stop_timers, _window

PASSWORD = "Ihr-Kennwort-Nr-1"


class Prompts(ScriptedPrompts):
    def __init__(self, actions_of):
        super().__init__(confirm=True)
        self.actions_of = actions_of
        self.during_notice = []

    def inform(self, parent, title, text):
        actions = self.actions_of()
        # What the event loop may run while the message is open.
        self.during_notice.append((actions.timer.isActive(), actions.check_daily()))
        super().inform(parent, title, text)


@pytest.mark.sqlite_only("restore of an encrypted database file from its backup")
def test_nothing_touches_the_closed_database_after_a_restore(
    qtbot, tmp_path, settings, monkeypatch
):
    monkeypatch.setattr(keyfile, "default_kdf", keyfile.TEST_KDF)
    location = tmp_path / "ki.sqlite"
    accounts.create_first_admin(str(location), "anna", "Anna", PASSWORD)
    load_demo_data(size=10, seed=5, reference=date(2026, 11, 1))
    source = backups.backup_now(target=tmp_path / "sicherung.sqlite").path
    holder = {}
    prompts = Prompts(lambda: holder["actions"])
    window = _window(qtbot, str(location), settings, prompts)
    quits = []
    try:
        actions = BackupActions(
            window, prompts, confirm_restore=lambda *a: True, quit_app=lambda: quits.append(True)
        )
        holder["actions"] = actions
        actions.timer.start()
        actions._check(source)
        qtbot.waitUntil(lambda: bool(quits), timeout=20_000)
    finally:
        _stop_timers(window)
        accounts.logout()
    assert prompts.during_notice == [(False, None)]
    assert session.current_or_none() is None
