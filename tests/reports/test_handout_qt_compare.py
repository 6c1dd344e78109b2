"""Arabic, Persian and Pashto in the handout PDF against the same text laid out by Qt.

Qt's text engine (HarfBuzz and its own bidirectional algorithm) is what the interpreter view
shows; the PDFs are shaped by :mod:`ki_desktop.reports.script_text`. For each line of a
handout paragraph with a number and a Latin word inside:

* the letters are joined the same way: the glyphs of the Arabic-script font, left to right,
  are the same glyph ids in the PDF's layout and in Qt's ``QTextLayout`` (a joined form is a
  glyph of its own: initial, medial, final and isolated forms have different ids);
* the words are in the same order: each word's place on the line, read back from the PDF with
  ``pdftotext -bbox``, ranks the same as in Qt's layout (``QTextLine.cursorToX``).

With ``KI_HANDOUT_COMPARE_DIR`` set, the image pairs (PDF rendered by pdftoppm, Qt rendered
with ``QLabel.grab()``) are written there to be looked at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path

import pytest
import uharfbuzz as hb
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextLayout, QTextLine, QTextOption
from PySide6.QtWidgets import QLabel
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from ki_desktop.i18n.parents import parent_text
from ki_desktop.reports.handout import BODY, HALF
from ki_desktop.reports.script_text import ScriptParagraph, TextStyle, layout_line, wrap_lines
from ki_desktop.reports.scripts import ScriptFonts
from ki_desktop.services.parent_content import SCHOOL_DUTY, SCHOOL_SYSTEM

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils",
)

RTL = ("ar", "fa", "ps")
# paragraphs with numbers and Latin words inside: "(NRW)" and "(Schulpflicht)"; the dates;
# "(Grundschule)" and "1" to "4"; "(Gymnasium)", "Abitur" and several Latin words in a row
PARAGRAPHS = (
    SCHOOL_DUTY.paragraphs[0],
    SCHOOL_DUTY.paragraphs[1],
    SCHOOL_SYSTEM.paragraphs[0],
    SCHOOL_SYSTEM.paragraphs[1],
)
SIZE = 20.0  # large, so that Qt's pixel positions are fine enough


def lines_of(language: str) -> list[str]:
    fonts = ScriptFonts()
    found = []
    for paragraph in PARAGRAPHS:
        text = parent_text(paragraph, language)
        assert text.translated
        found += wrap_lines(text.text, HALF, fonts, BODY.size, language=language)
    return found


def arabic_font_file(fonts: ScriptFonts) -> str:
    name = fonts.fonts("arabic").regular
    return pdfmetrics.getFont(name).face.filename


def pdf_glyphs(line: str, language: str, fonts: ScriptFonts, raw: QRawFont) -> list[int]:
    """The glyph ids of the Arabic-script font drawn for ``line``, left to right, without
    marks and spaces (see :func:`letters`)."""
    arabic = fonts.fonts("arabic").regular
    ids = []
    for run in layout_line(line, fonts, SIZE, rtl=True, language=language):
        if run.font == arabic:
            face = pdfmetrics.getFont(run.font).face
            ids += [face.charToGlyph[ord(char)] for char in run.glyphs]
    return letters(ids, raw)


def letters(ids: list[int], raw: QRawFont) -> list[int]:
    """``ids`` without the glyphs that are no letters: marks (vowel signs, no advance in the
    font; where they sit differs by less than a pixel), spaces, digits and punctuation (which
    font draws those between an Arabic and a Latin word differs and does not matter)."""
    advances = raw.advancesForGlyphIndexes(ids)
    return [g for g, a in zip(ids, advances, strict=True) if a.x() > 0 and is_letter(g)]


@lru_cache(maxsize=4096)
def is_letter(gid: int) -> bool:
    """Whether the glyph ``gid`` of the Arabic-script font draws a letter, by its name
    ("uniFEDF.rlig": a form of U+FEDF; "uni002E.locl": a full stop)."""
    name = _HB_FONT[0].glyph_to_string(gid)
    base = name.split(".")[0]
    if base.startswith("uni") and len(base) == 7:
        return unicodedata.category(chr(int(base[3:], 16))).startswith("L")
    return True


_HB_FONT: list = []


def qt_layout(line: str, family: str) -> QTextLayout:
    font = QFont(family)
    font.setPixelSize(int(SIZE))
    layout = QTextLayout(line, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.RightToLeft)
    layout.setTextOption(option)
    layout.beginLayout()
    text_line = layout.createLine()
    text_line.setLineWidth(10_000)
    layout.endLayout()
    return layout


def qt_glyphs(layout: QTextLayout, family: str, raw: QRawFont) -> list[int]:
    """The same as :func:`pdf_glyphs` from Qt's layout: the glyphs of the Arabic-script font
    by their place from left to right (Qt lists a right-to-left run in logical order, so at
    the same place the later glyph is the left one)."""
    placed = []
    for run in layout.glyphRuns():
        if run.rawFont().familyName() != family:
            continue
        for index, (gid, pos) in enumerate(zip(run.glyphIndexes(), run.positions(), strict=True)):
            placed.append((round(pos.x(), 2), -index, gid))
    return letters([gid for _x, _i, gid in sorted(placed)], raw)


def words_of(line: str) -> list[tuple[int, int, str]]:
    """(start, end, word) of every word of ``line`` in logical order."""
    found, start = [], 0
    for word in line.split(" "):
        if word:
            found.append((start, start + len(word), word))
        start += len(word) + 1
    return found


def qt_ranks(layout: QTextLayout, line: str) -> list[int]:
    """The place (0 = rightmost) of each word of ``line`` in Qt's layout."""
    text_line = layout.lineAt(0)
    leading, trailing = QTextLine.Edge.Leading, QTextLine.Edge.Trailing
    centres = []
    for start, end, _word in words_of(line):
        # both edges of every letter: exact also where the direction changes at the word
        edges = [
            text_line.cursorToX(i, edge)[0]
            for i in range(start, end)
            for edge in (leading, trailing)
        ]
        centres.append((min(edges) + max(edges)) / 2)
    order = sorted(range(len(centres)), key=lambda i: -centres[i])
    return [order.index(i) for i in range(len(centres))]


