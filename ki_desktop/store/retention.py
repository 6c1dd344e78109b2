"""Retention in the database: finding the cases due for deletion, deleting a case with
everything that belongs to it, and the deletion log.

What counts as the last contact is explained in :mod:`ki_desktop.domain.retention`; the
search here asks SQL for the cases with no contact after a cut-off day, each test an index
look-up (interviews by case and day, recommendations by case and day, the other children by
case), so the whole case table is read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ki_desktop.domain import retention as rules
from ki_desktop.store import dialect
from ki_desktop.store.edit_lock import locked_row
from ki_desktop.store.models import (
    DB,
    Case,
    DeletionLog,
    Draft,
    Record,
    Tombstone,
    current_device,
    utcnow,
)


@dataclass(frozen=True, slots=True)
class ContactRow:
    """A case with its last contact and what the due list shows (no names)."""

    case_id: str
    status: str
    counsellor: str
    last_contact: date


@dataclass(frozen=True, slots=True)
class DeletedCase:
    """What :func:`delete_case` removed: every synced record as (table, id), and the count of
    all rows (drafts included)."""

    records: list[tuple[str, str]]
    rows: int


@dataclass(frozen=True, slots=True)
class LogRow:
    at: datetime
    user: str
    reason: str
    case_ref: str
    last_contact_month: str
    retention_months: int | None
    records: int


# The dated children of a case and the column that is a contact (see the domain docstring).
_CHILD_DATES = (
    ("intake_interview", "held_on"),
    ("recommendation", "created_on"),
    ("referral", "referred_on"),
    ("consent", "given_on"),
    ("case_history", "at"),
)
_CASE_DATES = ("registered_on", "status_changed_on", "assigned_on", "school_start_on")


def _latest(expressions: list[str]) -> str:
    """SQL for the latest of several dates as ISO text ('' when none has one): SQLite's
    max() of many values is NULL as soon as one is, hence the COALESCE."""
    return "max(" + ", ".join(f"COALESCE(substr({e}, 1, 10), '')" for e in expressions) + ")"


def _latest_server(expressions: list[str]) -> str:
    """The same on PostgreSQL: the latest day (NULL when none has one; GREATEST passes over
    NULLs); times count by their day."""
    return "GREATEST(" + ", ".join(f"CAST({e} AS DATE)" for e in expressions) + ")"


_DATES = [f"c.{column}" for column in _CASE_DATES] + [
    f"(SELECT max(x.{column}) FROM {table} x WHERE x.case_id = c.id)"
    for table, column in _CHILD_DATES
]
_FROM = 'FROM "case" c LEFT JOIN "user" u ON u.id = c.counsellor_id'
_COLUMNS = "SELECT c.id, c.status, COALESCE(u.display_name, u.username, ''), c.created_at"
_SELECT = f"{_COLUMNS}, {_latest(_DATES)} AS last {_FROM}"
_SELECT_SERVER = f"{_COLUMNS}, {_latest_server(_DATES)} AS last {_FROM}"


def _select() -> str:
    return _SELECT_SERVER if dialect.is_server() else _SELECT


def _contact_row(row: tuple) -> ContactRow | None:
    case_id, status, counsellor, created, last = row
    # A case without any contact date counts from the day it was created here.
    day = rules.last_contact(last or None, created=created)
    return None if day is None else ContactRow(case_id, status, counsellor, day)


def lock_case(case_id: str) -> bool:
    """Lock the case's row against savers until the transaction ends (a save that adds a
    contact waits, or has committed before); False when there is no such case."""
    return locked_row(Case, case_id) is not None


def contact_of(case_id: str) -> ContactRow | None:
    """One case's last contact (None when there is no such case)."""
    row = DB.execute_sql(_select() + " WHERE c.id = ?", (case_id,)).fetchone()
    return None if row is None else _contact_row(row)


def case_ids_ending(suffix: str) -> list[str]:
    """Ids of the cases whose id ends with ``suffix`` (lower-case hex): the short reference
    "SE-…" printed on letters names the last 8 digits."""
    return [row[0] for row in Case.select(Case.id).where(Case.id.endswith(suffix)).tuples()]


def due_cases(cutoff: date) -> list[ContactRow]:
    """The cases whose last contact is on or before ``cutoff``, oldest contact first. The
    case's own dates narrow the search first (by their indexes where SQLite finds it worth
    it); the children are looked up only for the cases left."""
    day = cutoff.isoformat()
    narrow = " AND ".join(f"(c.{column} IS NULL OR c.{column} <= ?)" for column in _CASE_DATES)
    # a case without any contact date ('' on SQLite, NULL on PostgreSQL) is due by the day
    # it was created (checked below)
    unknown = "last IS NULL OR " if dialect.is_server() else ""
    sql = f"SELECT * FROM ({_select()} WHERE {narrow}) AS d WHERE {unknown}last <= ?"
    found = []
    for row in DB.execute_sql(sql, [day] * len(_CASE_DATES) + [day]).fetchall():
        contact = _contact_row(row)
        if contact is not None and contact.last_contact <= cutoff:
            found.append(contact)
    found.sort(key=lambda c: (c.last_contact, c.case_id))
    return found


