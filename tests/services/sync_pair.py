"""Two databases that share the demo data through a sync file, as the retention sync tests
need them (either may be the server on the PostgreSQL run)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ki_desktop.services import database, sync
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.schools import import_school_list
from tests.conftest import SCHOOL_EXTRACT

SECRET = "Team-Passphrase Borken 2026"


def share_demo_data(source, target, folder: Path, size: int) -> None:
    """Demo data made in ``source`` and taken into ``target`` with the first sync file;
    ``target`` is left open."""
    database.open_app_database(str(source))
    load_demo_data(size=size, seed=3, reference=date(2026, 11, 1))
    sync.set_team("KI Kreis Borken")
    first = folder / "first.kisync"
    sync.export_changes(first, SECRET)
    database.close_app_database()

    database.open_app_database(str(target))
    import_school_list(SCHOOL_EXTRACT)
    sync.import_file(first, SECRET)
