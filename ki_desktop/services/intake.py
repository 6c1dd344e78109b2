"""Use cases of the intake interview: save a case file with its history, find possible
duplicates before a new case is saved, keep drafts of the open form, move a case on.

Reading needs the permission to read cases, saving the one to change them; a case of another
team is refused (:mod:`ki_desktop.services.case_access`). The audit trail and the history name
the logged-in user unless a caller names one.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ki_desktop.domain import model as dm
from ki_desktop.domain.case_merge import merge_cases
from ki_desktop.domain.intake_validation import Issue, blocking, validate_case
from ki_desktop.domain.roles import CaseVisibility, Permission, Role
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.case_access import require_case, visibility
from ki_desktop.services.database import ServiceError
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.save_conflicts import SaveConflict
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store import case_writer, edit_lock
from ki_desktop.store import cases as case_repo
from ki_desktop.store.users import record_event

if TYPE_CHECKING:
    from ki_desktop.domain.duplicates import DuplicateMatch


def check_case(case: dm.Case, today: date | None = None) -> list[Issue]:
    """Validation messages for the form as typed (required, error, warning)."""
    return validate_case(case, today or date.today())


def save_case(
    case: dm.Case,
    user: str | None = None,
    today: date | None = None,
    base: dm.Case | None = None,
) -> tuple[str, list[dm.HistoryEntry]]:
    """Save the case file (a draft with missing required fields is fine; impossible data is
    refused with the first message). Returns the case id and the history entries written.

    A new case without a counsellor gets the counsellor who creates it, so that it is theirs
    (and their team's) from the start.

    When someone else saved the case after it was loaded (``case.version``), nothing is
    written: :class:`SaveConflict` carries the merge of ``base`` (the case as it was loaded;
    None: not known, every difference is then a conflict), ``case`` and the stored case."""
    current = require_case(Permission.CASE_WRITE, case.id)
    user = user or current.username
    if case.id is None and not case.counsellor and Role.COUNSELLOR in current.roles:
        case.counsellor = current.username
    errors = blocking(check_case(case, today))
    if errors:
        raise ServiceError(errors[0].message)
    try:
        # The audit entry is written in the same transaction as the case: a save is never
        # reported as failed after it was committed, and no save goes unaudited.
        with edit_lock.edit_transaction():
            case_id, changes = case_writer.save_case(case, user)
            record_event(
                user,
                "case.create" if case.id is None else "case.update",
                case_id,
                fields=sorted({c.field for c in changes}),
            )
    except case_writer.StaleCaseError as exc:
        raise _stale(exc, case, base) from exc
    return case_id, changes


def _stale(exc: case_writer.StaleCaseError, case: dm.Case, base: dm.Case | None) -> ServiceError:
    """The error for a save that came too late: a :class:`SaveConflict` with the merge, or a
    plain message when the case was deleted."""
    message = _(
        "{reason} Bitte den Fall neu öffnen; Ihre Eingaben bleiben als Entwurf erhalten."
    ).format(reason=exc)
    theirs = None if exc.deleted else case_repo.get_case(case.id)
    if theirs is None:
        return ServiceError(message)
    user, at = case_writer.last_saved(case.id) or ("", None)
    merge = merge_cases(base, case, theirs)
    return SaveConflict(message, merge, user, at)


def find_duplicates(
    first_name: str,
    last_name: str,
    birth_date: date | None,
    exclude: str | None = None,
    limit: int = 10,
) -> list[tuple[dm.CaseRow, DuplicateMatch]]:
    """Existing cases that may be the same child: similar names in any transliteration with a
    close birth date (or, without a birth date, similar names only). Only cases the user may
    see are searched: another team's children stay unknown to this counsellor."""
    seen = visibility(session.require(Permission.CASE_READ))
    # transliteration and fuzzy matching load only when a new case is saved
    from ki_desktop.domain.duplicates import DATE_WINDOW_DAYS, PersonKey, match

    new = PersonKey(first_name, last_name, birth_date)
    if birth_date is not None:
        window = timedelta(days=DATE_WINDOW_DAYS)
        rows = case_repo.rows_born_between(birth_date - window, birth_date + window, seen)
        try:
            swapped = birth_date.replace(month=birth_date.day, day=birth_date.month)
        except ValueError:
            swapped = None
        if swapped and swapped != birth_date:
            rows += case_repo.rows_born_between(swapped, swapped, seen)
    else:
        rows = case_repo.rows_with_name_like(last_name, visible_to=seen)
    found = []
    for row in rows:
        if row.id == exclude:
            continue
        hit = match(new, PersonKey(row.first_name, row.last_name, row.birth_date))
        if hit:
            found.append((row, hit))
    found.sort(key=lambda pair: -pair[1].score)
    return found[:limit]


def case_history(case_id: str) -> list[dm.HistoryEntry]:
    """Every change of the case, newest first."""
    require_case(Permission.CASE_READ, case_id)
    return case_writer.case_history(case_id)


def save_draft(key: str, user: str | None, payload: dict) -> None:
    """Autosave of the open form (of the logged-in user unless ``user`` is given)."""
    current = session.require(Permission.CASE_WRITE)
    case_writer.save_draft(key, user or current.username, payload)


def _hidden_drafts(current: session.Session) -> tuple[CaseVisibility, set[str]]:
    """What ``current`` may see, and the keys of the drafts written by users of another team
    (a draft holds what was typed: names, birth date, address)."""
    seen = visibility(current)
    others = [
        a.username
        for a in store_accounts.list_accounts()
        if a.team != seen.team and a.username != seen.username
    ]
    return seen, {key for name in others for key, _p, _t in case_writer.drafts(name)}


def _draft_visible(key: str, seen: CaseVisibility, hidden: set[str]) -> bool:
    if key in hidden:
        return False
    return not key.startswith("case:") or case_repo.case_visible(key[5:], seen)


def drafts(user: str | None = None) -> list[tuple[str, dict, object]]:
    """Drafts left over from an interrupted session (crash, power cut), newest first; those of
    ``user`` only if given. Only drafts of the user's team and of cases they may see."""
    current = session.require(Permission.CASE_WRITE)
    seen, hidden = _hidden_drafts(current)
    return [d for d in case_writer.drafts(user) if _draft_visible(d[0], seen, hidden)]


def discard_draft(key: str) -> None:
    """Forget a draft (not one of another team)."""
    current = session.require(Permission.CASE_WRITE)
    seen, hidden = _hidden_drafts(current)
    if not _draft_visible(key, seen, hidden):
        raise PermissionDenied(_("Dieser Fall gehört zu einem anderen Team."))
    case_writer.discard_draft(key)


_DATE_FIELDS = {
    "birth_date",
    "arrival_date",
    "assignment_date",
    "registered_on",
    "given_on",
    "held_on",
}
_LISTS = {
    "guardians": dm.Guardian,
    "school_history": dm.SchoolHistoryEntry,
    "languages": dm.LanguageSkill,
    "consents": dm.Consent,
    "interviews": dm.Interview,
}


def case_to_payload(case: dm.Case) -> dict:
    """The case as plain JSON data (for a draft): dates as ISO text, codes as strings."""

    def plain(value: object) -> object:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return getattr(value, "value", value)

    return plain(asdict(case))


def case_from_payload(payload: dict) -> dm.Case:
    """The case a draft payload describes (unknown keys are ignored)."""

    def values(cls: type, data: dict) -> dict:
        known = {name for name in cls.__dataclass_fields__}
        out = {}
        for key, value in data.items():
            if key not in known or key in _LISTS:
                continue
            if key in _DATE_FIELDS and isinstance(value, str):
                value = date.fromisoformat(value) if value else None
            out[key] = value
        return out

    data = values(dm.Case, payload)
    data.setdefault("first_name", "")
    data.setdefault("last_name", "")
    data.setdefault("birth_date", None)
    data["sex"] = dm.Sex(data.get("sex") or dm.Sex.UNKNOWN)
    data["status"] = dm.CaseStatus(data.get("status") or dm.CaseStatus.REGISTERED)
    case = dm.Case(**data)
    for name, cls in _LISTS.items():
        setattr(case, name, [cls(**values(cls, item)) for item in payload.get(name) or []])
    return case


CLOSE_REASONS = ("moved_away", "not_schulpflichtig", "other")


def close_case(case_id: str, reason: str, note: str = "", user: str | None = None) -> None:
    """End a case early (moved away, not schulpflichtig, other); kept in the history."""
    require_case(Permission.CASE_WRITE, case_id)
    if reason not in CLOSE_REASONS:
        raise ServiceError(_("Unbekannter Grund für den Abschluss."))
    if reason == "other" and not note.strip():
        raise ServiceError(_("Bitte kurz angeben, warum der Fall abgeschlossen wird."))

    def close(case: dm.Case) -> None:
        case.status = dm.CaseStatus.CLOSED
        case.closed_reason = reason if not note.strip() else f"{reason}: {note.strip()}"

    _change_stored(case_id, close, user)


def start_follow_up(case_id: str, user: str | None = None) -> None:
    """After the school start: the case moves to follow-up (Nachbetreuung)."""
    require_case(Permission.CASE_WRITE, case_id)

    def follow_up(case: dm.Case) -> None:
        if case.status is not dm.CaseStatus.SCHOOL_STARTED:
            raise ServiceError(_("Nachbetreuung ist erst nach dem Schulbeginn möglich."))
        case.status = dm.CaseStatus.FOLLOW_UP

    _change_stored(case_id, follow_up, user)


def _change_stored(case_id: str, change: Callable[[dm.Case], None], user: str | None) -> None:
    """Load the case, ``change`` it and save it. A save by someone else in between is merged
    in when it touched other fields; when it changed the same ones, the user is asked to look
    again."""
    case = case_repo.get_case(case_id)
    if case is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    base = copy.deepcopy(case)
    change(case)
    for _attempt in range(3):
        try:
            save_case(case, user, base=base)
            return
        except SaveConflict as conflict:
            if conflict.merge.conflicts:
                raise ServiceError(
                    _(
                        "Der Fall wurde gerade von {name} geändert. Bitte den Fall ansehen und "
                        "noch einmal versuchen."
                    ).format(name=conflict.saved_by or _("jemand anderem"))
                ) from conflict
            base, case = conflict.theirs, conflict.resolve()
    raise ServiceError(_("Der Fall wird gerade von anderen bearbeitet. Bitte gleich noch einmal."))
