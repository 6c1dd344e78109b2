"""The placement letter to the Schulamt: only with the guardians' recorded consent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ki_desktop.domain.model import school_form_name
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import country_name, format_date, language_name
from ki_desktop.reports.pdf_style import FontMissingError, Letterhead
from ki_desktop.reports.placement_letter import (
    Counsellor,
    LetterChild,
    LetterRecommendation,
    PlacementLetter,
    ProposedSchool,
    build_placement_letter,
)
from ki_desktop.services import labels
from ki_desktop.services.case_access import require_case
from ki_desktop.services.database import ServiceError
from ki_desktop.services.placement import (
    candidate_schools,
    latest_recommendation,
    recommend_for_case,
)
from ki_desktop.store import cases as case_repo
from ki_desktop.store import schools as school_repo
from ki_desktop.store import users
from ki_desktop.store.connection import get_setting

CONSENT_KIND = "school_schulamt"


@dataclass(frozen=True, slots=True)
class Office:
    letterhead: Letterhead
    schulamt: tuple[str, ...]
    berufskolleg_authority: tuple[str, ...]


# Letterhead and recipients per Kreis until an administrator enters the KI's own in the
# settings (keys "letter.*"); contact details are placeholders.
_OFFICES = {
    "05554": Office(
        Letterhead(
            "Kommunales Integrationszentrum Kreis Borken",
            "Burloer Straße 93",
            "46325 Borken",
            "02861 000-0",
            "ki@kreis-borken.example",
        ),
        ("Staatliches Schulamt für den Kreis Borken", "Burloer Straße 93", "46325 Borken"),
        (
            "Bezirksregierung Münster",
            "Dezernat 45 – Berufskollegs",
            "Domplatz 1–3",
            "48143 Münster",
        ),
    ),
    "05570": Office(
        Letterhead(
            "Kommunales Integrationszentrum Kreis Warendorf",
            "Waldenburger Straße 2",
            "48231 Warendorf",
            "02581 000-0",
            "ki@kreis-warendorf.example",
        ),
        (
            "Staatliches Schulamt für den Kreis Warendorf",
            "Waldenburger Straße 2",
            "48231 Warendorf",
        ),
        (
            "Bezirksregierung Münster",
            "Dezernat 45 – Berufskollegs",
            "Domplatz 1–3",
            "48143 Münster",
        ),
    ),
}


def office_for(ags: str) -> Office:
    """The KI office of the Kreis a municipality (AGS) belongs to: letterhead (the settings
    "letter.*" where entered), Schulamt and Berufskolleg authority."""
    default = _OFFICES.get(ags[:5], _OFFICES["05554"])
    head = default.letterhead
    letterhead = Letterhead(
        get_setting("letter.ki_name", head.ki_name),
        get_setting("letter.street", head.street),
        get_setting("letter.postcode_city", head.postcode_city),
        get_setting("letter.phone", head.phone),
        get_setting("letter.email", head.email),
        get_setting("letter.website", "") or None,
    )
    return Office(letterhead, default.schulamt, default.berufskolleg_authority)


def write_placement_letter(
    case_id: str, target: str | Path, user: str | None = None, today: date | None = None
) -> Path:
    """Write the letter for the case's latest recommendation (or the rules' one) to ``target``.

    Refused without the guardians' consent to pass data to school and Schulamt.
    """
    current = require_case(Permission.PLACEMENT, case_id)
    user = user or current.username
    today = today or date.today()
    case = case_repo.get_case(case_id)
    if case is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    consent = next((c for c in case.consents if c.kind == CONSENT_KIND and c.given), None)
    if consent is None:
        raise ServiceError(
            _(
                "Ohne Einwilligung der Sorgeberechtigten in die Weitergabe an Schule und Schulamt "
                "darf kein Brief erstellt werden. Bitte die Einwilligung in der Erstberatung "
                "eintragen (Datum und wer sie gegeben hat)."
            )
        )
    placement = recommend_for_case(case_id, today)
    stored = latest_recommendation(case_id)
    stage, grade, support, forms, reasons = (
        placement.stage,
        placement.grade,
        placement.support,
        placement.school_forms,
        placement.reasons,
    )
    chosen = ""
    if stored:
        rec, chosen = stored
        stage, grade, support, forms, reasons = (
            rec.stage,
            rec.grade,
            rec.support,
            rec.school_forms,
            rec.reasons,
        )
    schools = [
        ProposedSchool(
            c.school.schulnummer,
            c.school.name,
            c.school.municipality_name or c.school.city,
            c.distance_km,
            c.school.erstfoerderung_free,
        )
        for c in candidate_schools(forms, case.municipality_ags, limit=5)
    ]
    if chosen:
        schools.sort(key=lambda s: s.schulnummer != chosen)
    office = office_for(case.municipality_ags)
    municipality = {m.ags: m.name for m in school_repo.list_municipalities()}.get(
        case.municipality_ags, ""
    )
    counsellor = dict(users.list_counsellors()).get(case.counsellor, case.counsellor or user)
    letter = PlacementLetter(
        letterhead=office.letterhead,
        recipient=office.berufskolleg_authority
        if stage == "vocational_college"
        else office.schulamt,
        date=today,
        reference=f"SE-{case.id[-8:].upper()}",
        counsellor=Counsellor(counsellor, office.letterhead.phone, office.letterhead.email),
        child=LetterChild(
            first_name=case.first_name,
            last_name=case.last_name,
            birth_date=case.birth_date,
            sex=labels.sex_label(case.sex),
            nationality=country_name(case.nationality, "de"),
            first_language=language_name(case.first_language, "de"),
            municipality=municipality,
            arrival_date=case.arrival_date,
            address=case.address or None,
        ),
        recommendation=LetterRecommendation(
            school_year=placement.school_year,
            stage=labels.stage_label(stage),
            grade=grade,
            support=[labels.support_label(s) for s in support],
            support_months=placement.support_months,
            school_forms=[(f, school_form_name(f)) for f in forms],
            schools=schools,
            reasons=reasons,
            rules_version=placement.rules_version,
        ),
        consent=_(
            "Einwilligung zur Weitergabe an Schule und Schulamt erteilt am {date} von {who}."
        ).format(date=format_date(consent.given_on, "de", "long"), who=consent.given_by),
    )
    target = Path(target)
    try:
        build_placement_letter(letter, target)
    except FontMissingError as exc:
        raise ServiceError(str(exc)) from exc
    except OSError as exc:
        raise ServiceError(
            _("{path} kann nicht geschrieben werden: {error}").format(
                path=target, error=exc.strerror
            )
        ) from exc
    # No file name: it often names the child, and the trail outlives an erased case.
    users.record_event(user, "report.placement_letter", case_id, format="pdf")
    return target
