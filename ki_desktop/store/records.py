"""Generic record operations shared by the repositories."""

from __future__ import annotations

from ki_desktop.store.models import DB, Record, Tombstone, current_device, utcnow


def delete_record(record: Record) -> None:
    """Delete a record and leave a tombstone so that the deletion reaches other devices."""
    with DB.atomic():
        Tombstone.insert(
            table=record._meta.table_name,
            record_id=record.id,
            deleted_at=utcnow(),
            device_id=current_device(),
            version=(record.version or 0) + 1,
        ).on_conflict_replace().execute()
        record.delete_instance()


def stamp() -> dict[str, object]:
    """Sync columns for rows written with bulk inserts (which bypass ``save``)."""
    now = utcnow()
    return {"created_at": now, "updated_at": now, "version": 1, "device_id": current_device()}
