"""Parsing the official NRW school list (format as published)."""

import pytest

from ki_desktop.domain.school_list import SchoolListError, parse_school_list

HEADER = (
    "Schulnummer;Schulform;Schulbezeichnung_1;Schulbezeichnung_2;Schulbezeichnung_3;"
    "Kurzbezeichnung;PLZ;Ort;Strasse;Telefonvorwahl;Telefon;Faxvorwahl;Fax;E-Mail;Homepage;"
    "Rechtsform;Traegernummer;Gemeindeschluessel;Schulbetriebsschluessel;Schulbetriebsdatum;"
    "EPSG;UTMRechtswert;UTMHochwert;"
)


def row(
    nr,
    form,
    n1,
    n2="",
    n3="",
    ort="Gescher",
    ags="05554016",
    betrieb="1",
    epsg="EPSG:25832",
    east="370000",
    north="5760000",
):
    values = [
        nr,
        form,
        n1,
        n2,
        n3,
        "kurz",
        "48712",
        ort,
        "Hauptstr. 1",
        "02542",
        "123",
        "",
        "",
        f"{nr}@schule.nrw.de",
        "",
        "1",
        "1",
        ags,
        betrieb,
        "01.08.1970",
        epsg,
        east,
        north,
    ]
    return ";".join(f'"{v}"' for v in values) + ";"


def parse(*rows, kreis=None, sep_line=True):
    lines = (["sep=;"] if sep_line else []) + [HEADER, *rows]
    return parse_school_list(lines, kreis=kreis)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            ("Städt. Gemeinschaftsgrundschule", "Am Friedenspark", "- Primarstufe -"),
            "Städt. Gemeinschaftsgrundschule Am Friedenspark - Primarstufe -",
        ),
        (
            ("Städt. Gesamtschule", "Schule d. Sekundarstufe I u. II", ""),
            "Städt. Gesamtschule Schule d. Sekundarstufe I u. II",
        ),
        (("Pankratiusschule", "", ""), "Pankratiusschule"),
        ((" Realschule ", "", " Gescher "), "Realschule Gescher"),
    ],
)
def test_name_joined_from_three_columns(parts, expected):
    result = parse(row("111111", "02", *parts))
    assert result.schools[0].name == expected


@pytest.mark.parametrize(
    ("betrieb", "kept"),
    [("1", True), ("2", False), ("6", False), ("9", False)],
)
def test_only_schools_in_operation(betrieb, kept):
    result = parse(row("111111", "02", "Schule", betrieb=betrieb))
    assert (len(result.schools) == 1) is kept
    assert result.skipped_closed == (0 if kept else 1)
    assert result.closed_schulnummern == ([] if kept else ["111111"])


@pytest.mark.parametrize(
    ("epsg", "east", "north", "coords"),
    [
        ("EPSG:25832", "370123", "5760456", (370123.0, 5760456.0)),
        ("null", "370123", "5760456", (370123.0, 5760456.0)),
        ("EPSG:25832", "", "", (None, None)),
        ("EPSG:4326", "7.1", "51.9", (None, None)),
    ],
)
def test_coordinates_kept_in_utm32(epsg, east, north, coords):
    school = parse(row("111111", "02", "Schule", epsg=epsg, east=east, north=north)).schools[0]
    assert (school.utm_east, school.utm_north) == coords


def test_kreis_filter_and_municipalities_from_ags():
    result = parse(
        row("1", "02", "A", ort="Gescher", ags="05554016"),
        row("2", "20", "B", ort="Gescher", ags="05554016"),
        row("3", "02", "C", ort="Gescher-Hochmoor", ags="05554016"),
        row("4", "02", "D", ort="Ahlen", ags="05570004"),
        kreis="05554",
    )
    assert [s.schulnummer for s in result.schools] == ["1", "2", "3"]
    assert result.skipped_other_kreis == 1
    assert [(m.ags, m.name) for m in result.municipalities] == [("05554016", "Gescher")]
    assert {s.municipality_name for s in result.schools} == {"Gescher"}


def test_header_without_sep_line_and_bom():
    lines = ["\ufeff" + HEADER, row("1", "02", "A")]
    assert len(parse_school_list(lines).schools) == 1


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ([], "leer"),
        (["sep=;", "Name;Adresse", '"x";"y"'], "Schulgrunddaten"),
        (["sep=;", HEADER], "keine Zeilen"),
    ],
)
def test_bad_files_get_a_clear_message(lines, message):
    with pytest.raises(SchoolListError, match=message):
        parse_school_list(lines)


@pytest.mark.parametrize("kreis", ["x", "0", "055540161"])
def test_bad_kreis(kreis):
    with pytest.raises(SchoolListError, match="Kreisschlüssel"):
        parse(row("1", "02", "A"), kreis=kreis)
