"""The bilingual handouts as PDFs in every family language, re-read with pdftotext: the German
and the family's words are there and in logical order, also right to left with digits and
Latin words inside, and a missing translation shows German with a note."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from ki_desktop.i18n.parents import parent_text
from ki_desktop.services import handouts, session
from ki_desktop.services.parent_content import NEXT_STEPS, SCHOOL_DUTY
from ki_desktop.services.parent_texts import FAMILY_LANGUAGES
from ki_desktop.store.models import Case, Recommendation, Referral
from tests.store.catalogue import Catalogue

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

TODAY = date(2026, 3, 12)
# pdftotext wraps right-to-left runs in embedding marks: they separate words; joiners go
BIDI_CONTROLS = {
    **dict.fromkeys([0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)], " "),
    **dict.fromkeys([0x200C, 0x200D]),
}
PUNCTUATION = ".,:;!?()[]«»„“”\"'،؛؟·•–-"
RTL = ("ar", "fa", "ps")


def normal(text: str) -> str:
    """NFKC (presentation forms to letters), without bidi controls, joiners and marks."""
    text = unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS)
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def tokens(text: str) -> list[str]:
    return [t for t in (w.strip(PUNCTUATION) for w in normal(text).split()) if t]


def pdf_text(path: Path, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def in_order(expected: list[str], found: list[str]) -> bool:
    """Whether ``expected`` occurs in ``found`` in this order (other words may come between:
    pdftotext interleaves the German and the family's column line by line)."""
    position = 0
    for word in expected:
        try:
            position = found.index(word, position) + 1
        except ValueError:
            return False
    return True


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """One database with demo data and every handout in every language, written once."""
    folder = tmp_path_factory.mktemp("handouts")
    from ki_desktop.domain.roles import Role
    from ki_desktop.services.demo import load_demo_data

    made: dict[str, object] = {}

    def fill() -> None:
        session.begin(session.Session("t", "T", frozenset({Role.COUNSELLOR, Role.ADMIN})))
        try:
            write_all()
        finally:
            session.end()

    def write_all() -> None:
        load_demo_data(size=60, seed=3, reference=date(2026, 11, 1))
        case = next(
            c
            for c in Case.select().join(Recommendation).distinct()
            if c.assigned_school_id and Referral.select().where(Referral.case == c.id).exists()
        )
        paths: dict[tuple[str, str], Path] = {}
        for language in (*FAMILY_LANGUAGES, "sq", "so", "de"):
            for kind in handouts.KINDS:
                path = folder / f"{kind}-{language}.pdf"
                handouts.write_handout(kind, language, path, case.id, today=TODAY)
                paths[(kind, language)] = path
        made.update(case=case, paths=paths)

    catalogue = Catalogue(folder, fill)
    yield made["case"], made["paths"]
    catalogue.drop()


def family(message: str, language: str) -> str:
    text = parent_text(message, language)
    assert text.translated, (language, message)
    return text.text


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
@pytest.mark.parametrize("kind", handouts.KINDS)
def test_handout_in_every_language(written, kind, language):
    case, paths = written
    path = paths[(kind, language)]
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    found = tokens(text)
    flat = " ".join(normal(text).split())
    assert not [c for c in text if 0xE000 <= ord(c) <= 0xF8FF]  # every glyph maps to text
    assert "(noch keine Übersetzung)" not in flat
    assert "Seite 1 von" in flat
    if kind == handouts.OFFER_SHEET:
        assert "Angebote für Ihre Familie" in flat
        titles = [family("Angebote für Ihre Familie", language)]
    else:
        german = {
            handouts.SCHOOL_SYSTEM: "Schule in Nordrhein-Westfalen: Informationen für Eltern",
            handouts.RECOMMENDATION: "Unsere Empfehlung und die nächsten Schritte",
        }[kind]
        assert " ".join(german.split()) in flat
        titles = [family(german, language), family(NEXT_STEPS.title, language)]
        titles.append(family("Seite {page} von {pages}", language).split("{")[0])
        if kind == handouts.SCHOOL_SYSTEM:
            assert "Schulpflicht in Nordrhein-Westfalen" in flat
            titles.append(family(SCHOOL_DUTY.title, language))
        else:
            assert f"Unsere Empfehlung für {case.first_name} {case.last_name}" in flat
    for title in titles:
        if language in RTL:
            assert rtl_reads(title, path), (language, title)
        else:
            assert in_order(tokens(title), found), (language, title)


@pytest.mark.parametrize("language", [code for code in FAMILY_LANGUAGES if code not in RTL])
def test_left_to_right_paragraphs_read_in_order(written, language):
    _case, paths = written
    found = tokens(pdf_text(paths[(handouts.SCHOOL_SYSTEM, language)]))
    for paragraph in SCHOOL_DUTY.paragraphs:
        assert in_order(tokens(family(paragraph, language)), found), paragraph


def family_lines(path: Path) -> list[tuple[float, list[str]]]:
    """(right edge, words) of every line of the right-hand column (the family's language),
    top to bottom, each line read from right to left. pdftotext -bbox gives the letters of an
    Arabic word in drawing order (reversed); they are turned back."""
    import xml.etree.ElementTree as ET

    xml = pdf_text(path, "-bbox-layout")
    root = ET.fromstring(xml.replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    lines = []
    for page in root.iter("page"):
        words = []
        for word in page.iter("word"):
            x_min, x_max = float(word.get("xMin")), float(word.get("xMax"))
            if x_min < 300:  # the German column
                continue
            middle = (float(word.get("yMin")) + float(word.get("yMax"))) / 2
            words.append((middle, x_max, word.text or ""))
        # one visual line: words whose vertical middles are close (a Latin word or a mark
        # in another font has a box of another height)
        rows: list[list[tuple[float, float, str]]] = []
        for word in sorted(words):
            if rows and word[0] - rows[-1][0][0] < 4:
                rows[-1].append(word)
            else:
                rows.append([word])
        for row in rows:
            row.sort(key=lambda w: -w[1])  # right to left
            lines.append((row[0][1], [logical(text) for _y, _x, text in row]))
    return lines


def logical(word: str) -> str:
    text = normal(word)
    if any("\u0600" <= c <= "\u06ff" and c.isalpha() for c in text):
        text = text[::-1]
    return text.strip(PUNCTUATION)


def rtl_reads(expected: str, path: Path) -> bool:
    """Whether the family's column, read line by line from right to left, holds the words of
    ``expected`` in its order (compared without spaces: pdftotext splits an Arabic word where
    a vowel mark sits, such as the tanween of أيضًا)."""
    found = "".join(w for _right, words in family_lines(path) for w in words)
    return "".join(tokens(expected)) in found


@pytest.mark.parametrize("language", RTL)
def test_right_to_left_sentence_with_digits_and_latin_words_in_logical_order(written, language):
    """Paragraphs with "(NRW)", "(Schulpflicht)" and the dates 6, 30, 1 and 31: read line
    by line from right to left, the words come in the order of the sentence, the Latin word
    and the numbers in their place; a paragraph over several lines continues on the next."""
    _case, paths = written
    path = paths[(handouts.SCHOOL_SYSTEM, language)]
    for paragraph in SCHOOL_DUTY.paragraphs[:2]:
        expected = family(paragraph, language)
        assert "NRW" in expected or "30" in expected
        assert rtl_reads(expected, path), (language, expected)
    # the same sentence read left to right would not match: the check sees the order
    reversed_words = " ".join(reversed(family(SCHOOL_DUTY.paragraphs[1], language).split()))
    assert not rtl_reads(reversed_words, path)


@pytest.mark.parametrize("language", RTL)
def test_right_to_left_column_is_right_aligned(written, language):
    _case, paths = written
    edges = [right for right, _words in family_lines(paths[(handouts.SCHOOL_SYSTEM, language)])]
    # every line of the family's column ends at the right margin (A4 minus 20 mm: 538.6 pt)
    assert len(edges) > 40
    assert all(abs(x - 538.6) < 2 for x in edges), edges


def test_tigrinya_prints_in_ethiopic_letters(written):
    _case, paths = written
    text = normal(pdf_text(paths[(handouts.SCHOOL_SYSTEM, "ti")]))
    assert sum("\u1200" <= c <= "\u137f" for c in text) > 1000
    assert "ግዴታዊ ትምህርቲ" in text


def test_missing_translation_shows_german_with_a_note(written):
    _case, paths = written
    for language, note in (("sq", "(ende pa përkthim)"), ("so", "")):
        text = normal(pdf_text(paths[(handouts.SCHOOL_SYSTEM, language)]))
        flat = " ".join(text.split())
        assert "(noch keine Übersetzung)" in flat
        assert note in flat
        # the German section title is printed in both columns, never an empty line
        assert flat.count("Schulpflicht in Nordrhein-Westfalen") == 2
        assert flat.count("Öffentliche Schulen sind kostenlos.") == 2
    sq_sheet = " ".join(normal(pdf_text(paths[(handouts.OFFER_SHEET, "sq")])).split())
    assert "Oferta për familjen tuaj" in sq_sheet and "Organizatori" in sq_sheet


def test_german_only_handout_has_one_column(written):
    _case, paths = written
    text = pdf_text(paths[(handouts.SCHOOL_SYSTEM, "de")])
    assert "Schulpflicht in Nordrhein-Westfalen" in text
    assert "(noch keine Übersetzung)" not in text
    assert " ".join(text.split()).count("Öffentliche Schulen sind kostenlos.") == 1


def test_dates_follow_the_family_locale(written):
    _case, paths = written
    expected = {
        "uk": "12 березня 2026",
        "ru": "12 марта 2026",
        "tr": "12 Mart 2026",
        "fr": "12 mars 2026",
        "en": "March 12, 2026",
        "bg": "12 март 2026",
        "ro": "12 martie 2026",
        "ku": "12ê adara 2026an",
        "ti": "መጋቢት 12, 2026",
    }
    for language, day in expected.items():
        flat = " ".join(normal(pdf_text(paths[(handouts.SCHOOL_SYSTEM, language)])).split())
        assert day in flat, language
        assert "12. März 2026" in flat


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_offer_sheet_labels_and_page_numbers_in_the_family_language(written, language):
    _case, paths = written
    path = paths[(handouts.OFFER_SHEET, language)]
    expected = [family(text, language) for text in ("Träger", "Kosten", "Gültig bis")]
    expected.append(family("Seite {page} von {pages}", language).format(page=1, pages=1))
    flat = " ".join(normal(pdf_text(path)).split())
    assert "Träger" in flat and "Seite 1 von 1" in flat
    for text in expected:
        if language in RTL:
            assert rtl_reads(text, path), text
        else:
            assert " ".join(normal(text).split()) in flat, text


@pytest.mark.parametrize(
    ("language", "font"), [("ps", "Noto Naskh Arabic"), ("ti", "Noto Sans Ethiopic")]
)
def test_missing_script_font_is_named_before_anything_is_written(tmp_path, language, font):
    from ki_desktop.reports.handout import Handout, HandoutSection, build_handout
    from ki_desktop.reports.pdf_style import FontMissingError, Letterhead, find_font_files
    from ki_desktop.services.parent_texts import bilingual

    latin_only = tmp_path / "fonts"
    latin_only.mkdir()
    for file in find_font_files():  # the letter font only, no Arabic or Ethiopic one
        (latin_only / file.name).symlink_to(file)
    handout = Handout(
        Letterhead("KI", "Straße 1", "12345 Ort", "0123", "ki@example.org"),
        TODAY,
        language,
        bilingual("Unsere Empfehlung und die nächsten Schritte", language),
        [HandoutSection(bilingual(NEXT_STEPS.title, language), [])],
    )
    target = tmp_path / "out.pdf"
    with pytest.raises(FontMissingError, match=font):
        build_handout(handout, target, font_dirs=[latin_only])
    assert not target.exists()
