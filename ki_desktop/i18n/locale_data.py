"""Country and language names, dates and numbers from babel's CLDR data (no hand lists)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _format_date
from babel.numbers import format_decimal


@lru_cache(maxsize=32)
def _locale(code: str) -> Locale:
    return Locale.parse(code)


def country_name(iso2: str, locale: str = "de") -> str:
    """Name of the country with ISO 3166 alpha-2 code ``iso2`` in ``locale``; the code if unknown."""
    if not iso2:
        return ""
    return _locale(locale).territories.get(iso2.upper(), iso2)


def language_name(code: str, locale: str = "de") -> str:
    """Name of the language with ISO 639 code ``code`` in ``locale``; the code if unknown."""
    if not code:
        return ""
    return _locale(locale).languages.get(code, code)


def format_date(day: date | None, locale: str = "de", fmt: str = "medium") -> str:
    """A date in the conventions of ``locale`` ("" for no date)."""
    if day is None:
        return ""
    return _format_date(day, format=fmt, locale=_locale(locale))


def format_number(value: float | int, locale: str = "de") -> str:
    """A number with the locale's grouping and decimal separators."""
    return format_decimal(value, locale=_locale(locale))


def text_direction(locale: str) -> str:
    """``"rtl"`` or ``"ltr"`` for the script of ``locale``."""
    return _locale(locale).text_direction
