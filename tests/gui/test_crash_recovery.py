"""A crash or power cut while a case is typed: the application is killed (SIGKILL, no chance
to clean up) after the autosave; the next start offers the draft and restores what was typed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from datetime import date

import pytest
from PySide6.QtCore import QSettings

from ki_desktop.gui.main_window import MainWindow
from ki_desktop.services import cases, intake
from tests.conftest import REPO as REPO_ROOT
from tests.gui.conftest import ScriptedPrompts

TYPIST = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from ki_desktop.gui.main_window import MainWindow
    from ki_desktop.gui.prompts import Prompts
    from ki_desktop.domain.roles import Role
    from ki_desktop.services import database, intake, session
    from tests.gui.form_typing import pick, type_text

    app = QApplication([])
    info = database.open_app_database(sys.argv[1])
    session.begin(session.Session("test", "Test", frozenset(Role)))  # as after the login
    window = MainWindow(info.location, QSettings(sys.argv[2], QSettings.Format.IniFormat), Prompts())
    window.show()
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Haidari")
    type_text(form.child.first_name, "Zahra")
    type_text(form.child.birth_date, "14.07.2012")
    pick(form.child.nationality, "Afghanistan")
    type_text(form.learning.interests, "Volleyball")
    deadline = time.monotonic() + 10
    while not intake.drafts() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.05)
    print("autosaved" if intake.drafts() else "no draft", flush=True)
    app.exec()  # still running, with the window open, when it is killed
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_typed_input_survives_a_kill(qtbot, gui_db, tmp_path):
    before = cases.case_count()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO_ROOT)}
    typist = subprocess.Popen(
        [sys.executable, "-c", TYPIST, gui_db.location, str(tmp_path / "typist.ini")],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO_ROOT,
    )
    try:
        line = typist.stdout.readline().strip()
        assert line == "autosaved"
    finally:
        os.kill(typist.pid, signal.SIGKILL)
        typist.wait(timeout=10)
    assert typist.returncode == -signal.SIGKILL

    prompts = ScriptedPrompts(confirm=True)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(gui_db.location, settings, prompts)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.intake.form_is_open())
    assert any("Nicht gespeicherte Eingaben gefunden" in q for q in prompts.questions)
    case = window.intake.form.case()
    assert (case.last_name, case.first_name) == ("Haidari", "Zahra")
    assert case.birth_date == date(2012, 7, 14)
    assert case.nationality == "AF"
    assert case.interviews[-1].interests == "Volleyball"
    assert window.intake.form.is_dirty() and window.intake.form.is_new()
    assert cases.case_count() == before  # nothing was saved behind the counsellor's back

    assert window.intake.form.save()
    assert intake.drafts() == []
    assert cases.case_count() == before + 1


def test_declining_the_draft_discards_it(qtbot, gui_db, tmp_path):
    intake.save_draft("new:abc", "tester", {"case": {"last_name": "Haidari"}})
    prompts = ScriptedPrompts(confirm=False)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(gui_db.location, settings, prompts)
    qtbot.addWidget(window)
    window.intake._user = "tester"
    window.show()
    qtbot.waitUntil(lambda: bool(prompts.questions))
    assert "Haidari" in prompts.questions[0]
    assert intake.drafts() == []
    assert not window.intake.form_is_open()
