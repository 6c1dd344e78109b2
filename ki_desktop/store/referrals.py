"""Referrals of cases to offers (Vermittlungen)."""

from __future__ import annotations

from datetime import date

from ki_desktop.domain import model as dm
from ki_desktop.store.models import DB, Case, Offer, Referral
from ki_desktop.store.records import delete_record


def case_exists(case_id: str) -> bool:
    return Case.select(Case.id).where(Case.id == case_id).exists()


def offer_title(offer_id: str) -> str | None:
    """The title of an offer; None when there is no such offer."""
    row = Offer.select(Offer.title).where(Offer.id == offer_id).first()
    return None if row is None else row.title


def add_referral(case_id: str, offer_id: str, day: date, note: str, user: str) -> str:
    """Store a referral; returns its id."""
    with DB.atomic():
        row = Referral.create(case=case_id, offer=offer_id, referred_on=day, note=note, user=user)
    return row.id


def referrals_of_case(case_id: str) -> list[dm.ReferralEntry]:
    """The referrals of a case, newest first."""
    query = (
        Referral.select(Referral, Offer.id, Offer.title, Offer.category)
        .join(Offer)
        .where(Referral.case == case_id)
        .order_by(Referral.referred_on.desc(), Referral.created_at.desc())
    )
    return [
        dm.ReferralEntry(
            id=r.id,
            referred_on=r.referred_on,
            offer_id=r.offer.id,
            offer_title=r.offer.title,
            category=r.offer.category,
            note=r.note,
            user=r.user,
        )
        for r in query
    ]


def case_of_referral(referral_id: str) -> str | None:
    """The id of the case a referral belongs to; None when there is no such referral."""
    row = Referral.select(Referral.case).where(Referral.id == referral_id).first()
    return None if row is None else row.case_id


def remove_referral(referral_id: str) -> bool:
    """Delete a referral (leaving a tombstone); False when there is none with this id."""
    row = Referral.get_or_none(Referral.id == referral_id)
    if row is None:
        return False
    delete_record(row)
    return True
