"""Folding search text, neighbouring municipalities and spelling corrections."""

import pytest

from ki_desktop.domain.model import Offer
from ki_desktop.domain.offer_search import (
    SearchTerms,
    corrected_terms,
    corrections,
    fold,
    index_text,
    neighbours,
    search_fields,
    search_words,
    unknown_words,
    word_parts,
)


@pytest.mark.parametrize(
    "text, folded",
    [
        ("Südlohn", "sudlohn"),
        ("Fußball", "fussball"),
        ("FUSSBALL", "fussball"),
        ("Griffbereit – Eltern-Kind-Gruppe", "griffbereit eltern kind gruppe"),
        ("Integrationskurs (allgemein)", "integrationskurs allgemein"),
        ("Begegnungscafé", "begegnungscafe"),
        ("Yıldız", "yıldız"),  # dotless i is a letter of its own, kept
        ("  mehrere   Leerzeichen_und_Striche ", "mehrere leerzeichen und striche"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_search_words_are_folded_and_distinct():
    assert search_words("Kurs kurs  Südlohn!") == ["kurs", "sudlohn"]
    assert SearchTerms.of("Kita rucksack").groups == (("kita",), ("rucksack",))
    assert not SearchTerms.of("  – ")


def test_search_fields_use_language_names():
    offer = Offer(
        "Rucksack KiTa",
        "Familienbildung",
        provider_name="Familienbildungsstätte",
        languages=["ar", "tr"],
        municipality_name="Südlohn",
        description_de="Elternbildung über 36 Wochen",
    )
    fields = search_fields(offer, {"ar": "Arabisch", "tr": "Türkisch"}.get)
    assert fields["title"] == "rucksack kita"
    assert fields["languages"] == "arabisch turkisch"
    assert fields["municipality"] == "sudlohn"
    assert fields["provider"] == "familienbildungsstatte"


CENTRES = {
    "A": (350_000.0, 5_750_000.0),
    "B": (357_000.0, 5_750_000.0),  # 7 km east
    "C": (350_000.0, 5_762_000.0),  # 12 km north
    "D": (380_000.0, 5_750_000.0),  # 30 km east
}


def test_neighbours_within_radius_nearest_first():
    assert neighbours(CENTRES, "A", 15) == [("A", 0.0), ("B", 7.0), ("C", 12.0)]
    assert [a for a, _km in neighbours(CENTRES, "A", 10)] == ["A", "B"]
    assert [a for a, _km in neighbours(CENTRES, "D", 15)] == ["D"]


def test_neighbours_without_centre_is_the_municipality_alone():
    assert neighbours(CENTRES, "X", 15) == [("X", 0.0)]


VOCAB = ["hausaufgabenhilfe", "hausaufgaben", "integrationskurs", "sprachkurse", "kurs", "sudlohn"]


@pytest.mark.parametrize(
    "word, expected",
    [
        ("hausaufgabnhilfe", "hausaufgabenhilfe"),  # letter missing
        ("hausaufgabn", "hausaufgaben"),  # typo while still typing
        ("integrationskrus", "integrationskurs"),  # letters swapped
        ("suedlohn", "sudlohn"),
    ],
)
def test_corrections_find_the_intended_word(word, expected):
    assert expected in corrections(word, VOCAB)


def test_no_corrections_for_short_or_unlike_words():
    assert corrections("kur", VOCAB) == []
    assert corrections("fahrrad", VOCAB) == []


def test_unknown_words_infix_and_prefix():
    assert unknown_words(["kurs", "rach", "hausaufgabnhilfe", "ku", "rs"], VOCAB) == [
        "hausaufgabnhilfe",
        "rs",  # short words only count at the start of a word
    ]


def test_corrected_terms_replace_only_unknown_words():
    terms, fixed = corrected_terms(SearchTerms.of("Hausaufgabnhilfe Sudlohn"), VOCAB)
    assert fixed == {"hausaufgabnhilfe": ["hausaufgabenhilfe"]}
    assert terms.groups == (("hausaufgabenhilfe",), ("sudlohn",))
    unchanged, none = corrected_terms(SearchTerms.of("kurs"), VOCAB)
    assert none == {} and unchanged.groups == (("kurs",),)


def test_word_parts_let_a_word_start_search_find_the_inside_of_words():
    assert (
        word_parts("sprachkurse ab")
        == "prachkurse rachkurse achkurse chkurse hkurse kurse urse rse"
    )
    assert word_parts("kurs") == "urs"
    assert word_parts("ab 12") == ""
    offer = Offer("Integrationskurs", "Sprachkurs", description_de="Deutschkurse")
    text = index_text(offer, str)
    assert "kurs" in text["title_parts"].split()
    assert "kurse" in text["parts"].split() and "kurs" in text["parts"].split()
