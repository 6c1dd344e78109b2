"""Use cases of the placement recommendation: the rules engine plus the school list.

Recommending, accepting and recording the school need the placement permission and, for a
stored case, that the user may see it; the KI's own data of a school is the administration's.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from ki_desktop.domain import model as dm
from ki_desktop.domain.candidates import Candidate, centre, rank_candidates
from ki_desktop.domain.model import school_form_name
from ki_desktop.domain.placement import Placement, recommend_placement
from ki_desktop.domain.placement_input import (
    PlacementInput,
    PlacementInputError,
    parse_placement_input,
)
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import N_, _
from ki_desktop.services import labels, session
from ki_desktop.services.case_access import require_case, require_parent_content
from ki_desktop.services.database import ServiceError
from ki_desktop.services.schools import SchoolDataConflict
from ki_desktop.store import cases as case_repo
from ki_desktop.store import edit_lock
from ki_desktop.store import recommendations as rec_repo
from ki_desktop.store import schools as school_repo
from ki_desktop.store.users import record_event

_CASE_GONE = N_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht.")


def candidate_schools(
    forms: list[str], municipality_ags: str | None, limit: int = 10
) -> list[Candidate]:
    """Schools of the fitting forms, nearest to the municipality's centre first (the centre is
    the mean position of its schools), those with free Erstförderung places first."""
    session.require(Permission.PLACEMENT)
    origin = (
        centre(school_repo.schools_in_municipality(municipality_ags)) if municipality_ags else None
    )
    return rank_candidates(school_repo.schools_of_forms(forms), forms, origin, limit)


def recommend(inp: PlacementInput) -> Placement:
    """The recommendation with candidate schools (empty when no school list is loaded)."""
    session.require(Permission.PLACEMENT)
    placement = recommend_placement(inp)
    placement.schools = [
        c.to_json() for c in candidate_schools(placement.school_forms, inp.municipality)
    ]
    return placement


def recommend_from_file(
    path: str | Path, today: date | None = None, user: str | None = None
) -> Placement:
    """``ki-desktop recommend CASE.json``: read, validate and recommend."""
    session.require(Permission.PLACEMENT)
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
    record_event(
        user or session.who(), "placement.recommend", path.name, rules=placement.rules_version
    )
    return placement


OVERRIDABLE = {
    "stage": N_("Stufe"),
    "grade": N_("Jahrgangsstufe"),
    "support": N_("Erstförderung"),
    "school_forms": N_("Schulformen"),
    "school": N_("Schule"),
}


def placement_input_for_case(case: dm.Case, today: date | None = None) -> PlacementInput:
    """What the rules need, taken from the case file and its latest interview."""
    today = today or date.today()
    if case.birth_date is None:
        raise ServiceError(_("Für eine Empfehlung fehlt das Geburtsdatum."))
    interview = case.interviews[-1] if case.interviews else None
    history = case.school_history
    years = sum(max((h.year_to or 0) - (h.year_from or 0), 0) for h in history) if history else None
    last = max(history, key=lambda h: h.year_to or 0) if history else None
    interrupted = None
    if last and last.year_to:
        interrupted = max(min((case.arrival_date or today).year - last.year_to, 20), 0)
    data = {
        "birth_date": case.birth_date.isoformat(),
        "counselling_date": (interview.held_on if interview else today).isoformat(),
        "arrival_date": case.arrival_date.isoformat() if case.arrival_date else None,
        "municipality": case.municipality_ags or None,
        "school_years_abroad": min(years, 20) if years is not None else None,
        "school_type_abroad": (last.school_type or None) if last else None,
        "schooling_interrupted_years": interrupted,
        "latin_literate": interview.latin_literate if interview else None,
        "german_level": interview.german_level if interview and interview.german_level else None,
        "english_level": interview.english_level if interview and interview.english_level else None,
    }
    try:
        return parse_placement_input(data, today)
    except PlacementInputError as exc:
        raise ServiceError(
            _("Die Falldaten passen nicht zusammen: {error}").format(error=exc)
        ) from exc


def recommend_for_case(case_id: str, today: date | None = None) -> Placement:
    """The rules' recommendation for a stored case, with candidate schools."""
    require_case(Permission.PLACEMENT, case_id)
    case = case_repo.get_case(case_id)
    if case is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    return recommend(placement_input_for_case(case, today))


