"""The offer sheet for a family: the chosen offers as a PDF in German and the family's
language.

Without a case it needs the permission to read offers; for a case it is parent-facing content
of that case (the counsellor who may see it, or the interpreter view opened for it).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ki_desktop.domain import model as dm
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _, ngettext
from ki_desktop.reports.offer_sheet import (
    HEADINGS,
    FontMissingError,
    OfferSheet,
    SheetOffer,
    build_offer_sheet,
)
from ki_desktop.services import session
from ki_desktop.services.case_access import require_parent_content
from ki_desktop.services.database import ServiceError
from ki_desktop.services.placement_letter import office_for
from ki_desktop.store import cases as case_repo
from ki_desktop.store import offers as offer_repo
from ki_desktop.store.users import record_event

__all__ = ["family_language", "sheet_languages", "write_offer_sheet"]

GERMAN = "de"


def family_language(case: dm.Case) -> str:
    """The language the family speaks at home: the first one marked as family language,
    else the child's first language, else German."""
    marked = [s.language for s in case.languages if s.is_family_language and s.language]
    return (marked or [case.first_language or GERMAN])[0]


def _offers(offer_ids: list[str]) -> list[dm.Offer]:
    if not offer_ids:
        raise ServiceError(_("Bitte zuerst mindestens ein Angebot auswählen."))
    found = {i: offer_repo.get_offer(i) for i in dict.fromkeys(offer_ids)}
    missing = [i for i, offer in found.items() if offer is None]
    if missing:
        raise ServiceError(
            ngettext(
                "Ein ausgewähltes Angebot wurde nicht gefunden; es wurde vielleicht gelöscht. "
                "Bitte die Liste neu laden und die Auswahl prüfen.",
                "{n} ausgewählte Angebote wurden nicht gefunden; sie wurden vielleicht "
                "gelöscht. Bitte die Liste neu laden und die Auswahl prüfen.",
                len(missing),
            ).format(n=len(missing))
        )
    return [offer for offer in found.values() if offer is not None]


def sheet_languages(offer_ids: list[str]) -> list[tuple[str, int]]:
    """The languages a sheet of these offers can be made in besides German: (code, how many of
    the offers have a description in it), those with descriptions first, then the languages
    the offers are held in and those the sheet's headings are translated into."""
    session.require(Permission.OFFERS_READ)
    offers = _offers(offer_ids)
    counts: dict[str, int] = {}
    for offer in offers:
        for code, text in offer.descriptions.items():
            if text.strip():
                counts[code] = counts.get(code, 0) + 1
    others = {code for offer in offers for code in offer.languages} | set(HEADINGS["title"])
    for code in sorted(others - {GERMAN}):
        counts.setdefault(code, 0)
    return sorted(counts.items(), key=lambda item: -item[1])


def sheet_offers(
    offer_ids: list[str], language: str, case_id: str | None = None
) -> list[SheetOffer]:
    """The offers ``offer_ids`` (in that order) as an offer sheet shows them in ``language``
    (also for the parents' handouts); for a case (``case_id``) also in the interpreter view
    opened for it. Refuses missing offers with a message."""
    if case_id is None:
        session.require(Permission.OFFERS_READ)
    else:
        require_parent_content(case_id)
    return _sheet_offers(_offers(offer_ids), language)


def _sheet_offers(offers: list[dm.Offer], language: str) -> list[SheetOffer]:
    providers = {p.name: p for p in offer_repo.list_providers()}
    return [_sheet_offer(offer, providers, language) for offer in offers]


def _sheet_offer(offer: dm.Offer, providers: dict[str, dm.Provider], language: str) -> SheetOffer:
    provider = providers.get(offer.provider_name) or dm.Provider(offer.provider_name)
    address = offer.address
    if offer.municipality_name and offer.municipality_name not in address:
        address = f"{address}, {offer.municipality_name}" if address else offer.municipality_name
    return SheetOffer(
        title=offer.title,
        provider=offer.provider_name,
        address=address,
        schedule=offer.schedule,
        contact_person=provider.contact_person,
        phone=provider.phone,
        email=provider.email,
        languages=tuple(offer.languages),
        free_of_charge=offer.free_of_charge,
        valid_to=offer.valid_to,
        description_de=offer.description_de,
        description_family="" if language == GERMAN else offer.description_in(language),
    )


def write_offer_sheet(
    offer_ids: list[str],
    path: str | Path,
    case_id: str | None = None,
    language: str | None = None,
    user: str | None = None,
    today: date | None = None,
) -> Path:
    """Write the sheet of the offers ``offer_ids`` (in that order) to ``path``. The family's
    language is ``language``, else the case's family language, else German only."""
    if case_id is None:
        current = session.require(Permission.OFFERS_READ)
    else:
        current = require_parent_content(case_id)
    user = user or current.username
    offers = _offers(offer_ids)
    ags = offers[0].municipality_ags
    if case_id is not None:
        case = case_repo.get_case(case_id)
        if case is None:
            raise ServiceError(_("Der Fall wurde nicht gefunden; er wurde vielleicht gelöscht."))
        language = language or family_language(case)
        ags = case.municipality_ags or ags
    language = (language or GERMAN).strip().lower()
    sheet = OfferSheet(
        letterhead=office_for(ags or "05554").letterhead,
        date=today or date.today(),
        language=language,
        offers=_sheet_offers(offers, language),
    )
    path = Path(path)
    try:
        build_offer_sheet(sheet, path)
    except FontMissingError as exc:
        raise ServiceError(str(exc)) from exc
    except OSError as exc:
        raise ServiceError(
            _("{path} kann nicht geschrieben werden: {error}").format(path=path, error=exc.strerror)
        ) from exc
    record_event(
        user,
        "report.offer_sheet",
        case_id or "",
        file=path.name,
        offers=len(offers),
        language=language,
    )
    return path
