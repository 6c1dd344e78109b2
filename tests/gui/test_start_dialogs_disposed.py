"""The start dialogs are deleted as soon as the start is over. Left to Python's garbage
collection (their wrappers sit in reference cycles), they were destroyed at interpreter exit
after the application object, and the process ended with a segmentation fault after every
first start."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from ki_desktop.gui.first_start_dialog import FirstStartDialog
from ki_desktop.gui.login_dialog import LoginDialog
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.recovery_key_dialog import RecoveryKeyDialog
from ki_desktop.gui.start_dialogs import StartDialogs
from ki_desktop.services import accounts, database, session
from tests.gui.account_helpers import ADMIN, PASSWORD, fast_kdf_fixture  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def no_collection():
    """No garbage collection while the test runs (as when none happens to run before the
    exit): what stays alive is then only what the program itself did not delete."""
    gc.collect()
    gc.disable()
    yield
    gc.enable()


def living(kind: type) -> list:
    return [o for o in gc.get_objects() if isinstance(o, kind) and shiboken6.isValid(o)]


def answer_start_dialogs() -> None:
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, FirstStartDialog) and dialog.task is None:
        dialog.username_edit.setText(ADMIN)
        dialog.display_name_edit.setText("Anna Admin")
        dialog.password.password_edit.setText(PASSWORD)
        dialog.password.repeat_edit.setText(PASSWORD)
        dialog.create_admin()
    elif isinstance(dialog, RecoveryKeyDialog):
        dialog.kept_box.setChecked(True)
        dialog.continue_button.click()
        return
    elif isinstance(dialog, LoginDialog) and dialog.task is None:
        dialog.username_edit.setText(ADMIN)
        dialog.password_edit.setText(PASSWORD)
        dialog.log_in()
    QTimer.singleShot(20, answer_start_dialogs)


def test_first_start_and_login_leave_no_dialog_behind(qtbot, tmp_path, new_location, no_collection):
    session.end()
    location = new_location()
    QTimer.singleShot(0, answer_start_dialogs)
    first = StartDialogs().first_start(location, "new", Prompts())
    assert first is not None and first.session.username == ADMIN
    assert living(FirstStartDialog) == []
    assert living(RecoveryKeyDialog) == []
    accounts.logout()

    QTimer.singleShot(0, answer_start_dialogs)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    signed_in = StartDialogs().login(location, settings)
    assert signed_in is not None and signed_in.username == ADMIN
    assert living(LoginDialog) == []
    accounts.logout()
    database.close_app_database()


def test_quitting_the_first_start_leaves_no_dialog_behind(qtbot, new_location, no_collection):
    def quit_setup() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, FirstStartDialog):
            dialog.cancel_button.click()
        else:
            QTimer.singleShot(20, quit_setup)

    QTimer.singleShot(0, quit_setup)
    dialogs = StartDialogs()
    assert dialogs.first_start(new_location(), "new", Prompts()) is None
    assert dialogs.cancelled
    assert living(FirstStartDialog) == []
