"""After a parent handout was written the user is told where it went (the main window's status
bar, or a notice over the interpreter view); with the English user interface the languages are
named in English and in themselves."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow, QWidget

from ki_desktop.gui.handout_dialog import open_handout_dialog
from ki_desktop.i18n import set_ui_language, ui_language
from ki_desktop.services import handouts


@pytest.fixture
def fake_write(monkeypatch):
    written: list[Path] = []

    def write(kind, language, path, case_id):
        Path(path).write_bytes(b"%PDF-1.4\n")
        written.append(Path(path))
        return Path(path)

    monkeypatch.setattr(handouts, "write_handout", write)
    return written


def save_as(qtbot, parent, prompts, target: Path, fake_write) -> None:
    prompts.save_file_name = lambda *args: str(target)
    dialog = open_handout_dialog(parent, None, prompts)
    qtbot.waitExposed(dialog)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: fake_write == [target], timeout=5_000)


def test_main_window_status_bar_names_the_file(qtbot, prompts, tmp_path, fake_write):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "Elterninfo-Schulsystem-ar.pdf"
    save_as(qtbot, window, prompts, target, fake_write)
    qtbot.waitUntil(lambda: str(target) in window.statusBar().currentMessage())
    assert window.statusBar().currentMessage().startswith("Der Handzettel wurde gespeichert")
    assert prompts.notices == []


def test_interpreter_view_gets_a_notice(qtbot, prompts, tmp_path, fake_write):
    view = QWidget()  # the interpreter view is a window of its own, without a status bar
    qtbot.addWidget(view)
    view.show()
    target = tmp_path / "Elterninfo-Schulsystem-fa.pdf"
    save_as(qtbot, view, prompts, target, fake_write)
    qtbot.waitUntil(lambda: len(prompts.notices) == 1)
    assert str(target) in prompts.notices[0]


def test_language_names_follow_the_user_interface(qtbot, prompts):
    before = ui_language()
    set_ui_language("en")
    try:
        dialog = open_handout_dialog(None, None, prompts)
        qtbot.addWidget(dialog)
        labels = [dialog.language_box.itemText(i) for i in range(dialog.language_box.count())]
    finally:
        set_ui_language(before)
    assert "Arabic – العربية" in labels
    assert "Persian – فارسی" in labels
    assert not any(label.startswith(("Arabisch", "Persisch")) for label in labels)
