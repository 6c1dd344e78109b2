"""Searching the offers catalogue: what a search asks for, how text is folded into search words,
which municipalities are neighbours, and spelling corrections when nothing is found.

The store turns an :class:`OfferFilter` and the search words into SQL (FTS5 on SQLite, plain
LIKE elsewhere); everything here is plain Python so that both paths fold text the same way.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ki_desktop.domain.model import Offer

# Words of at least this length are also found inside longer words ("kurs" finds
# "Sprachkurse"); shorter ones only at the start of a word.
INFIX_MIN = 3
# Words of at least this length get spelling corrections when nothing is found.
FUZZY_MIN = 4
DEFAULT_RADIUS_KM = 15.0
DEFAULT_LIMIT = 200

_NON_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case without accents, "ß" as "ss", punctuation as single spaces:
    "Eltern-Kind-Gruppe (Südlohn)" -> "eltern kind gruppe sudlohn".

    Lower case again after the decomposition, which turns some characters into capitals
    ("№" -> "No", "ᴬ" -> "A"): the folded text is then the very words a full-text index
    holds, whether its tokenizer folds case itself (SQLite) or takes the words as they are
    (PostgreSQL)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _NON_WORD.sub(" ", plain).strip()


def search_words(text: str) -> list[str]:
    """The distinct folded words of a query, in the order typed."""
    return list(dict.fromkeys(fold(text).split()))


@dataclass(frozen=True, slots=True)
class OfferFilter:
    """What a counsellor narrows the search to. ``valid_on`` None means today; expired (and
    not yet valid) offers are left out unless ``include_expired``."""

    age: int | None = None
    language: str = ""
    municipality_ags: str = ""
    neighbours: bool = False
    radius_km: float = DEFAULT_RADIUS_KM
    category: str = ""
    free_only: bool = False
    valid_on: date | None = None
    include_expired: bool = False
    limit: int | None = DEFAULT_LIMIT


@dataclass(frozen=True, slots=True)
class SearchTerms:
    """The words of a search as groups: an offer matches when it contains, for every group,
    at least one of the group's words (inside a word for words of ``INFIX_MIN`` letters or
    more, at the start of a word for shorter ones)."""

    groups: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def of(cls, text: str) -> SearchTerms:
        return cls(tuple((word,) for word in search_words(text)))

    def __bool__(self) -> bool:
        return bool(self.groups)

    @property
    def words(self) -> list[str]:
        return [word for group in self.groups for word in group]


@dataclass(frozen=True, slots=True)
class OfferSearchResult:
    """Offers found, best first; ``corrections`` maps a typed word that was not found to the
    similar words searched for instead (empty when the text was found as typed)."""

    offers: list[Offer]
    corrections: dict[str, list[str]]


def search_fields(offer: Offer, language_name: Callable[[str], str]) -> dict[str, str]:
    """The folded texts the search looks at, per field (the title weighs most)."""
    return {
        "title": fold(offer.title),
        "category": fold(offer.category),
        "provider": fold(offer.provider_name),
        "target_group": fold(offer.target_group),
        "municipality": fold(offer.municipality_name),
        "languages": fold(" ".join(language_name(code) for code in offer.languages)),
        "description": fold(offer.description_de),
    }


def word_parts(text: str) -> str:
    """The ends of every word (of ``INFIX_MIN`` letters or more) of folded ``text``, so that a
    word-start search also finds the inside of words: "sprachkurse" gives "prachkurse",
    "rachkurse", … "kurse", "urse", "rse"."""
    return " ".join(
        word[start:] for word in text.split() for start in range(1, len(word) - INFIX_MIN + 1)
    )


def index_text(offer: Offer, language_name: Callable[[str], str]) -> dict[str, str]:
    """Everything the full-text index holds for an offer, per column of ``INDEX_COLUMNS``."""
    fields = search_fields(offer, language_name)
    others = " ".join(text for name, text in fields.items() if name != "title")
    return {**fields, "title_parts": word_parts(fields["title"]), "parts": word_parts(others)}


SEARCH_FIELDS = (
    "title",
    "category",
    "provider",
    "target_group",
    "municipality",
    "languages",
    "description",
)
INDEX_COLUMNS = (*SEARCH_FIELDS, "title_parts", "parts")
# bm25 weight of each index column: the title weighs most, a word found inside a title word
# more than one found at the start of a description word.
FIELD_WEIGHTS = (10.0, 4.0, 3.0, 2.0, 2.0, 2.0, 1.0, 5.0, 0.5)


def neighbours(
    centres: Mapping[str, tuple[float, float]], ags: str, radius_km: float = DEFAULT_RADIUS_KM
) -> list[tuple[str, float]]:
    """``ags`` and the municipalities whose centre (mean UTM position of their schools) lies
    within ``radius_km`` of its centre, nearest first, with the distance in km. Without a known
    centre only ``ags`` itself."""
    origin = centres.get(ags)
    if origin is None:
        return [(ags, 0.0)]
    found = [
        (other, math.hypot(east - origin[0], north - origin[1]) / 1000)
        for other, (east, north) in centres.items()
    ]
    near = [(other, km) for other, km in found if other == ags or km <= radius_km]
    near.sort(key=lambda item: (item[0] != ags, item[1], item[0]))
    return near


def unknown_words(words: Iterable[str], vocabulary: Iterable[str]) -> list[str]:
    """The words that no indexed word contains (or starts with, for short words)."""
    vocab = list(vocabulary)
    missing = []
    for word in words:
        if len(word) >= INFIX_MIN:
            found = any(word in term for term in vocab)
        else:
            found = any(term.startswith(word) for term in vocab)
        if not found:
            missing.append(word)
    return missing


def corrections(word: str, vocabulary: Iterable[str], limit: int = 3) -> list[str]:
    """Indexed words spelt like ``word`` (a typo, or a typo in the beginning of a longer word:
    "hausaufgabn" -> "hausaufgabenhilfe"), best first; none for short words."""
    size = len(word)
    if size < FUZZY_MIN:
        return []
    from rapidfuzz import fuzz, process  # only needed when a search found nothing

    cutoff = 80.0 if size >= 6 else 75.0
    candidates = [term for term in vocabulary if len(term) >= max(size - 2, INFIX_MIN)]
    scores: dict[str, float] = {}
    for choices in (candidates, [term[: size + 1] for term in candidates]):
        for _text, score, index in process.extract(
            word, choices, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            term = candidates[index]
            scores[term] = max(scores.get(term, 0.0), score)
    if not scores:
        return []
    best = max(scores.values())
    ranked = sorted(scores.items(), key=lambda item: (-item[1], len(item[0]), item[0]))
    return [term for term, score in ranked if score >= best - 5][:limit]


def corrected_terms(
    terms: SearchTerms, vocabulary: Iterable[str]
) -> tuple[SearchTerms, dict[str, list[str]]]:
    """``terms`` with every word that is nowhere in the index replaced by its spelling
    corrections; the map of replaced words. A word without corrections stays (and finds
    nothing)."""
    vocab = list(vocabulary)
    missing = set(unknown_words(terms.words, vocab))
    fixed: dict[str, list[str]] = {}
    groups = []
    for group in terms.groups:
        word = group[0]
        if len(group) == 1 and word in missing:
            alternatives = corrections(word, vocab)
            if alternatives:
                fixed[word] = alternatives
                groups.append(tuple(alternatives))
                continue
        groups.append(group)
    return SearchTerms(tuple(groups)), fixed
