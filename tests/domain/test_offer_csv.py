"""Reading and writing the offers CSV file (no database)."""

from datetime import date

import pytest

from ki_desktop.domain.model import Municipality, Offer, Provider
from ki_desktop.domain.offer_csv import (
    COLUMNS,
    MunicipalityResolver,
    OfferCsvError,
    decode,
    parse_ages,
    parse_day,
    read_csv,
    write_csv,
)

MUNIS = [
    Municipality("05554060", "Südlohn"),
    Municipality("05554008", "Bocholt"),
    Municipality("05570052", "Warendorf"),
]
LANGUAGES = {"de", "ar", "uk", "ti", "fa"}
HEADER = ";".join(h for _k, h in COLUMNS)


def read(text: str):
    return read_csv(text, MunicipalityResolver(MUNIS), LANGUAGES.__contains__)


def row(**cells) -> str:
    values = {
        "Titel": "Hausaufgabenhilfe",
        "Kategorie": "Lernförderung",
        "Träger": "Caritas",
        "Alter": "6–12",
        "Sprachen": "de, ar",
        "kostenlos": "ja",
        "Gemeinde": "Südlohn",
        "gültig von": "01.08.2024",
    }
    values.update(cells)
    return ";".join(values.get(h, "") for _k, h in COLUMNS)


@pytest.mark.parametrize(
    "text, ages",
    [
        ("6–18", (6, 18)),
        ("6-18", (6, 18)),
        ("6 - 18", (6, 18)),
        ("6 bis 18", (6, 18)),
        ("ab 27", (27, None)),
        ("27+", (27, None)),
        ("bis 3", (None, 3)),
        ("", (None, None)),
        ("alle", (None, None)),
        ("4–4", (4, 4)),
    ],
)
def test_age_ranges(text, ages):
    assert parse_ages(text) == ages


