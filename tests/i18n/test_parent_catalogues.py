"""The parents' catalogues (translations/parents): they compile, match the code's P_ texts,
are complete for the twelve family languages and keep every placeholder."""

import re
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from ki_desktop.i18n.parents import catalogue_languages, parent_catalogue, parent_text
from ki_desktop.reports.offer_sheet import LABELS
from ki_desktop.services.parent_texts import FAMILY_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "translations" / "parents"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
PARTIAL = ("pl", "sq")  # offer sheet only, on purpose (README)
OFFER_SHEET_TEXTS = {*LABELS.values(), "Seite {page} von {pages}", "(noch keine Übersetzung)"}


def catalogue(lang: str):
    with (FOLDER / f"{lang}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def template_ids() -> set[str]:
    with (FOLDER / "parents.pot").open("rb") as fh:
        return {m.id for m in read_po(fh) if m.id}


def extracted_ids() -> set[str]:
    return {
        message
        for _f, _l, message, _c, _x in extract_from_dir(
            str(ROOT / "ki_desktop"),
            method_map=[("**.py", "python")],
            keywords={"P_": None},
        )
    }


def test_every_family_language_has_a_catalogue():
    assert len(FAMILY_LANGUAGES) == 12
    assert set(FAMILY_LANGUAGES) | set(PARTIAL) == set(catalogue_languages())


def test_template_holds_every_parent_text_of_the_code():
    code = extracted_ids()
    assert len(code) > 80
    assert code == template_ids()


def test_parent_texts_are_not_in_the_staff_catalogue():
    """P_ is not one of the keywords of the staff UI's extraction: the two domains stay apart."""
    staff = {
        m if isinstance(m, str) else m[0]
        for _f, _l, m, _c, _x in extract_from_dir(
            str(ROOT / "ki_desktop"), method_map=[("**.py", "python")]
        )
    }
    only_parents = {"Schulpflicht in Nordrhein-Westfalen", "Wie geht es weiter?"}
    assert only_parents <= extracted_ids()
    assert not only_parents & staff


@pytest.mark.parametrize("lang", [*FAMILY_LANGUAGES, *PARTIAL])
def test_catalogue_compiles_with_babel_and_has_proper_headers(lang):
    cat = catalogue(lang)
    assert str(cat.locale).split("_")[0] == lang
    header = dict(cat.mime_headers)
    assert header["Language"] == lang
    assert header["Plural-Forms"].startswith("nplurals=")
    assert "charset=utf-8" in header["Content-Type"]
    assert not cat.fuzzy
    buffer = BytesIO()
    write_mo(buffer, cat)
    assert buffer.getvalue()[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
@pytest.mark.parametrize("lang", [*FAMILY_LANGUAGES, *PARTIAL])
def test_catalogue_passes_msgfmt_check(lang, tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / f"{lang}.mo"), str(FOLDER / f"{lang}.po")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("lang", [*FAMILY_LANGUAGES, *PARTIAL])
def test_every_template_entry_is_in_the_catalogue(lang):
    ids = {m.id for m in catalogue(lang) if m.id}
    assert template_ids() - ids == set()


@pytest.mark.parametrize("lang", FAMILY_LANGUAGES)
def test_family_language_catalogue_is_complete_and_not_fuzzy(lang):
    empty = [m.id for m in catalogue(lang) if m.id and not m.string]
    fuzzy = [m.id for m in catalogue(lang) if m.id and m.fuzzy]
    assert empty == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", PARTIAL)
def test_partial_catalogue_translates_the_offer_sheet(lang):
    cat = catalogue(lang)
    for text in OFFER_SHEET_TEXTS:
        assert cat.get(text) is not None and cat.get(text).string, text
    # the rest is empty on purpose: the handouts' fallback to German is used
    assert any(m.id and not m.string for m in cat)


@pytest.mark.parametrize("lang", [*FAMILY_LANGUAGES, *PARTIAL])
def test_translations_keep_placeholders(lang):
    for entry in catalogue(lang):
        if entry.id and entry.string:
            assert sorted(PLACEHOLDER.findall(entry.string)) == sorted(
                PLACEHOLDER.findall(entry.id)
            ), entry.id
            entry.string.format(**{p[1:-1]: "x" for p in PLACEHOLDER.findall(entry.id)})


@pytest.mark.parametrize("lang", FAMILY_LANGUAGES)
def test_translations_differ_from_german_and_keep_bullets(lang):
    for entry in catalogue(lang):
        if not entry.id:
            continue
        if entry.id.startswith("• "):
            assert entry.string.startswith("• "), entry.id
        if len(entry.id) > 40:  # a sentence, not a proper name such as "Realschule"
            assert entry.string != entry.id, entry.id


def test_parent_text_reads_the_catalogue_and_flags_a_missing_translation():
    assert parent_text("Wie geht es weiter?", "fr").text == "Et ensuite ?"
    assert parent_text("Wie geht es weiter?", "fr").translated
    assert parent_text("Wie geht es weiter?", "de").translated
    missing = parent_text("Wie geht es weiter?", "sq")  # partial catalogue
    assert (missing.text, missing.translated) == ("Wie geht es weiter?", False)
    unknown = parent_text("Wie geht es weiter?", "so")  # no catalogue at all
    assert (unknown.text, unknown.translated) == ("Wie geht es weiter?", False)
    assert parent_text("Datum", "sq").text == "Data"
    assert parent_catalogue("ar") is parent_catalogue("ar-SY")  # read once, region ignored


SCRIPTS = {"ar": "ARABIC", "fa": "ARABIC", "ps": "ARABIC", "ti": "ETHIOPIC"}
SCRIPTS |= dict.fromkeys(("uk", "ru", "bg"), "CYRILLIC")


@pytest.mark.parametrize("lang", [*FAMILY_LANGUAGES, *PARTIAL])
def test_every_translation_is_written_in_the_language_s_script(lang):
    """German terms and names in Latin letters may appear inside; another script may not,
    and a non-Latin language's text has letters of its own script (unless it keeps a German
    name as it is, such as "Realschule")."""
    import unicodedata

    own = SCRIPTS.get(lang, "LATIN")
    wrong = []
    for entry in catalogue(lang):
        if not (entry.id and entry.string) or entry.string == entry.id:
            continue
        scripts = {unicodedata.name(c).split()[0] for c in entry.string if c.isalpha()}
        if scripts - {own, "LATIN"} or (own != "LATIN" and own not in scripts):
            wrong.append(entry.string)
    assert wrong == []