def pdf_ranks(path: Path, line: str) -> list[int]:
    """The place (0 = rightmost) of each word of ``line`` as pdftotext finds it in ``path``.
    Words are matched by their letters (pdftotext gives Arabic letters in drawing order)."""
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(xml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    boxes: list[list] = []
    for word in sorted(root.iter("word"), key=lambda w: float(w.get("xMin"))):
        x_min, x_max = float(word.get("xMin")), float(word.get("xMax"))
        if boxes and x_min - boxes[-1][2] < 1.5:  # pdftotext cuts a word where a mark sits
            boxes[-1][0] += word.text or ""
            boxes[-1][2] = max(boxes[-1][2], x_max)
        else:
            boxes.append([word.text or "", x_min, x_max])
    found = [(key(text), (x_min + x_max) / 2) for text, x_min, x_max in boxes if key(text)]
    found.sort(key=lambda box: -box[1])  # right to left
    centres, seen = [], {}
    for _start, _end, word in words_of(line):
        wanted = key(word)
        matches = [c for letters, c in found if letters == wanted]
        occurrence = seen.get(wanted, 0)  # the second "به" of the line is the second match
        seen[wanted] = occurrence + 1
        assert len(matches) > occurrence, (word, [b[0] for b in found])
        centres.append(matches[occurrence])
    order = sorted(range(len(centres)), key=lambda i: -centres[i])
    return [order.index(i) for i in range(len(centres))]


def key(text: str) -> str:
    """The letters and digits of a word, sorted: the same for logical and drawing order."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(sorted(c for c in text if c.isalnum()))


def one_line_pdf(path: Path, line: str, language: str, fonts: ScriptFonts) -> None:
    canvas = Canvas(str(path), pagesize=(2000, 60))
    paragraph = ScriptParagraph(line, language, fonts, TextStyle(size=SIZE, leading=SIZE * 1.6))
    _w, height = paragraph.wrap(1980, 60)
    paragraph.drawOn(canvas, 10, 60 - height - 5)
    canvas.save()


@pytest.fixture(scope="module")
def arabic_family(qapp):
    fonts = ScriptFonts()
    file = arabic_font_file(fonts)
    font_id = QFontDatabase.addApplicationFont(file)
    assert font_id >= 0, file
    raw = QRawFont(file, SIZE)
    _HB_FONT[:] = [hb.Font(hb.Face(hb.Blob.from_file_path(file)))]
    return fonts, QFontDatabase.applicationFontFamilies(font_id)[0], raw


@pytest.mark.parametrize("language", RTL)
def test_same_joined_letters_as_qt(arabic_family, language):
    fonts, family, raw = arabic_family
    lines = lines_of(language)
    assert len(lines) >= 8
    compared = 0
    for line in lines:
        ours = pdf_glyphs(line, language, fonts, raw)
        theirs = qt_glyphs(qt_layout(line, family), family, raw)
        assert ours == theirs, line
        compared += len(ours)
    assert compared > 300  # letters compared


@pytest.mark.parametrize("language", RTL)
def test_same_word_order_as_qt(arabic_family, tmp_path, language):
    fonts, family, _raw = arabic_family
    latin_or_digits = 0
    for number, line in enumerate(lines_of(language)):
        path = tmp_path / f"{language}-{number}.pdf"
        one_line_pdf(path, line, language, fonts)
        ours = pdf_ranks(path, line)
        theirs = qt_ranks(qt_layout(line, family), line)
        assert ours == theirs, line
        if not line[0].isascii():  # a line that starts with an Arabic word starts right
            assert ours[0] == 0
        latin_or_digits += sum(
            1 for w in line.split() if any(c.isascii() and c.isalnum() for c in w)
        )
    assert latin_or_digits >= 6  # the check saw numbers and Latin words inside the lines


def test_image_pairs(arabic_family, tmp_path, qtbot):
    """Renders each language's first paragraphs in the PDF and in a Qt label, side by side."""
    fonts, family, _raw = arabic_family
    folder = Path(os.environ.get("KI_HANDOUT_COMPARE_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    for language in RTL:
        text = "\n".join(lines_of(language)[:6])
        pdf = folder / f"{language}-pdf.pdf"
        canvas = Canvas(str(pdf), pagesize=(HALF + 20 * mm, 200))
        style = TextStyle(size=BODY.size, leading=BODY.leading)
        paragraph = ScriptParagraph(text, language, fonts, style)
        _w, height = paragraph.wrap(HALF, 200)
        paragraph.drawOn(canvas, 10 * mm, 200 - height - 10)
        canvas.save()
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "144",
                "-singlefile",
                str(pdf),
                str(folder / f"{language}-pdf"),
            ],
            check=True,
        )
        label = QLabel(text.replace("\n", "<br>"))
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        label.setAlignment(
            Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
        )
        font = QFont(family)
        font.setPixelSize(round(BODY.size * 2))  # 144 dpi: 2 px per point
        label.setFont(font)
        label.setStyleSheet("background: white; color: black; padding: 20px")
        label.setFixedWidth(round((HALF + 20 * mm) * 2))
        qtbot.addWidget(label)
        label.show()
        qtbot.waitExposed(label)
        assert label.grab().save(str(folder / f"{language}-qt.png"))
        assert (folder / f"{language}-pdf.png").stat().st_size > 1000
