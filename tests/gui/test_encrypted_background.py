"""Background work on an encrypted database, each run in its own process (a failure here is
a crash of the whole process).

A thread of Qt's pool that leaves a connection to an encrypted database (sqlcipher3) behind
crashes the process a little later ("PyThreadState_Get: … the GIL is released"): peewee's SQL
functions on that connection are released without the GIL. Plain sqlite3 is not affected.
Closing the thread's connection before the work returns, or running the work on a Python
thread, avoids it.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

# About SQLCipher connections of the encrypted file; a server connection has no such thread
# affinity.
pytestmark = pytest.mark.sqlite_only("SQLCipher connections of an encrypted database file")

SCRIPT = """
import os, sys, tempfile, time
from PySide6.QtWidgets import QApplication, QWidget
from ki_desktop.store import keyfile
keyfile.default_kdf = keyfile.TEST_KDF
from ki_desktop.gui.account_task import in_python_thread
from ki_desktop.gui.background import run_in_background
from ki_desktop.services import accounts, cases, schools

app = QApplication([])
location = os.path.join(tempfile.mkdtemp(), "ki.sqlite")
accounts.create_first_admin(location, "anna", "Anna Admin", "Kastanienbaum im Hof")

def work(progress, cancelled):
    return cases.case_count()

if sys.argv[1] == "python-thread":
    work = in_python_thread(work)
parent = QWidget()
done = []
run_in_background(parent, work, title="t", label="t").finished.connect(done.append)
while not done:
    app.processEvents()
    time.sleep(0.01)
deadline = time.monotonic() + 2
while time.monotonic() < deadline:
    schools.municipalities()
    cases.case_count()
    app.processEvents()
print("ok", done)
"""


def run(mode: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], env=env, capture_output=True, text=True, timeout=120
    )


def test_work_on_a_python_thread_leaves_no_connection_behind():
    done = run("python-thread")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok [True]"


def test_work_on_the_thread_pool_leaves_no_connection_behind():
    done = run("pool")
    assert done.returncode == 0, done.stderr[-2000:]
