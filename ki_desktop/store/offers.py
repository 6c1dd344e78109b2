"""Offer and provider repository. Every write leaves the search index current (see
:mod:`ki_desktop.store.offer_search`); the writes of single offers and of an imported
catalogue, which must not lose a concurrent update, are in :mod:`ki_desktop.store.offer_writes`
and re-exported here."""

from __future__ import annotations

from datetime import date

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.store.models import DB, Municipality, Offer, Provider, Referral, School
from ki_desktop.store.offer_search import decode_translations, encode_translations, refresh_index
from ki_desktop.store.offer_writes import (
    DuplicateOfferError,
    SaveResult,
    StaleOfferError,
    last_saved,
    new_provider,
    offer_id_for,
    offer_with_key,
    save_offer,
    save_offers,
    update_offer,
)
from ki_desktop.store.records import delete_record, stamp

__all__ = [
    "DuplicateOfferError",
    "SaveResult",
    "StaleOfferError",
    "add_offers",
    "categories",
    "count_offers",
    "delete_offer",
    "get_offer",
    "languages_in_use",
    "last_saved",
    "list_offers",
    "list_providers",
    "municipality_centres",
    "offer_with_key",
    "referral_count",
    "save_offer",
    "save_offers",
    "update_offer",
]


def _to_domain(row: Offer) -> dm.Offer:
    return dm.Offer(
        id=row.id,
        title=row.title,
        category=row.category,
        provider_name=getattr(row, "provider_name", "") or "",
        age_min=row.age_min,
        age_max=row.age_max,
        target_group=row.target_group,
        languages=[c for c in row.languages.split(",") if c],
        free_of_charge=row.free_of_charge,
        municipality_ags=getattr(row, "municipality_ags", "") or "",
        municipality_name=getattr(row, "municipality_name", "") or "",
        address=row.address,
        latitude=row.latitude,
        longitude=row.longitude,
        schedule=row.schedule,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        accessibility=row.accessibility,
        description_de=row.description_de,
        descriptions=decode_translations(row.description_translations),
        version=row.version,
    )


def _with_names() -> pw.ModelSelect:
    """Offers with their provider's and municipality's names (as ``_to_domain`` reads them)."""
    return (
        Offer.select(
            Offer,
            Provider.name.alias("provider_name"),
            Municipality.name.alias("municipality_name"),
            Municipality.ags.alias("municipality_ags"),
        )
        .join(Provider, pw.JOIN.LEFT_OUTER)
        .switch(Offer)
        .join(Municipality, pw.JOIN.LEFT_OUTER)
    )


def list_offers(valid_on: date | None = None) -> list[dm.Offer]:
    """Offers sorted by category and title; with ``valid_on``, only those valid that day."""
    query = _with_names().order_by(Offer.category, Offer.title)
    if valid_on is not None:
        query = query.where(
            (Offer.valid_from.is_null() | (Offer.valid_from <= valid_on))
            & (Offer.valid_to.is_null() | (Offer.valid_to >= valid_on))
        )
    return [_to_domain(r) for r in query.objects()]


def count_offers() -> int:
    """Number of offers in the catalogue."""
    return Offer.select().count()


def add_offers(offers: list[dm.Offer], providers: list[dm.Provider]) -> int:
    """Add offers (and their providers, by name) in one transaction; returns offers added."""
    with DB.atomic():
        known = {p.name: p.id for p in Provider.select(Provider.id, Provider.name)}
        for provider in providers:
            if provider.name not in known:
                known[provider.name] = new_provider(
                    provider.name,
                    contact_person=provider.contact_person,
                    phone=provider.phone,
                    email=provider.email,
                ).id
        munis = {m.ags: m.id for m in Municipality.select(Municipality.id, Municipality.ags)}
        taken: set[str] = set()
        rows = [
            {
                **stamp(),
                "id": offer_id_for(o, taken),
                "title": o.title,
                "category": o.category,
                "provider": known.get(o.provider_name),
                "age_min": o.age_min,
                "age_max": o.age_max,
                "target_group": o.target_group,
                "languages": ",".join(o.languages),
                "free_of_charge": o.free_of_charge,
                "municipality": munis.get(o.municipality_ags),
                "address": o.address,
                "latitude": o.latitude,
                "longitude": o.longitude,
                "schedule": o.schedule,
                "valid_from": o.valid_from,
                "valid_to": o.valid_to,
                "accessibility": o.accessibility,
                "description_de": o.description_de,
                "description_translations": encode_translations(o.descriptions),
            }
            for o in offers
        ]
        for start in range(0, len(rows), 500):
            Offer.insert_many(rows[start : start + 500]).execute()
        refresh_index()
    return len(rows)


def list_providers() -> list[dm.Provider]:
    """Providers sorted by name."""
    return [
        dm.Provider(
            name=p.name, contact_person=p.contact_person, phone=p.phone, email=p.email, id=p.id
        )
        for p in Provider.select().order_by(Provider.name)
    ]


def categories() -> list[str]:
    """The categories in use, sorted."""
    query = Offer.select(Offer.category).distinct().order_by(Offer.category)
    return [row.category for row in query]


def languages_in_use() -> list[str]:
    """The ISO codes of every language some offer is held in."""
    codes: set[str] = set()
    for row in Offer.select(Offer.languages).distinct():
        codes.update(c for c in row.languages.split(",") if c)
    return sorted(codes)


def municipality_centres() -> dict[str, tuple[float, float]]:
    """Per municipality (AGS) the mean UTM position of its schools in operation with
    coordinates, as :func:`ki_desktop.domain.candidates.centre` computes it."""
    query = (
        School.select(School.ags, pw.fn.AVG(School.utm_east), pw.fn.AVG(School.utm_north))
        .where(
            School.in_operation & School.utm_east.is_null(False) & School.utm_north.is_null(False)
        )
        .group_by(School.ags)
        .tuples()
    )
    return {ags: (east, north) for ags, east, north in query}


def get_offer(offer_id: str) -> dm.Offer | None:
    """One offer, or None."""
    query = _with_names().where(Offer.id == offer_id)
    row = query.objects().first()
    return None if row is None else _to_domain(row)


def delete_offer(offer_id: str) -> bool:
    """Delete an offer (leaving a tombstone); False if it is unknown."""
    row = Offer.get_or_none(Offer.id == offer_id)
    if row is None:
        return False
    delete_record(row)
    return True


def referral_count(offer_id: str) -> int:
    """How many referrals of cases point to the offer."""
    return Referral.select().where(Referral.offer == offer_id).count()
