"""The interpreter view's language switcher names each family language in itself and, for the
counsellor, in the language of the user interface (not always in German)."""

from __future__ import annotations

import pytest

from ki_desktop.gui.interpreter_view import family_language_label
from ki_desktop.i18n import set_ui_language, ui_language


@pytest.fixture
def english_interface():
    before = ui_language()
    set_ui_language("en")
    yield
    set_ui_language(before)


def test_german_interface():
    assert family_language_label("fa") == "فارسی – Persisch"
    assert family_language_label("ti") == "ትግርኛ – Tigrinya"


def test_english_interface(english_interface):
    assert family_language_label("fa") == "فارسی – Persian"
    assert family_language_label("uk") == "українська – Ukrainian"
    assert family_language_label("en") == "English"  # named once when both names agree
