"""Three-way merge of a case file saved by two people at the same time.

The case is flattened into fields (see :mod:`ki_desktop.domain.merge`): the case's own fields
by name (``"address"``), the entries of its lists by list, entry and field
(``("guardians", <id>, "phone")``). Entries are matched by their record id, consents by their
kind (the form has one per kind, so two people who both record the same consent mean one
entry). An entry one side deleted and the other changed is one conflict about the whole entry
(key ``("guardians", <id>)``, the deleted side's value :data:`MISSING`).
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, fields

from ki_desktop.domain.merge import MISSING, FieldConflict, Merge, RecordMerge, Side, three_way
from ki_desktop.domain.model import (
    Case,
    Consent,
    Guardian,
    Interview,
    LanguageSkill,
    SchoolHistoryEntry,
)

LISTS: dict[str, type] = {
    "guardians": Guardian,
    "school_history": SchoolHistoryEntry,
    "languages": LanguageSkill,
    "consents": Consent,
    "interviews": Interview,
}
# The case's own fields (not its id and version: those say which stored state it is).
SCALARS = tuple(
    f.name for f in fields(Case) if f.name not in LISTS and f.name not in ("id", "version")
)
# Entries matched by a field of their own instead of the record id.
_MATCHED_BY = {"consents": "kind"}


def entry_key(list_name: str, item: object, position: int) -> str:
    """What identifies an entry of ``list_name`` across the three versions."""
    by = _MATCHED_BY.get(list_name)
    if by:
        return f"{by}:{getattr(item, by)}"
    item_id = getattr(item, "id", None)
    return item_id if item_id else f"new:{position}"


def _entries(case: Case, list_name: str) -> dict[str, object]:
    return {entry_key(list_name, item, n): item for n, item in enumerate(getattr(case, list_name))}


def _item_fields(list_name: str) -> tuple[str, ...]:
    return tuple(f.name for f in fields(LISTS[list_name]) if f.name != "id")


def flatten(case: Case) -> dict[Hashable, object]:
    """The case as one flat mapping of field keys to values."""
    out: dict[Hashable, object] = {name: getattr(case, name) for name in SCALARS}
    for list_name in LISTS:
        for key, item in _entries(case, list_name).items():
            for name in _item_fields(list_name):
                value = getattr(item, name)
                out[(list_name, key, name)] = tuple(value) if isinstance(value, list) else value
    return out


@dataclass(frozen=True, slots=True)
class CaseMerge(RecordMerge[Case]):
    """The merge of a saved-too-late case (see :class:`ki_desktop.domain.merge.RecordMerge`)."""

    def entry(self, side: Side | str, list_name: str, key: str) -> object | None:
        """The entry ``key`` of ``list_name`` in mine or theirs (None if that side has none)."""
        case = self.theirs if Side(side) is Side.THEIRS else self.mine
        return _entries(case, list_name).get(key)

    def position(self, list_name: str, key: str) -> int:
        """The entry's number (from 1) as the user sees it: in mine, else in theirs."""
        for case in (self.mine, self.theirs):
            keys = list(_entries(case, list_name))
            if key in keys:
                return keys.index(key) + 1
        return 0

    def resolve(self, choices: Mapping[Hashable, Side | str] | None = None) -> Case:
        """The case to save on top of theirs: merged values, conflicts as chosen (mine when
        not chosen), theirs' version (so that saving it checks against what is stored now)."""
        values = self.merge.resolved(choices)
        case = copy.deepcopy(self.mine)
        case.id, case.version = self.theirs.id, self.theirs.version
        for name in SCALARS:
            setattr(case, name, values.get(name))
        chosen = {k: Side(v) for k, v in (choices or {}).items()}
        for list_name, cls in LISTS.items():
            setattr(case, list_name, self._merged_list(list_name, cls, values, chosen))
        return case

    def _merged_list(
        self, list_name: str, cls: type, values: Mapping, chosen: Mapping[Hashable, Side]
    ) -> list:
        mine, theirs = _entries(self.mine, list_name), _entries(self.theirs, list_name)
        base = _entries(self.base, list_name) if self.base else {}
        names = _item_fields(list_name)
        out = []
        for key in dict.fromkeys([*theirs, *mine]):
            if self.merge.conflict((list_name, key)) is not None:
                side = chosen.get((list_name, key), Side.MINE)
                item = (theirs if side is Side.THEIRS else mine).get(key)
                if item is not None:
                    out.append(copy.deepcopy(item))
                continue
            found = {n: values.get((list_name, key, n), MISSING) for n in names}
            if all(v is MISSING for v in found.values()):
                continue  # deleted
            item_id = next(
                (s[key].id for s in (theirs, base, mine) if key in s and s[key].id), None
            )
            data = {n: list(v) if isinstance(v, tuple) else v for n, v in found.items()}
            out.append(cls(**data, id=item_id))
        return out


def merge_cases(base: Case | None, mine: Case, theirs: Case) -> CaseMerge:
    """Merge what the user typed (``mine``, edited from ``base``) with the stored ``theirs``
    that someone else saved in between."""
    merge = three_way(flatten(base) if base else None, flatten(mine), flatten(theirs))
    return CaseMerge(base, mine, theirs, _whole_entries(merge, base, mine, theirs))


def _whole_entries(merge: Merge, base: Case | None, mine: Case, theirs: Case) -> Merge:
    """One conflict per entry that one side removed and the other changed (instead of one
    per field of it); nothing else changes."""
    whole: dict[tuple[str, str], FieldConflict] = {}
    for list_name in LISTS:
        m, t = _entries(mine, list_name), _entries(theirs, list_name)
        b = _entries(base, list_name) if base else {}
        for key in dict.fromkeys([*b, *m, *t]):
            if (key in m) == (key in t):
                continue
            if any(
                len(c.key) == 3 and c.key[:2] == (list_name, key)
                for c in merge.conflicts
                if isinstance(c.key, tuple)
            ):
                whole[(list_name, key)] = FieldConflict(
                    (list_name, key), b.get(key, MISSING), m.get(key, MISSING), t.get(key, MISSING)
                )
    if not whole:
        return merge

    def outside(key: Hashable) -> bool:
        return not (isinstance(key, tuple) and key[:2] in whole)

    conflicts = [c for c in merge.conflicts if outside(c.key)]
    return Merge(
        merge.values,
        (*conflicts, *whole.values()),
        tuple(filter(outside, merge.taken)),
        tuple(filter(outside, merge.kept)),
    )
