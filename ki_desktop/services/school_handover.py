"""The handover of a child's data to the receiving school, as CSV (for the school's
administration software) or as a one-page PDF.

Refused without the guardians' recorded consent to pass data to school and Schulamt. Only
the data the school needs are passed on (least data); the special categories of Art. 9 GDPR
(health notes, special needs), the counsellors' notes and the interview's free text never are.
Handing over is a placement step: it needs the placement permission and a case the user may see.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ki_desktop.domain import model as dm
from ki_desktop.domain.country_codes import alpha3
from ki_desktop.domain.model import school_form_name
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import country_name, format_date, language_name
from ki_desktop.reports.school_handover import (
    GUARDIAN_SLOTS,
    SchoolHandover,
    build_handover_pdf,
    csv_date,
    write_handover_csv,
)
from ki_desktop.services import labels
from ki_desktop.services.case_access import require_case
from ki_desktop.services.database import ServiceError
from ki_desktop.services.export_files import write_atomically
from ki_desktop.services.placement_letter import CONSENT_KIND, office_for
from ki_desktop.store import case_file as file_repo
from ki_desktop.store import cases as case_repo
from ki_desktop.store import recommendations as rec_repo
from ki_desktop.store import users

FORMATS = ("csv", "pdf")
_SEX = {dm.Sex.MALE: "m", dm.Sex.FEMALE: "w", dm.Sex.DIVERSE: "d"}


def _consent(case: dm.Case) -> dm.Consent:
    consent = next((c for c in case.consents if c.kind == CONSENT_KIND and c.given), None)
    if consent is None:
        raise ServiceError(
            _(
                "Für {name} ist keine Einwilligung der Sorgeberechtigten in die Weitergabe an "
                "Schule und Schulamt gespeichert; ohne sie dürfen keine Daten an die Schule "
                "gehen. Bitte die Einwilligung in der Erstberatung eintragen (Fall bearbeiten → "
                "Einwilligungen: Datum und wer sie gegeben hat) und dann erneut übergeben."
            ).format(name=case.display_name)
        )
    return consent


def _load(case_id: str) -> dm.Case:
    case = case_repo.get_case(case_id)
    if case is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    return case


def check_handover(case_id: str) -> None:
    """Raise :class:`ServiceError` (a German message saying what to do) when the case may not
    be handed over yet: unknown case or no recorded consent."""
    require_case(Permission.PLACEMENT, case_id)
    _consent(_load(case_id))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nein")


def _country(iso2: str) -> str:
    """ "Syrien (SYR)" for people reading the PDF."""
    code = alpha3(iso2)
    name = country_name(iso2, "de")
    return f"{name} ({code})" if code and name else name or code


def collect_handover(case_id: str, today: date | None = None) -> SchoolHandover:
    """The data the receiving school needs; refused without consent or without a school."""
    require_case(Permission.PLACEMENT, case_id)
    case = _load(case_id)
    consent = _consent(case)
    school, _assigned_on, start = file_repo.placement_of_case(case_id)
    stored = rec_repo.latest_recommendation(case_id)
    rec = stored[0] if stored else None
    if school is None and stored and stored[1]:
        school = file_repo.school_by_number(stored[1])
    if school is None:
        raise ServiceError(
            _(
                "Für {name} steht noch keine Schule fest. Bitte im Tab „Schulempfehlung“ die "
                "Zuweisung durch das Schulamt eintragen oder eine Schule vorschlagen."
            ).format(name=case.display_name)
        )
    interview = case.interviews[-1] if case.interviews else None
    home = case.first_language or next(
        (s.language for s in case.languages if s.is_first_language), ""
    )
    others = [language_name(s.language, "de") for s in case.languages if s.language != home]
    guardians = sorted(case.guardians, key=lambda g: not g.has_custody)[:GUARDIAN_SLOTS]
    addresses = file_repo.guardian_addresses(case_id)
    values = {
        "Nachname": case.last_name,
        "Vorname": case.first_name,
        "Geschlecht": _SEX.get(case.sex, ""),
        "Geburtsdatum": csv_date(case.birth_date),
        "Geburtsland": alpha3(case.country_of_birth),
        "Staatsangehörigkeit": alpha3(case.nationality),
        "Zuzugsdatum": csv_date(case.arrival_date),
        "Schulbeginn": csv_date(start),
        "Schulnummer": school.schulnummer,
        "Schule": school.name,
        "Schulform": school_form_name(school.schulform),
        "Jahrgang": "" if rec is None or rec.grade is None else str(rec.grade),
        "Erstförderung": ", ".join(labels.support_label(s) for s in rec.support) if rec else "",
        "Verkehrssprache": language_name(home, "de"),
        "Weitere Sprachen": ", ".join(others),
        "Sprachmittlung benötigt": _yes_no(interview.interpreter_needed if interview else None),
        "Sprache der Sprachmittlung": language_name(interview.interpreter_language, "de")
        if interview and interview.interpreter_needed
        else "",
        "Lateinische Schrift": _yes_no(interview.latin_literate if interview else None),
        "Anschrift": case.address,
    }
    for n, g in enumerate(guardians, 1):
        values[f"Sorgeberechtigte {n} Name"] = g.name
        values[f"Sorgeberechtigte {n} Telefon"] = g.phone
        values[f"Sorgeberechtigte {n} Anschrift"] = addresses.get(g.id or "", "") or case.address
    return SchoolHandover(
        letterhead=office_for(case.municipality_ags).letterhead,
        created=today or date.today(),
        values=values,
        school_address=(school.name, school.street, f"{school.postcode} {school.city}".strip()),
        consent=_(
            "Einwilligung der Sorgeberechtigten in die Weitergabe an Schule und Schulamt "
            "erteilt am {date} von {who}."
        ).format(date=format_date(consent.given_on, "de", "long"), who=consent.given_by),
        readable={
            "Geschlecht": labels.sex_label(case.sex),
            "Geburtsland": _country(case.country_of_birth),
            "Staatsangehörigkeit": _country(case.nationality),
        },
    )


def write_school_handover(
    case_id: str,
    path: str | Path,
    user: str | None = None,
    fmt: str | None = None,
    today: date | None = None,
) -> Path:
    """Write the handover to ``path`` as CSV or PDF (``fmt``; default: by the file suffix,
    CSV unless it ends in ``.pdf``) and log who handed which case over."""
    current = require_case(Permission.PLACEMENT, case_id)
    user = user or current.username
    path = Path(path)
    fmt = fmt or ("pdf" if path.suffix.lower() == ".pdf" else "csv")
    if fmt not in FORMATS:
        raise ServiceError(_("Unbekanntes Format „{fmt}“: bitte CSV oder PDF.").format(fmt=fmt))
    handover = collect_handover(case_id, today)
    writer = build_handover_pdf if fmt == "pdf" else write_handover_csv
    target = write_atomically(path, lambda temporary: writer(handover, temporary))
    # Who, which case and the format only: the file name may contain the child's name.
    users.record_event(user, "case.school_handover", case_id, format=fmt)
    return target
