"""Offer and provider repository."""

from __future__ import annotations

from datetime import date

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.store.models import DB, Municipality, Offer, Provider, new_id
from ki_desktop.store.records import stamp


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
        schedule=row.schedule,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        accessibility=row.accessibility,
        description_de=row.description_de,
    )


def list_offers(valid_on: date | None = None) -> list[dm.Offer]:
    """Offers sorted by category and title; with ``valid_on``, only those valid that day."""
    query = (
        Offer.select(
            Offer,
            Provider.name.alias("provider_name"),
            Municipality.name.alias("municipality_name"),
            Municipality.ags.alias("municipality_ags"),
        )
        .join(Provider, pw.JOIN.LEFT_OUTER)
        .switch(Offer)
        .join(Municipality, pw.JOIN.LEFT_OUTER)
        .order_by(Offer.category, Offer.title)
    )
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
                known[provider.name] = Provider.create(
                    name=provider.name,
                    contact_person=provider.contact_person,
                    phone=provider.phone,
                    email=provider.email,
                ).id
        munis = {m.ags: m.id for m in Municipality.select(Municipality.id, Municipality.ags)}
        rows = [
            {
                **stamp(),
                "id": new_id(),
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
                "schedule": o.schedule,
                "valid_from": o.valid_from,
                "valid_to": o.valid_to,
                "accessibility": o.accessibility,
                "description_de": o.description_de,
            }
            for o in offers
        ]
        for start in range(0, len(rows), 500):
            Offer.insert_many(rows[start : start + 500]).execute()
    return len(rows)
