"""Ranking candidate schools."""

from ki_desktop.domain.candidates import centre, distance_km, rank_candidates
from ki_desktop.domain.model import School


def school(nr, form, east, north, free=0, places=0):
    return School(
        schulnummer=nr,
        schulform=form,
        name=f"Schule {nr}",
        utm_east=east,
        utm_north=north,
        erstfoerderung_free=free,
        erstfoerderung_places=places,
    )


def test_free_places_first_then_nearest_and_no_coordinates_last():
    schools = [
        school("1", "02", 1000, 0),
        school("2", "02", 5000, 0, free=3, places=10),
        school("3", "02", 2000, 0, free=1, places=10),
        school("4", "02", None, None, free=5, places=10),
        school("5", "20", 100, 0, free=9, places=10),
        school("6", "02", 500, 0),
    ]
    ranked = rank_candidates(schools, ["02"], (0.0, 0.0))
    assert [c.school.schulnummer for c in ranked] == ["3", "2", "4", "6", "1"]
    assert ranked[0].distance_km == 2.0 and ranked[2].distance_km is None


def test_centre_and_distance():
    pts = [school("1", "02", 0, 0), school("2", "02", 4000, 3000), school("3", "02", None, None)]
    assert centre(pts) == (2000.0, 1500.0)
    assert distance_km(pts[1], (0.0, 0.0)) == 5.0
    assert centre([]) is None and distance_km(pts[0], None) is None


def test_limit():
    schools = [school(str(n), "02", n * 100, 0) for n in range(30)]
    assert len(rank_candidates(schools, ["02"], (0, 0), limit=10)) == 10
