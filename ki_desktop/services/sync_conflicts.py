"""Conflicts left by a sync import, and settling them field by field (mine / theirs / edited).

Until a conflict is settled both values stay in the merge state on every laptop, and every
laptop shows the same one of them in its row.

Settling is the administration's (sync merge). A conflict in case data shows the case's field
values, so it is listed and settled only for an administrator who is also a counsellor and may
see the case (own team); the others see how many such conflicts wait
(:func:`hidden_conflicts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import N_, _
from ki_desktop.services import session
from ki_desktop.services.case_access import visibility
from ki_desktop.services.case_file_texts import field_label
from ki_desktop.services.database import ServiceError
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.sync_engine import capture, state_entry, write_row
from ki_desktop.store import cases as case_repo
from ki_desktop.store import sync_records as store
from ki_desktop.store.connection import device_id
from ki_desktop.store.models import DB
from ki_desktop.store.sync_rows import RowWriter
from ki_desktop.store.users import record_event
from ki_desktop.sync.merge import DELETED, RecordState, deletion_conflict, resolve

TABLE_LABELS = {
    "case": N_("Fall"),
    "guardian": N_("Sorgeberechtigte"),
    "intake_interview": N_("Erstberatung"),
    "school_history": N_("Schulbesuch"),
    "language_skill": N_("Sprache"),
    "consent": N_("Einwilligung"),
    "recommendation": N_("Schulempfehlung"),
    "referral": N_("Vermittlung"),
    "case_history": N_("Verlauf"),
    "offer": N_("Angebot"),
    "provider": N_("Träger"),
    "school": N_("Schule"),
}
# Records that are part of a case: their conflicts show case contents.
CASE_TABLES = frozenset(
    {
        "case",
        "guardian",
        "intake_interview",
        "school_history",
        "language_skill",
        "consent",
        "recommendation",
        "referral",
        "case_history",
    }
)


@dataclass(frozen=True, slots=True)
class FieldConflict:
    name: str
    label: str
    values: tuple[object, ...]  # the different values, this device's first if it wrote one
    shown: object  # the value the row shows until the conflict is settled
    mine: object | None  # this device's value, if it wrote one


@dataclass(frozen=True, slots=True)
class Conflict:
    table: str
    key: str
    title: str
    deleted_elsewhere: bool  # deleted on one laptop, edited on another
    fields: tuple[FieldConflict, ...]


def _title(table: store.SyncTable, key: str, state: RecordState) -> str:
    kind = _(TABLE_LABELS.get(table.name, table.name))
    row = store.row_title(table, key) or {}
    values = {**{n: state.value(n) for n in ("first_name", "last_name", "name", "title")}, **row}
    words = [str(values[n]) for n in ("first_name", "last_name", "name", "title") if values.get(n)]
    return f"{kind}: {' '.join(words)}" if words else f"{kind} {key[:8]}"


def _field(name: str, state: RecordState, me: str) -> FieldConflict:
    siblings = state.fields[name]
    mine = next((s.value for s in siblings if s.dot[0] == me), None)
    values = []
    for s in sorted(siblings, key=lambda s: s.dot[0] != me):
        if s.value not in values:
            values.append(s.value)
    label = _("gelöscht") if name == DELETED else field_label(name)
    return FieldConflict(name, label, tuple(values), state.value(name), mine)


def _case_of(table_name: str, key: str, state: RecordState) -> str | None:
    if table_name == "case":
        return key
    value = state.value("case")
    return str(value) if value else None


def _may_see(current: session.Session, table_name: str, key: str, state: RecordState) -> bool:
    """Whether ``current`` may see the values of this record (case data: only a counsellor
    who may see the case)."""
    if table_name not in CASE_TABLES:
        return True
    if not current.may(Permission.CASE_READ):
        return False
    case_id = _case_of(table_name, key, state)
    return case_id is None or case_repo.case_visible(case_id, visibility(current))


def open_conflicts() -> list[Conflict]:
    """Every record in conflict the user may settle, with its conflicting fields."""
    current = session.require(Permission.SYNC_MERGE)
    me, out = device_id(), []
    for table_name, key, data in store.conflicted_states():
        table = store.BY_NAME.get(table_name)
        if table is None:
            continue
        state = RecordState.from_json(data)
        if not _may_see(current, table_name, key, state):
            continue
        names = state.conflicts()
        fields = tuple(_field(n, state, me) for n in names)
        out.append(
            Conflict(table_name, key, _title(table, key, state), deletion_conflict(state), fields)
        )
    return out


def conflict_count() -> int:
    """How many records are in conflict (all of them, for the status bar)."""
    session.require(Permission.SYNC)
    return store.conflict_count()


def hidden_conflicts() -> int:
    """How many conflicts in case data the user may not see: an administrator who is also a
    counsellor of the case's team settles them."""
    current = session.require(Permission.SYNC_MERGE)
    return sum(
        not _may_see(current, table, key, RecordState.from_json(data))
        for table, key, data in store.conflicted_states()
        if table in store.BY_NAME
    )