@pytest.mark.parametrize(
    "text, reason",
    [
        ("18–6", "Mindestalter ist größer"),
        ("jung", "nicht erkannt"),
        ("01.06.2026", "in ein Datum umgewandelt"),
        ("6–180", "kein mögliches Lebensalter"),
    ],
)
def test_bad_age_ranges(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_ages(text)


def test_german_dates():
    assert parse_day("01.08.2024", "gültig von") == date(2024, 8, 1)
    assert parse_day("1.8.2024", "gültig von") == date(2024, 8, 1)
    assert parse_day("", "gültig von") is None
    for bad in ("2024-08-01", "31.02.2025", "1.8.24"):
        with pytest.raises(ValueError, match="TT.MM.JJJJ"):
            parse_day(bad, "gültig von")


def test_municipality_by_name_or_ags():
    resolve = MunicipalityResolver(MUNIS)
    assert resolve("Südlohn").ags == "05554060"
    assert resolve("sudlohn").ags == "05554060"
    assert resolve("05570052").name == "Warendorf"
    assert resolve("5570052").name == "Warendorf"  # Excel dropped the leading zero
    assert resolve("") is None
    with pytest.raises(ValueError, match="nicht bekannt"):
        resolve("Münster")
    with pytest.raises(ValueError, match="nicht bekannt"):
        resolve("05554999")
    twice = MunicipalityResolver([*MUNIS, Municipality("09999060", "Südlohn")])
    with pytest.raises(ValueError, match="mehrdeutig"):
        twice("Südlohn")


def test_valid_file():
    content = read(
        "\n".join([HEADER, row(), row(Titel="Griffbereit", Alter="1–3", Gemeinde="05554008")])
    )
    assert content.rejected == []
    assert [line for line, _o in content.offers] == [2, 3]
    first = content.offers[0][1]
    assert (first.age_min, first.age_max, first.languages) == (6, 12, ["de", "ar"])
    assert (first.municipality_ags, first.valid_from, first.free_of_charge) == (
        "05554060",
        date(2024, 8, 1),
        True,
    )
    assert content.offers[1][1].municipality_ags == "05554008"


BAD_ROWS = [
    ({"Titel": ""}, "Titel fehlt"),
    ({"Kategorie": ""}, "Kategorie fehlt"),
    ({"Alter": "18–6"}, "Mindestalter ist größer als das Höchstalter"),
    ({"Alter": "Kinder"}, "Alter „Kinder“ nicht erkannt"),
    ({"Gemeinde": "Atlantis"}, "Gemeinde „Atlantis“ ist nicht bekannt"),
    ({"gültig von": "2024-08-01"}, "gültig von: „2024-08-01“ ist kein Datum"),
    ({"gültig bis": "31.02.2026"}, "gültig bis: „31.02.2026“ ist kein Datum"),
    ({"gültig von": "01.08.2026", "gültig bis": "01.01.2026"}, "liegt nach"),
    ({"Sprachen": "de, xx, klingonisch"}, "unbekannter Sprachcode „xx“, „klingonisch“"),
    ({"kostenlos": "vielleicht"}, "weder „ja“ noch „nein“"),
]


@pytest.mark.parametrize("cells, reason", BAD_ROWS)
def test_every_kind_of_bad_row_is_rejected_with_line_and_reason(cells, reason):
    content = read("\n".join([HEADER, row(), row(**cells), row(Titel="Noch eins")]))
    assert [r.line for r in content.rejected] == [3]
    assert reason in content.rejected[0].text
    assert content.rejected[0].text.startswith("Zeile 3: ")
    assert [line for line, _o in content.offers] == [2, 4]


def test_several_reasons_of_one_row_are_all_given():
    content = read("\n".join([HEADER, row(Titel="", Alter="18–6", Gemeinde="Atlantis")]))
    assert len(content.rejected[0].reasons) == 3


def test_duplicate_rows_in_one_file():
    content = read("\n".join([HEADER, row(), row()]))
    assert content.rejected[0].line == 3
    assert "wie in Zeile 2" in content.rejected[0].text


def test_line_numbers_count_quoted_line_breaks_and_skip_empty_rows():
    text = "\n".join(
        [HEADER, row(Beschreibung='"zwei\nZeilen"'), ";;;;", row(Titel="x", Alter="18–6")]
    )
    assert [r.line for r in read(text).rejected] == [5]


def test_missing_column():
    header = HEADER.replace(";Gemeinde", "")
    with pytest.raises(OfferCsvError, match="Spalte „Gemeinde“ fehlt"):
        read(header + "\n")
    with pytest.raises(OfferCsvError, match="Spalten „Titel“, „Alter“ fehlen"):
        read(HEADER.replace("Titel;", "").replace(";Alter", "") + "\n")


def test_comma_separated_file_is_refused():
    with pytest.raises(OfferCsvError, match="Semikolon"):
        read(HEADER.replace(";", ",") + "\n")


def test_empty_file():
    with pytest.raises(OfferCsvError, match="leer"):
        read("")


def test_windows_1252_is_refused_with_the_line():
    data = ("Titel;Kategorie\r\nKurs;Sprachkurs\r\nFußball für alle;Sport\r\n").encode("cp1252")
    with pytest.raises(OfferCsvError, match="nicht UTF-8.*Zeile 3"):
        decode(data)
    assert decode("\ufeffTitel".encode()) == "Titel"


def test_write_csv_for_excel():
    offer = Offer(
        "Hausaufgabenhilfe",
        "Lernförderung",
        provider_name="Caritas",
        age_min=6,
        age_max=12,
        languages=["de", "ar"],
        free_of_charge=False,
        municipality_ags="05554060",
        municipality_name="Südlohn",
        valid_from=date(2024, 8, 1),
        schedule="=SUMME(A1)",
        description_de="zwei\nZeilen; mit Semikolon",
    )
    text = write_csv([offer], [Provider("Caritas", "Frau X", "+49 2862 0000")])
    lines = text.split("\r\n")
    assert lines[0] == HEADER
    assert "6–12;" in lines[1] and ";de, ar;nein;Südlohn;" in lines[1]
    assert ";01.08.2024;" in lines[1]
    assert "'=SUMME(A1)" in lines[1] and "'+49 2862 0000" in lines[1]
    again = read(text)
    assert again.rejected == []
    back = again.offers[0][1]
    assert back.schedule == "=SUMME(A1)"
    assert back.description_de == "zwei\nZeilen; mit Semikolon"
    assert again.providers["Caritas"].phone == "+49 2862 0000"


def test_descriptions_in_other_languages_travel_in_their_own_columns():
    arabic = "دروس مساعدة في الواجبات المدرسية"
    offer = Offer(
        "Hausaufgabenhilfe",
        "Lernförderung",
        provider_name="Caritas",
        age_min=6,
        age_max=12,
        languages=["de", "ar"],
        municipality_ags="05554060",
        municipality_name="Südlohn",
        description_de="Hilfe bei den Hausaufgaben",
        descriptions={"uk": "Допомога з домашнім завданням", "ar": arabic},
    )
    plain = Offer(
        "Lesepaten", "Lernförderung", provider_name="Caritas", municipality_ags="05554008"
    )
    text = write_csv([offer, plain], [])
    header = text.split("\r\n")[0]
    assert header == HEADER + ";Beschreibung (ar);Beschreibung (uk)"
    again = read(text)
    assert again.rejected == []
    back = {o.title: o for _line, o in again.offers}
    assert back["Hausaufgabenhilfe"].descriptions == offer.descriptions
    assert back["Hausaufgabenhilfe"].description_in("ar") == arabic
    assert back["Hausaufgabenhilfe"].description_in("de") == "Hilfe bei den Hausaufgaben"
    assert back["Lesepaten"].descriptions == {}


@pytest.mark.parametrize(
    "column, message",
    [
        ("Beschreibung (xx)", "„xx“ ist kein Sprachcode"),
        ("Beschreibung (de)", "„de“ ist kein Sprachcode"),
    ],
)
def test_translation_column_with_an_unknown_language_is_refused(column, message):
    with pytest.raises(OfferCsvError, match=message):
        read(f"{HEADER};{column}\r\n{row()};Text\r\n")


def test_translation_column_given_twice_is_refused():
    with pytest.raises(OfferCsvError, match="zweimal"):
        read(f"{HEADER};Beschreibung (ar);Beschreibung (AR)\r\n{row()};a;b\r\n")


# -- coordinates ---------------------------------------------------------------------------


def test_coordinates_round_trip_with_a_decimal_comma():
    import csv
    import io

    offer = Offer(
        "Hausaufgabenhilfe",
        "Lernförderung",
        provider_name="Caritas",
        municipality_ags="05554008",
        municipality_name="Bocholt",
        address="Nordstraße 12, 46399 Bocholt",
        latitude=51.838,
        longitude=6.615,
    )
    plain = Offer(
        "Lesepaten", "Lernförderung", provider_name="Caritas", municipality_ags="05554008"
    )
    text = write_csv([offer, plain], [])
    records = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    header = list(records[0])
    assert header[header.index("Adresse") + 1 : header.index("Adresse") + 3] == [
        "Breitengrad",
        "Längengrad",
    ]
    assert (records[0]["Breitengrad"], records[0]["Längengrad"]) == ("51,838", "6,615")
    assert (records[1]["Breitengrad"], records[1]["Längengrad"]) == ("", "")
    again = read(text)
    assert again.rejected == []
    back = {o.title: o for _line, o in again.offers}
    assert (back["Hausaufgabenhilfe"].latitude, back["Hausaufgabenhilfe"].longitude) == (
        51.838,
        6.615,
    )
    assert (back["Lesepaten"].latitude, back["Lesepaten"].longitude) == (None, None)


def test_coordinates_with_a_decimal_point_are_read_too():
    content = read("\n".join([HEADER, row(Breitengrad="51.9563", Längengrad="7.6246")]))
    assert content.rejected == []
    offer = content.offers[0][1]
    assert (offer.latitude, offer.longitude) == (51.9563, 7.6246)


def test_old_file_without_coordinate_columns_still_imports():
    old = (
        "Titel;Kategorie;Träger;Ansprechperson;Telefon;E-Mail;Alter;Zielgruppe;Sprachen;"
        "kostenlos;Gemeinde;Adresse;Termine;gültig von;gültig bis;Barrierefreiheit;Beschreibung\r\n"
        "Lesepaten;Lernförderung;Caritas;;;;6–10;;de;ja;Bocholt;Markt 1;;;;;\r\n"
    )
    content = read(old)
    assert content.rejected == []
    offer = content.offers[0][1]
    assert (offer.title, offer.address) == ("Lesepaten", "Markt 1")
    assert (offer.latitude, offer.longitude) == (None, None)


BAD_COORDINATES = [
    ({"Breitengrad": "51,9x", "Längengrad": "7,6"}, "Breitengrad: „51,9x“ ist keine Zahl"),
    ({"Breitengrad": "51,9", "Längengrad": "sieben"}, "Längengrad: „sieben“ ist keine Zahl"),
    ({"Breitengrad": "51,9"}, "bitte beide angeben oder beide leer lassen"),
    ({"Längengrad": "7,6"}, "bitte beide angeben oder beide leer lassen"),
    (
        {"Breitengrad": "95", "Längengrad": "7,6"},
        "Breitengrad „95“ liegt nicht zwischen −90 und 90",
    ),
    ({"Breitengrad": "51,9", "Längengrad": "190"}, "Längengrad „190“ liegt nicht zwischen"),
    (
        {"Breitengrad": "6,615", "Längengrad": "51,838"},
        "liegen nicht in NRW – Breitengrad und Längengrad vertauscht?",
    ),
    ({"Breitengrad": "48,137", "Längengrad": "11,575"}, "„48,137“, „11,575“ liegen nicht in NRW"),
]


@pytest.mark.parametrize("cells, reason", BAD_COORDINATES)
def test_bad_coordinates_are_rejected_with_line_and_reason(cells, reason):
    content = read("\n".join([HEADER, row(), row(Titel="Zwei", **cells)]))
    assert [r.line for r in content.rejected] == [3]
    assert reason in content.rejected[0].text
    assert [line for line, _o in content.offers] == [2]


def test_both_coordinates_unreadable_give_two_reasons():
    content = read("\n".join([HEADER, row(Breitengrad="x", Längengrad="y", Alter="18–6")]))
    assert len(content.rejected[0].reasons) == 3