def accept_recommendation(
    case_id: str,
    placement: Placement,
    overrides: dict[str, tuple[object, str]] | None = None,
    schulnummer: str | None = None,
    user: str | None = None,
    today: date | None = None,
) -> str:
    """Store the recommendation as accepted; every deviation from the rules needs a reason,
    which is kept with the reasons ("Abweichung …")."""
    current = require_case(Permission.PLACEMENT, case_id)
    user = user or current.username
    overrides = overrides or {}
    reasons = list(placement.reasons)
    values = {
        "stage": placement.stage,
        "grade": placement.grade,
        "support": placement.support,
        "school_forms": placement.school_forms,
    }
    for key, (value, why) in overrides.items():
        if key not in OVERRIDABLE:
            raise ServiceError(_("„{key}“ kann nicht geändert werden.").format(key=key))
        if not str(why).strip():
            raise ServiceError(
                _("Für die Abweichung bei „{key}“ fehlt die Begründung.").format(
                    key=_(OVERRIDABLE[key])
                )
            )
        old = schulnummer if key == "school" else values[key]
        reasons.append(
            _("Abweichung ({user}): {part} {old} → {new}. Grund: {why}").format(
                user=user,
                part=_(OVERRIDABLE[key]),
                old=_show(key, old),
                new=_show(key, value),
                why=str(why).strip(),
            )
        )
        if key == "school":
            schulnummer = str(value)
        else:
            values[key] = value
    rec = dm.Recommendation(
        case_id=case_id,
        created_on=today or date.today(),
        stage=str(values["stage"]),
        grade=values["grade"],
        school_forms=list(values["school_forms"]),
        support=list(values["support"]),
        reasons=reasons,
        rules_version=placement.rules_version,
    )
    with edit_lock.edit_transaction():
        rec_id = rec_repo.add_recommendation(rec, schulnummer)
        if rec_id is None:
            raise ServiceError(_(_CASE_GONE))
        record_event(user, "placement.accept", case_id, overrides=sorted(overrides))
    return rec_id


def _show(key: str, value: object) -> str:
    """A part of a recommendation as words (labels instead of codes)."""
    if key == "stage":
        return labels.stage_label(str(value))
    if key == "support":
        return ", ".join(labels.support_label(v) for v in value) or "–"
    if key == "school_forms":
        return ", ".join(school_form_name(v) for v in value) or "–"
    return "–" if value in (None, "") else str(value)


def latest_recommendation(case_id: str) -> tuple[dm.Recommendation, str] | None:
    """The newest stored recommendation of a case and its proposed school (also for the
    parents in the interpreter view of this case)."""
    require_parent_content(case_id)
    return rec_repo.latest_recommendation(case_id)


def record_assignment(case_id: str, schulnummer: str, day: date, user: str | None = None) -> None:
    """The Schulamt's answer: the assigned school and the date."""
    current = require_case(Permission.PLACEMENT, case_id)
    user = user or current.username
    with edit_lock.edit_transaction():
        if not rec_repo.set_assignment(case_id, schulnummer, day):
            raise ServiceError(
                _("Schule {nr} oder der Fall ist nicht bekannt.").format(nr=schulnummer)
            )
        record_event(user, "placement.assigned", case_id, school=schulnummer, on=day)


def record_school_start(case_id: str, day: date, user: str | None = None) -> None:
    """The first school day of the child."""
    current = require_case(Permission.PLACEMENT, case_id)
    user = user or current.username
    number, assigned_on, _start = rec_repo.assignment_of(case_id)
    if not number:
        raise ServiceError(_("Bitte zuerst die Zuweisung durch das Schulamt eintragen."))
    if assigned_on and day < assigned_on:
        raise ServiceError(
            _("Der Schulbeginn liegt vor der Zuweisung ({day}).").format(day=assigned_on)
        )
    with edit_lock.edit_transaction():
        if not rec_repo.set_school_start(case_id, day):
            raise ServiceError(_(_CASE_GONE))
        record_event(user, "placement.school_start", case_id, on=day)


def update_school_ki_data(
    schulnummer: str,
    places: int,
    free: int,
    contact: str = "",
    notes: str = "",
    user: str | None = None,
    loaded: dm.School | None = None,
) -> None:
    """The KI's own data of a school: Erstförderung places in total and free, contact, notes.

    ``loaded``: the school as it was loaded for editing. What only someone else changed since
    is kept; when they changed what this save changes too, nothing is written and
    :class:`ki_desktop.services.schools.SchoolDataConflict` says what is stored now."""
    current = session.require(Permission.SCHOOLS_EDIT)
    user = user or current.username
    if places < 0 or free < 0:
        raise ServiceError(_("Die Zahl der Plätze darf nicht negativ sein."))
    if free > places:
        raise ServiceError(
            _("Es können nicht mehr Plätze frei sein ({free}) als es gibt ({places}).").format(
                free=free, places=places
            )
        )
    try:
        with edit_lock.edit_transaction():
            known = school_repo.update_ki_data(
                schulnummer, places, free, contact.strip(), notes.strip(), loaded
            )
            if known:
                record_event(user, "school.ki_data", schulnummer, places=places, free=free)
    except school_repo.StaleSchoolDataError as exc:
        raise SchoolDataConflict.of(exc) from exc
    if not known:
        raise ServiceError(_("Schule {nr} ist nicht bekannt.").format(nr=schulnummer))
