"""Recommendation repository and the placement steps of a case (assignment, school start).

A step changes a few columns of the case while the case may be open in someone's form: the
case row is read locked and only the step's columns are written, with the version counted up
(see :mod:`ki_desktop.store.row_writes`), so that a form save in between is neither undone nor
overwritten later by a form that did not see the step.
"""

from __future__ import annotations

from datetime import date

from ki_desktop.domain import model as dm
from ki_desktop.store.edit_lock import edit_transaction, locked_row
from ki_desktop.store.models import Case, Recommendation, School
from ki_desktop.store.row_writes import write_changed

_BEFORE_RECOMMENDED = (dm.CaseStatus.REGISTERED.value, dm.CaseStatus.INTERVIEWED.value)


def add_recommendation(rec: dm.Recommendation, schulnummer: str | None) -> str | None:
    """Store a recommendation and move the case to 'recommended' if it was earlier; None
    (nothing stored) when the case is gone."""
    with edit_transaction():
        case = locked_row(Case, rec.case_id)
        if case is None:
            return None
        school = School.get_or_none(School.schulnummer == schulnummer) if schulnummer else None
        row = Recommendation.create(
            case=rec.case_id,
            created_on=rec.created_on,
            rules_version=rec.rules_version,
            stage=rec.stage,
            grade=rec.grade,
            school_forms=",".join(rec.school_forms),
            support=",".join(rec.support),
            reasons="\n".join(rec.reasons),
            school=school,
        )
        if case.status in _BEFORE_RECOMMENDED:
            write_changed(
                case, status=dm.CaseStatus.RECOMMENDED.value, status_changed_on=rec.created_on
            )
    return row.id


def latest_recommendation(case_id: str) -> tuple[dm.Recommendation, str] | None:
    """The newest recommendation of a case and its proposed Schulnummer ("" if none)."""
    row = (
        Recommendation.select()
        .where(Recommendation.case == case_id)
        .order_by(Recommendation.created_on.desc(), Recommendation.created_at.desc())
        .first()
    )
    if row is None:
        return None
    return to_domain(row, case_id), (row.school.schulnummer if row.school_id else "")


def to_domain(row: Recommendation, case_id: str) -> dm.Recommendation:
    """A stored recommendation as the domain has it (lists from their stored text)."""
    return dm.Recommendation(
        id=row.id,
        case_id=case_id,
        created_on=row.created_on,
        stage=row.stage,
        grade=row.grade,
        school_forms=[f for f in row.school_forms.split(",") if f],
        support=[s for s in row.support.split(",") if s],
        reasons=[r for r in row.reasons.split("\n") if r],
        rules_version=row.rules_version,
    )


def set_assignment(case_id: str, schulnummer: str, day: date) -> bool:
    """The Schulamt assigned a school: status 'assigned'. False if case or school is unknown."""
    with edit_transaction():
        case = locked_row(Case, case_id)
        school = School.get_or_none(School.schulnummer == schulnummer)
        if school is None or case is None:
            return False
        write_changed(
            case,
            assigned_school=school.id,
            assigned_on=day,
            status=dm.CaseStatus.ASSIGNED.value,
            status_changed_on=day,
        )
    return True


def set_school_start(case_id: str, day: date) -> bool:
    """The child started school: status 'school_started'. False if the case is unknown."""
    with edit_transaction():
        case = locked_row(Case, case_id)
        if case is None:
            return False
        write_changed(
            case,
            school_start_on=day,
            status=dm.CaseStatus.SCHOOL_STARTED.value,
            status_changed_on=day,
        )
    return True


def assignment_of(case_id: str) -> tuple[str, date | None, date | None]:
    """(assigned Schulnummer or "", assigned on, school start)."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        return "", None, None
    number = case.assigned_school.schulnummer if case.assigned_school_id else ""
    return number, case.assigned_on, case.school_start_on
