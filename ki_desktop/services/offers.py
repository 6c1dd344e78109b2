"""Use cases around the offers catalogue."""

from __future__ import annotations

from datetime import date

from ki_desktop.domain import model as dm
from ki_desktop.store import offers as repo


def offers(valid_on: date | None = None) -> list[dm.Offer]:
    """The catalogue (only offers valid on ``valid_on`` if given), by category and title."""
    return repo.list_offers(valid_on)


def offer_count() -> int:
    """Number of offers in the catalogue."""
    return repo.count_offers()
