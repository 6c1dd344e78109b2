"""The family's right of access (Art. 15 GDPR): everything stored about one child as a PDF.

Unlike the handover to a school, this file is for the family itself, so it holds *everything*:
also the optional special-category fields (Art. 9 GDPR: health, special needs), clearly
marked, the change history and who read or exported the case. Only a counsellor who may see
the case can make it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from ki_desktop.domain import model as dm
from ki_desktop.domain.model import school_form_name
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import country_name, format_date, language_name
from ki_desktop.reports.case_file import ART9_MARK, CaseFile, Section, build_case_file
from ki_desktop.services import labels
from ki_desktop.services.case_access import require_case
from ki_desktop.services.case_file_texts import (
    action_label,
    explanation,
    field_label,
    history_values,
    retention_text,
)
from ki_desktop.services.database import ServiceError
from ki_desktop.services.export_files import ExportCancelled, write_atomically
from ki_desktop.services.placement_letter import office_for
from ki_desktop.store import case_file as file_repo
from ki_desktop.store import case_writer, users
from ki_desktop.store import cases as case_repo
from ki_desktop.store import referrals as referral_repo
from ki_desktop.store import schools as school_repo
from ki_desktop.store.connection import get_setting

Progress = Callable[[int, int], None]
# Setting with the retention period in months; without it the file says five years.
RETENTION_SETTING = "retention_months"
_COLLECT_STEPS = 20  # of 100: gathering the data; the rest is laying out the PDF


def _day(value: date | None) -> str:
    return format_date(value, "de", "medium")


def _moment(value: datetime) -> str:
    """A stored UTC time as local date and time."""
    return value.replace(tzinfo=UTC).astimezone().strftime("%d.%m.%Y\u00a0%H:%M")


def _join(*parts: str, sep: str = " · ") -> str:
    return sep.join(p for p in parts if p)


def _retention_months() -> int | None:
    try:
        months = int(get_setting(RETENTION_SETTING, "").strip())
    except ValueError:
        return None
    return months if months > 0 else None


def _child(case: dm.Case, municipality: str, counsellor: str) -> Section:
    return Section(
        _("Angaben zum Kind"),
        [
            (_("Nachname"), case.last_name),
            (_("Vorname"), case.first_name),
            (_("Geburtsdatum"), _day(case.birth_date)),
            (_("Geschlecht"), labels.sex_label(case.sex)),
            (_("Geburtsland"), country_name(case.country_of_birth, "de")),
            (_("Staatsangehörigkeit"), country_name(case.nationality, "de")),
            (_("Erstsprache"), language_name(case.first_language, "de")),
            (_("Einreise nach Deutschland"), _day(case.arrival_date)),
            (_("Zuweisung an die Gemeinde"), _day(case.assignment_date)),
            (_("Registriert am"), _day(case.registered_on)),
            (_("Gemeinde"), municipality),
            (_("Anschrift"), case.address),
            (_("Status"), labels.status_label(case.status)),
            (_("Grund des Abschlusses"), case.closed_reason),
            (_("Beraterin/Berater"), counsellor),
        ],
    )


def _guardians(case: dm.Case, addresses: dict[str, str]) -> Section:
    rows = []
    for n, g in enumerate(case.guardians, 1):
        custody = _("mit Sorgerecht") if g.has_custody else _("ohne Sorgerecht")
        value = "\n".join(
            p
            for p in (
                _join(g.name, g.relation, custody),
                _join(g.phone and _("Telefon {p}").format(p=g.phone), g.email),
                addresses.get(g.id or "", ""),
            )
            if p
        )
        rows.append((_("Person {n}").format(n=n), value))
    return Section(_("Sorgeberechtigte und Kontakt"), rows)


def _languages(case: dm.Case) -> Section:
    rows = [
        (
            language_name(s.language, "de"),
            _join(
                labels.language_level_label(s.level),
                _("Erstsprache") if s.is_first_language else "",
                _("Familiensprache") if s.is_family_language else "",
            ),
        )
        for s in case.languages
    ]
    return Section(_("Sprachen"), rows)


def _schooling(case: dm.Case) -> Section:
    rows = [
        (
            "–".join(str(y) for y in (h.year_from, h.year_to) if y is not None)
            or _("Zeitraum offen"),
            _join(
                country_name(h.country, "de"),
                labels.school_type_label(h.school_type),
                h.grades and _("Klassen {grades}").format(grades=h.grades),
                h.gap_reason and _("Unterbrechung: {reason}").format(reason=h.gap_reason),
            ),
        )
        for h in case.school_history
    ]
    return Section(_("Schulbesuch vor der Einreise"), rows)


def _interview(interview: dm.Interview) -> Section:
    art9 = _("{mark} DSGVO, freiwillige Angabe").format(mark=ART9_MARK)
    interpreter = labels.yes_no(interview.interpreter_needed)
    if interview.interpreter_needed and interview.interpreter_language:
        interpreter += f" ({language_name(interview.interpreter_language, 'de')})"
    return Section(
        _("Erstberatung vom {date}").format(date=format_date(interview.held_on, "de", "long")),
        [
            (_("Sprachmittlung nötig"), interpreter),
            (_("Liest und schreibt lateinische Schrift"), labels.yes_no(interview.latin_literate)),
            (
                _("Liest und schreibt eine andere Schrift"),
                labels.yes_no(interview.literate_other_script),
            ),
            (_("Andere Schriften"), interview.other_scripts),
            (_("Deutsch"), labels.language_level_label(interview.german_level)),
            (_("Englisch"), labels.language_level_label(interview.english_level)),
            (_("Mathematik"), interview.maths_level),
            (_("Interessen"), interview.interests),
            (
                _("Vorgelegte Dokumente"),
                ", ".join(labels.document_label(d) for d in interview.documents_seen),
            ),
            (_("Notizen der Beratung"), interview.notes),
            (_("Besonderer Förderbedarf ({art9})").format(art9=art9), interview.special_needs),
            (_("Gesundheit ({art9})").format(art9=art9), interview.health_notes),
        ],
        note=_(
            "Mit „{mark}“ gekennzeichnete Angaben gehören zu den besonderen Kategorien "
            "personenbezogener Daten (Art. 9 DSGVO). Sie sind freiwillig und werden nie an "
            "Schule, Schulamt oder andere Stellen weitergegeben."
        ).format(mark=ART9_MARK),
    )


def _consents(case: dm.Case) -> Section:
    rows = []
    for c in case.consents:
        if c.given:
            value = _join(
                _("erteilt"),
                c.given_on and _("am {date}").format(date=_day(c.given_on)),
                c.given_by and _("von {who}").format(who=c.given_by),
                sep=" ",
            )
        else:
            value = _("nicht erteilt")
        rows.append((labels.consent_label(c.kind), value))
    return Section(_("Einwilligungen"), rows, empty=_("Keine Einwilligungen gespeichert."))


def _recommendation(rec: dm.Recommendation, schulnummer: str, schools: dict) -> Section:
    school = schools.get(schulnummer)
    return Section(
        _("Schulempfehlung vom {date}").format(date=format_date(rec.created_on, "de", "long")),
        [
            (_("Regelstand"), rec.rules_version),
            (_("Stufe"), labels.stage_label(rec.stage)),
            (_("Jahrgangsstufe"), "" if rec.grade is None else str(rec.grade)),
            (_("Erstförderung"), "\n".join(labels.support_label(s) for s in rec.support)),
            (_("Schulformen"), ", ".join(school_form_name(f) for f in rec.school_forms)),
            (_("Vorgeschlagene Schule"), _join(schulnummer, school.name if school else "")),
            (_("Begründung"), "\n".join(f"• {r}" for r in rec.reasons)),
        ],
    )


def _placement(case_id: str) -> Section:
    school, assigned_on, start = file_repo.placement_of_case(case_id)
    rows = []
    if school is not None:
        rows = [
            (_("Zugewiesene Schule"), _join(school.schulnummer, school.name, school.city)),
            (_("Schulform"), school_form_name(school.schulform)),
            (_("Zugewiesen am"), _day(assigned_on)),
            (_("Schulbeginn"), _day(start)),
        ]
    return Section(_("Zuweisung und Schulbeginn"), rows, empty=_("Noch keine Schule zugewiesen."))


def _referrals(case_id: str) -> Section:
    rows = [
        (_day(r.referred_on), _join(r.offer_title, r.category, r.note, r.user))
        for r in reversed(referral_repo.referrals_of_case(case_id))
    ]
    return Section(_("Vermittelte Angebote"), rows, empty=_("Noch an kein Angebot vermittelt."))


def collect_case_file(
    case_id: str, today: date | None = None, step: Callable[[], None] = lambda: None
) -> CaseFile:
    """Everything stored about the case, formatted; ``step`` is called between the parts
    (for progress and cancelling)."""
    require_case(Permission.CASE_READ, case_id)
    case = case_repo.get_case(case_id)
    if case is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    step()
    office = office_for(case.municipality_ags)
    municipality = {m.ags: m.name for m in school_repo.list_municipalities()}.get(
        case.municipality_ags, case.municipality_ags
    )
    counsellor = dict(users.list_counsellors()).get(case.counsellor, case.counsellor)
    name = f"{case.first_name} {case.last_name}".strip()
    head = office.letterhead
    contact = "\n".join(
        p
        for p in (
            counsellor,
            head.ki_name,
            _join(head.street, head.postcode_city, sep=", "),
            _join(_("Telefon {p}").format(p=head.phone), head.email),
        )
        if p
    )
    sections = [
        _child(case, municipality, counsellor),
        _guardians(case, file_repo.guardian_addresses(case_id)),
        _languages(case),
        _schooling(case),
        *(_interview(i) for i in case.interviews),
        _consents(case),
    ]
    if not case.interviews:
        sections.append(
            Section(_("Erstberatung"), empty=_("Die Erstberatung hat noch nicht stattgefunden."))
        )
    step()
    recommendations = file_repo.recommendations_of_case(case_id)
    schools = {n: file_repo.school_by_number(n) for _rec, n in recommendations if n}
    sections += [_recommendation(r, n, schools) for r, n in recommendations]
    if not recommendations:
        sections.append(
            Section(_("Schulempfehlung"), empty=_("Es wurde noch keine Empfehlung gespeichert."))
        )
    sections += [_placement(case_id), _referrals(case_id)]
    step()
    people = dict(users.list_counsellors())
    history = [
        (
            _moment(h.at),
            people.get(h.user, h.user),
            field_label(h.field),
            *history_values(h.old, h.new),
        )
        for h in reversed(case_writer.case_history(case_id))
    ]
    step()
    log = [
        (_moment(e.at), people.get(e.user, e.user), action_label(e.action))
        for e in file_repo.events_of_case(case_id)
    ]
    step()
    return CaseFile(
        letterhead=head,
        child_name=name,
        created=today or date.today(),
        reference=f"SE-{case_id[-8:].upper()}",
        explanation=explanation(head.ki_name, name, retention_text(_retention_months()), contact),
        sections=sections,
        history=history,
        access_log=log,
    )


def write_case_file(
    case_id: str,
    path: str | Path,
    user: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    today: date | None = None,
) -> Path:
    """Write the Art. 15 case file of ``case_id`` as a PDF to ``path`` and log who did it.

    ``progress(done, total)`` is told how far it got; when ``cancelled()`` turns true the work
    stops with :class:`ExportCancelled` and no file is left behind.
    """
    current = require_case(Permission.CASE_READ, case_id)
    user = user or current.username
    report = progress or (lambda done, total: None)
    is_cancelled = cancelled or (lambda: False)
    done = [0]

    def check() -> None:
        if is_cancelled():
            raise ExportCancelled(
                _("Die Auskunft wurde abgebrochen; es wurde keine Datei erstellt.")
            )

    def step() -> None:
        check()
        done[0] = min(done[0] + _COLLECT_STEPS // 5, _COLLECT_STEPS)
        report(done[0], 100)

    case_file = collect_case_file(case_id, today, step)
    blocks = [1]

    def on_build(kind: str, value: int) -> None:
        if kind == "SIZE_EST":
            blocks[0] = max(value, 1)
        elif kind == "PROGRESS":
            check()
            share = (100 - _COLLECT_STEPS) * min(value, blocks[0]) // blocks[0]
            report(_COLLECT_STEPS + share, 100)

    target = write_atomically(
        path, lambda temporary: build_case_file(case_file, temporary, on_progress=on_build)
    )
    report(100, 100)
    # Who and which case only: the file name may contain the child's name.
    users.record_event(user, "case.case_file", case_id)
    return target
