"""Save dialogs propose a bare file name in the folder saved to last, at first in the
documents folder, not in the folder the program happened to be started from."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from ki_desktop.gui import prompts as prompts_module
from ki_desktop.gui.prompts import Prompts


@pytest.fixture
def file_dialog(monkeypatch, tmp_path):
    asked: list[str] = []
    answers: list[str] = []

    def get_save_file_name(parent, title, suggested, file_filter):
        asked.append(suggested)
        return (answers.pop(0) if answers else "", file_filter)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    monkeypatch.setattr(prompts_module, "_LAST_SAVE_FOLDER", [None])
    documents = tmp_path / "Dokumente"
    documents.mkdir()
    monkeypatch.setattr(prompts_module, "documents_folder", lambda: str(documents))
    return asked, answers, documents


def test_first_in_documents_then_where_the_user_saved_last(file_dialog, tmp_path, monkeypatch):
    asked, answers, documents = file_dialog
    monkeypatch.chdir(tmp_path)  # the program's start folder is not offered
    chosen = tmp_path / "stick" / "Protokoll.csv"
    answers.append(str(chosen))
    assert Prompts().save_file_name(None, "Export", "Protokoll.csv", "CSV (*.csv)") == str(chosen)
    assert asked == [str(documents / "Protokoll.csv")]
    assert Prompts().save_file_name(None, "Handzettel", "Elterninfo.pdf", "PDF (*.pdf)") is None
    assert asked[-1] == str(chosen.parent / "Elterninfo.pdf")


def test_a_full_path_is_kept(file_dialog, tmp_path):
    asked, _answers, _documents = file_dialog
    suggested = str(tmp_path / "backups" / "ki-desktop-20260302.sqlite")
    Prompts().save_file_name(None, "Sicherung", suggested, "Datensicherung (*.sqlite)")
    assert asked == [suggested]


def test_documents_folder_exists():
    assert Path(prompts_module.documents_folder()).is_dir()
