"""Property-based proof of the merge: several devices edit, delete and exchange in random
orders; in the end every device holds the same state and every concurrent same-field edit is
still there as a conflict (none lost)."""

from __future__ import annotations

from itertools import permutations

from hypothesis import given, settings
from hypothesis import strategies as st

from ki_desktop.sync.merge import (
    DELETED,
    RecordState,
    delete,
    deletion_conflict,
    local_changes,
    merge,
    resolve,
    write,
)

RECORDS = ("r1", "r2")
FIELDS = ("first_name", "status", "municipality")

device_ids = st.integers(min_value=3, max_value=5).map(lambda n: [f"dev{i}" for i in range(n)])
op = st.one_of(
    st.tuples(
        st.just("write"),
        st.integers(0, 4),
        st.sampled_from(RECORDS),
        st.sampled_from(FIELDS),
        st.integers(0, 3),
    ),
    st.tuples(st.just("delete"), st.integers(0, 4), st.sampled_from(RECORDS)),
    st.tuples(st.just("sync"), st.integers(0, 4), st.integers(0, 4)),
    st.tuples(
        st.just("resolve"),
        st.integers(0, 4),
        st.sampled_from(RECORDS),
        st.sampled_from((*FIELDS, DELETED)),
    ),
)


class World:
    """Devices with their record states, and the ground truth: every write and which writes
    it overwrote (those its device could see)."""

    def __init__(self, devices: list[str]) -> None:
        self.devices = devices
        self.states: dict[str, dict[str, RecordState]] = {d: {} for d in devices}
        self.written: dict[tuple[str, str], set] = {}
        self.overwritten: set = set()

    def state(self, device: str, record: str) -> RecordState:
        return self.states[device].get(record, RecordState())

    def _record(self, device: str, record: str, before: RecordState, after: RecordState) -> None:
        for name, siblings in after.fields.items():
            if siblings != before.fields.get(name, ()):
                (new,) = siblings
                self.written.setdefault((record, name), set()).add(new.dot)
                self.overwritten.update((record, name, s.dot) for s in before.fields.get(name, ()))
        self.states[device][record] = after

    def apply(self, step: tuple) -> None:
        kind, *args = step
        if kind == "write":
            d, record, name, value = args
            device = self.devices[d % len(self.devices)]
            before = self.state(device, record)
            self._record(device, record, before, write(before, device, {name: value}))
        elif kind == "delete":
            d, record = args
            device = self.devices[d % len(self.devices)]
            before = self.state(device, record)
            if before.fields and not before.deleted:
                self._record(device, record, before, delete(before, device))
        elif kind == "resolve":
            d, record, name = args
            device = self.devices[d % len(self.devices)]
            before = self.state(device, record)
            if len(before.fields.get(name, ())) > 1:
                chosen = before.values(name)[0]
                self._record(device, record, before, resolve(before, device, name, chosen))
        else:
            src, dst = (self.devices[i % len(self.devices)] for i in args)
            self.exchange(src, dst)

    def exchange(self, src: str, dst: str) -> None:
        for record, theirs in self.states[src].items():
            self.states[dst][record] = merge(self.state(dst, record), theirs)

    def gossip(self) -> None:
        for _ in range(2):
            for src in self.devices:
                for dst in self.devices:
                    self.exchange(src, dst)


@settings(max_examples=300, deadline=None)
@given(device_ids, st.lists(op, max_size=60))
def test_all_devices_converge_and_no_concurrent_edit_is_lost(devices, steps):
    world = World(devices)
    for step in steps:
        world.apply(step)
    world.gossip()

    first = world.states[devices[0]]
    for device in devices[1:]:
        assert {r: s.to_json() for r, s in world.states[device].items()} == {
            r: s.to_json() for r, s in first.items()
        }
    for (record, name), dots in world.written.items():
        survivors = {dot for dot in dots if (record, name, dot) not in world.overwritten}
        held = {s.dot for s in first[record].fields.get(name, ())}
        assert held == survivors  # every write nobody saw and overwrote is still there
        if len({repr(v) for v in first[record].values(name)}) > 1:
            assert name in first[record].conflicts()


record_states = st.builds(
    lambda steps: _replay(steps),
    st.lists(
        st.tuples(st.sampled_from(("a", "b", "c")), st.sampled_from(FIELDS), st.integers(0, 2)),
        max_size=6,
    ),
)


