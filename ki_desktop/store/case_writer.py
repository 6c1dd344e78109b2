"""Saving a whole case file (the child, guardians, interviews, schooling, languages, consents)
in one transaction, with a history entry for every field that changed."""

from __future__ import annotations

import json
from datetime import date, datetime

from ki_desktop.domain import model as dm
from ki_desktop.store.edit_lock import edit_transaction, locked_row
from ki_desktop.store.models import (
    Case,
    CaseHistory,
    Consent,
    Draft,
    Guardian,
    IntakeInterview,
    LanguageSkill,
    Municipality,
    Record,
    SchoolHistory,
    User,
    utcnow,
)
from ki_desktop.store.records import delete_record


class StaleCaseError(RuntimeError):
    """Someone else saved the case after it was opened (version changed), or deleted it."""

    def __init__(self, message: str, deleted: bool = False) -> None:
        super().__init__(message)
        self.deleted = deleted


CASE_FIELDS = (
    "first_name",
    "last_name",
    "birth_date",
    "sex",
    "country_of_birth",
    "nationality",
    "arrival_date",
    "assignment_date",
    "registered_on",
    "address",
    "first_language",
    "status",
    "closed_reason",
)
_CHILDREN = {
    "guardians": (Guardian, ("name", "relation", "phone", "email", "has_custody")),
    "school_history": (
        SchoolHistory,
        ("country", "school_type", "year_from", "year_to", "grades", "gap_reason"),
    ),
    "languages": (LanguageSkill, ("language", "level", "is_family_language", "is_first_language")),
    "consents": (Consent, ("kind", "given", "given_on", "given_by")),
    "interviews": (
        IntakeInterview,
        (
            "held_on",
            "interpreter_needed",
            "interpreter_language",
            "latin_literate",
            "literate_other_script",
            "other_scripts",
            "german_level",
            "english_level",
            "maths_level",
            "interests",
            "documents_seen",
            "special_needs",
            "health_notes",
            "notes",
        ),
    ),
}
# Special-category fields: the history says that they changed, never what they say.
_PRIVATE = {"special_needs", "health_notes"}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(getattr(value, "value", value))


def _column_value(name: str, value: object) -> object:
    if name == "documents_seen":
        return ",".join(value or [])
    if name == "sex" or name == "status":
        return getattr(value, "value", value)
    return value


def save_case(case: dm.Case, user: str) -> tuple[str, list[dm.HistoryEntry]]:
    """Insert or update ``case`` and its lists; returns its id and the changes recorded.

    Raises :class:`StaleCaseError` when the stored version is not ``case.version`` (0: not
    loaded from the store, no check). Check and write are atomic (the case row is locked, see
    :mod:`ki_desktop.store.edit_lock`); every save that changes something, also only in the
    lists, counts the case's version up, so that a concurrent save of the lists is noticed.
    """
    changes: list[tuple[str, str, str]] = []
    with edit_transaction():
        row = locked_row(Case, case.id) if case.id else None
        if case.id and row is None:
            raise StaleCaseError("Der Fall wurde inzwischen gelöscht.", deleted=True)
        if row is not None and case.version and row.version != case.version:
            raise StaleCaseError("Der Fall wurde inzwischen von jemand anderem geändert.")
        muni = (
            Municipality.get_or_none(Municipality.ags == case.municipality_ags)
            if case.municipality_ags
            else None
        )
        counsellor = User.get_or_none(User.username == case.counsellor) if case.counsellor else None
        if row is None:
            row = Case(id=case.id) if case.id else Case()
            is_new = True
        else:
            is_new = False
        for name in CASE_FIELDS:
            new = _column_value(name, getattr(case, name))
            old = getattr(row, name) if not is_new else None
            if is_new or old != new:
                if not is_new:
                    changes.append((name, _text(old), _text(new)))
                setattr(row, name, new)
        for name, new_obj, old_id in (
            ("municipality", muni, row.municipality_id if not is_new else None),
            ("counsellor", counsellor, row.counsellor_id if not is_new else None),
        ):
            new_id = new_obj.id if new_obj else None
            if is_new or old_id != new_id:
                if not is_new:
                    changes.append(
                        (
                            name,
                            _text(old_id and _label(name, old_id)),
                            _text(new_obj and _label(name, new_id)),
                        )
                    )
                setattr(row, name, new_id)
        if is_new:
            row.status_changed_on = case.registered_on or date.today()
            row.save(force_insert=True)
        elif any(c[0] == "status" for c in changes):
            row.status_changed_on = date.today()
        for attr, (model, fields) in _CHILDREN.items():
            changes += _save_children(row.id, attr, model, fields, getattr(case, attr))
        if not is_new and changes:
            row.save()
        if is_new:
            changes = [("angelegt", "", f"{case.last_name}, {case.first_name}")]
        now = utcnow()
        for name, old, new in changes:
            CaseHistory.create(case=row.id, at=now, user=user, field=name, old=old, new=new)
    entries = [dm.HistoryEntry(now, user, n, o, v) for n, o, v in changes]
    return row.id, entries


