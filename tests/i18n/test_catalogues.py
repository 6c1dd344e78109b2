"""gettext catalogues: German is the source, English must be complete; babel locale data."""

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ki_desktop import i18n
from ki_desktop.i18n.locale_data import country_name, format_date, language_name, text_direction

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def extracted() -> set[str]:
    messages = set()
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT / "ki_desktop"), method_map=[("**.py", "python")]
    ):
        # a plural entry is keyed by its singular
        messages.add(message if isinstance(message, str) else message[0])
    return messages


def catalogue(lang: str):
    with (ROOT / "translations" / f"{lang}.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.fixture(autouse=True)
def back_to_german():
    yield
    i18n.set_ui_language("de")


def test_every_ui_string_has_an_english_translation():
    cat = catalogue("en")
    missing = []
    for message in sorted(extracted()):
        entry = cat.get(message)
        if (
            entry is None
            or not entry.string
            or (isinstance(entry.string, tuple) and not all(entry.string))
        ):
            missing.append(message)
        elif entry.fuzzy:
            missing.append(f"(fuzzy) {message}")
    assert missing == [], f"{len(missing)} strings without English translation"


def test_translations_keep_placeholders():
    for entry in catalogue("en"):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        # The singular's translation keeps the singular's placeholders, every other form the
        # plural's ("Dieses Feld" / "Diese {n} Felder").
        for form, s in enumerate(strings):
            source = ids[0] if form == 0 else ids[-1]
            assert set(PLACEHOLDER.findall(s)) == set(PLACEHOLDER.findall(source)), entry.id


def test_template_is_fresh():
    """translations/ki_desktop.pot holds every string of the code."""
    with (ROOT / "translations" / "ki_desktop.pot").open("rb") as fh:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    singulars = set()
    for _f, _l, message, _c, _x in extract_from_dir(
        str(ROOT / "ki_desktop"), method_map=[("**.py", "python")]
    ):
        singulars.add(message if isinstance(message, str) else message[0])
    assert singulars - template == set()


def test_switching_language():
    assert i18n._("Erstberatung") == "Erstberatung"
    i18n.set_ui_language("en")
    assert i18n.ui_language() == "en"
    assert i18n._("Erstberatung") == "Intake interview"
    assert i18n.ngettext("{n} Fall", "{n} Fälle", 2).format(n=2) == "2 cases"
    i18n.set_ui_language("xx")
    assert i18n.ui_language() == "de"
    assert i18n._("Erstberatung") == "Erstberatung"


@pytest.mark.parametrize(
    ("code", "locale", "name"),
    [
        ("SY", "de", "Syrien"),
        ("ER", "de", "Eritrea"),
        ("UA", "en", "Ukraine"),
        ("AF", "fa", "افغانستان"),
        ("", "de", ""),
        ("ZZX", "de", "ZZX"),
    ],
)
def test_country_names_from_cldr(code, locale, name):
    assert country_name(code, locale) == name


@pytest.mark.parametrize(
    ("code", "locale", "name"),
    [
        ("ti", "de", "Tigrinya"),
        ("ps", "de", "Paschtu"),
        ("uk", "uk", "українська"),
        ("ar", "en", "Arabic"),
    ],
)
def test_language_names_from_cldr(code, locale, name):
    assert language_name(code, locale) == name


def test_dates_and_direction():
    assert format_date(date(2026, 11, 22), "de") == "22.11.2026"
    assert format_date(date(2026, 11, 22), "de", "short") == "22.11.26"
    assert format_date(None) == ""
    assert text_direction("ar") == "rtl" and text_direction("de") == "ltr"
