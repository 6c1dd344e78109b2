"""Turning local edits into merge states, and merging incoming states into the rows.

Both run inside the caller's transaction; :mod:`ki_desktop.services.sync` wraps them into the
export and import of files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from ki_desktop.store import sync_records as store
from ki_desktop.store.models import utcnow
from ki_desktop.store.sync_orphans import drop_rows_of_gone_parents
from ki_desktop.store.sync_rows import RowBatch, RowWriter
from ki_desktop.store.sync_values import Codec
from ki_desktop.sync.merge import (
    DELETED,
    RecordState,
    deletion_conflict,
    local_changes,
    merge,
    write,
)
from ki_desktop.sync.merge import delete as delete_state


@dataclass(slots=True)
class ApplyCounts:
    records: int = 0
    created: int = 0
    updated: int = 0
    deleted: int = 0
    conflicts: int = 0  # records that are in conflict now and were not before


def state_entry(table: str, key: str, state: RecordState) -> tuple[str, str, dict, bool, bool]:
    """A merge state as :func:`store.store_states` saves it: (table, key, state, in conflict,
    deleted)."""
    conflicted = deletion_conflict(state)
    in_conflict = bool(state.conflicts()) or conflicted
    return table, key, state.to_json(), in_conflict, state.deleted and not conflicted


def write_row(
    table: store.SyncTable,
    key: str,
    state: RecordState,
    device: str,
    writer: RowWriter,
    new: bool = False,
) -> str:
    """Put a merged state into its row: "deleted", "created", "updated" or "" (nothing to
    write). While a deletion and an edit disagree no value is emptied; ``new`` says the row
    cannot exist here yet."""
    conflicted = deletion_conflict(state)
    if state.deleted and not conflicted:
        writer.before_change()
        return "deleted" if store.delete_row(table, key) else ""
    values = {f: state.value(f) for f in table.fields}
    return writer.write(key, values, device, keep=conflicted, new=new)


def _representable(codec: Codec, state: RecordState, values: dict) -> dict:
    """The row's values, leaving out references this device cannot hold (a school missing from
    its list arrives as an empty reference; that is no edit)."""
    return {
        name: value
        for name, value in values.items()
        if not (
            value is None and name in codec.back and not codec.resolves(name, state.value(name))
        )
    }


def _set_by_hand(table: store.SyncTable, state: RecordState, values: dict) -> dict:
    """Of a row every device has from elsewhere (a school from the official list): only the
    values someone entered, not the defaults every device starts with (a field nobody has
    written yet and that still holds its default is no edit)."""
    fields = table.model._meta.fields
    return {
        name: value
        for name, value in values.items()
        if name in state.fields or value != fields[name].default
    }


def capture(device: str) -> int:
    """Record this device's edits and deletions since the last capture as writes of
    ``device``; returns how many records changed."""
    seq, changed = store.Sequence(), 0  # first: on a server it waits for other clients
    started, since = utcnow(), store.captured_since()
    if since is not None and started < since:
        since = None  # the clock was set back: look at every row once, not only "newer" ones
    for table in store.TABLES:
        codec = Codec(table)
        for page in store.rows_to_capture(table, since):
            out = []
            for key, values, data in page:
                if data is None and table.key == "id":  # new here: every field is a write
                    fields = {name: [[device, 1, value]] for name, value in values.items()}
                    out.append((table.name, key, {"c": {device: 1}, "f": fields}, False, False))
                    continue
                state = RecordState.from_json(data) if data else RecordState()
                if deletion_conflict(state):
                    continue  # settled in the conflict dialog only
                if table.key != "id":
                    values = _set_by_hand(table, state, values)
                edits = local_changes(state, _representable(codec, state, values))
                if state.deleted:  # deleted once, made again since (same id): it is back
                    edits[DELETED] = False
                if edits:
                    out.append(state_entry(table.name, key, write(state, device, edits)))
            store.store_states(out, seq)
            changed += len(out)
        gone = [
            state_entry(table.name, key, delete_state(RecordState.from_json(data), device))
            for key, data in store.orphaned_states(table)
        ]
        store.store_states(gone, seq)
        changed += len(gone)
    seq.save()
    store.mark_captured(started)
    return changed


_PAGE = 250


def _pages(
    records: Iterable[tuple[str, str, dict]],
) -> Iterator[list[tuple[store.SyncTable, str, dict, dict | None]]]:
    """The known records in pages, each with the merge state stored here (read for the whole
    page at once: one query per table instead of one per record)."""
    it = iter(records)
    while read := list(islice(it, _PAGE)):
        page = [r for r in read if r[0] in store.BY_NAME]
        keys: dict[str, list[str]] = {}
        for name, key, _data in page:
            keys.setdefault(name, []).append(key)
        stored = {name: store.load_states(name, some) for name, some in keys.items()}
        yield [(store.BY_NAME[n], k, data, stored[n].get(k)) for n, k, data in page]


def apply(records: Iterable[tuple[str, str, dict]], device: str) -> ApplyCounts:
    """Merge incoming (table, key, state) into this database; call :func:`capture` first in the
    same transaction. Unknown tables are skipped."""
    store.defer_foreign_keys()
    counts, seq, batch, writers = ApplyCounts(), store.Sequence(), [], {}
    rows = RowBatch()
    created: dict[str, list[str]] = {}
    for table, key, data, stored in (record for page in _pages(records) for record in page):
        name = table.name
        counts.records += 1
        local = RecordState.from_json(stored) if stored else RecordState()
        merged = merge(local, RecordState.from_json(data))
        if stored is not None and merged.to_json() == stored:
            continue
        before = bool(local.conflicts()) or deletion_conflict(local)
        entry = state_entry(name, key, merged)
        writer = writers.get(name) or writers.setdefault(name, RowWriter(table, rows))
        result = write_row(table, key, merged, device, writer, new=stored is None)
        counts.created += result == "created"
        if result == "created":
            created.setdefault(name, []).append(key)
        counts.updated += result == "updated"
        counts.deleted += result == "deleted"
        counts.conflicts += entry[3] and not before
        batch.append(entry)
        if len(batch) >= 500:
            store.store_states(batch, seq)
            batch = []
    rows.flush()
    store.store_states(batch, seq)
    seq.save()
    # Rows for a parent deleted here (e.g. a case erased here, edited elsewhere meanwhile).
    counts.created -= drop_rows_of_gone_parents(created)
    return counts
