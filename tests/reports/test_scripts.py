"""Scripts in the PDFs: font per script, shaping, right-to-left order, wrapping, missing fonts."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportlab.platypus import SimpleDocTemplate

from ki_desktop.reports.pdf_style import FONT_CANDIDATES, font_search_dirs
from ki_desktop.reports.script_text import (
    ScriptParagraph,
    TextStyle,
    bidi_levels,
    layout_line,
    measure,
    wrap_lines,
)
from ki_desktop.reports.scripts import (
    BASE,
    FontMissingError,
    ScriptFonts,
    is_rtl_language,
    language_script,
    script_of,
)


@pytest.fixture(scope="module")
def fonts() -> ScriptFonts:
    fonts = ScriptFonts()
    try:
        fonts.require("ب ሀ")
    except FontMissingError as exc:  # pragma: no cover - CI installs fonts-noto-core
        pytest.skip(str(exc))
    return fonts


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", BASE),
        ("ß", BASE),
        ("ї", BASE),  # Cyrillic: the letter font
        ("ş", BASE),
        ("ب", "arabic"),
        ("ځ", "arabic"),  # Pashto
        ("ی", "arabic"),  # Persian
        ("۳", "arabic"),  # Persian digit
        ("ﻻ", "arabic"),  # presentation form
        ("ሀ", "ethiopic"),
        ("።", "ethiopic"),
        ("ש", "hebrew"),
        ("ა", "georgian"),
        ("1", BASE),
    ],
)
def test_script_of_characters(char, script):
    assert script_of(char) == script


@pytest.mark.parametrize(
    ("language", "script", "rtl"),
    [
        ("ar", "arabic", True),
        ("fa", "arabic", True),
        ("ps", "arabic", True),
        ("ckb", "arabic", True),
        ("ti", "ethiopic", False),
        ("uk", BASE, False),
        ("ru", BASE, False),
        ("tr", BASE, False),
        ("de", BASE, False),
    ],
)
def test_language_script_and_direction(language, script, rtl):
    assert language_script(language) == script
    assert is_rtl_language(language) is rtl


@pytest.mark.parametrize(
    ("char", "font_part"),
    [("a", ""), ("ب", "Arabic"), ("ځ", "Arabic"), ("ሀ", "Ethiopic")],
)
def test_each_script_gets_its_font(fonts, char, font_part):
    name = fonts.font_name(char)
    if font_part:
        assert font_part in name
    else:
        assert name == fonts.base.regular
    assert font_part in fonts.font_name(char, bold=True)


def test_digits_inside_arabic_take_the_arabic_font_and_latin_words_the_letter_font(fonts):
    runs = layout_line("من 10 إلى Nordstraße 12", fonts, 10, rtl=True)
    by_text = {run.text.strip(): run.font for run in runs}
    assert "Arabic" in by_text["من"]
    assert "Arabic" in by_text["10"]
    assert by_text["Nordstraße 12"] == fonts.base.regular


@pytest.mark.parametrize(
    ("word", "letters"),
    [
        ("سلام", "arabic"),
        ("ښوونځي", "pashto"),  # no presentation forms exist for ښ and ځ
        ("می‌شود", "persian with a half-space"),
        ("لا", "lam-alef ligature"),
    ],
)
def test_shaping_joins_the_letters(fonts, word, letters):
    (run,) = layout_line(word, fonts, 10, rtl=True)
    assert run.rtl
    # every glyph drawn is a joined form: a presentation form or a glyph of its own
    # (private code point), not the plain letter of the input
    drawn = list(str(run.glyphs))
    assert drawn != list(word) and drawn != list(word[::-1]), letters
    joined = [c for c in drawn if 0xFB50 <= ord(c) <= 0xFEFF or 0xE000 <= ord(c) <= 0xF8FF]
    assert joined, letters


def test_isolated_letters_do_not_join(fonts):
    (run,) = layout_line("د", fonts, 10, rtl=True)
    assert unicodedata.normalize("NFKC", str(run.glyphs)) == "د"


@pytest.mark.parametrize(
    ("line", "visual"),
    [
        # Arabic words run right to left, numbers and Latin words left to right inside them
        ("من 10 إلى 12", ["12", "إلى", "10", "من"]),
        ("يوم الثلاثاء Nordstraße 12", ["Nordstraße 12", "يوم الثلاثاء"]),
        # the closing bracket and the full stop end up at the left end
        ("في Bocholt (بوخولت).", [".", ")", "بوخولت", "(", "Bocholt", "في"]),
        ("الساعة 9:30", ["9:30", "الساعة"]),
    ],
)
def test_rtl_line_visual_order(fonts, line, visual):
    runs = layout_line(line, fonts, 10, rtl=True)
    assert [run.text.strip() for run in runs if run.text.strip()] == visual
    drawn = "".join(run.text for run in runs).replace(" ", "")
    assert sorted(drawn) == sorted(line.replace(" ", ""))


def test_bidi_levels_of_digits_and_latin_in_arabic():
    line = "من 10 abc"
    levels = bidi_levels(line, rtl=True)
    assert levels[:2] == [1, 1]
    assert levels[3:5] == [2, 2]
    assert levels[-3:] == [2, 2, 2]
    assert bidi_levels("abc", rtl=False) == [0, 0, 0]


def test_ltr_line_stays_in_order(fonts):
    runs = layout_line("Kurs ab 9:30 Uhr, Raum ሀ", fonts, 10, rtl=False)
    assert "".join(run.text for run in runs) == "Kurs ab 9:30 Uhr, Raum ሀ"
    assert not any(run.rtl for run in runs)


LONG_ARABIC = (
    "يلتقي الآباء والأمهات مع أطفالهم الصغار مرة في الأسبوع للعب والغناء والحديث باللغة "
    "العربية وباللغة الألمانية، والمشاركة مجانية ولا تحتاج إلى تسجيل مسبق، ويمكن للأخوة "
    "الصغار أن يأتوا أيضا."
)


def test_long_arabic_paragraph_wraps_in_reading_order(fonts):
    lines = wrap_lines(LONG_ARABIC, 150, fonts, 10, language="ar")
    assert len(lines) >= 3
    assert lines[0].startswith("يلتقي الآباء")
    assert " ".join(lines) == " ".join(LONG_ARABIC.split())
    assert all(measure(line, fonts, 10, language="ar") <= 150 for line in lines)
    # the first word is drawn at the right end of the first line
    first = layout_line(lines[0], fonts, 10, rtl=True, language="ar")
    assert first[-1].text.startswith("يلتقي")


def test_a_word_longer_than_the_line_is_cut(fonts):
    lines = wrap_lines("Sprachmittlungsvermittlungsstelle", 60, fonts, 10)
    assert len(lines) > 1
    assert "".join(lines) == "Sprachmittlungsvermittlungsstelle"


@pytest.mark.parametrize("space", ["\u00a0", "\u202f"])
def test_no_break_spaces_hold_their_words_together(fonts, space):
    date_text = f"Виставлено 22{space}листопада{space}2026{space}р."
    words = date_text.split(" ")
    group = measure(words[1], fonts, 10, language="uk")
    for width in (group + 1, group + 30, 400):  # the date fits a line: it is never split
        lines = wrap_lines(date_text, width, fonts, 10, language="uk")
        assert any(line.endswith(words[1]) for line in lines), lines
        assert " ".join(lines) == date_text  # the no-break spaces are kept as they are


def test_shaped_width_differs_from_letter_widths(fonts):
    # joined letters are narrower than the isolated ones laid side by side
    joined = measure("سلام", fonts, 10)
    apart = sum(measure(c, fonts, 10) for c in "سلام")
    assert 0 < joined < apart


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_pdf_text_of_arabic_persian_pashto_tigrinya(fonts, tmp_path):
    texts = {
        "ar": "مرحبا بكم في مجموعة الأطفال يوم الثلاثاء من الساعة 9:30 في Nordstraße 12.",
        "fa": "کلاس آلمانی برای مادران؛ کودکان نگهداری می‌شوند.",
        "ps": "ځوانان کولی شي د ښوونځي په اړه پوښتنې وکړي.",
        "ti": "ንወለዲ ምስ ህጻናቶም ዝሳተፍሉ ጉጅለ እዩ።",
    }
    path = tmp_path / "scripts.pdf"
    story = [
        ScriptParagraph(t, lang, fonts, TextStyle(size=11, leading=18)) for lang, t in texts.items()
    ]
    SimpleDocTemplate(str(path)).build(story)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = unicodedata.normalize("NFKC", out.stdout)
    assert not [c for c in text if 0xE000 <= ord(c) <= 0xF8FF]  # no private code points
    for word in (
        "مرحبا",
        "الأطفال",
        "الثلاثاء",
        "9:30",
        "Nordstraße",
        "آلمانی",
        "ښوونځي",
        "پوښتنې",
        "ህጻናቶም",
        "ጉጅለ",
    ):
        assert word in text, word


def test_missing_font_names_font_and_package(tmp_path):
    only_latin = tmp_path / "fonts"
    only_latin.mkdir()
    for regular, bold in FONT_CANDIDATES[:2]:
        for folder in font_search_dirs():
            for name in (regular, bold):
                found = next(Path(folder).rglob(name), None) if Path(folder).is_dir() else None
                if found and not (only_latin / name).exists():
                    (only_latin / name).symlink_to(found)
    fonts = ScriptFonts([only_latin])
    fonts.require("Hallo, Привіт")  # the letter font is enough
    with pytest.raises(FontMissingError) as caught:
        fonts.require("مرحبا")
    assert "Noto Naskh Arabic" in str(caught.value)
    assert "fonts-noto-core" in str(caught.value)
    with pytest.raises(FontMissingError, match="Noto Sans Ethiopic"):
        fonts.require("ሰላም")
