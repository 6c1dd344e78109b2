"""Handouts for parents in German and their language (Elternhandzettel), as PDF files.

Three kinds: the school system (school duty, the school system, next steps), the
recommendation and next steps of one case, and the offer sheet (the offers the family was
referred to, or those chosen). Each is written whole or not at all, and the audit trail notes
the kind, the language and the case, never the file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import N_, _
from ki_desktop.i18n.parents import P_, catalogue_languages
from ki_desktop.services import parent_texts, session
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.export_files import write_atomically
from ki_desktop.services.parent_texts import FAMILY_LANGUAGES, GERMAN, bilingual, language_name
from ki_desktop.store import cases as case_repo
from ki_desktop.store import referrals as referral_repo
from ki_desktop.store.users import record_event

__all__ = [
    "KIND_NAMES",
    "KINDS",
    "OFFER_SHEET",
    "RECOMMENDATION",
    "SCHOOL_SYSTEM",
    "HandoutDefaults",
    "file_stem",
    "handout_defaults",
    "handout_languages",
    "may_write",
    "write_handout",
]

SCHOOL_SYSTEM = "school_system"
RECOMMENDATION = "recommendation"
OFFER_SHEET = "offer_sheet"
KINDS = (SCHOOL_SYSTEM, RECOMMENDATION, OFFER_SHEET)

# The kinds as the staff member chooses them (UI language).
KIND_NAMES = {
    SCHOOL_SYSTEM: N_("Schulpflicht und Schulsystem"),
    RECOMMENDATION: N_("Empfehlung und nächste Schritte"),
    OFFER_SHEET: N_("Angebotsblatt (vermittelte Angebote)"),
}

# The handouts' titles, for parents.
_TITLES = {
    SCHOOL_SYSTEM: P_("Schule in Nordrhein-Westfalen: Informationen für Eltern"),
    RECOMMENDATION: P_("Unsere Empfehlung und die nächsten Schritte"),
}

# Part of the file name (ASCII, no personal data).
_FILE_PARTS = {
    SCHOOL_SYSTEM: "Elterninfo-Schulsystem",
    RECOMMENDATION: "Elterninfo-Empfehlung",
    OFFER_SHEET: "Angebotsblatt",
}


@dataclass(frozen=True, slots=True)
class HandoutDefaults:
    """What the dialog proposes for a case: the family's language and a file name."""

    language: str
    file_stem: str


def handout_languages() -> list[tuple[str, str]]:
    """(code, "German name – own name") of the languages a handout can be made in: the
    translated family languages first, then others with a (partial) catalogue; German only
    last."""
    items = [(code, _language_label(code)) for code in FAMILY_LANGUAGES]
    for code in catalogue_languages():
        if code not in FAMILY_LANGUAGES and code != GERMAN:
            label = _("{language} (nur teilweise übersetzt)").format(language=_language_label(code))
            items.append((code, label))
    return [*items, (GERMAN, _("Nur Deutsch"))]


def _language_label(code: str) -> str:
    german, own = language_name(code, GERMAN), language_name(code, code)
    return german if own in ("", code, german) else f"{german} – {own}"


def handout_defaults(case_id: str | None, kind: str, today: date | None = None) -> HandoutDefaults:
    """The family's language of the case (German without a case) and a file name for the
    handout ``kind``, such as "Elterninfo-Schulsystem-ar-2026-03-12"."""
    language = GERMAN
    if case_id is not None:
        parent_texts.require_parent_content(case_id)
        case = case_repo.get_case(case_id)
        if case is not None:
            from ki_desktop.services.offer_sheet import family_language

            language = family_language(case)
    return HandoutDefaults(language, file_stem(kind, language, today))


def file_stem(kind: str, language: str, today: date | None = None) -> str:
    """A file name without suffix for the handout ``kind`` in ``language``, without personal
    data: "Elterninfo-Schulsystem-ar-2026-03-12"."""
    day = (today or date.today()).isoformat()
    return f"{_FILE_PARTS.get(kind, 'Elterninfo')}-{language}-{day}"


