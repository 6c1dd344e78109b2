"""Writing some columns of a row read under lock (see :mod:`ki_desktop.store.edit_lock`).

``Model.save()`` writes every column as it was read. A step that changes two columns of a
case must not write the other ones: a form save committed between its read and its write
would be undone. Here only the columns that change are written, with the sync stamps (the
version counted up from the stored one, so that every editor who loaded the row before sees
that it changed).
"""

from __future__ import annotations

from ki_desktop.store.dialect import lock_for_update
from ki_desktop.store.models import Record

_STAMPS = ("version", "updated_at", "device_id")


def write_changed(row: Record, **values: object) -> list[str]:
    """Set ``values`` (field names; foreign keys as ids) on ``row`` and write the columns whose
    value differs from the stored one; returns their names (empty: nothing written). ``row``
    must have been read locked in the running transaction."""
    changed = [name for name, value in values.items() if row.__data__.get(name) != value]
    if not changed:
        return []
    for name in changed:
        setattr(row, name, values[name])
    row.save(only=[*changed, *_STAMPS])
    return changed


def locked_by(model: type[Record], *condition) -> Record | None:
    """The row matching ``condition`` (a unique key), locked until the transaction ends;
    None when there is none."""
    return lock_for_update(model.select().where(*condition)).first()
