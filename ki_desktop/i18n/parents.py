"""Texts for parents in the family's language: a second gettext domain beside the staff UI's.

The handouts and the interpreter view show every parent-facing text twice, in German and in
the family's language, whatever the staff member's UI language is. These texts are marked with
``P_`` (never with ``_``), extracted into ``translations/parents/parents.pot`` and translated in
``translations/parents/<lang>.po`` (see the README there). German is the source language.

A text without a translation is not hidden: :func:`parent_text` gives the German text and says
that it is not translated, so that the caller can print it with a visible note.
"""

from __future__ import annotations

import gettext as _gettext
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ki_desktop.paths import translations_dir

DOMAIN = "parents"
GERMAN = "de"

__all__ = [
    "DOMAIN",
    "GERMAN",
    "P_",
    "ParentText",
    "catalogue_languages",
    "parent_catalogue",
    "parent_text",
    "parents_dir",
]


def P_(message: str) -> str:  # noqa: N802 - the gettext convention of a marker
    """Mark ``message`` (German) as a text for parents; it is translated when printed."""
    return message


@dataclass(frozen=True, slots=True)
class ParentText:
    """A parent-facing text in one language; ``translated`` False: it is the German text."""

    text: str
    translated: bool


def parents_dir() -> Path:
    """The folder of the parents' catalogues (``translations/parents``)."""
    return translations_dir() / "parents"


def catalogue_languages(directory: Path | None = None) -> tuple[str, ...]:
    """The languages that have a catalogue (a ``.po`` or a compiled ``.mo``), sorted."""
    folder = directory or parents_dir()
    found = {p.stem for p in folder.glob("*.po")} | {p.stem for p in folder.glob("*.mo")}
    return tuple(sorted(found))


def _normalised(language: str) -> str:
    return language.strip().replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=32)
def _load(language: str, directory: str) -> _gettext.NullTranslations:
    folder = Path(directory)
    mo = folder / f"{language}.mo"
    if mo.is_file():
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    po = folder / f"{language}.po"
    if not po.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)  # untranslated and fuzzy entries are left out
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def parent_catalogue(language: str, directory: Path | None = None) -> _gettext.NullTranslations:
    """The compiled catalogue of ``language`` (an empty one for German or an unknown
    language); read once per process."""
    code = _normalised(language)
    if code == GERMAN or not code:
        return _gettext.NullTranslations()
    return _load(code, str(directory or parents_dir()))


def parent_text(message: str, language: str, directory: Path | None = None) -> ParentText:
    """``message`` (German, marked with ``P_``) in ``language``; the German text with
    ``translated`` False when the catalogue has no translation for it."""
    code = _normalised(language)
    if code == GERMAN:
        return ParentText(message, True)
    catalogue = parent_catalogue(code, directory)
    known = getattr(catalogue, "_catalog", {})
    text = known.get(message)
    if not text:
        return ParentText(message, False)
    return ParentText(text, True)
