"""Merging one record's changes from several laptops, field by field, without losing an edit.

Every record carries a small sync state beside its row:

- a **version vector** (``context``): for each device, how many of that device's writes to this
  record have been seen here;
- for each field, the **siblings**: the value(s) nobody has overwritten yet, each marked with
  the *dot* (device, n) of the write that produced it.

A write on a device replaces all siblings of a field it can see and gets the next dot of that
device for the record. Merging two states keeps a sibling if the other side has it too, or if
the other side has not seen its dot yet (then it is news); a sibling the other side has seen but
no longer holds was overwritten there and goes. Two writes to the same field that did not see
each other both survive: that is a **conflict**, kept on every device until someone resolves it
by writing the field again (which sees both). Writes to different fields never meet.

Deleting a record writes ``None`` to each of its fields and ``True`` to :data:`DELETED`; an
edit made elsewhere without seeing the deletion survives beside it and shows up as a conflict
"deleted here, edited there".

The merge is a join: idempotent (importing a file twice changes nothing), commutative and
associative (any order of imports gives the same result). See ``tests/sync`` for the
property-based proof with several simulated devices.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

DELETED = "__deleted__"

Dot = tuple[str, int]  # (device id, the device's n-th write to this record)
Value = object  # JSON-compatible: str, int, float, bool, None


@dataclass(frozen=True, slots=True)
class Sibling:
    dot: Dot
    value: Value


@dataclass(slots=True)
class RecordState:
    """The sync state of one record (see the module docstring)."""

    context: dict[str, int] = field(default_factory=dict)
    fields: dict[str, tuple[Sibling, ...]] = field(default_factory=dict)

    def covers(self, dot: Dot) -> bool:
        """True if this state has seen the write ``dot``."""
        return self.context.get(dot[0], 0) >= dot[1]

    def values(self, name: str) -> list[Value]:
        """The current value(s) of a field: one normally, several in a conflict."""
        return [s.value for s in self.fields.get(name, ())]

    def value(self, name: str) -> Value:
        """The value to show: the only one, or in a conflict the newest-looking one (the same
        choice on every device, so that the rows stay identical until it is resolved)."""
        siblings = self.fields.get(name, ())
        if not siblings:
            return None
        # a value beats the emptiness a concurrent deletion left
        return max(siblings, key=lambda s: (s.value is not None, s.dot[1], s.dot[0])).value

    @property
    def deleted(self) -> bool:
        return any(v is True for v in self.values(DELETED))

    def conflicts(self) -> list[str]:
        """Fields with concurrent, different values, sorted (two devices that wrote the same
        value do not disagree)."""
        return sorted(
            name
            for name, siblings in self.fields.items()
            if len(siblings) > 1
            and len({json.dumps(s.value, sort_keys=True) for s in siblings}) > 1
        )

    def copy(self) -> RecordState:
        return RecordState(dict(self.context), dict(self.fields))

    def to_json(self) -> dict:
        return {
            "c": dict(sorted(self.context.items())),
            "f": {
                name: [[s.dot[0], s.dot[1], s.value] for s in siblings]
                for name, siblings in sorted(self.fields.items())
            },
        }

    @classmethod
    def from_json(cls, data: Mapping) -> RecordState:
        return cls(
            {str(k): int(v) for k, v in data.get("c", {}).items()},
            {
                str(name): tuple(Sibling((str(d), int(n)), v) for d, n, v in siblings)
                for name, siblings in data.get("f", {}).items()
            },
        )


def write(state: RecordState, device: str, changes: Mapping[str, Value]) -> RecordState:
    """A new state with ``changes`` written on ``device`` (one dot for all of them). The
    written fields lose all the siblings this state holds: the writer saw them."""
    if not changes:
        return state
    new = state.copy()
    n = new.context.get(device, 0) + 1
    new.context[device] = n
    for name, value in changes.items():
        new.fields[name] = (Sibling((device, n), value),)
    return new


def delete(state: RecordState, device: str) -> RecordState:
    """The record deleted on ``device``: every field emptied, the deletion marked."""
    changes: dict[str, Value] = {name: None for name in state.fields if name != DELETED}
    changes[DELETED] = True
    return write(state, device, changes)


def _keep(mine: Iterable[Sibling], theirs: tuple[Sibling, ...], seen: RecordState) -> set:
    return {s for s in mine if s in theirs or not seen.covers(s.dot)}


def merge(a: RecordState, b: RecordState) -> RecordState:
    """The join of two states of the same record."""
    if not a.context and not a.fields:  # nothing here yet: the other state as it is
        return b.copy()
    if not b.context and not b.fields:
        return a.copy()
    context = dict(a.context)
    for device, n in b.context.items():
        if n > context.get(device, 0):
            context[device] = n
    fields: dict[str, tuple[Sibling, ...]] = {}
    for name in a.fields.keys() | b.fields.keys():
        ours, theirs = a.fields.get(name, ()), b.fields.get(name, ())
        kept = _keep(ours, theirs, b) | _keep(theirs, ours, a)
        if kept:
            fields[name] = tuple(sorted(kept, key=lambda s: s.dot))
    return RecordState(context, fields)


def local_changes(state: RecordState, row: Mapping[str, Value]) -> dict[str, Value]:
    """The fields of ``row`` (the record as stored now) that differ from the sync state: edits
    made on this device since the last export or import. A field in conflict counts as
    changed only when the row holds none of its values (the user typed a new one)."""
    changed: dict[str, Value] = {}
    for name, value in row.items():
        if name not in state.fields or value not in state.values(name):
            changed[name] = value
    return changed


def resolve(state: RecordState, device: str, name: str, value: Value) -> RecordState:
    """Settle a conflict: ``value`` (mine, theirs or an edited one) replaces every sibling."""
    return write(state, device, {name: value})


def deletion_conflict(state: RecordState) -> bool:
    """True if the record was deleted on one device and edited on another that had not seen
    the deletion: a value survives beside the deletion (a deletion empties every field)."""
    if not state.deleted:
        return False
    if len(state.fields.get(DELETED, ())) > 1:
        return True
    return any(
        s.value is not None
        for name, siblings in state.fields.items()
        if name != DELETED
        for s in siblings
    )
