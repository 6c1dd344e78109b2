"""The cells of the offers CSV file (see :mod:`ki_desktop.domain.offer_csv`): the file's
encoding, age ranges, dates, yes/no, municipalities and coordinates, each read with the reason
why a cell cannot be taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ki_desktop.domain.coordinates import CoordinateProblem, coordinate_problem, parse_degrees
from ki_desktop.domain.model import Municipality
from ki_desktop.domain.offer_search import fold

MAX_AGE = 120


class OfferCsvError(ValueError):
    """The file as a whole cannot be read (encoding, separator, columns)."""


def format_ages(low: int | None, high: int | None) -> str:
    """An age range as the file writes it ("6–18", "ab 27", "bis 3", "" for any age)."""
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"ab {low}"
    if high is not None:
        return f"bis {high}"
    return ""


def decode(data: bytes) -> str:
    """The text of a UTF-8 file (with or without BOM); any other encoding is refused with the
    line of the first character that is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise OfferCsvError(
            f"Die Datei ist nicht UTF-8-kodiert (erstes fremdes Zeichen in Zeile {line}, "
            "vermutlich Windows-1252/ANSI). Bitte in Excel als „CSV UTF-8 (durch Trennzeichen "
            "getrennt)“ speichern."
        ) from None


_RANGE = re.compile(r"^(\d{1,3})\s*(?:[-–—]|bis)\s*(\d{1,3})$")
_FROM = re.compile(r"^(?:ab\s*(\d{1,3})|(\d{1,3})\s*\+)$")
_UNTIL = re.compile(r"^(?:bis|unter)\s*(\d{1,3})$")
_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def parse_ages(text: str) -> tuple[int | None, int | None]:
    """ "6–18", "6-18", "6 bis 18", "ab 27", "27+", "bis 3", "" or "alle"; ValueError with
    the reason otherwise."""
    value = text.strip().casefold()
    if value in ("", "alle", "jedes alter"):
        return None, None
    if m := _RANGE.match(value):
        low, high = int(m[1]), int(m[2])
    elif m := _FROM.match(value):
        low, high = int(m[1] or m[2]), None
    elif m := _UNTIL.match(value):
        low, high = None, int(m[1])
    else:
        hint = " (von Excel in ein Datum umgewandelt?)" if _DATE.match(value) else ""
        raise ValueError(
            f"Alter „{text}“ nicht erkannt{hint}; erlaubt sind z. B. „6–18“, „ab 27“, „bis 3“ "
            "oder leer für jedes Alter"
        )
    if any(age is not None and age > MAX_AGE for age in (low, high)):
        raise ValueError(f"Alter „{text}“ ist kein mögliches Lebensalter")
    if low is not None and high is not None and low > high:
        raise ValueError(f"Altersbereich „{text}“: das Mindestalter ist größer als das Höchstalter")
    return low, high


def parse_day(text: str, column: str) -> date | None:
    value = text.strip()
    if not value:
        return None
    m = _DATE.match(value)
    try:
        if m is None:
            raise ValueError
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError:
        raise ValueError(f"{column}: „{text}“ ist kein Datum der Form TT.MM.JJJJ") from None


def parse_yes_no(text: str, column: str) -> bool:
    value = text.strip().casefold()
    if value in ("ja", "j"):
        return True
    if value in ("nein", "n"):
        return False
    raise ValueError(f"{column}: „{text}“ ist weder „ja“ noch „nein“")


class MunicipalityResolver:
    """Finds a municipality by AGS (8 digits; 7 when Excel dropped the leading zero) or by name."""

    def __init__(self, municipalities: Iterable[Municipality]) -> None:
        self._by_ags = {m.ags: m for m in municipalities}
        self._by_name: dict[str, list[Municipality]] = {}
        for m in self._by_ags.values():
            self._by_name.setdefault(fold(m.name), []).append(m)

    def __call__(self, text: str) -> Municipality | None:
        """None for an empty cell; ValueError with the reason if unknown or ambiguous."""
        value = text.strip()
        if not value:
            return None
        if value.isdigit() and len(value) in (7, 8):
            found = self._by_ags.get(value.zfill(8))
            if found is None:
                raise ValueError(f"Gemeinde mit AGS „{value}“ ist nicht bekannt")
            return found
        matches = self._by_name.get(fold(value), [])
        if len(matches) > 1:
            raise ValueError(f"Gemeinde „{value}“ ist mehrdeutig; bitte den AGS angeben")
        if not matches:
            raise ValueError(f"Gemeinde „{value}“ ist nicht bekannt")
        return matches[0]


_POSITION_REASONS = {
    CoordinateProblem.INCOMPLETE: "Breitengrad und Längengrad: bitte beide angeben oder beide "
    "leer lassen",
    CoordinateProblem.LATITUDE_RANGE: "Breitengrad „{lat}“ liegt nicht zwischen −90 und 90",
    CoordinateProblem.LONGITUDE_RANGE: "Längengrad „{lon}“ liegt nicht zwischen −180 und 180",
    CoordinateProblem.SWAPPED: "Koordinaten „{lat}“, „{lon}“ liegen nicht in NRW – Breitengrad "
    "und Längengrad vertauscht?",
    CoordinateProblem.OUTSIDE_NRW: "Koordinaten „{lat}“, „{lon}“ liegen nicht in NRW "
    "(Breitengrad etwa 50,3 bis 52,6, Längengrad etwa 5,8 bis 9,5)",
}


def parse_position(
    lat_text: str, lon_text: str, municipality_ags: str, lat_column: str, lon_column: str
) -> tuple[float | None, float | None, list[str]]:
    """The coordinates of a row from its two cells (decimal comma or point; both empty: none)
    and the reasons they cannot be taken (then both are None)."""
    values: list[float | None] = []
    reasons = []
    for text, column, example in (
        (lat_text, lat_column, "51,9563"),
        (lon_text, lon_column, "7,6246"),
    ):
        try:
            values.append(parse_degrees(text))
        except ValueError:
            reasons.append(f"{column}: „{text}“ ist keine Zahl (z. B. „{example}“)")
    if reasons:
        return None, None, reasons
    lat, lon = values
    problem = coordinate_problem(lat, lon, municipality_ags)
    if problem is not None:
        return None, None, [_POSITION_REASONS[problem].format(lat=lat_text, lon=lon_text)]
    return lat, lon, []
