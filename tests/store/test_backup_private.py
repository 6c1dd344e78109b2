"""A backup of an unencrypted database is a plain copy of every case: it is readable by its
owner only from its first byte on, not only once it is complete."""

import os
import stat

import pytest

from ki_desktop.services import database
from ki_desktop.store import backup
from ki_desktop.store.models import Case


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_part_being_written_is_private(tmp_path):
    path = tmp_path / "db" / "ki.sqlite"
    database.open_app_database(str(path))
    try:
        with Case._meta.database.atomic():
            for n in range(300):
                Case.create(first_name=f"Kind{n}", last_name="Beispiel")
        target = tmp_path / "stick" / "sicherung.sqlite"
        modes = []

        def progress(done, total):
            part = target.with_name(target.name + ".part")
            modes.append(stat.S_IMODE(part.stat().st_mode))

        old = os.umask(0o022)
        try:
            backup.backup_to(target, progress, pages=4)
        finally:
            os.umask(old)
    finally:
        database.close_app_database()
    assert modes and set(modes) == {0o600}
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
