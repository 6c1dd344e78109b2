"""The canonical form of an audit entry and the chain check, without a database."""

from __future__ import annotations

from datetime import datetime

from ki_desktop.domain import audit as chain


def test_the_hashed_form_never_changes():
    # Chains written by earlier versions must still check: this pins the canonical form.
    data = chain.canonical(7, "2026-01-02 03:04:05.25", "anna", "case.read", "c1", '{"n": 1}', "ab")
    assert data == (
        b'{"action":"case.read","at":"2026-01-02T03:04:05.250000","detail":"{\\"n\\": 1}",'
        b'"prev_hash":"ab","seq":7,"target":"c1","user":"anna"}'
    )
    assert chain.entry_hash(
        1, "2026-01-02 03:04:05", "Jörg", "case.read", "", "", chain.GENESIS
    ) == (
        chain.hashlib.sha256(
            '{"action":"case.read","at":"2026-01-02T03:04:05.000000","detail":"",'
            f'"prev_hash":"{chain.GENESIS}","seq":1,"target":"","user":"Jörg"}}'.encode()
        ).hexdigest()
    )


def test_times_hash_alike_in_every_stored_form():
    forms = [
        datetime(2026, 1, 2, 3, 4, 5),
        "2026-01-02 03:04:05",
        "2026-01-02 03:04:05.000000",
        "2026-01-02T03:04:05",
    ]
    assert len({chain.entry_hash(1, f, "u", "a", "t", "", chain.GENESIS) for f in forms}) == 1
    assert chain.at_text("gestern") == "gestern"  # no time at all: hashed as it is


def records(n: int) -> list[chain.AuditRecord]:
    out, prev = [], chain.GENESIS
    for seq in range(1, n + 1):
        at = datetime(2026, 1, 1, 8, 0, seq)
        digest = chain.entry_hash(seq, at, "anna", "case.read", f"c{seq}", "", prev)
        out.append(chain.AuditRecord(seq, at, "anna", "case.read", f"c{seq}", "", prev, digest))
        prev = digest
    return out


def test_check_chain_reasons():
    good = records(6)
    assert chain.check_chain(good).ok
    assert chain.check_chain([]).ok and chain.check_chain([]).head_hash == chain.GENESIS
    gap = good[:2] + good[3:]
    assert (chain.check_chain(gap).first_bad_seq, chain.check_chain(gap).reason) == (3, "missing")
    edited = list(good)
    edited[3] = chain.AuditRecord(4, good[3].at, "eve", "case.read", "c4", "", good[2].hash,
                                  good[3].hash)  # fmt: skip
    report = chain.check_chain(edited)
    assert (report.first_bad_seq, report.reason, report.entries) == (4, "modified", 3)
    rehashed = list(good)
    r = good[2]
    forged = chain.entry_hash(3, r.at, "eve", r.action, r.target, r.detail, r.prev_hash)
    rehashed[2] = chain.AuditRecord(3, r.at, "eve", r.action, r.target, r.detail, r.prev_hash,
                                    forged)  # fmt: skip
    assert chain.check_chain(rehashed).reason == "relinked"
    assert chain.check_chain(rehashed).first_bad_seq == 3
    assert chain.check_chain(good, unsealed=2).reason == "unsealed"
    assert chain.check_chain(good, expected_head=good[4].hash).ok
    assert chain.check_chain(good, expected_head="f" * 64).reason == "unknown_head"
