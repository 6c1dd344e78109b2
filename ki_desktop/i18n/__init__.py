"""Translations for the whole application (gettext) and locale data (babel).

``_`` translates into the staff member's UI language, set once at start-up with
:func:`set_ui_language`. ``N_`` only marks a string for extraction. The catalogues live in
``translations/<lang>.po``; German is the source language. Compiled ``.mo`` files are used when
present (packaged builds); otherwise the ``.po`` file is compiled in memory with babel.
"""

from __future__ import annotations

import gettext as _gettext
import io
from pathlib import Path

from ki_desktop.paths import translations_dir

DOMAIN = "ki_desktop"
UI_LANGUAGES = ("de", "en")
DEFAULT_UI_LANGUAGE = "de"

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_ui_language = DEFAULT_UI_LANGUAGE


def _load_catalogue(language: str, directory: Path) -> _gettext.NullTranslations:
    mo = directory / f"{language}.mo"
    if mo.is_file():
        with mo.open("rb") as fh:
            return _gettext.GNUTranslations(fh)
    po = directory / f"{language}.po"
    if not po.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fh:
        catalog = read_po(fh, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def set_ui_language(language: str, directory: Path | None = None) -> None:
    """Switch the staff UI language ("de" or "en"); unknown languages fall back to German."""
    global _translations, _ui_language
    if language not in UI_LANGUAGES:
        language = DEFAULT_UI_LANGUAGE
    _ui_language = language
    if language == DEFAULT_UI_LANGUAGE:
        _translations = _gettext.NullTranslations()
        return
    _translations = _load_catalogue(language, directory or translations_dir())


def ui_language() -> str:
    """The current staff UI language code."""
    return _ui_language


def _(message: str) -> str:
    """Translate ``message`` into the UI language."""
    return _translations.gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` for extraction without translating it now."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate with the plural form that fits ``n``."""
    return _translations.ngettext(singular, plural, n)
