"""Bulk writing of the placement steps of many new cases at once (the demo data): their
recommendations, the Schulamt's assignments, school starts, closings and referrals to offers.

Rows go in with prepared statements (``executemany``) in one transaction per call, with the
sync columns set as :func:`ki_desktop.store.records.stamp` does for bulk inserts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ki_desktop.domain import model as dm
from ki_desktop.store import dialect
from ki_desktop.store.models import DB, Case, Recommendation, Referral, School, new_id
from ki_desktop.store.records import bulk_insert, stamp

__all__ = ["CaseProgress", "add_case_steps", "new_id"]


@dataclass(slots=True)
class CaseProgress:
    """Where a case stands: its status since when, and the school steps reached."""

    case_id: str
    status: dm.CaseStatus
    status_changed_on: date | None
    assigned_school: str = ""  # Schulnummer
    assigned_on: date | None = None
    school_start_on: date | None = None
    closed_reason: str = ""


def add_case_steps(
    progress: list[CaseProgress],
    recommendations: list[tuple[dm.Recommendation, str]],
    referrals: list[tuple[str, str, date, str, str]],
) -> None:
    """Store the steps of cases that are already stored.

    ``recommendations``: (recommendation, proposed Schulnummer or ""); ``referrals``:
    (case id, offer id, day, note, user). Unknown Schulnummern are stored as no school.
    """
    schools = dict(School.select(School.schulnummer, School.id).tuples())
    with DB.atomic():
        bulk_insert(
            Recommendation,
            [
                {
                    **stamp(),
                    "id": new_id(),
                    "case": rec.case_id,
                    "created_on": rec.created_on,
                    "rules_version": rec.rules_version,
                    "stage": rec.stage,
                    "grade": rec.grade,
                    "school_forms": ",".join(rec.school_forms),
                    "support": ",".join(rec.support),
                    "reasons": "\n".join(rec.reasons),
                    "school": schools.get(number),
                }
                for rec, number in recommendations
            ],
        )
        bulk_insert(
            Referral,
            [
                {
                    **stamp(),
                    "id": new_id(),
                    "case": case_id,
                    "offer": offer_id,
                    "referred_on": day,
                    "note": note,
                    "user": user,
                }
                for case_id, offer_id, day, note, user in referrals
            ],
        )
        _update_cases(progress, schools)


def _update_cases(progress: list[CaseProgress], schools: dict[str, str]) -> None:
    fields = [
        Case.status,
        Case.status_changed_on,
        Case.assigned_school,
        Case.assigned_on,
        Case.school_start_on,
        Case.closed_reason,
    ]
    sets = ", ".join(f'"{f.column_name}" = ?' for f in fields)
    sql = f'UPDATE "{Case._meta.table_name}" SET {sets} WHERE "id" = ?'
    dialect.executemany(
        sql,
        (
            (
                p.status.value,
                Case.status_changed_on.db_value(p.status_changed_on),
                schools.get(p.assigned_school),
                Case.assigned_on.db_value(p.assigned_on),
                Case.school_start_on.db_value(p.school_start_on),
                p.closed_reason,
                p.case_id,
            )
            for p in progress
        ),
    )