def last_saved(case_id: str) -> tuple[str, datetime] | None:
    """Who saved the case last (user name of the newest history entry, "" when none names
    one) and when the stored version was written (UTC); None for an unknown case."""
    row = Case.select(Case.updated_at).where(Case.id == case_id).first()
    if row is None:
        return None
    newest = (
        CaseHistory.select(CaseHistory.user)
        .where(CaseHistory.case == case_id)
        .order_by(CaseHistory.at.desc(), CaseHistory.id.desc())
        .first()
    )
    return (newest.user if newest else ""), row.updated_at


def _label(name: str, record_id: str) -> str:
    if name == "municipality":
        m = Municipality.get_or_none(Municipality.id == record_id)
        return m.name if m else ""
    u = User.get_or_none(User.id == record_id)
    return u.display_name if u else ""


def _save_children(
    case_id: str, attr: str, model: type[Record], fields: tuple[str, ...], items: list
) -> list:
    changes = []
    existing = {r.id: r for r in model.select().where(model.case == case_id)}
    kept = set()
    for n, item in enumerate(items):
        values = {f: _column_value(f, getattr(item, f)) for f in fields}
        row = existing.get(item.id) if item.id else None
        label = f"{attr}[{n + 1}]"
        if row is None:
            row = model.create(case=case_id, **values)
            item.id = row.id
            changes.append((label, "", _summary(fields, values)))
        else:
            diff = {f: v for f, v in values.items() if getattr(row, f) != v}
            if diff:
                before = {f: getattr(row, f) for f in fields}
                for f, v in diff.items():
                    setattr(row, f, v)
                row.save()
                changes.append((label, _summary(fields, before), _summary(fields, values)))
        kept.add(row.id)
    for record_id, row in existing.items():
        if record_id not in kept:
            changes.append(
                (attr, _summary(fields, {f: getattr(row, f) for f in fields}), "(entfernt)")
            )
            delete_record(row)
    return changes


def _summary(fields: tuple[str, ...], values: dict) -> str:
    parts = []
    for f in fields:
        v = values.get(f)
        if v in (None, "", False):
            continue
        parts.append(f"{f}=(geändert)" if f in _PRIVATE else f"{f}={_text(v)}")
    return "; ".join(parts)


def case_history(case_id: str) -> list[dm.HistoryEntry]:
    """The changes of a case, newest first."""
    query = (
        CaseHistory.select()
        .where(CaseHistory.case == case_id)
        .order_by(CaseHistory.at.desc(), CaseHistory.id.desc())
    )
    return [dm.HistoryEntry(h.at, h.user, h.field, h.old, h.new) for h in query]


def save_draft(key: str, user: str, payload: dict) -> None:
    """Keep the typed state of an open form (replaces the previous draft of ``key``)."""
    values = {
        "user": user,
        "payload": json.dumps(payload, ensure_ascii=False, default=str),
        "updated_at": utcnow(),
    }
    Draft.insert(key=key, **values).on_conflict(
        conflict_target=[Draft.key], update=values
    ).execute()


def drafts(user: str | None = None) -> list[tuple[str, dict, object]]:
    """(key, payload, saved at) of the drafts left over, newest first."""
    query = Draft.select().order_by(Draft.updated_at.desc())
    if user is not None:
        query = query.where(Draft.user == user)
    return [(d.key, json.loads(d.payload), d.updated_at) for d in query]


def discard_draft(key: str) -> None:
    """Forget a draft (after saving the case or when the user discards it)."""
    Draft.delete().where(Draft.key == key).execute()
