"""Three-way merge of an offer saved by two people at the same time.

The offer is flattened into fields (see :mod:`ki_desktop.domain.merge`): its own fields by
name (``"schedule"``), the position as one field (``"position"``: latitude and longitude
belong together), each language it is held in (``("languages", "uk")``, present or
:data:`MISSING`) and each description in a further language (``("descriptions", "ar")``). So
a language one person added and another one the other person added are both kept.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, fields

from ki_desktop.domain.merge import RecordMerge, Side, three_way
from ki_desktop.domain.model import Offer

POSITION = "position"
LANGUAGES = "languages"
DESCRIPTIONS = "descriptions"
# The offer's own fields, in the order of the dialog (not its id and version, which say which
# stored state it is, nor the municipality's name, which follows from its key).
SCALARS = tuple(
    f.name
    for f in fields(Offer)
    if f.name
    not in ("id", "version", "municipality_name", "latitude", "longitude", LANGUAGES, DESCRIPTIONS)
)


def flatten(offer: Offer) -> dict[Hashable, object]:
    """The offer as one flat mapping of field keys to values."""
    out: dict[Hashable, object] = {name: getattr(offer, name) for name in SCALARS}
    out[POSITION] = (offer.latitude, offer.longitude)
    for code in offer.languages:
        out[(LANGUAGES, code)] = True
    for code, text in offer.descriptions.items():
        out[(DESCRIPTIONS, code)] = text
    return out


@dataclass(frozen=True, slots=True)
class OfferMerge(RecordMerge[Offer]):
    """The merge of a saved-too-late offer (see :class:`ki_desktop.domain.merge.RecordMerge`)."""

    def resolve(self, choices: Mapping[Hashable, Side | str] | None = None) -> Offer:
        """The offer to save on top of theirs: merged values, conflicts as chosen (mine when
        not chosen), theirs' id and version (so that saving it checks against what is stored
        now)."""
        values = self.merge.resolved(choices)
        offer = copy.deepcopy(self.mine)
        offer.id, offer.version = self.theirs.id, self.theirs.version
        for name in SCALARS:
            setattr(offer, name, values[name])
        offer.latitude, offer.longitude = values[POSITION]
        both = (self.mine, self.theirs)
        languages = dict.fromkeys(code for side in both for code in side.languages)
        offer.languages = [code for code in languages if (LANGUAGES, code) in values]
        codes = dict.fromkeys(code for side in both for code in side.descriptions)
        offer.descriptions = {
            code: str(values[(DESCRIPTIONS, code)])
            for code in codes
            if (DESCRIPTIONS, code) in values
        }
        same = [side for side in both if side.municipality_ags == offer.municipality_ags]
        offer.municipality_name = same[0].municipality_name if same else ""
        return offer


def merge_offers(base: Offer | None, mine: Offer, theirs: Offer) -> OfferMerge:
    """Merge what the user typed (``mine``, edited from ``base``) with the stored ``theirs``
    that someone else saved in between."""
    merge = three_way(flatten(base) if base else None, flatten(mine), flatten(theirs))
    return OfferMerge(base, mine, theirs, merge)
