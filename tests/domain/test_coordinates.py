"""Coordinates of offers: numbers as typed or pasted from a map, and the checks of a position."""

import pytest

from ki_desktop.domain.coordinates import (
    CoordinateProblem,
    coordinate_problem,
    format_degrees,
    map_link,
    parse_degrees,
    parse_position,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("51,9563", 51.9563),
        ("51.9563", 51.9563),
        (" 7,6246 ", 7.6246),
        ("-7.5", -7.5),
        ("\u22127,5", -7.5),  # a typographic minus
        ("+52", 52.0),
        ("51.9563°", 51.9563),
        ("", None),
        ("   ", None),
    ],
)
def test_degrees_with_comma_or_point(text, value):
    assert parse_degrees(text) == value


@pytest.mark.parametrize("text", ["abc", "51,95,63", "51.9563, 7.6246", "1234", "51.", "N 51"])
def test_not_a_number_of_degrees(text):
    with pytest.raises(ValueError):
        parse_degrees(text)


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("51.9563, 7.6246", (51.9563, 7.6246)),
        ("51.95630,7.62460", (51.9563, 7.6246)),
        ("51,9563; 7,6246", (51.9563, 7.6246)),
        ("51,9563, 7,6246", (51.9563, 7.6246)),
        ("51.9563 7.6246", (51.9563, 7.6246)),
        ("51.9563°, 7.6246°", (51.9563, 7.6246)),
        ("51,9563", None),  # one number with a decimal comma, not a pair
        ("51.9563", None),
        ("", None),
        ("Bocholt", None),
    ],
)
def test_position_pasted_from_a_map(text, pair):
    assert parse_position(text) == pair


@pytest.mark.parametrize(
    ("value", "decimal", "text"),
    [
        (51.838, ",", "51,838"),
        (51.838, ".", "51.838"),
        (7.0, ",", "7"),
        (51.95630049, ",", "51,9563"),
        (-0.0000001, ",", "0"),
        (None, ",", ""),
    ],
)
def test_format_degrees(value, decimal, text):
    assert format_degrees(value, decimal) == text


BOCHOLT = (51.838, 6.615)
PROBLEMS = [
    (None, None, "05554008", None),
    (*BOCHOLT, "05554008", None),
    (*BOCHOLT, "", None),  # no municipality: still a Kreis in NRW
    (51.838, None, "05554008", CoordinateProblem.INCOMPLETE),
    (None, 6.615, "", CoordinateProblem.INCOMPLETE),
    (91.0, 6.615, "05554008", CoordinateProblem.LATITUDE_RANGE),
    (-90.5, 6.615, "05554008", CoordinateProblem.LATITUDE_RANGE),
    (51.838, 181.0, "05554008", CoordinateProblem.LONGITUDE_RANGE),
    (51.838, -180.01, "05554008", CoordinateProblem.LONGITUDE_RANGE),
    (6.615, 51.838, "05554008", CoordinateProblem.SWAPPED),
    (48.137, 11.575, "05554008", CoordinateProblem.OUTSIDE_NRW),  # Munich
    (50.25, 6.615, "05554008", CoordinateProblem.OUTSIDE_NRW),  # just south of the box
    (52.6, 9.5, "05554008", None),  # the box's corner
    (48.137, 11.575, "09162000", None),  # a municipality in Bavaria: no NRW check
    (float("nan"), 6.615, "05554008", CoordinateProblem.LATITUDE_RANGE),
]


@pytest.mark.parametrize(("lat", "lon", "ags", "problem"), PROBLEMS)
def test_position_checks(lat, lon, ags, problem):
    assert coordinate_problem(lat, lon, ags) is problem


def test_map_link():
    assert map_link(51.838, 6.615) == (
        "https://www.openstreetmap.org/?mlat=51.838&mlon=6.615#map=17/51.838/6.615"
    )