def _replay(steps) -> RecordState:
    state = RecordState()
    for device, name, value in steps:
        state = write(state, device, {name: value})
    return state


def _history(seed: RecordState, branches) -> list[RecordState]:
    """Concurrent branches grown from a common state (as on devices that synced once)."""
    states = []
    for device, name, value in branches:
        states.append(write(seed, device, {name: value}))
    return states


@given(
    record_states,
    st.lists(
        st.tuples(st.sampled_from(("a", "b", "c")), st.sampled_from(FIELDS), st.integers(0, 2)),
        min_size=1,
        max_size=4,
    ),
)
def test_merge_is_idempotent_commutative_associative(seed, branches):
    states = _history(seed, branches)
    for s in states:
        assert merge(s, s).to_json() == s.to_json()
    results = set()
    for order in permutations(states):
        acc = RecordState()
        for s in order:
            acc = merge(acc, s)
        results.add(repr(acc.to_json()))
        again = merge(acc, order[0])
        assert again.to_json() == acc.to_json()
    assert len(results) == 1


def test_same_field_edited_on_two_devices_is_a_conflict_with_both_values():
    base = write(RecordState(), "office", {"first_name": "Olena", "status": "registered"})
    mine = write(base, "laptop1", {"first_name": "Olena M."})
    theirs = write(base, "laptop2", {"first_name": "Olena Maria"})
    merged = merge(mine, theirs)
    assert merged.conflicts() == ["first_name"]
    assert sorted(merged.values("first_name")) == ["Olena M.", "Olena Maria"]
    assert merged.value("first_name") == merge(theirs, mine).value("first_name")
    settled = resolve(merged, "laptop1", "first_name", "Olena Maria")
    assert settled.conflicts() == []
    assert merge(settled, theirs).values("first_name") == ["Olena Maria"]


def test_different_fields_merge_without_conflict():
    base = write(RecordState(), "office", {"first_name": "Ali", "status": "registered"})
    mine = write(base, "laptop1", {"first_name": "Ali Reza"})
    theirs = write(base, "laptop2", {"status": "counselled"})
    merged = merge(mine, theirs)
    assert merged.conflicts() == []
    assert (merged.value("first_name"), merged.value("status")) == ("Ali Reza", "counselled")


def test_a_later_edit_that_saw_the_other_wins_without_conflict():
    base = write(RecordState(), "office", {"status": "registered"})
    first = write(base, "laptop1", {"status": "counselled"})
    second = write(merge(base, first), "laptop2", {"status": "assigned"})
    assert merge(first, second).values("status") == ["assigned"]
    assert merge(second, first).values("status") == ["assigned"]


def test_deletion_against_a_concurrent_edit_is_a_conflict():
    base = write(RecordState(), "office", {"first_name": "Yonas", "status": "registered"})
    deleted = delete(base, "laptop1")
    edited = write(base, "laptop2", {"status": "counselled"})
    assert deletion_conflict(delete(base, "laptop1")) is False
    merged = merge(deleted, edited)
    assert merged.deleted and deletion_conflict(merged)
    assert merged == merge(edited, deleted)
    kept_deleted = resolve(merged, "laptop1", "status", None)
    assert not deletion_conflict(kept_deleted)


def test_a_deletion_after_seeing_the_edit_is_no_conflict():
    base = write(RecordState(), "office", {"status": "registered"})
    edited = write(base, "laptop2", {"status": "counselled"})
    deleted = delete(merge(base, edited), "laptop1")
    assert not deletion_conflict(merge(edited, deleted))


def test_local_changes_are_the_fields_that_differ_from_the_synced_state():
    state = write(RecordState(), "office", {"first_name": "Ana", "status": "registered"})
    assert local_changes(state, {"first_name": "Ana", "status": "registered"}) == {}
    assert local_changes(state, {"first_name": "Ana", "status": "counselled"}) == {
        "status": "counselled"
    }
    assert local_changes(RecordState(), {"first_name": "Ana"}) == {"first_name": "Ana"}
    conflict = merge(write(state, "a", {"status": "x"}), write(state, "b", {"status": "y"}))
    assert local_changes(conflict, {"first_name": "Ana", "status": "y"}) == {}
    assert local_changes(conflict, {"first_name": "Ana", "status": "z"}) == {"status": "z"}
