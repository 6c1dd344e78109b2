"""Conflicts left by a sync import, and settling them field by field (mine / theirs / edited).

Until a conflict is settled both values stay in the merge state on every laptop, and every
laptop shows the same one of them in its row.
"""

from __future__ import annotations

from dataclasses import dataclass

from ki_desktop.i18n import N_, _
from ki_desktop.services.case_file_texts import field_label
from ki_desktop.services.database import ServiceError
from ki_desktop.services.sync_engine import capture, state_entry, write_row
from ki_desktop.store import sync_records as store
from ki_desktop.store.connection import device_id
from ki_desktop.store.models import DB
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


def open_conflicts() -> list[Conflict]:
    """Every record in conflict, with its conflicting fields."""
    me, out = device_id(), []
    for table_name, key, data in store.conflicted_states():
        table = store.BY_NAME.get(table_name)
        if table is None:
            continue
        state = RecordState.from_json(data)
        names = state.conflicts()
        fields = tuple(_field(n, state, me) for n in names)
        out.append(
            Conflict(table_name, key, _title(table, key, state), deletion_conflict(state), fields)
        )
    return out


def conflict_count() -> int:
    return store.conflict_count()


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
    write_row(table, key, state, device_id(), store.RowWriter(table))


def settle(table_name: str, key: str, choices: dict[str, object], user: str = "") -> None:
    """Settle the conflicting fields of one record with the chosen values (one of the values
    offered, or an edited one). Fields not named stay in conflict."""
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


def keep_deletion(table_name: str, key: str, user: str = "") -> None:
    """Deleted on one laptop, edited on another: the deletion stands (everywhere, after the
    next exchange)."""
    with DB.atomic():
        table, state = _load(table_name, key)
        changes = {n: None for n in state.fields if n != DELETED}
        changes[DELETED] = True
        for name, value in changes.items():
            state = resolve(state, device_id(), name, value)
        _save(table, key, state)
    record_event(user, "sync.keep_deletion", f"{table_name}:{key}")


def restore(table_name: str, key: str, user: str = "") -> None:
    """Deleted on one laptop, edited on another: the record stays. Each field keeps the edit
    made against the deletion, else the value this laptop still has; a laptop on which the
    record is already gone cannot restore it (the other one can)."""
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
