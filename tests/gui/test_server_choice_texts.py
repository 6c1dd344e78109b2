"""The question at start when the server does not answer, as a counsellor reads it: choosing
the local file on a computer that has none sets up a new, empty database, and the question
says so before it is chosen."""

from __future__ import annotations

from ki_desktop.gui.server_choice_dialog import ServerChoiceBox, choice_text
from ki_desktop.gui.start_dialogs import StartDialogs
from ki_desktop.paths import DB_ENV_VAR

ERROR = "Der Datenbankserver db.kreis.local:5432 ist nicht erreichbar."
NEW_FILE = "noch keine lokale Datenbankdatei"


def test_a_missing_local_file_is_said_to_be_new_and_empty():
    text = choice_text(ERROR, file_offered=True, new_file=True)
    assert NEW_FILE in text and "ohne die Fälle des Servers" in text
    assert NEW_FILE not in choice_text(ERROR, file_offered=True)
    # Without the file offered there is nothing to say about it.
    assert NEW_FILE not in choice_text(ERROR, file_offered=False, new_file=True)


def _asked(qtbot, monkeypatch, location) -> str:
    monkeypatch.setenv(DB_ENV_VAR, str(location))
    seen: list[str] = []

    def answer(box: ServerChoiceBox) -> None:
        seen.append(box.text())
        box.quit_button.click()

    monkeypatch.setattr(ServerChoiceBox, "exec", lambda box: answer(box) or 0)
    choice = StartDialogs().server_unavailable("postgresql://b@db.kreis.local/ki", ERROR, True)
    assert choice == "quit"
    return seen[0]


def test_the_start_says_so_only_when_this_computer_has_no_file(qtbot, monkeypatch, tmp_path):
    missing = tmp_path / "ki-desktop.sqlite"
    assert NEW_FILE in _asked(qtbot, monkeypatch, missing)
    missing.write_bytes(b"")  # a file there: nothing new is set up
    assert NEW_FILE not in _asked(qtbot, monkeypatch, missing)