def _children() -> list[tuple[type, object]]:
    """(model, its reference to the case) of every table that belongs to a case."""
    return [(model, field) for field, model in Case._meta.backrefs.items()]


def delete_case(case_id: str) -> DeletedCase | None:
    """Delete a case with all its children (interviews, guardians, history …) and its open
    form draft in one transaction, leaving a tombstone for every synced record; the case
    search index follows by trigger. None when there is no such case.

    On SQLite the connection deletes securely from now on (``PRAGMA secure_delete``: freed
    space is overwritten with zeros), so that the names do not linger in free pages of the
    file; call :func:`erase_traces` after a run for the search index (on PostgreSQL: for the
    dead rows)."""
    if not dialect.is_server():
        DB.execute_sql("PRAGMA secure_delete = ON")
    with DB.atomic():
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            return None
        records: list[tuple[str, str, int]] = []
        for model, field in _children():
            if issubclass(model, Record):
                rows = model.select(model.id, model.version).where(field == case_id).tuples()
                records += [(model._meta.table_name, rid, version) for rid, version in rows]
        records.append((Case._meta.table_name, case.id, case.version))
        now, device = utcnow(), current_device()
        for start in range(0, len(records), 200):
            Tombstone.insert_many(
                [
                    {
                        "table": table,
                        "record_id": rid,
                        "deleted_at": now,
                        "device_id": device,
                        "version": (version or 0) + 1,
                    }
                    for table, rid, version in records[start : start + 200]
                ]
            ).on_conflict(
                conflict_target=[Tombstone.table, Tombstone.record_id],
                preserve=[Tombstone.deleted_at, Tombstone.device_id, Tombstone.version],
            ).execute()
        rows = 0
        for model, field in _children():
            rows += model.delete().where(field == case_id).execute()
        rows += Case.delete().where(Case.id == case_id).execute()
        rows += Draft.delete().where(Draft.key == f"case:{case_id}").execute()
    return DeletedCase([(table, rid) for table, rid, _v in records], rows)


def erase_traces() -> None:
    """Rebuild the case search index's segments, so that the words of deleted names are gone
    from it (full-text deletions only mark them until the segments are merged).

    On PostgreSQL deleted rows stay in the tables and their indexes (the name index among
    them) until the table is vacuumed: the tables of a case are vacuumed now rather than
    whenever the server gets round to it (only outside a transaction, where VACUUM may run;
    a login that does not own the tables is skipped by the server with a warning). The
    freed space itself is the server's: encryption at rest is the server administration's."""
    if not dialect.is_server():
        DB.execute_sql("INSERT INTO case_search(case_search) VALUES ('optimize')")
    elif not DB.in_transaction():
        tables = [Case, *(model for model, _field in _children()), Draft]
        DB.execute_sql("VACUUM " + ", ".join(f'"{m._meta.table_name}"' for m in tables))


def purge_orphaned_drafts() -> int:
    """Delete open-form drafts of cases that are gone (deleted by a sync import, which knows
    nothing of drafts); returns how many."""
    return DB.execute_sql(
        "DELETE FROM draft WHERE key LIKE ? AND NOT EXISTS "
        '(SELECT 1 FROM "case" c WHERE c.id = substr(draft.key, 6))',
        ("case:%",),
    ).rowcount


def log_deletion(
    user: str,
    reason: str,
    case_id: str,
    last_contact: date | None,
    retention_months: int | None,
    records: int,
) -> None:
    """One line of the deletion log: no personal data, only the case's random id."""
    DeletionLog.create(
        at=utcnow(),
        user=user,
        reason=reason,
        case_ref=case_id,
        last_contact_month=last_contact.strftime("%Y-%m") if last_contact else "",
        retention_months=retention_months,
        records=records,
    )


def deletion_log(limit: int = 1000) -> list[LogRow]:
    """The deletion log, newest first."""
    query = DeletionLog.select().order_by(DeletionLog.at.desc(), DeletionLog.id.desc())
    return [
        LogRow(
            row.at,
            row.user,
            row.reason,
            row.case_ref,
            row.last_contact_month,
            row.retention_months,
            row.records,
        )
        for row in query.limit(limit)
    ]
