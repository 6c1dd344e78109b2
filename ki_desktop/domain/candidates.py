"""Candidate schools for a recommendation: fitting forms, nearest first, those with free
Erstförderung places before those without (never hidden)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ki_desktop.domain.model import School


@dataclass(frozen=True, slots=True)
class Candidate:
    school: School
    distance_km: float | None

    @property
    def has_free_places(self) -> bool:
        return self.school.erstfoerderung_free > 0

    def to_json(self) -> dict:
        return {
            "schulnummer": self.school.schulnummer,
            "name": self.school.name,
            "schulform": self.school.schulform,
            "municipality": self.school.municipality_name or self.school.city,
            "distance_km": None if self.distance_km is None else round(self.distance_km, 1),
            "free_places": self.school.erstfoerderung_free,
        }


def centre(schools: Iterable[School]) -> tuple[float, float] | None:
    """Mean UTM position of schools with coordinates (a municipality's centre); None if none."""
    points = [
        (s.utm_east, s.utm_north)
        for s in schools
        if s.utm_east is not None and s.utm_north is not None
    ]
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


def distance_km(school: School, origin: tuple[float, float] | None) -> float | None:
    """Straight-line distance in km (UTM zone 32N metres); None without coordinates."""
    if origin is None or school.utm_east is None or school.utm_north is None:
        return None
    return math.hypot(school.utm_east - origin[0], school.utm_north - origin[1]) / 1000


def rank_candidates(
    schools: Iterable[School], forms: list[str], origin: tuple[float, float] | None, limit: int = 10
) -> list[Candidate]:
    """Schools of the fitting ``forms``: with free places first, each group nearest first;
    schools without coordinates last; at most ``limit``."""
    wanted = set(forms)
    found = [
        Candidate(s, distance_km(s, origin))
        for s in schools
        if s.schulform in wanted and s.in_operation
    ]
    found.sort(
        key=lambda c: (
            not c.has_free_places,
            c.distance_km is None,
            c.distance_km if c.distance_km is not None else 0.0,
            c.school.name,
        )
    )
    return found[:limit]
