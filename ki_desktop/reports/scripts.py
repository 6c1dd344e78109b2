"""Writing systems in the PDFs: which font draws which script, found once per machine.

reportlab has no font fallback: a character missing from the current font prints as an empty
box. So every character is given a script from its code point, and every script its own font:
Latin, Cyrillic and Greek the letter font of :mod:`pdf_style` (DejaVu Sans or Noto Sans);
Arabic script (Arabic, Persian, Dari, Pashto, Kurdish Sorani, Urdu) Noto Naskh Arabic or Noto
Sans Arabic; Ethiopic (Tigrinya, Amharic) Noto Sans Ethiopic; and so on. A font is looked up
only when a text needs it; when none of its candidates is on the machine,
:class:`FontMissingError` names the font and the package that brings it.

Languages map to scripts through CLDR's likely subtags (babel), not a hand list.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.core import get_global
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ki_desktop.i18n import _
from ki_desktop.reports.pdf_style import FontMissingError, Fonts, font_search_dirs, letter_fonts

__all__ = [
    "BASE",
    "FontMissingError",
    "ScriptFonts",
    "is_rtl_language",
    "language_script",
    "script_fonts",
    "script_of",
]

BASE = "base"  # Latin, Cyrillic, Greek and everything else the letter font covers


@dataclass(frozen=True)
class ScriptFontSpec:
    """The font a script needs: its name for messages, (regular, bold) file names in order of
    preference (bold may repeat regular), and where to get it."""

    name: str
    files: tuple[tuple[str, str], ...]
    package: str


_NOTO = "fonts-noto-core"
_URL = "https://fonts.google.com/noto"

# Scripts outside the letter font. Windows fonts last: the Noto fonts shape better.
SCRIPT_FONTS: dict[str, ScriptFontSpec] = {
    "arabic": ScriptFontSpec(
        "Noto Naskh Arabic",
        (
            ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
            ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"),
            ("segoeui.ttf", "segoeuib.ttf"),
        ),
        _NOTO,
    ),
    "hebrew": ScriptFontSpec(
        "Noto Sans Hebrew",
        (("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf"), ("arial.ttf", "arialbd.ttf")),
        _NOTO,
    ),
    "ethiopic": ScriptFontSpec(
        "Noto Sans Ethiopic",
        (
            ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf"),
            ("NotoSerifEthiopic-Regular.ttf", "NotoSerifEthiopic-Bold.ttf"),
            ("AbyssinicaSIL-Regular.ttf", "AbyssinicaSIL-Regular.ttf"),
            ("nyala.ttf", "nyala.ttf"),
        ),
        _NOTO,
    ),
    "armenian": ScriptFontSpec(
        "Noto Sans Armenian",
        (("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf"),),
        _NOTO,
    ),
    "georgian": ScriptFontSpec(
        "Noto Sans Georgian",
        (("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf"),),
        _NOTO,
    ),
    "devanagari": ScriptFontSpec(
        "Noto Sans Devanagari",
        (("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf"),),
        _NOTO,
    ),
}

# Code point blocks of the scripts above (presentation forms included).
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x0870, 0x08FF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1200, 0x139F, "ethiopic"),
    (0x1C90, 0x1CBF, "georgian"),
    (0x2D00, 0x2D2F, "georgian"),
    (0x2D80, 0x2DDF, "ethiopic"),
    (0xAB00, 0xAB2F, "ethiopic"),
    (0xFB13, 0xFB17, "armenian"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
)

# CLDR's four-letter script codes of the scripts above.
_ISO_SCRIPTS = {
    "Arab": "arabic",
    "Hebr": "hebrew",
    "Ethi": "ethiopic",
    "Armn": "armenian",
    "Geor": "georgian",
    "Deva": "devanagari",
}


def script_of(char: str) -> str:
    """The script key of ``char``: one of :data:`SCRIPT_FONTS` or :data:`BASE`."""
    code = ord(char)
    if code < 0x0530:
        return BASE
    for first, last, script in _RANGES:
        if first <= code <= last:
            return script
    return BASE


def language_script(language: str) -> str:
    """The script ``language`` (ISO 639, maybe with a region) is usually written in."""
    likely = get_global("likely_subtags").get(language.replace("-", "_").split("_")[0], "")
    parts = likely.split("_")
    return _ISO_SCRIPTS.get(parts[1] if len(parts) > 2 else "", BASE)


def is_rtl_language(language: str) -> bool:
    """Whether ``language`` is written right to left (from its usual script)."""
    return language_script(language) in ("arabic", "hebrew")


def _find_files(spec: ScriptFontSpec, dirs: Sequence[Path]) -> tuple[Path, Path]:
    wanted = {name.lower() for pair in spec.files for name in pair}
    found: dict[str, Path] = {}
    for folder in dirs:
        for root, _subdirs, files in os.walk(folder):
            for file in files:
                key = file.lower()
                if key in wanted and key not in found:
                    found[key] = Path(root) / file
        for regular, bold in spec.files:
            if regular.lower() in found and bold.lower() in found:
                return found[regular.lower()], found[bold.lower()]
    raise FontMissingError(
        _(
            "Die Schrift „{font}“ für Texte in dieser Sprache wurde auf diesem Rechner nicht "
            "gefunden. Bitte das Paket „{package}“ installieren oder die Schrift von {url} "
            "herunterladen und installieren."
        ).format(font=spec.name, package=spec.package, url=_URL)
    )


@lru_cache(maxsize=32)
def _register(script: str, dirs: tuple[str, ...] | None) -> Fonts:
    folders = font_search_dirs() if dirs is None else [Path(d) for d in dirs]
    regular, bold = _find_files(SCRIPT_FONTS[script], folders)
    names = Fonts(f"KI-{regular.stem}", f"KI-{bold.stem}-bold")
    registered = pdfmetrics.getRegisteredFontNames()
    for name, path in ((names.regular, regular), (names.bold, bold)):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    return names


@lru_cache(maxsize=64)
def _covers(font_name: str, char: str) -> bool:
    return ord(char) in pdfmetrics.getFont(font_name).face.charToGlyph


class ScriptFonts:
    """The fonts of one document: the letter font for :data:`BASE`, the others registered the
    first time a text needs them. ``dirs`` replaces the folders searched (tests)."""

    def __init__(self, dirs: Sequence[Path | str] | None = None) -> None:
        self._dirs = None if dirs is None else tuple(str(d) for d in dirs)
        self.base = letter_fonts(self._dirs)

    def fonts(self, script: str) -> Fonts:
        """The (regular, bold) font names of ``script``; :class:`FontMissingError` if none."""
        if script == BASE:
            return self.base
        return _register(script, self._dirs)

    def require(self, texts: Iterable[str]) -> None:
        """Look up every font the ``texts`` need now, so that a missing one is reported
        before a document is written."""
        for script in {script_of(c) for text in texts for c in text}:
            self.fonts(script)

    def font_name(self, char: str, bold: bool = False, context: str = BASE) -> str:
        """The font to draw ``char`` with. Characters of no script of their own (spaces,
        digits, punctuation) take the font of ``context`` when it has them."""
        script = script_of(char)
        if script == BASE and context != BASE and _is_common(char):
            fonts = self.fonts(context)
            name = fonts.bold if bold else fonts.regular
            if _covers(name, char):
                return name
        fonts = self.fonts(script)
        return fonts.bold if bold else fonts.regular


def _is_common(char: str) -> bool:
    """Spaces, digits, punctuation and marks: characters that belong to no one script."""
    return not unicodedata.category(char).startswith("L")


def script_fonts(dirs: Sequence[Path | str] | None = None) -> ScriptFonts:
    """The fonts of a new document (the letter font is looked up at once)."""
    return ScriptFonts(dirs)
