"""Rows put into the audit table with a place before the chain's first entry (``seq`` 0 or
negative) are listed like any entry; the check must not pass over them."""

from __future__ import annotations

import pytest

from ki_desktop.domain import audit as chain
from ki_desktop.services import audit as audit_service
from ki_desktop.services import database
from ki_desktop.store import audit
from ki_desktop.store.users import record_event
from tests import backend


@pytest.fixture
def trail(db_path):
    database.open_app_database(str(db_path))
    for n in range(5):
        record_event("anna", "case.read", f"case{n}")
    head = audit.head()[1]
    database.close_app_database()
    return db_path, head


@pytest.mark.parametrize("seq", [0, -3])
def test_a_row_before_the_first_entry_is_found(trail, seq):
    path, noted = trail
    backend.run(
        path,
        'INSERT INTO audit_event (id, created_at, updated_at, version, device_id, at, "user",'
        " action, target, detail, seq, prev_hash, hash) VALUES ('x', '2026-01-01',"
        " '2026-01-01', 1, '', '2026-01-01 10:00:00.000000', 'bert', 'case.read', 'c', '',"
        " ?, ?, ?)",
        (seq, chain.GENESIS, "f" * 64),
    )
    database.open_app_database(str(path))
    try:
        # The forged row is part of what the administrator reads …
        listed = audit.entries(audit.AuditQuery(user="bert"))
        assert [r.seq for r in listed] == [seq]
        assert [r.seq for r in audit.iter_entries(audit.AuditQuery(user="bert"))] == [seq]
        # … so the check, even against the head noted before, must report it.
        report = audit_service.verify_chain(expected_head=noted)
        assert not report.ok
        assert report.reason == chain.UNSEALED and report.unsealed == 1
        assert "außerhalb der Kette" in audit_service.chain_message(report)
    finally:
        database.close_app_database()
