"""The first start with accounts: „KI Desktop einrichten“ creates the administrator and the
encrypted database (on a server: the administrator's key slot in it), the recovery key is
shown once (printed into a real PDF here), and an unencrypted database is encrypted only when
the user agrees (a server database with data but no accounts is set up without encrypting)."""

from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from ki_desktop.domain.roles import Role
from ki_desktop.gui.first_start_dialog import FirstStartDialog
from ki_desktop.gui.recovery_key_dialog import RecoveryKeyDialog
from ki_desktop.gui.run import application, start_gui
from ki_desktop.services import accounts, cases, database, session
from tests import backend, key_documents
from tests.gui.account_helpers import (  # noqa: F401
    PASSWORD,
    ScriptedStart,
    fast_kdf_fixture,
    wait_idle,
)
from tests.gui.conftest import ScriptedPrompts

pytestmark = pytest.mark.usefixtures("fast_kdf")

KEY = "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z2345-67ABC-DEFGH"


@pytest.fixture
def closes_database():
    yield
    accounts.logout()
    database.close_app_database()


def fill(qtbot, dialog: FirstStartDialog, password: str = PASSWORD, repeat: str | None = None):
    dialog.username_edit.clear()
    qtbot.keyClicks(dialog.username_edit, "anna")
    qtbot.keyClicks(dialog.display_name_edit, "Anna Admin")
    qtbot.keyClicks(dialog.password.password_edit, password)
    qtbot.keyClicks(dialog.password.repeat_edit, password if repeat is None else repeat)


def test_password_feedback_while_typing(qtbot, db_path):
    dialog = FirstStartDialog(str(db_path), "new")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.counsellor_box.isChecked()  # „Ich berate auch selbst“ is the default
    fill(qtbot, dialog, password="kurz", repeat="kurz")
    assert "mindestens 10 Zeichen" in dialog.password.feedback.text()
    assert not dialog.ok_button.isEnabled()
    dialog.password.password_edit.clear()
    qtbot.keyClicks(dialog.password.password_edit, PASSWORD)
    assert "stimmen nicht überein" in dialog.password.feedback.text()
    assert not dialog.ok_button.isEnabled()
    dialog.password.repeat_edit.clear()
    qtbot.keyClicks(dialog.password.repeat_edit, PASSWORD)
    assert "erfüllt die Regeln" in dialog.password.feedback.text()
    assert dialog.ok_button.isEnabled()
    dialog.password.password_edit.setText("anna-und-noch-viel-mehr")  # contains the user name
    dialog.password.repeat_edit.setText("anna-und-noch-viel-mehr")
    assert "Benutzernamen" in dialog.password.feedback.text()
    assert not dialog.ok_button.isEnabled()


def test_first_start_creates_the_administrator_and_the_encrypted_database(
    qtbot, db_path, closes_database
):
    session.end()
    dialog = FirstStartDialog(str(db_path), "new")
    qtbot.addWidget(dialog)
    dialog.show()
    fill(qtbot, dialog)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    first = dialog.result_value
    assert first.session.roles == frozenset({Role.ADMIN, Role.COUNSELLOR})
    assert session.current().username == "anna"
    assert accounts.database_state(str(db_path)) == "encrypted"
    if backend.on_server():
        assert set(key_documents.read(db_path).slots) == {"anna"}
    else:
        assert not db_path.read_bytes().startswith(b"SQLite format 3")
    assert len(first.recovery_key.replace("-", "")) >= 40


def test_without_the_counselling_role(qtbot, db_path, closes_database):
    dialog = FirstStartDialog(str(db_path), "new")
    qtbot.addWidget(dialog)
    fill(qtbot, dialog)
    dialog.counsellor_box.setChecked(False)
    dialog.create_admin()
    wait_idle(qtbot, dialog)
    assert dialog.result_value.session.roles == frozenset({Role.ADMIN})


def test_recovery_key_continues_only_when_kept_safe(qtbot):
    dialog = RecoveryKeyDialog(KEY, "ki.sqlite", "anna", ScriptedPrompts())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.key_label.text() == KEY
    assert "einzige Weg" in dialog.findChildren(type(dialog.key_label))[0].text()
    assert not dialog.continue_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.close()
    assert dialog.isVisible()  # neither Escape nor closing skips the key
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == KEY
    dialog.kept_box.click()
    assert dialog.continue_button.isEnabled()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_recovery_key_prints_and_saves(qtbot, tmp_path):
    prompts = ScriptedPrompts()
    dialog = RecoveryKeyDialog(KEY, "/daten/ki.sqlite", "anna", prompts)
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "gedruckt.pdf"
    printer.setOutputFileName(str(printed))
    dialog.print_to(printer)
    text = pdf_text(printed)
    assert KEY in text
    assert "Wiederherstellungsschlüssel" in text
    assert "ki-desktop recover" in text
    assert "anna" in text

    target = tmp_path / "schluessel.txt"
    prompts.save_file_name = lambda *args: str(target)
    assert dialog.save_key() == target
    assert KEY in target.read_text(encoding="utf-8")
    assert "gespeichert" in dialog.message.text().lower()


