"""Retention: when a case is due for deletion.

Municipal counselling services delete a case at the latest five years after the last contact
(some after twelve months); the period is a setting of whole months, from 6 to 120, 60 unless
set. A case is due on the day its last contact plus the period is reached
(:func:`due_date`): last contact 31 January + 1 month is due on 28 (29) February; 29 February
2024 + 12 months is due on 28 February 2025.

What counts as the last contact with a case — the latest of:

- the registration (``Case.registered_on``) and the day its status last changed
  (``status_changed_on``: registered, counselled, assigned, closed …),
- every intake interview held (``IntakeInterview.held_on``),
- every recommendation made (``Recommendation.created_on``),
- the school assignment and the school start (``Case.assigned_on``, ``school_start_on``),
- every referral to an offer (``Referral.referred_on``),
- every consent given (``Consent.given_on``),
- every change a counsellor saved (``CaseHistory.at``: the case form writes one entry per
  changed field, also of guardians, languages, schooling and consents),
- only for a case without any of these dates: the day it came onto this device
  (``Case.created_at``). Not always, because a sync import creates the row with the day of the
  import: a laptop set up anew from a full sync file would otherwise keep every case for
  another full period.

Not counted: ``Case.updated_at``, because it also moves when nobody had contact (a sync import
writing the row, a correction by the program); the arrival in Germany and the assignment to the
municipality, which happen before the KI's first contact; reads of the case.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

DEFAULT_MONTHS = 60
MIN_MONTHS = 6
MAX_MONTHS = 120


@dataclass(frozen=True, slots=True)
class DueCase:
    """A case due for deletion, as the administrator sees it: no names, only the case's
    reference, its counsellor, the last contact, the status and when it became due."""

    case_id: str
    reference: str
    counsellor: str
    last_contact: date
    status: str
    due_on: date


def case_reference(case_id: str) -> str:
    """The short reference of a case as letters print it ("SE-" + the last 8 hex digits of the
    id, which are random; the first ones are a time stamp)."""
    return f"SE-{case_id[-8:].upper()}"


def valid_months(months: int) -> bool:
    """Whether ``months`` is an allowed retention period."""
    return MIN_MONTHS <= months <= MAX_MONTHS


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months (negative: back); a day past the target month's end
    becomes its last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def due_date(last_contact: date, months: int) -> date:
    """The day a case with this last contact becomes due for deletion."""
    return add_months(last_contact, months)


def is_due(last_contact: date, months: int, today: date) -> bool:
    """Whether the case is due on ``today``."""
    return due_date(last_contact, months) <= today


def cutoff(today: date, months: int) -> date:
    """The latest last contact that is due on ``today``: a case is due exactly when its last
    contact is on or before this day (``due_date`` never decreases as the contact moves later,
    so the due cases are one range of days). Past a month's end more than one day maps to the
    same due date (29–31 January + 1 month → 28 February), hence the step forward."""
    day = add_months(today, -months)
    while is_due(day + timedelta(days=1), months, today):
        day += timedelta(days=1)
    while not is_due(day, months, today):
        day -= timedelta(days=1)
    return day


def as_day(value: date | datetime | str | None) -> date | None:
    """A date from a stored value (a date, a time, or ISO text as SQLite keeps it)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def last_contact(
    *values: date | datetime | str | None, created: date | datetime | str | None = None
) -> date | None:
    """The latest of the given contact dates; ``created`` (the day the case came onto this
    device) only when there is none. None when there is nothing at all."""
    days = [d for d in (as_day(v) for v in values) if d is not None]
    return max(days) if days else as_day(created)