def _require_settle(table_name: str, key: str) -> None:
    """Refuse before anything is written when the user may not settle this record."""
    current = session.require(Permission.SYNC_MERGE)
    if table_name not in CASE_TABLES:
        return
    if not current.may(Permission.CASE_READ):
        raise PermissionDenied(
            _(
                "Konflikte in Falldaten zeigen Inhalte des Falls; lösen darf sie nur, wer "
                "auch die Rolle „Beratung“ hat."
            )
        )
    data = store.load_state(table_name, key)
    if data is not None and not _may_see(current, table_name, key, RecordState.from_json(data)):
        raise PermissionDenied(_("Dieser Fall gehört zu einem anderen Team."))


def _load(table_name: str, key: str) -> tuple[store.SyncTable, RecordState]:
    """The record's merge state, after this device's edits since the last exchange have been
    taken into it (so that settling one field never undoes an edit of another)."""
    capture(device_id())
    table = store.BY_NAME.get(table_name)
    data = store.load_state(table_name, key) if table else None
    if table is None or data is None:
        raise ServiceError(_("Diesen Konflikt gibt es nicht mehr (schon gelöst?)."))
    return table, RecordState.from_json(data)


def _save(table: store.SyncTable, key: str, state: RecordState) -> None:
    seq = store.Sequence()
    store.store_states([state_entry(table.name, key, state)], seq)
    seq.save()
    write_row(table, key, state, device_id(), RowWriter(table))


def settle(table_name: str, key: str, choices: dict[str, object], user: str | None = None) -> None:
    """Settle the conflicting fields of one record with the chosen values (one of the values
    offered, or an edited one). Fields not named stay in conflict."""
    _require_settle(table_name, key)
    user = user or session.who()
    with DB.atomic():
        table, state = _load(table_name, key)
        unknown = [n for n in choices if n not in table.fields and n != DELETED]
        if unknown:
            raise ServiceError(_("Unbekanntes Feld: {name}.").format(name=", ".join(unknown)))
        me = device_id()
        for name, value in choices.items():
            state = resolve(state, me, name, value)
        _save(table, key, state)
    record_event(user, "sync.settle", f"{table_name}:{key}", fields=sorted(choices))


def keep_deletion(table_name: str, key: str, user: str | None = None) -> None:
    """Deleted on one laptop, edited on another: the deletion stands (everywhere, after the
    next exchange)."""
    _require_settle(table_name, key)
    user = user or session.who()
    with DB.atomic():
        table, state = _load(table_name, key)
        changes = {n: None for n in state.fields if n != DELETED}
        changes[DELETED] = True
        for name, value in changes.items():
            state = resolve(state, device_id(), name, value)
        _save(table, key, state)
    record_event(user, "sync.keep_deletion", f"{table_name}:{key}")


def restore(table_name: str, key: str, user: str | None = None) -> None:
    """Deleted on one laptop, edited on another: the record stays. Each field keeps the edit
    made against the deletion, else the value this laptop still has; a laptop on which the
    record is already gone cannot restore it (the other one can)."""
    _require_settle(table_name, key)
    user = user or session.who()
    with DB.atomic():
        table, state = _load(table_name, key)
        row = store.row_values(table, key)
        if row is None:
            raise ServiceError(
                _(
                    "Der Datensatz ist auf diesem Gerät schon gelöscht. Bitte auf dem Gerät "
                    "wiederherstellen, auf dem er bearbeitet wurde."
                )
            )
        me = device_id()
        choices: dict[str, object] = {DELETED: False}
        for name in table.fields:
            edited = [v for v in state.values(name) if v is not None]
            value = edited[0] if len(edited) == 1 else row.get(name)
            if value != state.value(name) or len(state.values(name)) > 1:
                choices[name] = value
        for name, value in choices.items():
            state = resolve(state, me, name, value)
        _save(table, key, state)
    record_event(user, "sync.restore", f"{table_name}:{key}")
