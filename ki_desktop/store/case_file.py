"""What a case file holds beyond the case form: every recommendation, the placement steps, the
guardians' addresses and the audit events about the case (for the Art. 15 access and the
handover to the school)."""

from __future__ import annotations

from datetime import date

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.store.models import AuditEvent, Case, Guardian, Recommendation, School
from ki_desktop.store.recommendations import to_domain


def recommendations_of_case(case_id: str) -> list[tuple[dm.Recommendation, str]]:
    """Every stored recommendation of a case, oldest first, with its proposed Schulnummer."""
    query = (
        Recommendation.select(Recommendation, School.schulnummer)
        .join(School, pw.JOIN.LEFT_OUTER, on=(Recommendation.school == School.id))
        .where(Recommendation.case == case_id)
        .order_by(Recommendation.created_on, Recommendation.created_at)
    )
    return [
        (to_domain(row, case_id), row.school.schulnummer if row.school_id else "") for row in query
    ]


def school_by_number(schulnummer: str) -> dm.School | None:
    """The school with this Schulnummer (name, form, address), or None."""
    row = School.get_or_none(School.schulnummer == schulnummer) if schulnummer else None
    if row is None:
        return None
    return dm.School(
        schulnummer=row.schulnummer,
        schulform=row.schulform,
        name=row.name,
        street=row.street,
        postcode=row.postcode,
        city=row.city,
        phone=row.phone,
        email=row.email,
        ags=row.ags,
    )


def placement_of_case(case_id: str) -> tuple[dm.School | None, date | None, date | None]:
    """(assigned school or None, assigned on, first school day) of a case."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        return None, None, None
    school = school_by_number(case.assigned_school.schulnummer) if case.assigned_school_id else None
    return school, case.assigned_on, case.school_start_on


def guardian_addresses(case_id: str) -> dict[str, str]:
    """Guardian id → address, for the guardians of a case that have one."""
    query = Guardian.select(Guardian.id, Guardian.address).where(
        (Guardian.case == case_id) & (Guardian.address != "")
    )
    return {g.id: g.address for g in query}


def events_of_case(case_id: str, limit: int = 5000) -> list[dm.AuditEntry]:
    """The audit events about a case (reads, changes, letters, exports), oldest first."""
    query = (
        AuditEvent.select()
        .where(AuditEvent.target == case_id)
        .order_by(AuditEvent.at, AuditEvent.id)
        .limit(limit)
    )
    return [
        dm.AuditEntry(at=e.at, user=e.user, action=e.action, target=e.target, detail=e.detail)
        for e in query
    ]
