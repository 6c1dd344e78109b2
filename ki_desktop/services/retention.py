"""Deleting cases after the retention period, and erasure of one case on request.

The period is the setting ``retention_months`` (60 unless set; 6 to 120 allowed). The
administrator sees the due cases without names (:func:`due_cases`), confirms, and
:func:`delete_due` deletes them, checking each again. :func:`erase_case` deletes one case at
once (a family's request, Art. 17 GDPR). Both need :attr:`Permission.RETENTION`, write one line
per case into the deletion log (no personal data: the case's random id, the month of the last
contact, the period, how many rows went) and one audit event.

A deleted case's records leave sync states marked deleted, so that the next sync file
carries the deletion to the other devices (their merge states no longer hold the case's
values either). Audit events that name the case by its id stay: the id is random and says
nothing about the child, and the trail must still show who read the case.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ki_desktop.domain import retention as rules
from ki_desktop.domain.retention import DueCase
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.export_files import write_atomically
from ki_desktop.services.sync_engine import state_entry
from ki_desktop.store import edit_lock, sync_records
from ki_desktop.store import retention as store
from ki_desktop.store.connection import get_setting, set_setting
from ki_desktop.store.models import current_device
from ki_desktop.store.users import record_event
from ki_desktop.sync.merge import RecordState, deletion_conflict
from ki_desktop.sync.merge import delete as delete_state

SETTING = "retention_months"
RETENTION = "retention"
REQUEST = "request"

__all__ = [
    "DeletionEntry",
    "DeletionReport",
    "DueCase",
    "delete_due",
    "deletion_log",
    "due_cases",
    "erase_case",
    "export_deletion_log",
    "retention_months",
    "tidy_after_import",
    "set_retention_months",
]


@dataclass(frozen=True, slots=True)
class DeletionReport:
    """What a run deleted: the cases (by id), how many rows, and the cases skipped because
    they were no longer due (a contact since the list was shown) or already gone."""

    deleted: list[str]
    rows: int
    skipped: list[str]
    cancelled: bool = False


@dataclass(frozen=True, slots=True)
class DeletionEntry:
    """One line of the deletion log as shown and exported."""

    at: datetime
    user: str
    reason: str
    case_id: str
    last_contact_month: str
    retention_months: int | None
    records: int

    @property
    def reference(self) -> str:
        return rules.case_reference(self.case_id)

    @property
    def reason_text(self) -> str:
        return _("Aufbewahrungsfrist") if self.reason == RETENTION else _("auf Antrag")


def retention_months() -> int:
    """The retention period in months (setting ``retention_months``, 60 unless set)."""
    text = get_setting(SETTING, "").strip()
    try:
        months = int(text)
    except ValueError:
        return rules.DEFAULT_MONTHS
    return months if rules.valid_months(months) else rules.DEFAULT_MONTHS


def set_retention_months(months: int) -> None:
    """Change the retention period (administration); refused outside 6 to 120 months."""
    current = session.require(Permission.SETTINGS)
    if not isinstance(months, int) or not rules.valid_months(months):
        raise ServiceError(
            _(
                "Die Aufbewahrungsfrist muss zwischen {low} und {high} Monaten liegen "
                "(üblich: 60 Monate = 5 Jahre, manche Dienste 12 Monate)."
            ).format(low=rules.MIN_MONTHS, high=rules.MAX_MONTHS)
        )
    before = retention_months()
    set_setting(SETTING, str(months))
    if months != before:
        record_event(current.username, "retention.period", "", months=months, before=before)


def _due(contact: store.ContactRow, months: int) -> DueCase:
    return DueCase(
        case_id=contact.case_id,
        reference=rules.case_reference(contact.case_id),
        counsellor=contact.counsellor,
        last_contact=contact.last_contact,
        status=contact.status,
        due_on=rules.due_date(contact.last_contact, months),
    )


def due_cases(today: date | None = None) -> list[DueCase]:
    """The cases due for deletion on ``today`` (default: today), oldest contact first; no
    names, only the reference, counsellor, last contact and status."""
    session.require(Permission.RETENTION)
    today = today or date.today()
    months = retention_months()
    return [_due(c, months) for c in store.due_cases(rules.cutoff(today, months))]


def _mark_synced_deletions(records: list[tuple[str, str]]) -> None:
    """Turn the merge states of deleted records into deletions of this device (the next sync
    file carries them; the states keep none of the values)."""
    device, seq, out = current_device(), sync_records.Sequence(), []
    for table, key in records:
        if table not in sync_records.BY_NAME:
            continue
        stored = sync_records.load_state(table, key)
        if stored is None:
            continue  # never captured: no other device has it
        state = RecordState.from_json(stored)
        if state.deleted and not deletion_conflict(state):
            continue  # a deletion in conflict with an edit still holds the edit's values
        out.append(state_entry(table, key, delete_state(state, device)))
    sync_records.store_states(out, seq)
    seq.save()


def _delete(
    case_id: str, reason: str, months: int | None, user: str, limit: date | None = None
) -> int | None:
    """Delete one case, its sync states and log it, in one transaction; the rows deleted, or
    None when the case is gone or (with ``limit``) had a contact after ``limit``. The case's
    row is locked before its last contact is read: a contact saved at the same moment (on
    another computer) either came first and is seen, or waits and finds the case gone."""
    with edit_lock.edit_transaction():
        if not store.lock_case(case_id):
            return None
        contact = store.contact_of(case_id)
        if limit is not None and (contact is None or contact.last_contact > limit):
            return None
        deleted = store.delete_case(case_id)
        if deleted is None:
            return None
        _mark_synced_deletions(deleted.records)
        last = contact.last_contact if contact else None
        store.log_deletion(user, reason, case_id, last, months, deleted.rows)
    return deleted.rows


def delete_due(
    case_ids: Sequence[str],
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DeletionReport:
    """Delete the given cases after the retention period (administration). Each is checked
    again first and skipped if it is no longer due (a contact since the list was made) or
    gone. ``progress(done, total)`` and ``cancelled()`` are for the progress dialog: a
    cancelled run keeps what was deleted so far (each case is one transaction)."""
    current = session.require(Permission.RETENTION)
    today = today or date.today()
    months = retention_months()
    limit = rules.cutoff(today, months)
    report = progress or (lambda done, total: None)
    deleted, skipped, rows, stopped = [], [], 0, False
    total = len(case_ids)
    try:
        for done, case_id in enumerate(case_ids):
            if cancelled is not None and cancelled():
                stopped = True
                break
            report(done, total)
            contact = store.contact_of(case_id)
            if contact is None or contact.last_contact > limit:
                skipped.append(case_id)
                continue
            count = _delete(case_id, RETENTION, months, current.username, limit)
            if count is None:
                skipped.append(case_id)
            else:
                deleted.append(case_id)
                rows += count
        report(total if not stopped else len(deleted) + len(skipped), total)
    finally:
        if deleted:
            store.erase_traces()
            store.purge_orphaned_drafts()
        if deleted or skipped:
            record_event(
                current.username,
                "retention.delete",
                "",
                cases=len(deleted),
                skipped=len(skipped),
                rows=rows,
                retention_months=months,
                cancelled=stopped,
            )
    return DeletionReport(deleted, rows, skipped, stopped)


def erase_case(case_id: str, reason_note: str = "") -> int:
    """Erase one case at once, on the family's request (Art. 17 GDPR); returns the rows
    deleted. ``reason_note`` (what the request was) is not stored anywhere: it may name the
    family. The log says only "request"."""
    del reason_note  # deliberately not kept (see the docstring)
    current = session.require(Permission.RETENTION)
    count = _delete(case_id, REQUEST, None, current.username)
    if count is None:
        raise ServiceError(
            _("Diesen Fall gibt es nicht (mehr); er wurde vielleicht schon gelöscht.")
        )
    store.erase_traces()
    record_event(current.username, "retention.erase", case_id, rows=count)
    return count


def case_by_reference(reference: str) -> str:
    """The case named by its short reference ("SE-1A2B3C4D", as letters print it), for an
    erasure request that arrives with the reference: an administrator without the counsellor
    role sees no case list. Refuses unknown or ambiguous references with a message."""
    session.require(Permission.RETENTION)
    text = reference.strip().upper().removeprefix("SE-").removeprefix("SE")
    if len(text) != 8 or any(c not in "0123456789ABCDEF" for c in text):
        raise ServiceError(
            _("„{ref}“ ist keine Fallnummer. Sie hat die Form SE-1A2B3C4D (Schreiben an die "
              "Familie, Kopfzeile).").format(ref=reference.strip())
        )  # fmt: skip
    found = store.case_ids_ending(text.lower())
    if not found:
        raise ServiceError(_("Einen Fall SE-{ref} gibt es nicht (mehr).").format(ref=text))
    if len(found) > 1:
        raise ServiceError(
            _("Die Fallnummer SE-{ref} passt auf mehrere Fälle; bitte die Beratung bitten, "
              "den Fall in der Liste auszuwählen und zu löschen.").format(ref=text)
        )  # fmt: skip
    return found[0]


def tidy_after_import() -> int:
    """After a sync import that deleted cases: their open-form drafts (device-local, unknown
    to the sync) go, and the case search index forgets their names; returns how many drafts.
    Housekeeping without a permission check: it only removes data of cases that no longer
    exist."""
    drafts = store.purge_orphaned_drafts()
    store.erase_traces()
    return drafts


def export_deletion_log(path: str | Path) -> Path:
    """Write the whole deletion log as a CSV file (semicolons, UTF-8 with byte order mark, for
    Excel); it holds no personal data. The export is audited."""
    current = session.require(Permission.RETENTION)
    entries = deletion_log(limit=1_000_000)

    def write(temporary: Path) -> None:
        with open(temporary, "w", encoding="utf-8-sig", newline="") as handle:
            out = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            out.writerow(
                [
                    _("Zeit (UTC)"),
                    _("Benutzer"),
                    _("Grund"),
                    _("Fall"),
                    _("Fall-ID"),
                    _("Letzter Kontakt (Monat)"),
                    _("Frist (Monate)"),
                    _("Gelöschte Datensätze"),
                ]
            )
            for e in entries:
                out.writerow(
                    [
                        e.at.isoformat(sep=" ", timespec="seconds"),
                        e.user,
                        e.reason_text,
                        e.reference,
                        e.case_id,
                        e.last_contact_month,
                        "" if e.retention_months is None else str(e.retention_months),
                        str(e.records),
                    ]
                )

    target = write_atomically(path, write)
    record_event(current.username, "retention.log_export", target.name, entries=len(entries))
    return target


def deletion_log(limit: int = 1000) -> list[DeletionEntry]:
    """The deletion log, newest first (for display and export)."""
    session.require(Permission.RETENTION)
    return [
        DeletionEntry(
            r.at,
            r.user,
            r.reason,
            r.case_ref,
            r.last_contact_month,
            r.retention_months,
            r.records,
        )
        for r in store.deletion_log(limit)
    ]
