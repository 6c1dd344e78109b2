"""On a server database: Hilfe → Über says where the data is kept, the empty database is not
offered demo data, and Datei → Demodaten laden… first asks with the server named and „Nein“
as the default."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ki_desktop.gui.main_window import MainWindow
from ki_desktop.gui.prompts import about_text
from ki_desktop.services.demo import is_database_empty
from ki_desktop.services.server_connection import server_host
from tests import backend

needs_server = pytest.mark.skipif(not backend.on_server(), reason="needs a PostgreSQL server")
ON_THIS_COMPUTER = "Alle Daten bleiben auf diesem Rechner."


def test_about_names_the_server_the_data_is_kept_on():
    assert ON_THIS_COMPUTER in about_text("1.0")
    text = about_text("1.0", "db<1>.kreis.local:5432")
    assert ON_THIS_COMPUTER not in text
    assert (
        "Die Daten werden in der Datenbank des KI auf dem Server db&lt;1&gt;.kreis.local:5432 "
        "gespeichert." in text
    )


def test_the_about_box_of_the_window_says_where_the_data_is(empty_window, prompts):
    empty_window.show_about()
    (text,) = prompts.notices
    if backend.on_server():
        assert f"auf dem Server {server_host()} gespeichert" in text
        assert ON_THIS_COMPUTER not in text
    else:
        assert ON_THIS_COMPUTER in text


@needs_server
def test_an_empty_server_database_is_not_offered_demo_data(empty_window, prompts):
    prompts.confirm_answer = True
    assert empty_window.offer_demo_data(size=5) is None
    assert prompts.questions == []
    assert is_database_empty()


@needs_server
def test_the_menu_asks_first_naming_the_server_and_no_is_the_default(qtbot, open_db, settings):
    window = MainWindow(open_db.location, settings)  # real dialogs
    qtbot.addWidget(window)
    window.show()
    seen = []

    def answer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append((box.text(), box.defaultButton() is box.button(QMessageBox.StandardButton.No)))
        box.defaultButton().click()  # Enter: „Nein“

    QTimer.singleShot(0, answer)
    assert window.ask_and_load_demo_data() is None
    ((text, no_is_default),) = seen
    assert f"auf dem Server {server_host()}" in text
    assert no_is_default
    assert is_database_empty()
    for timer in window.findChildren(QTimer):
        timer.stop()
