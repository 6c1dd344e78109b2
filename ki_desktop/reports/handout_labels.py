"""The offer sheet's headings and labels for parents, in German and the family's language.

German goes in the sheet's German column; the family's language comes from the parents'
catalogues (``translations/parents``). :data:`HEADINGS` lists, per heading, the languages
whose catalogue translates it (the languages a sheet can be made in with translated headings).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ki_desktop.i18n.parents import GERMAN, P_, catalogue_languages, parent_text

__all__ = ["HEADINGS", "LABELS", "PAGE_LABEL", "heading", "label"]

LABELS: dict[str, str] = {
    "title": P_("Angebote für Ihre Familie"),
    "date": P_("Datum"),
    "description": P_("Beschreibung"),
    "provider": P_("Träger"),
    "address": P_("Adresse"),
    "schedule": P_("Zeiten"),
    "contact": P_("Kontakt"),
    "languages": P_("Sprachen"),
    "cost": P_("Kosten"),
    "valid_to": P_("Gültig bis"),
    "free": P_("kostenlos"),
    "paid": P_("kostenpflichtig – bitte beim Träger nachfragen"),
    "open_end": P_("ohne Enddatum"),
}
_HEADING_KEYS = ("title", "date", "description")
PAGE_LABEL = P_("Seite {page} von {pages}")


def heading(key: str, language: str) -> str | None:
    """The label ``key`` (see :data:`LABELS`) in ``language``; None when the parents'
    catalogue has no translation (German is always there)."""
    text = parent_text(LABELS[key], language)
    return text.text if text.translated else None


class _Headings(Mapping):
    """``HEADINGS[key][language]``: the translated headings, read from the catalogues when
    first asked for (every language with a catalogue that translates them)."""

    def __getitem__(self, key: str) -> dict[str, str]:
        if key not in _HEADING_KEYS:
            raise KeyError(key)
        found = {lang: heading(key, lang) for lang in catalogue_languages() if lang != GERMAN}
        return {lang: text for lang, text in found.items() if text}

    def __iter__(self) -> Iterator[str]:
        return iter(_HEADING_KEYS)

    def __len__(self) -> int:
        return len(_HEADING_KEYS)


HEADINGS: Mapping[str, dict[str, str]] = _Headings()


def label(key: str, language: str) -> str:
    """A label in the family's language, the German one where it has no translation."""
    return heading(key, language) or LABELS[key]
