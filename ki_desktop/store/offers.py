"""Offer and provider repository. Every write leaves the search index current (see
:mod:`ki_desktop.store.offer_search`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.store.edit_lock import edit_transaction, locked_row
from ki_desktop.store.models import (
    DB,
    Municipality,
    Offer,
    Provider,
    Referral,
    School,
    new_id,
    shared_id,
)
from ki_desktop.store.offer_search import decode_translations, encode_translations, refresh_index
from ki_desktop.store.records import delete_record, stamp

# Offer columns written from a domain offer (besides provider and municipality).
_FIELDS = (
    "title",
    "category",
    "age_min",
    "age_max",
    "target_group",
    "free_of_charge",
    "address",
    "latitude",
    "longitude",
    "schedule",
    "valid_from",
    "valid_to",
    "accessibility",
    "description_de",
)
_PROVIDER_FIELDS = ("contact_person", "phone", "email")


class StaleOfferError(RuntimeError):
    """The offer was changed or deleted by someone else after it was loaded."""

    def __init__(self, deleted: bool) -> None:
        super().__init__("deleted" if deleted else "changed")
        self.deleted = deleted


@dataclass(frozen=True, slots=True)
class SaveResult:
    created: int
    updated: int
    unchanged: int


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


def _free_id(model, wanted: str, taken: set[str] | None = None) -> str:
    """``wanted`` unless a record already has it (one renamed since it was made), else a new
    random id."""
    if (taken is not None and wanted in taken) or model.get_or_none(model.id == wanted):
        return new_id()
    if taken is not None:
        taken.add(wanted)
    return wanted


def _new_provider(name: str, **contact: str) -> Provider:
    return Provider.create(id=_free_id(Provider, shared_id("provider", name)), name=name, **contact)


def _offer_id(offer: dm.Offer, taken: set[str] | None = None) -> str:
    key = shared_id("offer", offer.title, offer.provider_name, offer.municipality_ags)
    return _free_id(Offer, key, taken)


def add_offers(offers: list[dm.Offer], providers: list[dm.Provider]) -> int:
    """Add offers (and their providers, by name) in one transaction; returns offers added."""
    with DB.atomic():
        known = {p.name: p.id for p in Provider.select(Provider.id, Provider.name)}
        for provider in providers:
            if provider.name not in known:
                known[provider.name] = _new_provider(
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
                "id": _offer_id(o, taken),
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


def _provider_ids(providers: list[dm.Provider]) -> dict[str, str]:
    """Ids by name; new providers are created, known ones get the contact data given."""
    rows = {p.name: p for p in Provider.select()}
    for provider in providers:
        row = rows.get(provider.name)
        if row is None:
            rows[provider.name] = _new_provider(
                provider.name, **{f: getattr(provider, f) for f in _PROVIDER_FIELDS}
            )
            continue
        changed = False
        for name in _PROVIDER_FIELDS:
            value = getattr(provider, name)
            if value and getattr(row, name) != value:
                setattr(row, name, value)
                changed = True
        if changed:
            row.save()
    return {name: row.id for name, row in rows.items()}


def _apply(row: Offer, offer: dm.Offer, provider_id: str | None, muni_id: str | None) -> bool:
    """Copy ``offer`` onto ``row``; True if anything changed."""
    values = {name: getattr(offer, name) for name in _FIELDS}
    values["languages"] = ",".join(offer.languages)
    values["description_translations"] = encode_translations(offer.descriptions)
    values["provider_id"] = provider_id
    values["municipality_id"] = muni_id
    changed = False
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
            changed = True
    return changed


def save_offers(offers: list[dm.Offer], providers: list[dm.Provider]) -> SaveResult:
    """Insert or update offers in one transaction. An offer with the same title, provider and
    municipality as a stored one updates it (so that importing a file again never duplicates)."""
    created = updated = unchanged = 0
    with DB.atomic():
        provider_ids = _provider_ids(providers)
        munis = {m.ags: m.id for m in Municipality.select(Municipality.id, Municipality.ags)}
        names = {pid: name for name, pid in provider_ids.items()}
        agss = {mid: ags for ags, mid in munis.items()}
        existing = {
            (row.title, names.get(row.provider_id, ""), agss.get(row.municipality_id, "")): row
            for row in Offer.select()
        }
        for offer in offers:
            provider_id = provider_ids.get(offer.provider_name)
            muni_id = munis.get(offer.municipality_ags)
            key = (offer.title, offer.provider_name, offer.municipality_ags)
            row = existing.get(key)
            if row is None:
                row = Offer(id=_offer_id(offer))
                _apply(row, offer, provider_id, muni_id)
                row.save(force_insert=True)
                existing[key] = row
                created += 1
            elif _apply(row, offer, provider_id, muni_id):
                row.save()
                updated += 1
            else:
                unchanged += 1
        refresh_index()
    return SaveResult(created, updated, unchanged)


def get_offer(offer_id: str) -> dm.Offer | None:
    """One offer, or None."""
    query = _with_names().where(Offer.id == offer_id)
    row = query.objects().first()
    return None if row is None else _to_domain(row)


def update_offer(offer: dm.Offer) -> bool:
    """Store the changed fields of a stored offer (provider and municipality must exist);
    False if the offer is unknown."""
    row = Offer.get_or_none(Offer.id == offer.id)
    if row is None:
        return False
    with DB.atomic():
        provider = Provider.get_or_none(Provider.name == offer.provider_name)
        muni = Municipality.get_or_none(Municipality.ags == offer.municipality_ags)
        if _apply(row, offer, provider and provider.id, muni and muni.id):
            row.save()
        refresh_index()
    return True


def delete_offer(offer_id: str) -> bool:
    """Delete an offer (leaving a tombstone); False if it is unknown."""
    row = Offer.get_or_none(Offer.id == offer_id)
    if row is None:
        return False
    delete_record(row)
    return True


def _save_provider(provider: dm.Provider) -> str:
    """The id of the provider named ``provider.name``, created if new; its contact data are set
    to the given ones (also when they were cleared)."""
    row = Provider.get_or_none(Provider.name == provider.name)
    if row is None:
        return _new_provider(
            provider.name, **{f: getattr(provider, f) for f in _PROVIDER_FIELDS}
        ).id
    if any(getattr(row, f) != getattr(provider, f) for f in _PROVIDER_FIELDS):
        for name in _PROVIDER_FIELDS:
            setattr(row, name, getattr(provider, name))
        row.save()
    return row.id


def save_offer(offer: dm.Offer, provider: dm.Provider | None) -> tuple[str, int]:
    """Insert ``offer`` (no id) or update the stored one, with its provider (by name; None or
    no name: without provider); returns the id and the stored version. Raises
    :class:`StaleOfferError` when the stored offer is gone or its version is not
    ``offer.version`` (someone else saved it in between); check and write are atomic (see
    :mod:`ki_desktop.store.edit_lock`)."""
    with edit_transaction():
        row = locked_row(Offer, offer.id) if offer.id else None
        if offer.id and row is None:
            raise StaleOfferError(deleted=True)
        if row is not None and row.version != offer.version:
            raise StaleOfferError(deleted=False)
        provider_id = _save_provider(provider) if provider and provider.name else None
        muni = (
            Municipality.get_or_none(Municipality.ags == offer.municipality_ags)
            if offer.municipality_ags
            else None
        )
        if row is None:
            row = Offer(id=_offer_id(offer))
            _apply(row, offer, provider_id, muni and muni.id)
            row.save(force_insert=True)
        elif _apply(row, offer, provider_id, muni and muni.id):
            row.save()
        refresh_index()
    return row.id, row.version


def offer_with_key(title: str, provider_name: str, municipality_ags: str) -> str | None:
    """The id of an offer with this title, provider and municipality (the key a CSV import
    matches on), if there is one."""
    query = (
        Offer.select(Offer.id)
        .join(Provider, pw.JOIN.LEFT_OUTER)
        .switch(Offer)
        .join(Municipality, pw.JOIN.LEFT_OUTER)
        .where(
            (Offer.title == title)
            & (pw.fn.COALESCE(Provider.name, "") == provider_name)
            & (pw.fn.COALESCE(Municipality.ags, "") == municipality_ags)
        )
    )
    row = query.first()
    return None if row is None else row.id


def referral_count(offer_id: str) -> int:
    """How many referrals of cases point to the offer."""
    return Referral.select().where(Referral.offer == offer_id).count()
