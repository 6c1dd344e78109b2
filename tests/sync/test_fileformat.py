"""The encrypted sync file: round trip, streaming, and every kind of bad file refused."""

from __future__ import annotations

import io
import json

import pytest

from ki_desktop.sync import fileformat
from ki_desktop.sync.fileformat import Header, SyncFileError, SyncWriter, read_records

HEADER = Header(
    source_device="laptop-1",
    team="team-borken",
    created_at="2026-11-22T10:00:00+00:00",
    kind="changes",
)
SECRET = "Korrekt Pferd Batterie Heftklammer"


def make_file(records: int, passphrase: str = SECRET, chunk: int | None = None) -> bytes:
    out = io.BytesIO()
    writer = SyncWriter(out, passphrase, HEADER)
    for i in range(records):
        writer.write({"table": "case", "id": f"r{i}", "first_name": "Şahin Ölçer", "n": i})
    writer.close()
    return out.getvalue()


def read_all(data: bytes, passphrase: str = SECRET, team: str | None = "team-borken") -> list:
    return list(read_records(io.BytesIO(data), passphrase, team))


def test_round_trip_over_several_chunks(monkeypatch):
    monkeypatch.setattr(fileformat, "CHUNK_BYTES", 1000)
    data = make_file(200)
    header, *records = read_all(data)
    assert header["source_device"] == "laptop-1" and header["format"] == 1
    assert [r["n"] for r in records] == list(range(200))
    assert records[0]["first_name"] == "Şahin Ölçer"


def test_an_empty_file_still_has_its_final_chunk():
    header, *records = read_all(make_file(0))
    assert records == [] and header["kind"] == "changes"


def test_header_names_no_personal_data_and_the_body_is_not_readable():
    data = make_file(5)
    assert b"laptop-1" in data and "Şahin".encode() not in data and b"first_name" not in data


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: d[:-1], "unvollständig"),
        (lambda d: d[: len(d) // 2], "unvollständig"),
        (lambda d: d + b"x", "Daten nach dem Ende"),
        (lambda d: d[:-20] + bytes([d[-20] ^ 1]) + d[-19:], "verändert oder ist beschädigt"),
        (lambda d: b"PK\x03\x04" + d[4:], "keine Sync-Datei"),
    ],
    ids=["last-byte-missing", "cut-in-half", "appended", "bit-flipped", "not-a-sync-file"],
)
def test_damaged_files_are_refused(damage, message):
    with pytest.raises(SyncFileError, match=message):
        read_all(damage(make_file(50)))


def test_cut_at_a_chunk_border_is_noticed(monkeypatch):
    monkeypatch.setattr(fileformat, "CHUNK_BYTES", 200)
    data = make_file(60)
    source = io.BytesIO(data)
    fields, _raw = fileformat.read_header(source)
    # keep the header and exactly the first chunk: a file that ends where a chunk ends
    (length,) = fileformat._LENGTH.unpack(source.read(4))
    cut = data[: source.tell() + length]
    with pytest.raises(SyncFileError, match="unvollständig"):
        read_all(cut)


def test_changed_header_is_refused():
    data = make_file(3)
    changed = data.replace(b"laptop-1", b"laptop-9")
    with pytest.raises(SyncFileError, match="verändert oder ist beschädigt"):
        read_all(changed)


def test_wrong_passphrase_is_named_as_such():
    with pytest.raises(SyncFileError, match="Passphrase ist falsch"):
        read_all(make_file(3), passphrase="falsch")


def test_file_of_another_team_is_refused():
    with pytest.raises(SyncFileError, match="anderen Team"):
        read_all(make_file(3), team="team-warendorf")


def test_file_from_a_newer_format_is_refused():
    data = make_file(1)
    length = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12 : 12 + length])
    header["format"] = 2
    raw = json.dumps(header, sort_keys=True).encode()
    newer = data[:8] + len(raw).to_bytes(4, "big") + raw + data[12 + length :]
    with pytest.raises(SyncFileError, match="Format 2"):
        read_all(newer)


def test_a_file_cannot_choose_the_cost_of_the_key_derivation():
    data = make_file(1)
    length = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12 : 12 + length])
    header["kdf"]["n"] = 2**22  # would take seconds and gigabytes before any check
    raw = json.dumps(header, sort_keys=True).encode()
    costly = data[:8] + len(raw).to_bytes(4, "big") + raw + data[12 + length :]
    with pytest.raises(SyncFileError, match="beschädigt"):
        read_all(costly)
