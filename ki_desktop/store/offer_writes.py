"""Writing offers and providers without losing an update.

Every write reads the rows it changes locked inside its transaction (see
:mod:`ki_desktop.store.edit_lock`) and writes only the columns that change, with the version
counted up. Writers of the catalogue's keys (title, provider and municipality of an offer)
also take turns: on SQLite the writer holds the whole database, on PostgreSQL they wait for
an advisory lock, so that two people creating the same offer at once cannot both pass the
check for an offer with the same key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.store import dialect
from ki_desktop.store.edit_lock import edit_transaction, locked_row
from ki_desktop.store.models import Municipality, Offer, Provider, new_id, shared_id
from ki_desktop.store.offer_search import encode_translations, refresh_index
from ki_desktop.store.row_writes import locked_by, write_changed

# Offer columns written from a domain offer (besides provider and municipality).
FIELDS = (
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
PROVIDER_FIELDS = ("contact_person", "phone", "email")
# Advisory lock of the writers of offer keys on PostgreSQL (beside dialect's own keys).


class StaleOfferError(RuntimeError):
    """The offer was changed or deleted by someone else after it was loaded."""

    def __init__(self, deleted: bool) -> None:
        super().__init__("deleted" if deleted else "changed")
        self.deleted = deleted


class DuplicateOfferError(RuntimeError):
    """Another offer (``offer_id``) has the same title, provider and municipality."""

    def __init__(self, offer_id: str) -> None:
        super().__init__(offer_id)
        self.offer_id = offer_id


@dataclass(frozen=True, slots=True)
class SaveResult:
    created: int
    updated: int
    unchanged: int


def catalogue_lock() -> None:
    """Inside a transaction: wait for the other writers of offer keys until it ends."""
    dialect.advisory_lock("offer_keys")


def free_id(model, wanted: str, taken: set[str] | None = None) -> str:
    """``wanted`` unless a record already has it (one renamed since it was made), else a new
    random id."""
    if (taken is not None and wanted in taken) or model.get_or_none(model.id == wanted):
        return new_id()
    if taken is not None:
        taken.add(wanted)
    return wanted


def new_provider(name: str, **contact: str) -> Provider:
    return Provider.create(id=free_id(Provider, shared_id("provider", name)), name=name, **contact)


def offer_id_for(offer: dm.Offer, taken: set[str] | None = None) -> str:
    key = shared_id("offer", offer.title, offer.provider_name, offer.municipality_ags)
    return free_id(Offer, key, taken)


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


def _values(offer: dm.Offer, provider_id: str | None, muni_id: str | None) -> dict[str, object]:
    """The columns of an offer row (foreign keys as ids)."""
    values: dict[str, object] = {name: getattr(offer, name) for name in FIELDS}
    values["languages"] = ",".join(offer.languages)
    values["description_translations"] = encode_translations(offer.descriptions)
    values["provider"] = provider_id
    values["municipality"] = muni_id
    return values


def _insert(offer: dm.Offer, provider_id: str | None, muni_id: str | None) -> Offer:
    row = Offer(id=offer_id_for(offer), **_values(offer, provider_id, muni_id))
    row.save(force_insert=True)
    return row


def _provider_ids(providers: list[dm.Provider]) -> dict[str, str]:
    """Ids by name; new providers are created, known ones get the contact data given."""
    rows = {p.name: p for p in dialect.lock_for_update(Provider.select())}
    for provider in providers:
        row = rows.get(provider.name)
        if row is None:
            rows[provider.name] = new_provider(
                provider.name, **{f: getattr(provider, f) for f in PROVIDER_FIELDS}
            )
            continue
        given = {f: getattr(provider, f) for f in PROVIDER_FIELDS if getattr(provider, f)}
        write_changed(row, **given)
    return {name: row.id for name, row in rows.items()}


def save_offers(offers: list[dm.Offer], providers: list[dm.Provider]) -> SaveResult:
    """Insert or update offers in one transaction. An offer with the same title, provider and
    municipality as a stored one updates it (so that importing a file again never duplicates)."""
    created = updated = unchanged = 0
    with edit_transaction():
        catalogue_lock()
        provider_ids = _provider_ids(providers)
        munis = {m.ags: m.id for m in Municipality.select(Municipality.id, Municipality.ags)}
        names = {pid: name for name, pid in provider_ids.items()}
        agss = {mid: ags for ags, mid in munis.items()}
        existing = {
            (row.title, names.get(row.provider_id, ""), agss.get(row.municipality_id, "")): row
            for row in dialect.lock_for_update(Offer.select())
        }
        for offer in offers:
            provider_id = provider_ids.get(offer.provider_name)
            muni_id = munis.get(offer.municipality_ags)
            key = (offer.title, offer.provider_name, offer.municipality_ags)
            row = existing.get(key)
            if row is None:
                existing[key] = _insert(offer, provider_id, muni_id)
                created += 1
            elif write_changed(row, **_values(offer, provider_id, muni_id)):
                updated += 1
            else:
                unchanged += 1
        refresh_index()
    return SaveResult(created, updated, unchanged)


def update_offer(offer: dm.Offer) -> bool:
    """Store the changed fields of a stored offer (provider and municipality must exist);
    False if the offer is unknown."""
    with edit_transaction():
        catalogue_lock()
        row = locked_row(Offer, offer.id)
        if row is None:
            return False
        provider = Provider.get_or_none(Provider.name == offer.provider_name)
        muni = Municipality.get_or_none(Municipality.ags == offer.municipality_ags)
        write_changed(row, **_values(offer, provider and provider.id, muni and muni.id))
        refresh_index()
    return True


def _save_provider(provider: dm.Provider) -> str:
    """The id of the provider named ``provider.name``, created if new; its contact data are set
    to the given ones (also when they were cleared)."""
    row = locked_by(Provider, Provider.name == provider.name)
    contact = {f: getattr(provider, f) for f in PROVIDER_FIELDS}
    if row is None:
        return new_provider(provider.name, **contact).id
    write_changed(row, **contact)
    return row.id


def save_offer(offer: dm.Offer, provider: dm.Provider | None) -> tuple[str, int]:
    """Insert ``offer`` (no id) or update the stored one, with its provider (by name; None or
    no name: without provider); returns the id and the stored version.

    Raises :class:`StaleOfferError` when the stored offer is gone or its version is not
    ``offer.version`` (someone else saved it in between), :class:`DuplicateOfferError` when
    another offer has the same title, provider and municipality. Checks and write are atomic
    (see :mod:`ki_desktop.store.edit_lock`)."""
    provider_name = provider.name if provider and provider.name else ""
    with edit_transaction():
        catalogue_lock()
        row = locked_row(Offer, offer.id) if offer.id else None
        if offer.id and row is None:
            raise StaleOfferError(deleted=True)
        if row is not None and row.version != offer.version:
            raise StaleOfferError(deleted=False)
        same = offer_with_key(offer.title, provider_name, offer.municipality_ags)
        if same is not None and same != offer.id:
            raise DuplicateOfferError(same)
        provider_id = _save_provider(provider) if provider_name else None
        muni = (
            Municipality.get_or_none(Municipality.ags == offer.municipality_ags)
            if offer.municipality_ags
            else None
        )
        if row is None:
            row = _insert(offer, provider_id, muni and muni.id)
        else:
            write_changed(row, **_values(offer, provider_id, muni and muni.id))
        refresh_index()
    return row.id, row.version


def last_saved(offer_id: str) -> datetime | None:
    """When the stored version of the offer was written (UTC); None for an unknown offer."""
    row = Offer.select(Offer.updated_at).where(Offer.id == offer_id).first()
    return None if row is None else row.updated_at
