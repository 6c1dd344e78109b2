"""Possible duplicates of a new case: the same child spelled another way.

Names of families from Syria, Afghanistan, Ukraine … reach the KI in several spellings:
transliterations (Мухаммад / Muhammad, Олена / Olena), dropped diacritics (Şahin / Sahin) and
vowel variants (Mohammed / Muhammad / Mohamad). A name is compared by a consonant skeleton of its
Latin transliteration and by fuzzy similarity; birth dates count as close within a month or with
day and month swapped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from anyascii import anyascii
from rapidfuzz import fuzz

# Spelling variants of the same sound in common transliterations, applied in this order
# (German "tsch" first becomes "ch", then every "ch" an "h").
_SOUNDS = (
    ("tsch", "ch"),
    ("sch", "s"),
    ("dzh", "j"),
    ("dsh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ch", "h"),
    ("sh", "s"),
    ("zh", "j"),
    ("dj", "j"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("ts", "z"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("w", "v"),
    ("y", "i"),
    ("x", "ks"),
)
_VOWELS = re.compile(r"[aeiou]")
_NOT_LETTER = re.compile(r"[^a-z ]")
_ARTICLE = re.compile(r"^(al|el|ul|ad|ar|as|at|an|ash)[- ]")
NAME_THRESHOLD = 80.0
DATE_WINDOW_DAYS = 31


def latin(name: str) -> str:
    """Lower-case ASCII transliteration: "Олена" → "olena", "Şahin" → "sahin"."""
    text = anyascii(name).lower().replace("'", "").replace("`", "")
    text = _NOT_LETTER.sub(" ", text)
    return " ".join(text.split())


def skeleton(name: str) -> str:
    """Consonant skeleton of a name: first letter kept, vowels dropped, sound variants unified,
    doubled letters collapsed: Mohammed, Muhammad, Mohamad, Мухаммад → "mhmd"."""
    words = []
    for word in _ARTICLE.sub("", latin(name)).split():
        for old, new in _SOUNDS:
            word = word.replace(old, new)
        if not word:
            continue
        tail = _VOWELS.sub("", word[1:])
        squeezed = word[0] + tail
        collapsed = squeezed[0] + "".join(
            b for a, b in zip(squeezed, squeezed[1:], strict=False) if a != b
        )
        words.append(collapsed)
    return " ".join(words)


def name_similarity(a: str, b: str) -> float:
    """0–100: how likely two spellings are the same name."""
    if not a.strip() or not b.strip():
        return 0.0
    la, lb = latin(a), latin(b)
    sa, sb = skeleton(a), skeleton(b)
    if sa and sa == sb:
        return 100.0
    return max(fuzz.ratio(la, lb), fuzz.ratio(sa, sb) - 5, fuzz.token_sort_ratio(la, lb))


def dates_close(a: date | None, b: date | None, window: int = DATE_WINDOW_DAYS) -> bool:
    """Same child's birth date written differently: within ``window`` days, or day and month
    swapped (04.05. / 05.04.)."""
    if a is None or b is None:
        return False
    if abs((a - b).days) <= window:
        return True
    return a.year == b.year and (a.month, a.day) == (b.day, b.month)


@dataclass(frozen=True, slots=True)
class PersonKey:
    first_name: str
    last_name: str
    birth_date: date | None


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    score: float
    why: str


def match(new: PersonKey, existing: PersonKey) -> DuplicateMatch | None:
    """A match with a score and a German explanation, or None."""
    last = name_similarity(new.last_name, existing.last_name)
    first = name_similarity(new.first_name, existing.first_name)
    swapped = min(
        name_similarity(new.first_name, existing.last_name),
        name_similarity(new.last_name, existing.first_name),
    )
    names = max(min(last, first), swapped)
    if names < NAME_THRESHOLD:
        return None
    if new.birth_date and existing.birth_date:
        if new.birth_date == existing.birth_date:
            return DuplicateMatch(
                names, "gleicher Name (andere Schreibweise möglich), gleiches Geburtsdatum"
            )
        if dates_close(new.birth_date, existing.birth_date):
            return DuplicateMatch(names - 10, "ähnlicher Name, Geburtsdatum nah beieinander")
        return None
    return DuplicateMatch(names - 20, "ähnlicher Name, Geburtsdatum fehlt")
