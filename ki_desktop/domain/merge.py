"""Three-way merge of two edits of the same record.

Two people open the same version (the *base*), both change it, one saves first (*theirs*);
the second (*mine*) must not simply overwrite. Field by field:

======  ======  ======  =========================================
base    mine    theirs  result
======  ======  ======  =========================================
a       a       a       a (nobody changed it)
a       b       a       b (only I changed it: mine)
a       a       b       b (only they changed it: taken from theirs)
a       b       b       b (both made the same change)
a       b       c       conflict: someone has to choose
======  ======  ======  =========================================

A record is a flat mapping of field keys to values; a key absent on one side (an entry of a
list that was deleted, or added on the other side) has the value :data:`MISSING`. When the
base is unknown (``None``), every difference is a conflict.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar


class _Missing:
    """The value of a key a side does not have."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"

    def __reduce__(self) -> str:
        return "MISSING"


MISSING = _Missing()


class Side(StrEnum):
    """Whose value a conflicting field takes."""

    MINE = "mine"
    THEIRS = "theirs"


@dataclass(frozen=True, slots=True)
class FieldConflict:
    """A field both sides changed differently (``base`` is MISSING when it is unknown or the
    field did not exist in the base)."""

    key: Hashable
    base: object
    mine: object
    theirs: object


@dataclass(frozen=True, slots=True)
class Merge:
    """The outcome of :func:`three_way`.

    ``values`` holds every key that has a value on some side, conflicts with mine (what the
    user typed stays until they choose otherwise); ``taken`` are the keys whose value came
    from theirs, ``kept`` those only mine changed."""

    values: Mapping[Hashable, object]
    conflicts: tuple[FieldConflict, ...]
    taken: tuple[Hashable, ...]
    kept: tuple[Hashable, ...]

    def conflict(self, key: Hashable) -> FieldConflict | None:
        return next((c for c in self.conflicts if c.key == key), None)

    def resolved(self, choices: Mapping[Hashable, Side | str] | None = None) -> dict:
        """The merged values with each conflict settled as chosen (mine when not chosen).
        Raises KeyError for a choice of a key that is not in conflict."""
        choices = choices or {}
        unknown = [key for key in choices if self.conflict(key) is None]
        if unknown:
            raise KeyError(unknown[0])
        values = dict(self.values)
        for conflict in self.conflicts:
            side = Side(choices.get(conflict.key, Side.MINE))
            value = conflict.theirs if side is Side.THEIRS else conflict.mine
            if value is MISSING:
                values.pop(conflict.key, None)
            else:
                values[conflict.key] = value
        return values


def merge_value(base: object, mine: object, theirs: object, base_known: bool = True) -> object:
    """The merged value of one field, or raises :class:`ValueError` for a conflict (see the
    table in the module docstring)."""
    if mine == theirs:
        return mine
    if base_known and mine == base:
        return theirs
    if base_known and theirs == base:
        return mine
    raise ValueError("conflict")


def three_way(
    base: Mapping[Hashable, object] | None,
    mine: Mapping[Hashable, object],
    theirs: Mapping[Hashable, object],
) -> Merge:
    """Merge ``mine`` and ``theirs``, both edited from ``base`` (None: unknown base)."""
    base_known = base is not None
    before = base or {}
    values: dict[Hashable, object] = {}
    conflicts: list[FieldConflict] = []
    taken: list[Hashable] = []
    kept: list[Hashable] = []
    for key in _keys(before, mine, theirs):
        b = before.get(key, MISSING)
        m, t = mine.get(key, MISSING), theirs.get(key, MISSING)
        try:
            value = merge_value(b, m, t, base_known)
        except ValueError:
            conflicts.append(FieldConflict(key, b, m, t))
            value = m
        else:
            if m != t:
                (kept if value is m else taken).append(key)
        if value is not MISSING:
            values[key] = value
    return Merge(values, tuple(conflicts), tuple(taken), tuple(kept))


def _keys(*mappings: Mapping[Hashable, object]) -> Iterable[Hashable]:
    """Every key once, in the order they first appear (mine's order after the base's)."""
    seen: dict[Hashable, None] = {}
    for mapping in mappings:
        for key in mapping:
            seen.setdefault(key, None)
    return seen


Record = TypeVar("Record")


@dataclass(frozen=True, slots=True)
class RecordMerge(Generic[Record]):
    """The merge of ``mine`` with the stored ``theirs`` of one record, both edited from
    ``base`` (None: not known, every difference is then a conflict)."""

    base: Record | None
    mine: Record
    theirs: Record
    merge: Merge

    @property
    def conflicts(self) -> tuple[FieldConflict, ...]:
        """The fields (or whole entries) someone has to choose for."""
        return self.merge.conflicts

    @property
    def taken(self) -> tuple[Hashable, ...]:
        """The fields only the other person changed: their values are taken."""
        return self.merge.taken
