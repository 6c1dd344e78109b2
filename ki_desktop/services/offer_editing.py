"""Use cases of keeping the offers catalogue by hand: check an offer as it is typed, create or
update one with its provider (Träger), delete one.

The checks are those of the CSV import (:mod:`ki_desktop.domain.offer_csv`), with messages that
name the field of the offer dialog. Saving is optimistic: an offer changed by someone else since
it was loaded is not overwritten. Keeping the catalogue needs the permission to edit offers;
the checks as typed read nothing and need none.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, fields, replace

from ki_desktop.domain import model as dm
from ki_desktop.domain.coordinates import (
    NRW_LATITUDE,
    NRW_LONGITUDE,
    CoordinateProblem,
    coordinate_problem,
    format_degrees,
)
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.services import session
from ki_desktop.services.database import ServiceError
from ki_desktop.services.offers import is_language
from ki_desktop.store import offers as repo
from ki_desktop.store import schools as school_repo
from ki_desktop.store.users import record_event

MAX_AGE = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Fields compared for the audit trail (the names are derived from the provider and AGS).
_AUDITED = tuple(
    f.name for f in fields(dm.Offer) if f.name not in ("id", "version", "municipality_name")
)


@dataclass(frozen=True, slots=True)
class OfferProblem:
    """Why an offer cannot be saved as typed: the field (a name of :class:`dm.Offer`, or
    "provider", "email", "ages", "validity", "coordinates") and a German sentence naming it."""

    field: str
    message: str


def _age_problems(offer: dm.Offer) -> list[OfferProblem]:
    problems = []
    for age in (offer.age_min, offer.age_max):
        if age is not None and not 0 <= age <= MAX_AGE:
            problems.append(
                OfferProblem(
                    "ages",
                    _("Alter: {age} ist kein mögliches Lebensalter (0 bis {max}).").format(
                        age=age, max=MAX_AGE
                    ),
                )
            )
    low, high = offer.age_min, offer.age_max
    if not problems and low is not None and high is not None and low > high:
        problems.append(
            OfferProblem(
                "ages",
                _(
                    "Alter: Das Mindestalter ({low}) ist größer als das Höchstalter ({high})."
                ).format(low=low, high=high),
            )
        )
    return problems


def degrees_text(value: float | None) -> str:
    """Degrees of latitude or longitude with the decimal separator of the user interface."""
    return format_degrees(value, "," if ui_language() == "de" else ".")


def _coordinate_problems(offer: dm.Offer) -> list[OfferProblem]:
    problem = coordinate_problem(offer.latitude, offer.longitude, offer.municipality_ags)
    if problem is None:
        return []
    lat, lon = degrees_text(offer.latitude), degrees_text(offer.longitude)
    if problem is CoordinateProblem.INCOMPLETE:
        field = "longitude" if offer.longitude is None else "latitude"
        message = _("Koordinaten: Bitte Breite und Länge angeben oder beide Felder leer lassen.")
    elif problem is CoordinateProblem.LATITUDE_RANGE:
        field = "latitude"
        message = _("Breite: {value} liegt nicht zwischen −90 und 90 Grad.").format(value=lat)
    elif problem is CoordinateProblem.LONGITUDE_RANGE:
        field = "longitude"
        message = _("Länge: {value} liegt nicht zwischen −180 und 180 Grad.").format(value=lon)
    elif problem is CoordinateProblem.SWAPPED:
        field = "coordinates"
        message = _(
            "Koordinaten: Breite {lat} und Länge {lon} liegen nicht in NRW – Breite und Länge "
            "vertauscht?"
        ).format(lat=lat, lon=lon)
    else:
        field = "coordinates"
        message = _(
            "Koordinaten: Breite {lat} und Länge {lon} liegen nicht in NRW. Bitte prüfen: In "
            "NRW liegt die Breite etwa zwischen {lat_min} und {lat_max}, die Länge zwischen "
            "{lon_min} und {lon_max}."
        ).format(
            lat=lat,
            lon=lon,
            lat_min=degrees_text(NRW_LATITUDE[0]),
            lat_max=degrees_text(NRW_LATITUDE[1]),
            lon_min=degrees_text(NRW_LONGITUDE[0]),
            lon_max=degrees_text(NRW_LONGITUDE[1]),
        )
    return [OfferProblem(field, message)]


def _language_problems(offer: dm.Offer) -> list[OfferProblem]:
    problems = []
    unknown = [code for code in offer.languages if not is_language(code)]
    if unknown:
        problems.append(
            OfferProblem(
                "languages",
                _("Sprachen: unbekannter Sprachcode (ISO 639): {codes}.").format(
                    codes=", ".join(f"„{c}“" for c in unknown)
                ),
            )
        )
    for code, text in offer.descriptions.items():
        if not code and text.strip():
            message = _(
                "Beschreibung in weiteren Sprachen: Bitte zu jedem Text die Sprache wählen."
            )
        elif code == "de":
            message = _(
                "Beschreibung in weiteren Sprachen: Die deutsche Beschreibung gehört in das Feld "
                "„Beschreibung (Deutsch)“."
            )
        elif code and not is_language(code):
            message = _(
                "Beschreibung in weiteren Sprachen: „{code}“ ist kein bekannter Sprachcode."
            ).format(code=code)
        else:
            continue
        problems.append(OfferProblem("descriptions", message))
    return problems


def offer_problems(
    offer: dm.Offer, provider: dm.Provider | None, municipalities: Collection[str]
) -> list[OfferProblem]:
    """Everything that keeps ``offer`` (with ``provider``) from being saved; ``municipalities``
    are the known AGS. Empty when it can be saved."""
    problems = []
    if not offer.title.strip():
        problems.append(OfferProblem("title", _("Titel: Bitte einen Titel eintragen.")))
    if not offer.category.strip():
        problems.append(
            OfferProblem("category", _("Kategorie: Bitte eine Kategorie wählen oder eintragen."))
        )
    problems += _age_problems(offer)
    problems += _language_problems(offer)
    if offer.municipality_ags and offer.municipality_ags not in municipalities:
        problems.append(
            OfferProblem(
                "municipality_ags",
                _("Gemeinde: Die Gemeinde mit dem Schlüssel {ags} ist nicht bekannt.").format(
                    ags=offer.municipality_ags
                ),
            )
        )
    problems += _coordinate_problems(offer)
    start, end = offer.valid_from, offer.valid_to
    if start and end and start > end:
        locale = ui_language()
        problems.append(
            OfferProblem(
                "validity",
                _("Gültigkeit: „gültig von“ ({start}) liegt nach „gültig bis“ ({end}).").format(
                    start=format_date(start, locale), end=format_date(end, locale)
                ),
            )
        )
    if provider is not None:
        has_contact = provider.contact_person or provider.phone or provider.email
        if has_contact and not provider.name.strip():
            problems.append(
                OfferProblem(
                    "provider",
                    _(
                        "Träger: Bitte den Träger eintragen – Ansprechperson, Telefon und E-Mail "
                        "gehören zum Träger."
                    ),
                )
            )
        if provider.email and not _EMAIL.match(provider.email.strip()):
            problems.append(
                OfferProblem(
                    "email",
                    _("E-Mail: „{email}“ ist keine gültige E-Mail-Adresse.").format(
                        email=provider.email
                    ),
                )
            )
    return problems


def _cleaned(offer: dm.Offer) -> dm.Offer:
    """``offer`` without surrounding blanks, empty translations or repeated languages."""
    strip = {
        f.name: getattr(offer, f.name).strip()
        for f in fields(dm.Offer)
        if isinstance(getattr(offer, f.name), str) and f.name != "id"
    }
    descriptions = {
        code.strip().lower(): text.strip()
        for code, text in offer.descriptions.items()
        if text.strip()
    }
    languages = list(dict.fromkeys(c.strip().lower() for c in offer.languages if c.strip()))
    return replace(offer, **strip, descriptions=descriptions, languages=languages)


def _cleaned_provider(provider: dm.Provider | None) -> dm.Provider | None:
    if provider is None:
        return None
    return replace(
        provider,
        name=provider.name.strip(),
        contact_person=provider.contact_person.strip(),
        phone=provider.phone.strip(),
        email=provider.email.strip(),
    )


def providers() -> list[dm.Provider]:
    """The known providers (Träger) with their contact data, by name."""
    session.require(Permission.OFFERS_READ)
    return repo.list_providers()


def offer_for_editing(offer_id: str) -> tuple[dm.Offer, dm.Provider | None]:
    """The stored offer (with the version saving checks) and its provider."""
    session.require(Permission.OFFERS_EDIT)
    offer = repo.get_offer(offer_id)
    if offer is None:
        raise ServiceError(_("Das Angebot wurde nicht gefunden; vielleicht wurde es gelöscht."))
    return offer, _provider_named(offer.provider_name)


def _provider_named(name: str) -> dm.Provider | None:
    if not name:
        return None
    return next((p for p in repo.list_providers() if p.name == name), None)


def _changes(
    old: dm.Offer | None,
    new: dm.Offer,
    old_provider: dm.Provider | None,
    provider: dm.Provider | None,
) -> list[str]:
    if old is None:
        return []
    changed = [name for name in _AUDITED if getattr(old, name) != getattr(new, name)]
    if provider is not None and provider.name:
        before = old_provider if old_provider and old_provider.name == provider.name else None
        for name in ("contact_person", "phone", "email"):
            if before is not None and getattr(before, name) != getattr(provider, name):
                changed.append(f"provider.{name}")
    return changed


def save_offer(offer: dm.Offer, provider: dm.Provider | None, user: str | None = None) -> dm.Offer:
    """Create ``offer`` (without id) or update the stored one, with its provider (created when
    the name is new; its contact data are set to the given ones). Returns the stored offer.

    Refuses with a :class:`ServiceError` naming the field when the offer is incomplete or
    impossible, when another offer has the same title, provider and municipality, and when
    someone else changed or deleted the offer after it was loaded (``offer.version``)."""
    current = session.require(Permission.OFFERS_EDIT)
    user = user or current.username
    offer, provider = _cleaned(offer), _cleaned_provider(provider)
    known = {m.ags for m in school_repo.list_municipalities()}
    problems = offer_problems(offer, provider, known)
    if problems:
        raise ServiceError("\n".join(p.message for p in problems))
    provider_name = provider.name if provider else ""
    offer = replace(offer, provider_name=provider_name)
    same = repo.offer_with_key(offer.title, provider_name, offer.municipality_ags)
    if same is not None and same != offer.id:
        raise ServiceError(
            _(
                "Titel: Ein Angebot „{title}“ dieses Trägers in dieser Gemeinde gibt es schon. "
                "Bitte den Titel unterscheiden oder das vorhandene Angebot bearbeiten."
            ).format(title=offer.title)
        )
    old = repo.get_offer(offer.id) if offer.id else None
    old_provider = _provider_named(old.provider_name) if old else None
    try:
        offer_id, _version = repo.save_offer(offer, provider)
    except repo.StaleOfferError as exc:
        if exc.deleted:
            message = _(
                "Das Angebot wurde inzwischen gelöscht und kann nicht mehr gespeichert werden."
            )
        else:
            message = _(
                "Das Angebot wurde inzwischen von jemand anderem geändert. Bitte das Angebot neu "
                "öffnen und die Änderungen noch einmal eintragen."
            )
        raise ServiceError(message) from exc
    changes = _changes(old, offer, old_provider, provider)
    if old is None:
        record_event(user, "offer.create", offer_id, title=offer.title)
    elif changes:
        record_event(user, "offer.update", offer_id, title=offer.title, fields=changes)
    stored = repo.get_offer(offer_id)
    assert stored is not None
    return stored


def delete_offer(offer_id: str, user: str | None = None) -> None:
    """Delete an offer (a tombstone tells the other devices). Refused while referrals of cases
    point to it: they count in the reports; ending the offer (gültig bis) keeps them."""
    current = session.require(Permission.OFFERS_EDIT)
    user = user or current.username
    offer = repo.get_offer(offer_id)
    if offer is None:
        raise ServiceError(_("Das Angebot wurde nicht gefunden; vielleicht wurde es gelöscht."))
    referrals = repo.referral_count(offer_id)
    if referrals:
        raise ServiceError(
            ngettext(
                "„{title}“ kann nicht gelöscht werden: {n} Vermittlung eines Falls verweist "
                "darauf und zählt in den Berichten. Tragen Sie stattdessen unter „gültig bis“ "
                "ein Enddatum ein; dann wird das Angebot nicht mehr vorgeschlagen.",
                "„{title}“ kann nicht gelöscht werden: {n} Vermittlungen von Fällen verweisen "
                "darauf und zählen in den Berichten. Tragen Sie stattdessen unter „gültig bis“ "
                "ein Enddatum ein; dann wird das Angebot nicht mehr vorgeschlagen.",
                referrals,
            ).format(title=offer.title, n=referrals)
        )
    repo.delete_offer(offer_id)
    record_event(user, "offer.delete", offer_id, title=offer.title)
