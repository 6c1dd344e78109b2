"""Use cases of the placement recommendation: the rules engine plus the school list."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ki_desktop.domain.candidates import Candidate, centre, rank_candidates
from ki_desktop.domain.placement import Placement, recommend_placement
from ki_desktop.domain.placement_input import (
    PlacementInput,
    PlacementInputError,
    parse_placement_input,
)
from ki_desktop.i18n import _
from ki_desktop.services.database import ServiceError
from ki_desktop.store import schools as school_repo
from ki_desktop.store.users import record_event


def candidate_schools(
    forms: list[str], municipality_ags: str | None, limit: int = 10
) -> list[Candidate]:
    """Schools of the fitting forms, nearest to the municipality's centre first (the centre is
    the mean position of its schools), those with free Erstförderung places first."""
    origin = (
        centre(school_repo.schools_in_municipality(municipality_ags)) if municipality_ags else None
    )
    return rank_candidates(school_repo.schools_of_forms(forms), forms, origin, limit)


def recommend(inp: PlacementInput) -> Placement:
    """The recommendation with candidate schools (empty when no school list is loaded)."""
    placement = recommend_placement(inp)
    placement.schools = [
        c.to_json() for c in candidate_schools(placement.school_forms, inp.municipality)
    ]
    return placement


def recommend_from_file(
    path: str | Path, today: date | None = None, user: str = "system"
) -> Placement:
    """``ki-desktop recommend CASE.json``: read, validate and recommend."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ServiceError(_("Die Datei {path} wurde nicht gefunden.").format(path=path)) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ServiceError(
            _("{path} kann nicht gelesen werden: {error}").format(path=path, error=exc)
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ServiceError(
            _("{path} ist kein gültiges JSON (Zeile {line}, Spalte {col}).").format(
                path=path.name, line=exc.lineno, col=exc.colno
            )
        ) from exc
    try:
        inp = parse_placement_input(data, today or date.today())
    except PlacementInputError as exc:
        raise ServiceError(str(exc)) from exc
    placement = recommend(inp)
    record_event(user, "placement.recommend", path.name, rules=placement.rules_version)
    return placement
