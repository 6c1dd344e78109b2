"""Rows a sync merge brings for a parent that was deleted on this device.

A case erased here (retention, a family's request) may still have been worked on elsewhere:
that laptop's next file brings new rows of the case (the history of its last edit, a new
interview). Such rows cannot be kept — their case is gone — and must not make the whole file
fail, or no file of that laptop could be imported again.
"""

from __future__ import annotations

import peewee as pw

from ki_desktop.store.models import DB
from ki_desktop.store.sync_records import BY_NAME

_BATCH = 500


def drop_rows_of_gone_parents(created: dict[str, list[str]]) -> int:
    """Of the rows just created by a merge (``created``: table → ids), delete those that
    point to a parent deleted here (known to the sync, its row gone): the file is taken all
    the same, the parent stays deleted, and the next capture sends the rows' deletion back
    (their merge states are then orphaned). A parent this device never knew is left for the
    commit to refuse. Returns how many rows went."""
    dropped = 0
    for name, keys in created.items():
        table = BY_NAME.get(name)
        if table is None or table.key != "id":
            continue
        child = table.model._meta.table_name
        for field in table.model._meta.sorted_fields:
            parent = getattr(field, "rel_model", None)
            if not isinstance(field, pw.ForeignKeyField) or parent._meta.table_name not in BY_NAME:
                continue
            if BY_NAME[parent._meta.table_name].key != "id":
                continue  # schools: referenced by their own id, synced by Schulnummer
            parent_name, column = parent._meta.table_name, field.column_name
            for start in range(0, len(keys), _BATCH):
                chunk = keys[start : start + _BATCH]
                sql = f"""DELETE FROM "{child}" WHERE id IN ({", ".join("?" * len(chunk))})
                    AND "{column}" IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM "{parent_name}" p
                        WHERE p.id = "{child}"."{column}")
                    AND EXISTS (SELECT 1 FROM sync_state s
                        WHERE s."table" = ? AND s.record_id = "{child}"."{column}")"""
                dropped += DB.execute_sql(sql, [*chunk, parent_name]).rowcount
    return dropped
