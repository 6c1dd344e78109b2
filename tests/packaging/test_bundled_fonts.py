"""The fonts shipped in resources/fonts: every script of the family PDFs has its font there
(Windows has none of them), they are the ones used, and each carries the OFL licence."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from ki_desktop.paths import resources_dir
from ki_desktop.reports.scripts import SCRIPT_FONTS, ScriptFonts

FONTS = resources_dir() / "fonts"
SAMPLES = {
    "arabic": "مدرسة",  # Arabic "school"
    "ethiopic": "ትምህርቲ ቤት",  # Tigrinya "school"
    "hebrew": "בית ספר",
    "armenian": "դպրոց",
    "georgian": "სკოლა",
    "devanagari": "विद्यालय",
}


def _name_record(path: Path, name_id: int) -> str:
    """A Windows-English (3, 1, 0x409) record of the font's 'name' table."""
    data = path.read_bytes()
    (tables,) = struct.unpack(">H", data[4:6])
    for i in range(tables):
        tag, _sum, offset, _length = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        if tag != b"name":
            continue
        _fmt, count, strings = struct.unpack(">HHH", data[offset : offset + 6])
        for j in range(count):
            rec = data[offset + 6 + 12 * j : offset + 18 + 12 * j]
            platform, _enc, lang, nid, length, start = struct.unpack(">HHHHHH", rec)
            if platform == 3 and lang == 0x409 and nid == name_id:
                begin = offset + strings + start
                return data[begin : begin + length].decode("utf-16-be")
    return ""


def test_every_script_font_is_bundled():
    bundled = {p.name for p in FONTS.glob("*.ttf")}
    for script, spec in SCRIPT_FONTS.items():
        regular, bold = spec.files[0]  # the preferred family, not a Windows fallback
        assert {regular, bold} <= bundled, script


@pytest.mark.parametrize("script", sorted(SAMPLES))
def test_bundled_font_is_found_first_and_covers_the_script(script):
    fonts = ScriptFonts()  # the default search: resources/fonts, then the system's folders
    for bold in (False, True):
        name = fonts.font_name(SAMPLES[script][0], bold=bold)
        face = pdfmetrics.getFont(name).face
        assert Path(face.filename).parent == FONTS, face.filename
        missing = [c for c in SAMPLES[script] if c != " " and ord(c) not in face.charToGlyph]
        assert not missing, missing


def test_licence_is_shipped_with_the_fonts():
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "PERMISSION & CONDITIONS" in licence
    for font in sorted(FONTS.glob("*.ttf")):
        assert "SIL Open Font License" in _name_record(font, 13), font.name
        assert font.stat().st_size < 600_000, font.name  # keep the bundle small


def test_nothing_but_fonts_and_their_papers():
    names = {p.name for p in FONTS.iterdir()}
    assert {n for n in names if not n.endswith(".ttf")} == {"OFL.txt", "README.md"}
