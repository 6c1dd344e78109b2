"""Saving an edited record without losing someone else's update (optimistic locking).

An edit form loads a record with its version and saves it later; saving checks that the stored
version is still the loaded one. Check and write must be one step: on PostgreSQL (READ
COMMITTED) two transactions could otherwise both read version N and both write. The stored row
is therefore read locked: ``SELECT … FOR UPDATE`` on PostgreSQL (a second saver waits for the
first one's commit and then reads the new version), ``BEGIN IMMEDIATE`` on SQLite (the second
saver waits for the write lock before it reads).
"""

from __future__ import annotations

from ki_desktop.store import dialect
from ki_desktop.store.models import Record


def edit_transaction():
    """The transaction of one save: holds the write lock from its start on SQLite (within an
    outer transaction, a savepoint of it)."""
    return dialect.write_lock()


def locked_row(model: type[Record], record_id: str) -> Record | None:
    """The stored row of ``record_id`` (None when it is gone), locked against other savers
    until the transaction ends."""
    query = model.select().where(model.id == record_id)
    return dialect.lock_for_update(query).first()
