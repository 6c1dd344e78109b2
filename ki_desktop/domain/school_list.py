"""Reading the official NRW school list (Schulgrunddaten NRW) as published.

Format: UTF-8 (with or without BOM), ``;``-separated, every field quoted, line 1 ``sep=;``,
line 2 the header, a trailing empty column. Coordinates are UTM zone 32N (EPSG:25832) metres.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ki_desktop.domain.model import Municipality, School

REQUIRED_COLUMNS = (
    "Schulnummer",
    "Schulform",
    "Schulbezeichnung_1",
    "Schulbezeichnung_2",
    "Schulbezeichnung_3",
    "Gemeindeschluessel",
    "Schulbetriebsschluessel",
)
IN_OPERATION = "1"


class SchoolListError(ValueError):
    """The file is not a school list in the official format; the message says what is wrong."""


@dataclass(slots=True)
class ParsedSchoolList:
    schools: list[School]
    municipalities: list[Municipality]
    rows_read: int
    skipped_closed: int
    skipped_other_kreis: int
    closed_schulnummern: list[str]


def _float_or_none(text: str) -> float | None:
    text = text.strip()
    if not text or text.lower() == "null":
        return None
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _rows(lines: Iterable[str]) -> Iterator[dict[str, str]]:
    it = iter(lines)
    first = next(it, None)
    if first is None:
        raise SchoolListError("Die Datei ist leer.")
    first = first.lstrip("\ufeff")
    header_line = next(it, "") if first.strip().lower().startswith("sep=") else first
    header = next(csv.reader([header_line], delimiter=";"))
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise SchoolListError(
            "Das ist keine Schulliste im Format der Schulgrunddaten NRW: "
            f"es fehlen die Spalten {', '.join(missing)}."
        )
    for values in csv.reader(it, delimiter=";"):
        if not any(v.strip() for v in values):
            continue
        yield dict(zip(header, values, strict=False))


def school_from_row(row: dict[str, str]) -> School:
    """One school from one CSV row: the three name lines joined, coordinates kept."""
    name = " ".join(
        part.strip()
        for part in (
            row["Schulbezeichnung_1"],
            row["Schulbezeichnung_2"],
            row["Schulbezeichnung_3"],
        )
        if part.strip()
    )
    epsg = row.get("EPSG", "").strip()
    east = _float_or_none(row.get("UTMRechtswert", ""))
    north = _float_or_none(row.get("UTMHochwert", ""))
    if epsg and epsg not in ("EPSG:25832", "null") or (east is None or north is None):
        east = north = None
    phone = " ".join(p for p in (row.get("Telefonvorwahl", ""), row.get("Telefon", "")) if p)
    return School(
        schulnummer=row["Schulnummer"].strip(),
        schulform=row["Schulform"].strip(),
        name=name,
        short_name=row.get("Kurzbezeichnung", "").strip(),
        street=row.get("Strasse", "").strip(),
        postcode=row.get("PLZ", "").strip(),
        city=row.get("Ort", "").strip(),
        phone=phone,
        email=row.get("E-Mail", "").strip(),
        homepage=row.get("Homepage", "").strip(),
        ags=row["Gemeindeschluessel"].strip(),
        public=row.get("Rechtsform", "1").strip() == "1",
        in_operation=row["Schulbetriebsschluessel"].strip() == IN_OPERATION,
        utm_east=east,
        utm_north=north,
    )


def parse_school_list(lines: Iterable[str], kreis: str | None = None) -> ParsedSchoolList:
    """Schools in operation (optionally of one Kreis, AGS prefix) and their municipalities.

    A municipality's name is the place name (``Ort``) most of its schools give.
    """
    if kreis is not None and not (kreis.isdigit() and 2 <= len(kreis) <= 8):
        raise SchoolListError(
            f"Kreisschlüssel „{kreis}“ ist ungültig: bitte die ersten Ziffern des "
            "Gemeindeschlüssels angeben, z. B. 05554 für den Kreis Borken."
        )
    schools: list[School] = []
    places: dict[str, Counter[str]] = {}
    rows_read = other = 0
    closed: list[str] = []
    for row in _rows(lines):
        rows_read += 1
        ags = row.get("Gemeindeschluessel", "").strip()
        if kreis and not ags.startswith(kreis):
            other += 1
            continue
        school = school_from_row(row)
        if not school.schulnummer:
            raise SchoolListError(f"Zeile {rows_read + 2}: die Schulnummer fehlt.")
        if not school.in_operation:
            closed.append(school.schulnummer)
            continue
        schools.append(school)
        if len(ags) == 8 and ags.isdigit():
            places.setdefault(ags, Counter())[school.city] += 1
    if rows_read == 0:
        raise SchoolListError("Die Schulliste enthält keine Zeilen.")
    municipalities = [
        Municipality(ags=ags, name=counter.most_common(1)[0][0])
        for ags, counter in sorted(places.items())
    ]
    for school in schools:
        if school.ags in places:
            school.municipality_name = places[school.ags].most_common(1)[0][0]
    return ParsedSchoolList(schools, municipalities, rows_read, len(closed), other, closed)
