"""Where an offer takes place: latitude (Breite) and longitude (Länge) in WGS 84 decimal
degrees, as people copy them from a map ("51.9563, 7.6246").

Numbers are read with a decimal point or a German decimal comma. A position is checked as a
whole: both values or none, each within its range, and for the Kreise in NRW in or near NRW
(a box around the Land, so that swapped values are caught).
"""

from __future__ import annotations

import re
from enum import Enum

# A box around NRW with some margin (the Land spans about 50.32–52.53 N, 5.87–9.46 E).
NRW_LATITUDE = (50.3, 52.6)
NRW_LONGITUDE = (5.8, 9.5)
# The first two digits of a municipality key (AGS) in NRW.
NRW_AGS_PREFIX = "05"

_NUMBER = r"[+-]?\d{1,3}(?:[.,]\d+)?"
_SINGLE = re.compile(rf"^({_NUMBER})°?$")
_PAIR = re.compile(rf"^({_NUMBER})°?\s*(?:[;,/]\s*|\s+)({_NUMBER})°?$")


class CoordinateProblem(Enum):
    """What is wrong with a position (the caller words it for its field)."""

    INCOMPLETE = "incomplete"  # only one of the two values
    LATITUDE_RANGE = "latitude_range"  # not within −90…90
    LONGITUDE_RANGE = "longitude_range"  # not within −180…180
    SWAPPED = "swapped"  # outside NRW, but inside with latitude and longitude exchanged
    OUTSIDE_NRW = "outside_nrw"


def _clean(text: str) -> str:
    # A typographic minus sign, as some maps and word processors write it.
    return text.strip().replace("\u2212", "-")


def parse_degrees(text: str) -> float | None:
    """ "51,9563", "51.9563", "-7.5" or "51.9563°" as a number; None for an empty text;
    ValueError for anything else."""
    value = _clean(text)
    if not value:
        return None
    match = _SINGLE.match(value)
    if match is None:
        raise ValueError(f"not a number of degrees: {text!r}")
    return float(match[1].replace(",", "."))


def parse_position(text: str) -> tuple[float, float] | None:
    """A latitude and longitude pasted together from a map ("51.9563, 7.6246",
    "51,9563; 7,6246", "51.9563 7.6246") as a pair; None if ``text`` is a single number or
    no such pair."""
    value = _clean(text)
    if _SINGLE.match(value):
        return None
    match = _PAIR.match(value)
    if match is None:
        return None
    return float(match[1].replace(",", ".")), float(match[2].replace(",", "."))


def format_degrees(value: float | None, decimal: str = ",") -> str:
    """A value of degrees with up to six decimals (about 10 cm), trailing zeros dropped, with
    ``decimal`` as the decimal separator; "" for None."""
    if value is None:
        return ""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", decimal)


def in_nrw(latitude: float, longitude: float) -> bool:
    """True if the position lies in or near NRW."""
    return (
        NRW_LATITUDE[0] <= latitude <= NRW_LATITUDE[1]
        and NRW_LONGITUDE[0] <= longitude <= NRW_LONGITUDE[1]
    )


def coordinate_problem(
    latitude: float | None, longitude: float | None, municipality_ags: str = ""
) -> CoordinateProblem | None:
    """What is wrong with the position, or None (also for no position at all). The NRW check
    applies to offers in an NRW municipality and to those without one (the catalogue is an
    NRW Kreis's)."""
    if latitude is None and longitude is None:
        return None
    if latitude is None or longitude is None:
        return CoordinateProblem.INCOMPLETE
    if not -90 <= latitude <= 90:
        return CoordinateProblem.LATITUDE_RANGE
    if not -180 <= longitude <= 180:
        return CoordinateProblem.LONGITUDE_RANGE
    if municipality_ags and not municipality_ags.startswith(NRW_AGS_PREFIX):
        return None
    if in_nrw(latitude, longitude):
        return None
    if in_nrw(longitude, latitude):
        return CoordinateProblem.SWAPPED
    return CoordinateProblem.OUTSIDE_NRW


def map_link(latitude: float, longitude: float) -> str:
    """The position on OpenStreetMap (a marker at the point)."""
    lat, lon = format_degrees(latitude, "."), format_degrees(longitude, ".")
    return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
