"""Generic record operations shared by the repositories."""

from __future__ import annotations

from ki_desktop.store import dialect
from ki_desktop.store.models import DB, Record, Tombstone, current_device, utcnow


def delete_record(record: Record) -> None:
    """Delete a record and leave a tombstone so that the deletion reaches other devices."""
    with DB.atomic():
        dialect.upsert(
            Tombstone,
            [Tombstone.table, Tombstone.record_id],
            table=record._meta.table_name,
            record_id=record.id,
            deleted_at=utcnow(),
            device_id=current_device(),
            version=(record.version or 0) + 1,
        )
        record.delete_instance()


def stamp() -> dict[str, object]:
    """Sync columns for rows written with bulk inserts (which bypass ``save``)."""
    now = utcnow()
    return {"created_at": now, "updated_at": now, "version": 1, "device_id": current_device()}


def bulk_insert(model: type[Record], rows: list[dict]) -> None:
    """Insert many rows with one prepared statement (``executemany``); far faster than building
    SQL per row. Values go through each field's ``db_value``, so types stay as peewee stores them.
    """
    if not rows:
        return
    names = list(rows[0])
    defaults = {
        name: field.default
        for name, field in model._meta.fields.items()
        if name not in names and field.default is not None
    }
    names += list(defaults)
    fields = [model._meta.fields[n] for n in names]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    converters = [f.db_value for f in fields]

    def values(row: dict) -> list:
        for name, default in defaults.items():
            row[name] = default() if callable(default) else default
        return [conv(row[n]) for conv, n in zip(converters, names, strict=True)]

    dialect.executemany(sql, [values(row) for row in rows])
