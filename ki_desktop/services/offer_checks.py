"""Checks of an offer as it is typed in the offer dialog: those of the CSV import
(:mod:`ki_desktop.domain.offer_csv`), with messages that name the field of the dialog. They
read nothing and need no permission."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ki_desktop.domain import model as dm
from ki_desktop.domain.coordinates import (
    NRW_LATITUDE,
    NRW_LONGITUDE,
    CoordinateProblem,
    coordinate_problem,
    format_degrees,
)
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.services.offers import is_language

MAX_AGE = 120
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


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
