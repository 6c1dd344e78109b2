"""Text in any script on a PDF page: shaped, ordered right to left where needed, wrapped.

reportlab draws characters one by one from left to right. Arabic script needs more: letters
take their joined forms (shaping; Pashto's and Persian's extra letters included), words run
right to left, and digits and Latin words inside them run left to right again (the Unicode
bidirectional algorithm). The order of the work matters: a paragraph is first wrapped in its
logical order by the measured width of its words, and only then each line is reordered and
shaped; reordering first would put the end of a sentence on its first line.

* The bidirectional algorithm comes from ``python-bidi`` (visual order of one line).
* Shaping comes from HarfBuzz (``uharfbuzz``) with the font's own tables; reportlab draws the
  shaped glyphs (glyphs without a character of their own are given private code points).
* Glyphs without a character (joined forms, ligatures such as lam-alef) are mapped back to
  their letters in the font's ToUnicode table, so that copying from the PDF and text
  extraction give real words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.platypus import Flowable

from ki_desktop.reports.scripts import BASE, ScriptFonts, is_rtl_language, script_of

__all__ = [
    "Run",
    "ScriptParagraph",
    "TextStyle",
    "bidi_levels",
    "layout_line",
    "measure",
    "wrap_lines",
]

_RTL_SCRIPTS = frozenset({"arabic", "hebrew"})


@dataclass(frozen=True)
class TextStyle:
    """Size, line height, weight, colour and horizontal alignment of a text block;
    ``align`` None: right for right-to-left languages, else left."""

    size: float = 9.5
    leading: float = 12.5
    bold: bool = False
    color: colors.Color = colors.black
    align: str | None = None
    space_after: float = 0


@dataclass(frozen=True)
class Run:
    """A piece of one line in one font and one direction, in visual order on the line.
    ``text`` is the run's logical text, ``glyphs`` what reportlab draws."""

    text: str
    font: str
    rtl: bool
    glyphs: ShapedStr
    width: float


# What the glyphs without a character of their own stand for (a joined form or a ligature:
# its letters), by the private code point reportlab gives them; read by _to_unicode_cmap.
_PRIVATE_TEXT: dict[tuple[str, int], str] = {}


def _face_name(ttf) -> str:
    return (ttf.face.name + ttf.face.subfontNameX).decode("latin-1")


def _cluster_text(text: str, infos, cluster: int) -> str:
    after = [i.cluster for i in infos if i.cluster > cluster]
    return text[cluster : min(after, default=len(text))]


def _to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode map, with the private code points of joined forms and ligatures
    mapped to their letters, so that copying and text extraction give real text."""
    cmap = _reportlab_to_unicode_cmap(fontname, subset)
    face = fontname.split("+", 1)[-1]  # "AAAAAA+NotoNaskhArabic-Regular"
    for i, code in enumerate(subset):
        text = _PRIVATE_TEXT.get((face, code)) if 0xE000 <= code <= 0xF8FF else None
        if text:
            utf16 = text.encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{i:02X}> <{code:04X}>", f"<{i:02X}> <{utf16}>", 1)
    return cmap


_reportlab_to_unicode_cmap = ttfonts.makeToUnicodeCMap
ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@lru_cache(maxsize=16)
def _hb_font(font_name: str) -> hb.Font:
    font = pdfmetrics.getFont(font_name)
    return font.hbFont(10)  # positions come in font units; the size is applied when drawing


def _shape(text: str, font_name: str, size: float, rtl: bool, language: str) -> Run:
    """Shape ``text`` (logical order) with HarfBuzz; the glyphs come out in visual order."""
    ttf = pdfmetrics.getFont(font_name)
    hb_font = _hb_font(font_name)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    if language:
        buf.language = language
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(hb_font, buf, {"kern": True, "liga": True})
    chars: list[str] = []
    data: list[ShapeData] = []
    advance = 0.0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gid = info.codepoint
        try:
            code = ttf.face.glyphToChar[gid][0]
        except (KeyError, IndexError):
            # a joined form or ligature without a character: reportlab gives it a private one
            code = ttf.hbAddPrivate(hb_font.glyph_to_string(gid), gid, pos.x_advance)
            key = (_face_name(ttf), code)
            _PRIVATE_TEXT.setdefault(key, _cluster_text(text, buf.glyph_infos, info.cluster))
        x_advance = ttf.pdfScale(pos.x_advance)
        data.append(
            ShapeData(
                info.cluster,
                x_advance,
                ttf.pdfScale(pos.y_advance),
                ttf.pdfScale(pos.x_offset),
                ttf.pdfScale(pos.y_offset),
                ttf.face.charWidths[code],
            )
        )
        chars.append(chr(code))
        advance += x_advance
    return Run(text, font_name, rtl, ShapedStr("".join(chars), data), advance * size / 1000)


@lru_cache(maxsize=4096)
def _shaped(text: str, font_name: str, size: float, rtl: bool, language: str) -> Run:
    return _shape(text, font_name, size, rtl, language)


def bidi_levels(line: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character of ``line`` (Unicode bidirectional
    algorithm, rules up to I2; odd means right to left) in a paragraph of base direction
    ``rtl``. python-bidi's Rust core does not expose the levels, so its pure-Python
    implementation (``bidi.algorithm``, part of the same package) computes them."""
    return _python_levels(line, "R" if rtl else "L")


