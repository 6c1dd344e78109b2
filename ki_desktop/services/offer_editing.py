"""Use cases of keeping the offers catalogue by hand: check an offer as it is typed, create or
update one with its provider (Träger), delete one.

The checks (:mod:`ki_desktop.services.offer_checks`, re-exported here) are those of the CSV
import, with messages that name the field of the offer dialog. Saving is optimistic: an offer
changed by someone else since it was loaded is not overwritten, the second saver gets the
merge (:mod:`ki_desktop.services.offer_conflicts`). Keeping the catalogue needs the permission
to edit offers; the checks as typed read nothing and need none.
"""

from __future__ import annotations

from dataclasses import fields, replace

from ki_desktop.domain import model as dm
from ki_desktop.domain.offer_merge import merge_offers
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import session
from ki_desktop.services.database import ServiceError
from ki_desktop.services.offer_checks import MAX_AGE, OfferProblem, degrees_text, offer_problems
from ki_desktop.services.offer_conflicts import OfferSaveConflict, last_saved_by
from ki_desktop.store import edit_lock
from ki_desktop.store import offers as repo
from ki_desktop.store import schools as school_repo
from ki_desktop.store.users import record_event

__all__ = [
    "MAX_AGE",
    "OfferProblem",
    "OfferSaveConflict",
    "degrees_text",
    "delete_offer",
    "offer_for_editing",
    "offer_problems",
    "providers",
    "save_offer",
]

# Fields compared for the audit trail (the names are derived from the provider and AGS).
_AUDITED = tuple(
    f.name for f in fields(dm.Offer) if f.name not in ("id", "version", "municipality_name")
)


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


def save_offer(
    offer: dm.Offer,
    provider: dm.Provider | None,
    user: str | None = None,
    base: dm.Offer | None = None,
) -> dm.Offer:
    """Create ``offer`` (without id) or update the stored one, with its provider (created when
    the name is new; its contact data are set to the given ones). Returns the stored offer.

    Refuses with a :class:`ServiceError` naming the field when the offer is incomplete or
    impossible, when another offer has the same title, provider and municipality (checked in
    the save's transaction: of two people creating the same offer at once, the second is
    refused), and when the offer was deleted after it was loaded. When someone else saved it
    after it was loaded (``offer.version``), nothing is written: :class:`OfferSaveConflict`
    carries the merge of ``base`` (the offer as it was loaded; None: not known, every
    difference is then a conflict), ``offer`` and the stored offer."""
    current = session.require(Permission.OFFERS_EDIT)
    user = user or current.username
    offer, provider = _cleaned(offer), _cleaned_provider(provider)
    known = {m.ags for m in school_repo.list_municipalities()}
    problems = offer_problems(offer, provider, known)
    if problems:
        raise ServiceError("\n".join(p.message for p in problems))
    offer = replace(offer, provider_name=provider.name if provider else "")
    try:
        # The audit entry is written in the same transaction as the offer.
        with edit_lock.edit_transaction():
            old = repo.get_offer(offer.id) if offer.id else None
            old_provider = _provider_named(old.provider_name) if old else None
            offer_id, _version = repo.save_offer(offer, provider)
            changes = _changes(old, offer, old_provider, provider)
            if old is None:
                record_event(user, "offer.create", offer_id, title=offer.title)
            elif changes:
                record_event(user, "offer.update", offer_id, title=offer.title, fields=changes)
    except repo.DuplicateOfferError as exc:
        raise ServiceError(
            _(
                "Titel: Ein Angebot „{title}“ dieses Trägers in dieser Gemeinde gibt es schon. "
                "Bitte den Titel unterscheiden oder das vorhandene Angebot bearbeiten."
            ).format(title=offer.title)
        ) from exc
    except repo.StaleOfferError as exc:
        raise _stale(exc, offer, base) from exc
    stored = repo.get_offer(offer_id)
    assert stored is not None
    return stored


def _stale(exc: repo.StaleOfferError, offer: dm.Offer, base: dm.Offer | None) -> ServiceError:
    """The error for a save that came too late: an :class:`OfferSaveConflict` with the merge,
    or a plain message when the offer was deleted."""
    theirs = None if exc.deleted else repo.get_offer(offer.id)
    if theirs is None:
        return ServiceError(
            _("Das Angebot wurde inzwischen gelöscht und kann nicht mehr gespeichert werden.")
        )
    message = _(
        "Das Angebot wurde inzwischen von jemand anderem geändert. Bitte das Angebot neu "
        "öffnen und die Änderungen noch einmal eintragen."
    )
    saved_by, saved_at = last_saved_by(offer.id)
    return OfferSaveConflict(message, merge_offers(base, offer, theirs), saved_by, saved_at)


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
