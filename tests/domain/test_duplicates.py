"""Duplicate detection across transliterations, diacritics and vowel variants."""

from datetime import date

import pytest

from ki_desktop.domain.duplicates import (
    PersonKey,
    dates_close,
    latin,
    match,
    name_similarity,
    skeleton,
)

B = date(2014, 3, 10)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammed", "Muhammad"),
        ("Mohammed", "Mohamad"),
        ("Muhammad", "Mukhammad"),
        ("Мухаммад", "Muhammad"),
        ("محمد", "Mohammed"),
        ("Şahin", "Sahin"),
        ("Yılmaz", "Yilmaz"),
        ("Олена", "Olena"),
        ("Олександр", "Oleksandr"),
        ("Ştefan", "Stefan"),
        ("Ionuț", "Ionut"),
        ("Al-Hassan", "Hassan"),
        ("Al-Hassan", "El Hasan"),
        ("Yusuf", "Youssef"),
        ("Hussein", "Husain"),
        ("Zainab", "Zaynab"),
        ("Tesfay", "Tesfai"),
        ("Khalil", "Chalil"),
        ("Shevchenko", "Schewtschenko"),
        ("Kovalenko", "Kowalenko"),
    ],
)
def test_same_name_other_spelling(a, b):
    assert name_similarity(a, b) >= 80, (skeleton(a), skeleton(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Mohammed", "Ahmad"),
        ("Olena", "Sofiia"),
        ("Sahin", "Kaya"),
        ("Yusuf", "Omar"),
        ("Kovalenko", "Bondarenko"),
        ("Diallo", "Barry"),
        ("Tesfay", "Haile"),
    ],
)
def test_different_names(a, b):
    assert name_similarity(a, b) < 80


def test_latin_and_skeleton():
    assert latin("Олена Ковальенко") == "olena kovalenko"
    assert skeleton("Mohammed") == skeleton("Muhammad") == skeleton("Mohamad") == "mhmd"
    assert name_similarity("", "x") == 0


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [
        (B, B, True),
        (B, date(2014, 4, 9), True),
        (B, date(2014, 4, 11), False),
        (date(2014, 4, 5), date(2014, 5, 4), True),
        (B, date(2013, 3, 10), False),
        (B, None, False),
    ],
)
def test_dates_close(a, b, close):
    assert dates_close(a, b) is close


@pytest.mark.parametrize(
    ("new", "old", "found"),
    [
        (PersonKey("Mohammed", "Al-Hassan", B), PersonKey("Muhammad", "Hassan", B), True),
        (
            PersonKey("Олена", "Коваленко", B),
            PersonKey("Olena", "Kovalenko", date(2014, 3, 12)),
            True,
        ),
        (PersonKey("Ömer", "Şahin", B), PersonKey("Omer", "Sahin", date(2014, 10, 3)), True),
        (PersonKey("Ömer", "Şahin", B), PersonKey("Sahin", "Omer", B), True),  # first/last swapped
        (PersonKey("Ömer", "Şahin", B), PersonKey("Omer", "Sahin", date(2012, 3, 10)), False),
        (PersonKey("Ömer", "Şahin", B), PersonKey("Omer", "Sahin", None), True),
        (PersonKey("Aya", "Khalil", B), PersonKey("Lina", "Khalil", B), False),  # siblings
    ],
)
def test_match(new, old, found):
    assert (match(new, old) is not None) is found


def test_exact_birth_date_ranks_higher():
    same = match(PersonKey("Mohammed", "Haddad", B), PersonKey("Muhammad", "Haddad", B))
    near = match(
        PersonKey("Mohammed", "Haddad", B), PersonKey("Muhammad", "Haddad", date(2014, 3, 30))
    )
    assert same.score > near.score and "gleiches Geburtsdatum" in same.why