def _python_levels(line: str, base: str) -> list[int]:
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = algorithm.PARAGRAPH_LEVELS[base]
    storage["base_dir"] = base
    algorithm.get_embedding_levels(line, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    kept = iter(char["level"] for char in storage["chars"])
    # Rule X9 drops formatting characters (ZWNJ, the Persian half-space, is one); they take the
    # level of the character before them, as UAX #9's implementation notes suggest.
    levels: list[int] = []
    for char in line:
        if unicodedata.bidirectional(char) in algorithm.X9_REMOVED:
            levels.append(levels[-1] if levels else storage["base_level"])
        else:
            levels.append(next(kept))
    return levels


def _fonts_of(text: str, fonts: ScriptFonts, bold: bool) -> list[str]:
    """The font of every character: its script's, or for spaces, digits and punctuation the
    script's of the letters before it (logical order) when that font has them."""
    context = BASE
    names = []
    for char in text:
        script = script_of(char)
        if script != BASE:
            context = script
        elif unicodedata.category(char).startswith("L"):
            context = BASE
        names.append(fonts.font_name(char, bold, context))
    return names


def _reorder(runs: list[Run], levels: list[int]) -> list[Run]:
    """Rule L2 of the bidirectional algorithm on whole runs: from the highest level down to
    the lowest odd one, reverse every sequence of runs at that level or higher."""
    order = list(range(len(runs)))
    if not levels:
        return runs
    lowest_odd = min(level for level in levels if level % 2) if any(x % 2 for x in levels) else 0
    for level in range(max(levels), max(lowest_odd, 1) - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [runs[i] for i in order]


def layout_line(
    line: str, fonts: ScriptFonts, size: float, *, rtl: bool, bold: bool = False, language=""
) -> list[Run]:
    """One line of logical text as shaped runs from left to right (``rtl``: the paragraph's
    base direction). Runs are cut where the level or the font changes, shaped in logical
    order (HarfBuzz puts right-to-left glyphs in visual order and mirrors brackets), then
    ordered by rule L2."""
    if not line:
        return []
    levels = bidi_levels(line, rtl)
    names = _fonts_of(line, fonts, bold)
    runs: list[Run] = []
    run_levels: list[int] = []
    start = 0
    for i in range(1, len(line) + 1):
        if i == len(line) or levels[i] != levels[start] or names[i] != names[start]:
            odd = levels[start] % 2 == 1
            runs.append(_shaped(line[start:i], names[start], size, odd, language))
            run_levels.append(levels[start])
            start = i
    return _reorder(runs, run_levels)


def measure(text: str, fonts: ScriptFonts, size: float, bold: bool = False, language="") -> float:
    """The width of ``text`` (one line, logical order) once shaped."""
    names = _fonts_of(text, fonts, bold)
    width, start = 0.0, 0
    for i in range(1, len(text) + 1):
        if i == len(text) or names[i] != names[start]:
            rtl = script_of(text[start]) in _RTL_SCRIPTS
            width += _shaped(text[start:i], names[start], size, rtl, language).width
            start = i
    return width


# Where a line may break: ordinary spaces and tabs, not the no-break spaces.
_BREAKABLE = re.compile(r"[ \t\u2000-\u200a\u3000]+")


def wrap_lines(
    text: str, width: float, fonts: ScriptFonts, size: float, bold: bool = False, language=""
) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` at spaces (explicit line breaks
    kept), in logical order; a word longer than a line is cut. No-break spaces (U+00A0,
    U+202F, as babel puts them in dates like „22 лист. 2026 р.“) hold their words together."""
    lines: list[str] = []
    space = measure(" ", fonts, size, bold, language)
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = 0.0
        for word in _BREAKABLE.split(paragraph.strip(" \t")):
            if not word:
                continue
            word_width = measure(word, fonts, size, bold, language)
            while word_width > width and len(word) > 1:  # cut what cannot fit on any line
                if current:
                    lines.append(" ".join(current))
                    current, used = [], 0.0
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut], fonts, size, bold, language) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
                word_width = measure(word, fonts, size, bold, language)
            needed = word_width if not current else used + space + word_width
            if current and needed > width:
                lines.append(" ".join(current))
                current, used = [word], word_width
            else:
                current.append(word)
                used = needed
        lines.append(" ".join(current))
    return lines


class ScriptParagraph(Flowable):
    """A block of plain text in ``language``: wrapped to the available width, each line
    ordered and shaped for its scripts; right-aligned for right-to-left languages."""

    def __init__(
        self, text: str, language: str, fonts: ScriptFonts, style: TextStyle | None = None
    ) -> None:
        super().__init__()
        self.text = text.strip()
        self.language = language
        self.fonts = fonts
        self.style = style or TextStyle()
        self.rtl = is_rtl_language(language)
        self.lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        s = self.style
        self.width = avail_width
        self.lines = wrap_lines(self.text, avail_width, self.fonts, s.size, s.bold, self.language)
        self.height = len(self.lines) * s.leading
        return self.width, self.height

    def getSpaceAfter(self) -> float:  # noqa: N802 - reportlab's name
        return self.style.space_after

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.style.leading)
        if fit <= 0 or fit >= len(self.lines):
            return []
        first = ScriptParagraph("\n".join(self.lines[:fit]), self.language, self.fonts, self.style)
        rest = ScriptParagraph("\n".join(self.lines[fit:]), self.language, self.fonts, self.style)
        return [first, rest]

    def draw(self) -> None:
        s = self.style
        canvas = self.canv
        align = s.align or ("right" if self.rtl else "left")
        canvas.setFillColor(s.color)
        for i, line in enumerate(self.lines):
            runs = layout_line(
                line, self.fonts, s.size, rtl=self.rtl, bold=s.bold, language=self.language
            )
            total = sum(run.width for run in runs)
            x = {"right": self.width - total, "center": (self.width - total) / 2}.get(align, 0)
            y = self.height - s.size - i * s.leading
            for run in runs:
                text = canvas.beginText(x, y)
                text.setFont(run.font, s.size)
                text.textOut(run.glyphs)
                canvas.drawText(text)
                x += run.width
