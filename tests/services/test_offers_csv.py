"""Importing and exporting the offers catalogue as CSV through the service."""

from dataclasses import replace
from datetime import date

import pytest

from ki_desktop.domain.offer_csv import COLUMNS
from ki_desktop.services import database, offers
from ki_desktop.services.database import ServiceError
from ki_desktop.services.schools import import_school_list
from tests.conftest import SCHOOL_EXTRACT

HEADER = ";".join(h for _k, h in COLUMNS)


def catalogue() -> list:
    return sorted(
        (replace(o, id=None) for o in offers.offers()),
        key=lambda o: (o.title, o.provider_name, o.municipality_ags),
    )


def providers() -> set:
    return {(p.name, p.contact_person, p.phone, p.email) for p in offers.repo.list_providers()}


@pytest.fixture
def municipalities(open_db):
    """An empty catalogue, but the municipalities are known (from the school list)."""
    import_school_list(SCHOOL_EXTRACT)
    return open_db


def write(path, *rows: str, encoding="utf-8-sig"):
    path.write_text("\r\n".join([HEADER, *rows]) + "\r\n", encoding=encoding)
    return path


def row(title="Hausaufgabenhilfe", ages="6–12", municipality="Südlohn", **more) -> str:
    cells = {
        "Titel": title,
        "Kategorie": "Lernförderung",
        "Träger": "Caritas Südlohn",
        "Ansprechperson": "Frau Beispiel",
        "Alter": ages,
        "Sprachen": "de, ar",
        "kostenlos": "ja",
        "Gemeinde": municipality,
        "gültig von": "01.08.2024",
        **more,
    }
    return ";".join(cells.get(h, "") for _k, h in COLUMNS)


def test_round_trip_into_an_empty_database(tmp_path, new_location):
    from ki_desktop.services.demo import load_demo_data

    database.open_app_database(new_location("a"))
    load_demo_data(size=0, reference=date(2026, 11, 1))
    before, before_providers = catalogue(), providers()
    file = tmp_path / "angebote.csv"
    assert offers.export_csv(file) == 80
    database.close_app_database()
    assert file.read_bytes().startswith(b"\xef\xbb\xbfTitel;Kategorie;")

    database.open_app_database(new_location("b"))
    try:
        import_school_list(SCHOOL_EXTRACT)
        report = offers.import_csv(file)
        assert (report.rows, report.valid, report.rejected, report.created) == (80, 80, [], 80)
        assert report.written
        assert catalogue() == before
        assert providers() == before_providers
        again = offers.import_csv(file)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 80)
        assert len(offers.offers()) == 80
    finally:
        database.close_app_database()


def test_reimport_updates_instead_of_duplicating(municipalities, tmp_path):
    offers.import_csv(write(tmp_path / "a.csv", row(), row(title="Lesepaten")))
    report = offers.import_csv(write(tmp_path / "b.csv", row(ages="6–14"), row(title="Neu")))
    assert (report.created, report.updated, report.unchanged) == (1, 1, 0)
    found = {o.title: o for o in offers.offers()}
    assert sorted(found) == ["Hausaufgabenhilfe", "Lesepaten", "Neu"]
    assert found["Hausaufgabenhilfe"].age_max == 14
    # the same title in another municipality is another offer
    offers.import_csv(write(tmp_path / "c.csv", row(municipality="Bocholt")))
    assert len(offers.offers()) == 4
    # and the search sees the change at once
    in_sudlohn = offers.OfferFilter(municipality_ags="05554060")
    assert [o.age_max for o in offers.search_offers("hausaufgabenhilfe", in_sudlohn)] == [14]


BAD = [
    row(ages="18–6"),
    row(title="Unbekannter Ort", municipality="Atlantis"),
    row(title="", ages="3-4"),
    row(title="Schlechtes Datum", **{"gültig bis": "32.13.2026"}),
    row(title="Sprache", Sprachen="de, qq"),
]


def test_dry_run_lists_every_rejected_row_and_writes_nothing(municipalities, tmp_path):
    file = write(tmp_path / "bad.csv", row(title="Gut"), *BAD)
    report = offers.import_csv(file, dry_run=True)
    assert (report.rows, report.valid, report.written) == (6, 1, False)
    assert [r.line for r in report.rejected] == [3, 4, 5, 6, 7]
    texts = [r.text for r in report.rejected]
    assert "Mindestalter ist größer" in texts[0]
    assert "Gemeinde „Atlantis“ ist nicht bekannt" in texts[1]
    assert "Titel fehlt" in texts[2]
    assert "gültig bis" in texts[3]
    assert "„qq“" in texts[4]
    assert offers.offer_count() == 0


def test_nothing_is_written_unless_all_rows_are_valid_or_only_valid(municipalities, tmp_path):
    file = write(tmp_path / "bad.csv", row(title="Gut"), *BAD)
    report = offers.import_csv(file)
    assert not report.written and offers.offer_count() == 0
    report = offers.import_csv(file, only_valid=True)
    assert report.written and report.created == 1 and len(report.rejected) == 5
    assert [o.title for o in offers.offers()] == ["Gut"]
    assert report.to_json()["rejected"][0] == {
        "line": 3,
        "reasons": ["Altersbereich „18–6“: das Mindestalter ist größer als das Höchstalter"],
    }


def test_cp1252_file_is_rejected_clearly(municipalities, tmp_path):
    file = write(tmp_path / "ansi.csv", row(), encoding="cp1252")
    with pytest.raises(ServiceError, match="ansi.csv: Die Datei ist nicht UTF-8-kodiert.*Zeile 1"):
        offers.import_csv(file)
    assert offers.offer_count() == 0


def test_missing_column_and_missing_file(municipalities, tmp_path):
    file = tmp_path / "kurz.csv"
    file.write_text("Titel;Kategorie\r\nKurs;Sprachkurs\r\n", encoding="utf-8")
    with pytest.raises(ServiceError, match="Spalten „Träger“, „Alter“, .* fehlen"):
        offers.import_csv(file)
    with pytest.raises(ServiceError, match="nicht gefunden"):
        offers.import_csv(tmp_path / "fehlt.csv")


def test_export_to_an_unwritable_place(municipalities, tmp_path):
    with pytest.raises(ServiceError, match="kann nicht geschrieben werden"):
        offers.export_csv(tmp_path / "gibt-es-nicht" / "x.csv")
