"""Every table's rows of a test database of either backend, for "nothing changed" checks."""

from __future__ import annotations

from tests import backend

# Kept up to date by triggers from the offers and cases (no data of their own).
DERIVED = ("offer_fts", "case_search", "offer_index")


def dump(location, skip=("sync_log", "audit_event")) -> dict[str, list[str]]:
    """Every table's rows (sorted, as text); the sync log and the audit trail note refused
    attempts, so they are left out by default."""
    if str(location).startswith("postgresql://"):
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    names = [
        name
        for (name,) in backend.run(location, sql)
        if name not in skip and not name.startswith(DERIVED)
    ]
    return {n: sorted(map(repr, backend.run(location, f'SELECT * FROM "{n}"'))) for n in names}
