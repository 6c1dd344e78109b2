"""The ISO 3166-1 alpha-2 → alpha-3 table."""

import json
from pathlib import Path

import pytest
from babel import Locale

from ki_desktop.domain.country_codes import ALPHA3, alpha3

ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-1.json")


def test_known_codes():
    assert alpha3("SY") == "SYR"
    assert alpha3("ua") == "UKR"
    assert alpha3("AF") == "AFG"
    assert alpha3("DE") == "DEU"
    assert alpha3("XK") == "XKX"  # Kosovo, user-assigned
    assert alpha3("") == "" and alpha3("ZZ") == ""


def test_table_is_complete_and_well_formed():
    assert len(ALPHA3) == 249
    assert all(
        len(a) == 2 and len(b) == 3 and a.isupper() and b.isupper() for a, b in ALPHA3.items()
    )
    assert len(set(ALPHA3.values())) == 249


def test_every_cldr_country_has_a_code():
    territories = Locale.parse("de").territories
    countries = [c for c in territories if len(c) == 2 and c.isalpha()]
    not_iso = {
        "EA",
        "IC",
        "EU",
        "EZ",
        "UN",
        "QO",
        "XA",
        "XB",
        "XK",
        "ZZ",
        "CQ",
        "DG",
        "CP",
        "TA",
        "AC",
    }
    missing = [c for c in countries if c not in not_iso and not alpha3(c)]
    assert missing == []


@pytest.mark.skipif(not ISO_CODES.is_file(), reason="Debian iso-codes not installed")
def test_table_matches_the_iso_codes_package():
    entries = json.loads(ISO_CODES.read_text(encoding="utf-8"))["3166-1"]
    assert {e["alpha_2"]: e["alpha_3"] for e in entries} == ALPHA3
