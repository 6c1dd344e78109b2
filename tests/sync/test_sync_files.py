"""Exporting and importing encrypted sync files between real databases: a laptop's SQLite
file and the office's database (on the PostgreSQL run the server)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from ki_desktop.services import database, sync
from ki_desktop.services.database import ServiceError
from ki_desktop.services.demo import load_demo_data
from ki_desktop.services.schools import import_school_list
from ki_desktop.store.models import Case
from ki_desktop.store.users import recent_events
from tests.conftest import SCHOOL_EXTRACT
from tests.sync.snapshot import dump

SECRET = "Team-Passphrase Borken 2026"


def open_db(path):
    database.open_app_database(str(path))


@pytest.fixture
def office_and_laptop(tmp_path, new_location):
    """The office (the server on the PostgreSQL run) with only the school list, and a laptop
    file with 20 demo cases and the team's name."""
    office, laptop = new_location("office"), tmp_path / "laptop.sqlite"
    open_db(laptop)
    load_demo_data(size=20, seed=5, reference=date(2026, 11, 1))
    sync.set_team("KI Kreis Borken")
    database.close_app_database()
    open_db(office)
    import_school_list(SCHOOL_EXTRACT)
    database.close_app_database()
    return office, laptop


def test_export_import_twice_and_back(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    file = tmp_path / "laptop.kisync"
    open_db(laptop)
    report = sync.export_changes(file, SECRET)
    cases = {c.id: c.last_name for c in Case.select()}
    database.close_app_database()
    assert report.records > 20

    open_db(office)
    preview = sync.import_file(file, SECRET, preview=True)
    assert preview.counts.created > 0 and Case.select().count() == 0
    first = sync.import_file(file, SECRET)
    assert first.counts.created == preview.counts.created
    assert {c.id: c.last_name for c in Case.select()} == cases
    assert sync.team() == "KI Kreis Borken"
    again = sync.import_file(file, SECRET)
    assert (again.counts.created, again.counts.updated, again.counts.deleted) == (0, 0, 0)
    some = Case.select().order_by(Case.id).first()
    some.last_name = "Neu"
    some.save()
    back = tmp_path / "office.kisync"
    assert sync.export_changes(back, SECRET).records >= 1
    database.close_app_database()

    open_db(laptop)
    result = sync.import_file(back, SECRET)
    assert result.counts.updated >= 1
    assert Case.get_by_id(some.id).last_name == "Neu"
    # the laptop now knows the office has its changes: the next export is small
    small = sync.export_changes(tmp_path / "small.kisync", SECRET)
    assert small.records < report.records
    database.close_app_database()


@pytest.mark.parametrize(
    "make_bad, message",
    [
        (lambda data: data[: len(data) // 2], "unvollständig"),
        (lambda data: data[:-30] + bytes([data[-30] ^ 4]) + data[-29:], "verändert"),
    ],
)
def test_bad_file_changes_nothing_but_the_log(office_and_laptop, tmp_path, make_bad, message):
    office, laptop = office_and_laptop
    file = tmp_path / "laptop.kisync"
    open_db(laptop)
    sync.export_changes(file, SECRET)
    database.close_app_database()
    bad = tmp_path / "bad.kisync"
    bad.write_bytes(make_bad(file.read_bytes()))
    open_db(office)
    database.close_app_database()
    before = dump(office)
    open_db(office)
    with pytest.raises(ServiceError, match=message):
        sync.import_file(bad, SECRET)
    with pytest.raises(ServiceError, match="Passphrase ist falsch"):
        sync.import_file(file, "eine ganz andere Passphrase")
    refused = [e.result for e in sync.log_entries()]
    audited = [e.action for e in recent_events("sync.")]
    database.close_app_database()
    assert dump(office) == before
    assert refused == ["refused", "refused"]
    assert audited == ["sync.import.refused", "sync.import.refused"]


def test_short_passphrase_is_refused(office_and_laptop, tmp_path):
    office, _laptop = office_and_laptop
    open_db(office)
    try:
        with pytest.raises(ServiceError, match="mindestens 12 Zeichen"):
            sync.export_changes(tmp_path / "x.kisync", "kurz")
        assert not (tmp_path / "x.kisync").exists()
    finally:
        database.close_app_database()


def test_import_order_does_not_matter(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    base = tmp_path / "base.kisync"
    open_db(laptop)
    sync.export_changes(base, SECRET)
    database.close_app_database()
    second = tmp_path / "second.sqlite"
    open_db(second)
    import_school_list(SCHOOL_EXTRACT)
    database.close_app_database()
    files = {}
    for name, path, new_name in (("o", office, "Büro"), ("s", second, "Zweit")):
        open_db(path)
        sync.import_file(base, SECRET)
        for case in Case.select().order_by(Case.id).limit(3):
            case.first_name = f"{new_name} {case.first_name}"
            case.save()
        files[name] = tmp_path / f"{name}.kisync"
        sync.export_changes(files[name], SECRET)
        database.close_app_database()
    results = []
    for order in (("o", "s"), ("s", "o")):
        target = tmp_path / f"laptop-{''.join(order)}.sqlite"
        target.write_bytes(laptop.read_bytes())
        open_db(target)
        for name in order:
            sync.import_file(files[name], SECRET)
        results.append(sorted((c.id, c.first_name) for c in Case.select()))
        conflicted = sync.records.load_state("case", min(c.id for c in Case.select()))
        database.close_app_database()
        assert len(conflicted["f"]["first_name"]) == 2  # both edits kept as a conflict
    assert results[0] == results[1]


def _newer_format(data: bytes) -> bytes:
    length = int.from_bytes(data[8:12], "big")
    header = json.loads(data[12 : 12 + length])
    header["format"] = 2
    raw = json.dumps(header, sort_keys=True).encode()
    return data[:8] + len(raw).to_bytes(4, "big") + raw + data[12 + length :]


def test_other_team_and_newer_format_change_nothing_but_the_log(office_and_laptop, tmp_path):
    office, laptop = office_and_laptop
    file = tmp_path / "laptop.kisync"
    open_db(laptop)
    sync.export_changes(file, SECRET)
    database.close_app_database()
    newer = tmp_path / "newer.kisync"
    newer.write_bytes(_newer_format(file.read_bytes()))
    open_db(office)
    sync.set_team("KI Kreis Warendorf")
    database.close_app_database()
    before = dump(office)
    open_db(office)
    with pytest.raises(ServiceError, match="anderen Team"):
        sync.import_file(file, SECRET)
    with pytest.raises(ServiceError, match="Format 2"):
        sync.import_file(newer, SECRET)
    messages = [e.message for e in sync.log_entries()]
    database.close_app_database()
    assert dump(office) == before
    assert len(messages) == 2 and "Format 2" in messages[0] and "Team" in messages[1]


def test_the_same_catalogue_on_two_laptops_merges_instead_of_doubling(tmp_path, new_location):
    from ki_desktop.store.models import Offer, Provider

    paths = [tmp_path / "one.sqlite", new_location("two")]
    for path in paths:
        open_db(path)
        load_demo_data(size=0, reference=date(2026, 11, 1))  # the catalogue, made separately
        database.close_app_database()
    file = tmp_path / "one.kisync"
    open_db(paths[0])
    offers, providers = Offer.select().count(), Provider.select().count()
    sync.export_changes(file, SECRET)
    database.close_app_database()
    open_db(paths[1])
    try:
        report = sync.import_file(file, SECRET)
        assert report.counts.created == 0 and report.counts.conflicts == 0
        assert (Offer.select().count(), Provider.select().count()) == (offers, providers)
    finally:
        database.close_app_database()


def test_an_offer_imported_again_after_its_deletion_comes_back_everywhere(tmp_path, new_location):
    from dataclasses import replace

    from ki_desktop.store import offers as offer_store
    from ki_desktop.store.models import Offer

    office, laptop = new_location("office"), tmp_path / "laptop.sqlite"
    open_db(laptop)
    import_school_list(SCHOOL_EXTRACT)
    database.close_app_database()
    open_db(office)
    load_demo_data(size=0, reference=date(2026, 11, 1))
    sync.export_changes(tmp_path / "1.kisync", SECRET)
    gone = offer_store.list_offers()[0]
    offer_store.delete_offer(gone.id)
    sync.export_changes(tmp_path / "2.kisync", SECRET)
    offer_store.save_offers([replace(gone, id=None)], [])  # the catalogue file imported again
    assert Offer.get_by_id(gone.id)  # the same id as before
    sync.export_changes(tmp_path / "3.kisync", SECRET)
    database.close_app_database()
    open_db(laptop)
    try:
        sync.import_file(tmp_path / "1.kisync", SECRET)
        sync.import_file(tmp_path / "2.kisync", SECRET)
        assert Offer.get_or_none(Offer.id == gone.id) is None
        sync.import_file(tmp_path / "3.kisync", SECRET)
        assert Offer.get_by_id(gone.id).title == gone.title
    finally:
        database.close_app_database()


def test_a_file_whose_records_point_nowhere_is_refused_in_preview_and_import(
    tmp_path, new_location
):
    from ki_desktop.sync.fileformat import Header, SyncWriter

    path = new_location("office")
    open_db(path)
    database.close_app_database()
    file = tmp_path / "orphan.kisync"
    with open(file, "wb") as out:
        writer = SyncWriter(out, SECRET, Header("elsewhere", "", "2026-11-22T10:00:00", "full"))
        writer.write({"from_seq": 0, "up_to_seq": 1, "seen": {}})
        state = {
            "c": {"elsewhere": 1},
            "f": {"case": [["elsewhere", 1, "f" * 32]], "name": [["elsewhere", 1, "Eine Mutter"]]},
        }
        writer.write({"t": "guardian", "k": "a" * 32, "s": state})
        writer.close()
    before = dump(path)
    open_db(path)
    try:
        for preview in (True, False):
            with pytest.raises(ServiceError, match="passt nicht zu den Daten"):
                sync.import_file(file, SECRET, preview=preview)
    finally:
        database.close_app_database()
    assert dump(path) == before


def test_a_file_whose_record_breaks_a_unique_name_is_refused(tmp_path, new_location):
    """A provider made elsewhere under a name a different provider has here: the new row is
    refused by the database, and the whole file with it, with the same message."""
    from ki_desktop.store.models import Provider
    from ki_desktop.sync.fileformat import Header, SyncWriter

    path = new_location("office")
    open_db(path)
    load_demo_data(size=0, reference=date(2026, 11, 1))
    taken = Provider.select().order_by(Provider.name).first().name
    database.close_app_database()
    file = tmp_path / "double.kisync"
    with open(file, "wb") as out:
        writer = SyncWriter(out, SECRET, Header("elsewhere", "", "2026-11-22T10:00:00", "full"))
        writer.write({"from_seq": 0, "up_to_seq": 1, "seen": {}})
        state = {"c": {"elsewhere": 1}, "f": {"name": [["elsewhere", 1, taken]]}}
        writer.write({"t": "provider", "k": "a" * 32, "s": state})
        writer.close()
    before = dump(path)
    open_db(path)
    try:
        with pytest.raises(ServiceError, match="passt nicht zu den Daten"):
            sync.import_file(file, SECRET)
        assert [e.result for e in sync.log_entries()] == ["refused"]
    finally:
        database.close_app_database()
    assert dump(path) == before
