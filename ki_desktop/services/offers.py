"""Use cases around the offers catalogue: searching it, and exchanging it as a CSV file.

Looking offers up needs the permission to read offers, importing a catalogue the one to keep
it; a child's profile and its referrals are case data (the user must see the case).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel import Locale

from ki_desktop.domain import model as dm
from ki_desktop.domain.offer_csv import (
    MunicipalityResolver,
    OfferCsvError,
    Rejection,
    decode,
    read_csv,
    write_csv,
)
from ki_desktop.domain.offer_search import (
    OfferFilter,
    OfferSearchResult,
    SearchTerms,
    corrected_terms,
    neighbours,
)
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.case_access import require_case
from ki_desktop.services.database import ServiceError
from ki_desktop.store import cases as case_repo
from ki_desktop.store import offer_search as index
from ki_desktop.store import offers as repo
from ki_desktop.store import referrals as referral_repo
from ki_desktop.store import schools as school_repo
from ki_desktop.store.users import record_event

__all__ = [
    "ChildProfile",
    "OfferFilter",
    "OfferImportReport",
    "OfferSearchResult",
    "case_profile",
    "refer_case",
    "referrals_of_case",
    "remove_referral",
    "search",
    "search_offers",
]


def offers(valid_on: date | None = None) -> list[dm.Offer]:
    """The catalogue (only offers valid on ``valid_on`` if given), by category and title."""
    session.require(Permission.OFFERS_READ)
    return repo.list_offers(valid_on)


def offer_count() -> int:
    """Number of offers in the catalogue."""
    session.require(Permission.OFFERS_READ)
    return repo.count_offers()


def categories() -> list[str]:
    """The categories in use, sorted."""
    session.require(Permission.OFFERS_READ)
    return repo.categories()


def languages_in_use() -> list[str]:
    """ISO codes of the languages offers are held in."""
    session.require(Permission.OFFERS_READ)
    return repo.languages_in_use()


def provider(name: str) -> dm.Provider | None:
    """A provider (Träger) with its contact data, by name."""
    session.require(Permission.OFFERS_READ)
    return next((p for p in repo.list_providers() if p.name == name), None)


@lru_cache(maxsize=1)
def _language_codes() -> frozenset[str]:
    return frozenset(Locale.parse("de").languages)


def is_language(code: str) -> bool:
    """Whether ``code`` is an ISO 639 language code known to CLDR."""
    return code in _language_codes()


def neighbour_municipalities(ags: str, radius_km: float) -> list[tuple[str, float]]:
    """``ags`` and the municipalities within ``radius_km`` (centre to centre), nearest first."""
    session.require(Permission.OFFERS_READ)
    return neighbours(repo.municipality_centres(), ags, radius_km)


def _places(filters: OfferFilter) -> list[str] | None:
    ags = filters.municipality_ags
    if not ags:
        return None
    if not ags.isdigit() or len(ags) != 8:
        raise ServiceError(_("„{ags}“ ist kein Gemeindeschlüssel (8 Ziffern).").format(ags=ags))
    if ags not in {m.ags for m in school_repo.list_municipalities()}:
        raise ServiceError(_("Die Gemeinde {ags} ist nicht bekannt.").format(ags=ags))
    if not filters.neighbours:
        return [ags]
    return [place for place, _km in neighbour_municipalities(ags, filters.radius_km)]


def _check(filters: OfferFilter) -> None:
    if filters.language and not is_language(filters.language):
        raise ServiceError(
            _("„{code}“ ist kein bekannter Sprachcode (ISO 639, z. B. ar, uk, fa).").format(
                code=filters.language
            )
        )
    if filters.age is not None and not 0 <= filters.age <= 120:
        raise ServiceError(_("Das Alter muss zwischen 0 und 120 liegen."))


def search(text: str, filters: OfferFilter | None = None, fts: bool = True) -> OfferSearchResult:
    """Offers matching ``text`` (every word, diacritics ignored, also inside longer words) and
    the filters, best first. When nothing is found, words that are nowhere in the catalogue are
    replaced by similar ones (typos). ``fts`` False: the plain-SQL search (any database)."""
    session.require(Permission.OFFERS_READ)
    filters = filters or OfferFilter()
    _check(filters)
    fts = fts and index.supports_fts()
    terms = SearchTerms.of(text)
    valid_on = filters.valid_on or date.today()
    places = _places(filters)
    found = index.search(terms, filters, valid_on, places, fts)
    if found or not terms:
        return OfferSearchResult(found, {})
    fixed_terms, fixed = corrected_terms(terms, index.vocabulary(fts))
    if not fixed:
        return OfferSearchResult([], {})
    return OfferSearchResult(index.search(fixed_terms, filters, valid_on, places, fts), fixed)


def search_offers(
    text: str, filters: OfferFilter | None = None, fts: bool = True
) -> list[dm.Offer]:
    """The offers :func:`search` finds."""
    return search(text, filters, fts).offers


# -- CSV ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfferImportReport:
    rows: int
    valid: int
    rejected: list[Rejection]
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    written: bool = False

    def to_json(self) -> dict:
        data = asdict(self)
        data["rejected"] = [{"line": r.line, "reasons": list(r.reasons)} for r in self.rejected]
        return data


def export_csv(path: str | Path, user: str | None = None) -> int:
    """Write the whole catalogue (expired offers too) as an Excel-friendly CSV file; returns
    the number of offers."""
    current = session.require(Permission.OFFERS_READ)
    user = user or current.username
    path = Path(path)
    items = repo.list_offers()
    text = write_csv(items, repo.list_providers())
    try:
        path.write_text(text, encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise ServiceError(
            _("{path} kann nicht geschrieben werden: {error}").format(path=path, error=exc.strerror)
        ) from exc
    record_event(user, "offers.export", path.name, offers=len(items))
    return len(items)


def import_csv(
    path: str | Path,
    dry_run: bool = False,
    only_valid: bool = False,
    user: str | None = None,
) -> OfferImportReport:
    """Check an offers CSV file and, unless ``dry_run``, store its offers: all of them if every
    row is valid, else only with ``only_valid`` the valid ones (otherwise nothing). Offers with
    the same title, provider and municipality as stored ones update those."""
    current = session.require(Permission.OFFERS_EDIT)
    user = user or current.username
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ServiceError(_("Die Datei {path} wurde nicht gefunden.").format(path=path)) from exc
    except OSError as exc:
        raise ServiceError(
            _("{path} kann nicht gelesen werden: {error}").format(path=path, error=exc.strerror)
        ) from exc
    try:
        content = read_csv(
            decode(data), MunicipalityResolver(school_repo.list_municipalities()), is_language
        )
    except OfferCsvError as exc:
        raise ServiceError(f"{path.name}: {exc}") from exc
    valid = [offer for _line, offer in content.offers]
    report = OfferImportReport(content.rows, len(valid), content.rejected)
    if dry_run or (content.rejected and not only_valid) or not valid:
        return report
    saved = repo.save_offers(valid, list(content.providers.values()))
    record_event(
        user,
        "offers.import",
        path.name,
        created=saved.created,
        updated=saved.updated,
        rejected=len(content.rejected),
    )
    return OfferImportReport(
        content.rows,
        len(valid),
        content.rejected,
        saved.created,
        saved.updated,
        saved.unchanged,
        written=True,
    )


# -- "Passende Angebote" and referrals -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChildProfile:
    """What the offers search needs to know about a child: age, languages, municipality."""

    case_id: str
    name: str
    age: int | None
    languages: tuple[str, ...]  # the first language first, then the family languages
    municipality_ags: str


def case_profile(case_id: str, day: date | None = None) -> ChildProfile | None:
    """The child's age on ``day`` (today by default), its languages and municipality; None
    when there is no such case."""
    require_case(Permission.CASE_READ, case_id)
    case = case_repo.get_case(case_id)
    if case is None:
        return None
    codes = [case.first_language]
    codes += [s.language for s in case.languages if s.is_first_language]
    codes += [s.language for s in case.languages if s.is_family_language]
    return ChildProfile(
        case_id=case_id,
        name=case.display_name,
        age=case.age_on(day or date.today()),
        languages=tuple(dict.fromkeys(c for c in codes if c)),
        municipality_ags=case.municipality_ags,
    )


def refer_case(
    case_id: str,
    offer_id: str,
    day: date,
    note: str = "",
    user: str | None = None,
    today: date | None = None,
) -> dm.ReferralEntry:
    """Attach an offer to a case as a referral on ``day`` (not after ``today``)."""
    current = require_case(Permission.CASE_WRITE, case_id)
    user = user or current.username
    if not referral_repo.case_exists(case_id):
        raise ServiceError(_("Der Fall wurde nicht gefunden."))
    title = referral_repo.offer_title(offer_id)
    if title is None:
        raise ServiceError(_("Das Angebot wurde nicht gefunden."))
    if day > (today or date.today()):
        raise ServiceError(_("Das Datum der Vermittlung darf nicht in der Zukunft liegen."))
    note = note.strip()
    referral_id = referral_repo.add_referral(case_id, offer_id, day, note, user)
    record_event(user, "case.refer", case_id, offer=offer_id, on=day.isoformat())
    return next(r for r in referral_repo.referrals_of_case(case_id) if r.id == referral_id)


def referrals_of_case(case_id: str) -> list[dm.ReferralEntry]:
    """The offers a case was referred to, newest first."""
    require_case(Permission.CASE_READ, case_id)
    return referral_repo.referrals_of_case(case_id)


def remove_referral(referral_id: str, user: str | None = None) -> None:
    """Delete a referral entered by mistake."""
    current = require_case(Permission.CASE_WRITE, referral_repo.case_of_referral(referral_id))
    user = user or current.username
    if not referral_repo.remove_referral(referral_id):
        raise ServiceError(_("Die Vermittlung wurde nicht gefunden."))
    record_event(user, "case.refer.remove", referral_id)
