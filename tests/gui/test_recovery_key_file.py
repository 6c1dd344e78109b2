"""The recovery key saved to a file (for printing elsewhere) opens the database for anyone
who reads it: the file is readable by its owner only, as the command line writes it."""

from __future__ import annotations

import os
import stat

import pytest

from ki_desktop.gui.recovery_key_dialog import RecoveryKeyDialog
from tests.gui.conftest import ScriptedPrompts

KEY = "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH"


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize("name", ["schluessel.txt", "schluessel.pdf"])
def test_the_saved_key_is_private(qtbot, tmp_path, name):
    prompts = ScriptedPrompts()
    dialog = RecoveryKeyDialog(KEY, "/daten/ki.sqlite", "anna", prompts)
    qtbot.addWidget(dialog)
    target = tmp_path / name
    prompts.save_file_name = lambda *args: str(target)
    old = os.umask(0o022)
    try:
        assert dialog.save_key() == target
    finally:
        os.umask(old)
    assert target.stat().st_size > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