def test_the_start_on_a_new_database_sets_up_then_offers_demo_data(
    qtbot, db_path, settings, closes_database
):
    session.end()
    prompts = ScriptedPrompts()
    steps = []

    def answer():
        box = QApplication.activeModalWidget()
        if isinstance(box, FirstStartDialog) and "einrichten" not in steps:
            steps.append("einrichten")
            fill(qtbot, box)
            box.ok_button.click()
        elif isinstance(box, RecoveryKeyDialog):
            steps.append("schlüssel")
            assert not box.continue_button.isEnabled()
            box.kept_box.click()
            box.continue_button.click()
            return
        QTimer.singleShot(20, answer)

    QTimer.singleShot(0, answer)
    window = start_gui(application(), str(db_path), settings=settings, prompts=prompts)
    assert window is not None
    qtbot.addWidget(window)
    assert steps == ["einrichten", "schlüssel"]
    assert session.current().username == "anna"
    # An empty server database is a production database being set up: no demo data offered.
    expected = [] if backend.on_server() else ["Die Datenbank ist leer. Demodaten laden?"]
    assert prompts.questions == expected
    assert accounts.database_state(str(db_path)) == "encrypted"
    for timer in window.findChildren(QTimer):
        timer.stop()


def plain_database_with_cases(db_path: Path | str, n: int = 12) -> None:
    from ki_desktop.services.demo import load_demo_data

    database.open_app_database(str(db_path))
    load_demo_data(size=n, seed=5)
    database.close_app_database()


@pytest.mark.sqlite_only("an unencrypted file is encrypted only when the user agrees")
def test_a_plain_database_is_not_used_when_encryption_is_declined(
    qtbot, db_path, settings, closes_database
):
    plain_database_with_cases(db_path)
    before = db_path.read_bytes()[:16]
    start = ScriptedStart(answer=False)
    session.end()
    window = start_gui(
        application(), str(db_path), settings=settings, prompts=ScriptedPrompts(), dialogs=start
    )
    assert window is None
    assert start.asked == ["first_start:plain"] and start.cancelled
    assert before == b"SQLite format 3\x00"
    assert db_path.read_bytes()[:16] == before  # still the same, unencrypted file
    assert session.current_or_none() is None


@pytest.mark.sqlite_only("SQLCipher encryption of an existing file")
def test_a_plain_database_is_encrypted_when_the_administrator_is_created(
    qtbot, db_path, settings, closes_database
):
    plain_database_with_cases(db_path)
    session.end()
    prompts = ScriptedPrompts()
    prompts.confirm_answer = True  # delete the older unencrypted copies
    window = start_gui(
        application(), str(db_path), settings=settings, prompts=prompts, dialogs=ScriptedStart()
    )
    assert window is not None
    qtbot.addWidget(window)
    assert accounts.database_state(str(db_path)) == "encrypted"
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(db_path).execute("select count(*) from sqlite_master").fetchone()
    assert cases.case_count() == 12
    assert window.intake.model.total == 12
    plain_left = [
        p
        for p in db_path.parent.iterdir()
        if p.is_file() and p.read_bytes()[:16] == b"SQLite format 3\x00"
    ]
    assert plain_left == []
    for timer in window.findChildren(QTimer):
        timer.stop()


@pytest.mark.sqlite_only("only a file can be an unencrypted database to encrypt")
def test_the_plain_database_dialog_explains_that_declining_quits(qtbot, db_path):
    dialog = FirstStartDialog(str(db_path), "plain")
    qtbot.addWidget(dialog)
    text = dialog.findChildren(type(dialog.message))[0].text()
    assert "noch nicht verschlüsselt" in text
    assert "beendet das Programm" in text
    assert dialog.ok_button.text() == "Verschlüsseln und einrichten"


@pytest.mark.skipif(not backend.on_server(), reason="a PostgreSQL server database")
def test_a_server_database_with_cases_is_set_up_without_encrypting(
    qtbot, db_path, settings, closes_database
):
    plain_database_with_cases(db_path)
    session.end()
    start = ScriptedStart()
    window = start_gui(
        application(), db_path, settings=settings, prompts=ScriptedPrompts(), dialogs=start
    )
    assert window is not None
    qtbot.addWidget(window)
    assert start.asked == ["first_start:new"]  # nothing to encrypt on a server
    assert accounts.database_state(db_path) == "encrypted"
    assert cases.case_count() == 12
    for timer in window.findChildren(QTimer):
        timer.stop()


def test_the_set_up_dialog_says_where_the_data_lie(qtbot, db_path):
    dialog = FirstStartDialog(str(db_path), "new")
    qtbot.addWidget(dialog)
    text = dialog.findChildren(type(dialog.message))[0].text()
    if backend.on_server():
        assert "Serverdatenbank" in text and "verschlüsselt" not in text
    else:
        assert "verschlüsselt auf diesem Rechner" in text


def test_the_recovery_key_of_a_server_names_the_server_without_its_password(qtbot):
    address = "postgresql://beratung:geheim@server.kommune.local/ki"
    dialog = RecoveryKeyDialog(KEY, address, "anna", ScriptedPrompts())
    qtbot.addWidget(dialog)
    sheet = dialog.document().toPlainText()
    assert "postgresql://beratung@server.kommune.local/ki" in sheet
    assert "geheim" not in sheet and "Datenbankserver erreicht" in sheet
    explained = dialog.findChildren(type(dialog.message))[0].text()
    assert "verschlüsselte Datenbank" not in explained
