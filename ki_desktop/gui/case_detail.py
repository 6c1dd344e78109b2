"""The detail pane of the Erstberatung tab: the main data of one case as a small document."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ki_desktop.domain.model import Case, Interview, ReferralEntry
from ki_desktop.gui.detail_html import DetailDocument
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import country_name, format_date, language_name
from ki_desktop.services.labels import (
    consent_label,
    document_label,
    language_level_label,
    school_type_label,
    sex_label,
    status_label,
    yes_no,
)


def _birth(case: Case, today: date, locale: str) -> str:
    if case.birth_date is None:
        return ""
    age = case.age_on(today)
    return _("{date} ({age} Jahre)").format(date=format_date(case.birth_date, locale), age=age)


def _interview_lines(interview: Interview, locale: str) -> list[tuple[str, str]]:
    interpreter = _("nein")
    if interview.interpreter_needed:
        interpreter = _("ja, {language}").format(
            language=language_name(interview.interpreter_language, locale) or _("Sprache offen")
        )
    return [
        (_("Geführt am"), format_date(interview.held_on, locale)),
        (_("Sprachmittlung"), interpreter),
        (_("Lateinische Schrift"), yes_no(interview.latin_literate)),
        (_("Andere Schriften"), interview.other_scripts),
        (_("Deutsch"), language_level_label(interview.german_level)),
        (_("Englisch"), language_level_label(interview.english_level)),
        (_("Mathematik"), interview.maths_level),
        (_("Interessen"), interview.interests),
        (_("Vorgelegte Dokumente"), ", ".join(document_label(d) for d in interview.documents_seen)),
    ]


def case_detail_html(
    case: Case,
    municipalities: dict[str, str],
    counsellors: dict[str, str],
    today: date | None = None,
    referrals: Sequence[ReferralEntry] = (),
) -> str:
    """HTML for ``case``; ``municipalities`` maps AGS to name, ``counsellors`` username to name,
    ``referrals`` are the offers the case was referred to."""
    locale = ui_language()
    today = today or date.today()
    doc = DetailDocument(case.display_name, status_label(case.status))
    doc.fields(
        [
            (_("Geburtsdatum"), _birth(case, today, locale)),
            (_("Geschlecht"), sex_label(case.sex)),
            (_("Geburtsland"), country_name(case.country_of_birth, locale)),
            (_("Staatsangehörigkeit"), country_name(case.nationality, locale)),
            (_("Erstsprache"), language_name(case.first_language, locale)),
            (_("Einreise"), format_date(case.arrival_date, locale)),
            (_("Zuweisung"), format_date(case.assignment_date, locale)),
            (_("Registriert am"), format_date(case.registered_on, locale)),
            (_("Gemeinde"), municipalities.get(case.municipality_ags, case.municipality_ags)),
            (_("Adresse"), case.address),
            (_("Beraterin/Berater"), counsellors.get(case.counsellor, case.counsellor)),
        ]
    )

    doc.section(_("Sorgeberechtigte und Kontakt"))
    doc.items(
        (
            " · ".join(
                part
                for part in (
                    g.name,
                    g.relation,
                    g.phone,
                    g.email,
                    "" if g.has_custody else _("ohne Sorgerecht"),
                )
                if part
            )
            for g in case.guardians
        ),
        empty=_("Keine Angaben."),
    )

    doc.section(_("Sprachen"))
    doc.items(
        (
            " · ".join(
                part
                for part in (
                    language_name(s.language, locale),
                    language_level_label(s.level),
                    _("Erstsprache") if s.is_first_language else "",
                    _("Familiensprache") if s.is_family_language else "",
                )
                if part
            )
            for s in case.languages
        ),
        empty=_("Keine Angaben."),
    )

    doc.section(_("Schulbesuch vor der Einreise"))
    doc.items(
        (
            " · ".join(
                part
                for part in (
                    country_name(h.country, locale),
                    school_type_label(h.school_type),
                    "–".join(str(y) for y in (h.year_from, h.year_to) if y is not None),
                    _("Klassen {grades}").format(grades=h.grades) if h.grades else "",
                    _("Unterbrechung: {reason}").format(reason=h.gap_reason)
                    if h.gap_reason
                    else "",
                )
                if part
            )
            for h in case.school_history
        ),
        empty=_("Keine Angaben."),
    )

    doc.section(_("Erstberatung"))
    if case.interviews:
        for interview in case.interviews:
            doc.fields(_interview_lines(interview, locale))
    else:
        doc.paragraph(_("Die Erstberatung hat noch nicht stattgefunden."))

    doc.section(_("Einwilligungen"))
    doc.items(
        (
            " · ".join(
                part
                for part in (
                    consent_label(c.kind),
                    _("erteilt") if c.given else _("nicht erteilt"),
                    format_date(c.given_on, locale),
                    c.given_by,
                )
                if part
            )
            for c in case.consents
        ),
        empty=_("Keine Einwilligungen erfasst."),
    )

    doc.section(_("Vermittelte Angebote"))
    doc.items(
        (
            " · ".join(
                part
                for part in (format_date(r.referred_on, locale), r.offer_title, r.category, r.note)
                if part
            )
            for r in referrals
        ),
        empty=_("Noch an kein Angebot vermittelt."),
    )
    return doc.html()