def _check(kind: str, language: str, case_id: str | None) -> str:
    if kind not in KINDS:
        raise ServiceError(
            _("Diese Art von Elternhandzettel gibt es nicht: {kind}").format(kind=kind)
        )
    if kind == RECOMMENDATION and case_id is None:
        raise ServiceError(_("Für die Empfehlung bitte zuerst einen Fall auswählen."))
    if case_id is None:
        session.require(Permission.PARENT_CONTENT)
    else:
        # A counsellor who may read the case, or the interpreter view opened for it: the
        # recommendation handout says what the view's step „Empfohlene Schule“ shows.
        parent_texts.require_parent_content(case_id)
    language = (language or GERMAN).strip().lower().replace("_", "-").split("-")[0]
    if not language.isalpha() or len(language) > 3:
        raise ServiceError(_("Unbekannte Sprache: {language}").format(language=language))
    if case_id is not None and case_repo.get_case(case_id) is None:
        raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
    return language


def may_write(kind: str) -> bool:
    """Whether the logged-in user may make the handout ``kind`` at all (for the dialog): every
    kind is parent-facing content (the case's own is checked when it is written)."""
    del kind  # the same for every kind since the interpreter view may print the recommendation
    return session.may(Permission.PARENT_CONTENT)


def write_handout(
    kind: str,
    language: str,
    path: str | Path,
    case_id: str | None = None,
    *,
    offer_ids: Sequence[str] | None = None,
    today: date | None = None,
) -> Path:
    """Write the handout ``kind`` (see :data:`KINDS`) in German and ``language`` to ``path``.

    Needs the permission for parent information (of ``case_id`` when given); the
    recommendation needs a case and the permission to read it. The offer sheet shows
    ``offer_ids``, or without them the offers the case was referred to."""
    language = _check(kind, language, case_id)
    day = today or date.today()
    if kind == OFFER_SHEET:
        sheet = _offer_sheet(language, case_id, offer_ids, day)
        from ki_desktop.reports.offer_sheet import build_offer_sheet

        written = write_atomically(path, lambda temporary: build_offer_sheet(sheet, temporary))
    else:
        handout = _handout(kind, language, case_id, day)
        from ki_desktop.reports.handout import build_handout

        written = write_atomically(path, lambda temporary: build_handout(handout, temporary))
    record_event(session.who(), "report.handout", case_id or "", kind=kind, language=language)
    return written


def _letterhead(case_id: str | None):
    from ki_desktop.services.placement_letter import office_for  # loads reportlab

    case = case_repo.get_case(case_id) if case_id else None
    return office_for(case.municipality_ags if case else "").letterhead


def _handout(kind: str, language: str, case_id: str | None, day: date):
    from ki_desktop.reports.handout import Handout, HandoutSection

    found = {s.key: s for s in parent_texts.sections(language, case_id)}
    if kind == SCHOOL_SYSTEM:
        keys = [parent_texts.SCHOOL_DUTY, parent_texts.SCHOOL_SYSTEM, parent_texts.NEXT_STEPS]
    else:
        keys = [parent_texts.RECOMMENDED_SCHOOL, parent_texts.NEXT_STEPS]
    return Handout(
        letterhead=_letterhead(case_id),
        date=day,
        language=language,
        title=bilingual(_TITLES[kind], language),
        sections=[HandoutSection(found[k].title, found[k].paragraphs) for k in keys],
        column_names=(language_name(GERMAN, GERMAN), language_name(language, language)),
    )


def _offer_sheet(language: str, case_id: str | None, offer_ids, day: date):
    from ki_desktop.reports.offer_sheet import OfferSheet
    from ki_desktop.services.offer_sheet import sheet_offers

    ids = list(offer_ids or [])
    if not ids and case_id is not None:
        ids = [r.offer_id for r in reversed(referral_repo.referrals_of_case(case_id))]
    if not ids:
        raise ServiceError(
            _(
                "Für das Angebotsblatt wurden dieser Familie noch keine Angebote vermittelt. "
                "Bitte zuerst Angebote vermitteln oder im Reiter Angebote auswählen."
            )
        )
    return OfferSheet(
        letterhead=_letterhead(case_id),
        date=day,
        language=language,
        offers=sheet_offers(ids, language, case_id),
    )
