"""Placement rules, table-driven: Schulpflicht, stage, grade, Erstförderung and school forms."""

from datetime import date

import pytest

from ki_desktop.domain.placement import recommend_placement
from ki_desktop.domain.placement_input import PlacementInputError, parse_placement_input
from ki_desktop.domain.rules import rule_sets, rules_by_version, rules_for

TODAY = date(2026, 11, 22)
D = date.fromisoformat


def rec(**data):
    return recommend_placement(parse_placement_input(data, TODAY))


# (id, input, expected subset of the output)
CASES = [
    # -- school entry: 6 by 30 September ------------------------------------------------
    (
        "turns 6 on 30 Sep",
        dict(birth_date="2020-09-30", counselling_date="2026-09-01"),
        dict(
            compulsory_schooling="full_time",
            compulsory_until="2036-07-31",
            stage="primary",
            grade=1,
        ),
    ),
    (
        "turns 6 on 1 Oct",
        dict(birth_date="2020-10-01", counselling_date="2026-09-01"),
        dict(
            compulsory_schooling="not_yet",
            compulsory_from="2027-08-01",
            stage="pre_school",
            grade=None,
            school_forms=[],
            support=[],
        ),
    ),
    (
        "1 Oct child a year later",
        dict(birth_date="2020-10-01", counselling_date="2027-08-01"),
        dict(compulsory_schooling="full_time", grade=1, school_year="2027/28"),
    ),
    (
        "July counselling plans the coming year",
        dict(birth_date="2020-09-30", counselling_date="2026-07-15"),
        dict(compulsory_schooling="full_time", grade=1, school_year="2026/27"),
    ),
    (
        "June counselling is still this year",
        dict(birth_date="2020-09-30", counselling_date="2026-06-30"),
        dict(compulsory_schooling="not_yet", compulsory_from="2026-08-01", school_year="2025/26"),
    ),
    (
        "three-year-old",
        dict(birth_date="2023-05-01", counselling_date="2026-11-20"),
        dict(compulsory_schooling="not_yet", compulsory_from="2029-08-01", stage="pre_school"),
    ),
    (
        "born 29 February",
        dict(birth_date="2012-02-29", counselling_date="2026-11-20"),
        dict(compulsory_schooling="full_time", compulsory_until="2028-07-31", grade=9),
    ),
    # -- grade by age ---------------------------------------------------------------------
    (
        "age 12 in March",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20"),
        dict(stage="secondary_1", grade=7, grade_by_age=7, compulsory_until="2030-07-31"),
    ),
    ("12 on 30 Sep", dict(birth_date="2014-09-30", counselling_date="2026-11-20"), dict(grade=7)),
    (
        "11 on 30 Sep (born 1 Oct)",
        dict(birth_date="2014-10-01", counselling_date="2026-11-20"),
        dict(grade=6),
    ),
    (
        "first year of Sek I",
        dict(birth_date="2016-05-05", counselling_date="2026-11-20"),
        dict(stage="secondary_1", grade=5),
    ),
    (
        "last year of Grundschule",
        dict(birth_date="2016-10-05", counselling_date="2026-11-20"),
        dict(stage="primary", grade=4, school_forms=["02"]),
    ),
    # -- grade lowered by at most one ---------------------------------------------------------
    (
        "interrupted 2 years",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", schooling_interrupted_years=2),
        dict(grade=6, grade_by_age=7),
    ),
    (
        "interrupted 1 year",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", schooling_interrupted_years=1),
        dict(grade=7),
    ),
    (
        "5 of 6 years attended",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", school_years_abroad=5),
        dict(grade=7),
    ),
    (
        "4 of 6 years attended",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", school_years_abroad=4),
        dict(grade=6),
    ),
    (
        "interrupted and missing: still one",
        dict(
            birth_date="2014-03-10",
            counselling_date="2026-11-20",
            schooling_interrupted_years=3,
            school_years_abroad=2,
        ),
        dict(grade=6),
    ),
    (
        "no schooling at all",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", school_type_abroad="none"),
        dict(grade=6, support=["alphabetisation_group", "separate_group"], support_months=36),
    ),
    (
        "lowered from 5 to Grundschule",
        dict(birth_date="2016-05-05", counselling_date="2026-11-20", schooling_interrupted_years=2),
        dict(grade=4, stage="primary", school_forms=["02"]),
    ),
    (
        "grade 1 is never lowered",
        dict(birth_date="2020-01-01", counselling_date="2026-11-20", school_type_abroad="none"),
        dict(grade=1, support=["integrative"], support_months=24),
    ),
    # -- literacy and German level --------------------------------------------------------
    (
        "literate in another script only",
        dict(
            birth_date="2014-03-10",
            counselling_date="2026-11-20",
            latin_literate=False,
            literate_other_script=True,
            school_years_abroad=6,
        ),
        dict(support=["alphabetisation_group", "separate_group"], support_months=36, grade=7),
    ),
    (
        "Latin literate, no German",
        dict(
            birth_date="2014-03-10",
            counselling_date="2026-11-20",
            latin_literate=True,
            german_level="none",
        ),
        dict(support=["separate_group"], support_months=24),
    ),
    (
        "A1 in Sek I",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", german_level="A1"),
        dict(support=["part_integrative"]),
    ),
    (
        "A2 in Sek I",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", german_level="A2"),
        dict(support=["part_integrative"]),
    ),
    (
        "B1 is sufficient",
        dict(birth_date="2014-03-10", counselling_date="2026-11-20", german_level="B1"),
        dict(support=[], support_months=0),
    ),
    (
        "B2 in Grundschule",
        dict(birth_date="2018-03-10", counselling_date="2026-11-20", german_level="B2"),
        dict(support=[], stage="primary"),
    ),
    (
        "Grundschule without German",
        dict(birth_date="2018-03-10", counselling_date="2026-11-20"),
        dict(support=["integrative"], grade=3),
    ),
    # -- 16 to 18: Berufskolleg, IFK, Fit für mehr --------------------------------------------
    (
        "17, during the school year",
        dict(birth_date="2009-03-03", counselling_date="2026-11-20", german_level="A1"),
        dict(
            compulsory_schooling="vocational",
            compulsory_until="2027-07-31",
            stage="vocational_college",
            grade=None,
            support=["fit_fuer_mehr", "international_support_class"],
            support_months=21,
            school_forms=["30"],
        ),
    ),
    (
        "17, at the start of the school year",
        dict(birth_date="2009-03-03", counselling_date="2026-09-15"),
        dict(support=["international_support_class"], support_months=12),
    ),
    (
        "17, July for the coming year",
        dict(birth_date="2009-03-03", counselling_date="2026-07-10"),
        dict(
            compulsory_schooling="vocational",
            support=["international_support_class"],
            school_year="2026/27",
        ),
    ),
    (
        "16, not literate",
        dict(birth_date="2010-02-01", counselling_date="2026-11-20", latin_literate=False),
        dict(
            stage="vocational_college",
            support=["alphabetisation_group", "fit_fuer_mehr", "international_support_class"],
        ),
    ),
    # -- 18th birthday before and after 1 August --------------------------------------------
    (
        "turned 18 in July",
        dict(birth_date="2008-07-15", counselling_date="2026-09-01"),
        dict(
            compulsory_schooling="none",
            compulsory_until="2026-07-31",
            stage="adult_education",
            school_forms=["25"],
            support=["integration_course", "fit_fuer_mehr"],
        ),
    ),
    (
        "turned 18 in August",
        dict(birth_date="2008-08-15", counselling_date="2026-09-01"),
        dict(
            compulsory_schooling="vocational",
            compulsory_until="2027-07-31",
            stage="vocational_college",
            support=["international_support_class"],
        ),
    ),
    (
        "18 on 31 July",
        dict(birth_date="2008-07-31", counselling_date="2026-08-01"),
        dict(compulsory_schooling="none", compulsory_until="2026-07-31"),
    ),
    (
        "18 on 1 August",
        dict(birth_date="2008-08-01", counselling_date="2026-08-01"),
        dict(compulsory_schooling="vocational", compulsory_until="2027-07-31"),
    ),
    # -- training contract before 21 ---------------------------------------------------------
    (
        "20 with training contract",
        dict(
            birth_date="2006-05-01",
            counselling_date="2026-11-20",
            vocational_training_contract=True,
        ),
        dict(
            compulsory_schooling="vocational",
            compulsory_until=None,
            stage="vocational_college",
            support=["integrative"],
            school_forms=["30"],
        ),
    ),
    (
        "21 with training contract",
        dict(
            birth_date="2005-05-01",
            counselling_date="2026-11-20",
            vocational_training_contract=True,
        ),
        dict(compulsory_schooling="none", stage="vocational_college", school_forms=["30"]),
    ),
    (
        "20 without contract",
        dict(birth_date="2006-05-01", counselling_date="2026-11-20"),
        dict(
            compulsory_schooling="none",
            stage="adult_education",
            support=["integration_course"],
            school_forms=["25"],
        ),
    ),
    (
        "27: no integration course for young people",
        dict(birth_date="1999-05-01", counselling_date="2026-11-20"),
        dict(stage="adult_education", support=[]),
    ),
    # -- the "Fit für mehr" rule change on 17.3.2025 ----------------------------------------
    (
        "20 before the change",
        dict(birth_date="2004-05-01", counselling_date="2025-03-16"),
        dict(rules_version="2017-08-01", support=["integration_course", "fit_fuer_mehr"]),
    ),
    (
        "20 on the day of the change",
        dict(birth_date="2004-05-01", counselling_date="2025-03-17"),
        dict(rules_version="2025-03-17", support=["integration_course"]),
    ),
    # -- asylum: Schulpflicht from assignment -----------------------------------------------
    (
        "asylum, assignment pending",
        dict(
            birth_date="2014-03-10",
            counselling_date="2026-11-20",
            asylum_assigned_date="2026-12-15",
        ),
        dict(compulsory_schooling="not_yet", compulsory_from="2026-12-15", grade=7),
    ),
    (
        "asylum, already assigned",
        dict(
            birth_date="2014-03-10",
            counselling_date="2026-11-20",
            asylum_assigned_date="2026-10-01",
        ),
        dict(compulsory_schooling="full_time"),
    ),
    # -- school forms ---------------------------------------------------------------------
    (
        "Sek I default order",
        dict(birth_date="2012-06-01", counselling_date="2026-11-20"),
        dict(school_forms=["15", "14", "04", "10", "20"]),
    ),
    (
        "academic school career",
        dict(
            birth_date="2011-06-01",
            counselling_date="2026-11-20",
            school_type_abroad="upper_secondary_academic",
            school_years_abroad=9,
        ),
        dict(school_forms=["15", "20", "14", "10", "04"]),
    ),
    (
        "special needs",
        dict(birth_date="2012-06-01", counselling_date="2026-11-20", special_needs=True),
        dict(school_forms=["15", "14", "04", "10", "20", "08"]),
    ),
]


@pytest.mark.parametrize(("data", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rules(data, expected):
    result = recommend_placement(parse_placement_input(data, TODAY)).to_json()
    for key, value in expected.items():
        assert result[key] == value, (key, result["reasons"])


@pytest.mark.parametrize(("data", "_expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_every_decision_names_its_rule(data, _expected):
    result = rec(**data)
    assert result.reasons
    assert all(r.startswith("R") and ": " in r for r in result.reasons)
    rule_ids = {r.split(" ", 1)[0] for r in result.reasons}
    if result.grade is not None:
        assert {"R6", "R8"} <= rule_ids
    if result.support:
        assert rule_ids & {"R9", "R10", "R12"}
    assert "R14" in rule_ids


def test_reasons_explain_the_numbers():
    result = rec(
        birth_date="2014-03-10", counselling_date="2026-11-20", schooling_interrupted_years=2
    )
    text = " ".join(result.reasons)
    assert "Alter am 30.09.2026: 12 Jahre" in text
    assert "eine Klasse tiefer" in text
    assert "bis 31.07.2030" in text


def test_rule_data_is_dated():
    versions = [r.rules_version for r in rule_sets()]
    assert versions == sorted(versions) and len(versions) >= 2
    assert rules_for(D("2025-03-16")).fit_fuer_mehr_ages == (16, 25)
    assert rules_for(D("2025-03-17")).fit_fuer_mehr_ages == (16, 18)
    assert rules_for(D("2010-01-01")).rules_version == versions[0]
    assert rules_by_version("2017-08-01").fit_fuer_mehr_ages == (16, 25)
    assert rules_by_version("1999-01-01") is None


def test_old_rules_can_be_applied_explicitly():
    inp = parse_placement_input(
        {"birth_date": "2004-05-01", "counselling_date": "2026-11-20"}, TODAY
    )
    old = recommend_placement(inp, rules_by_version("2017-08-01"))
    assert "fit_fuer_mehr" in old.support and old.rules_version == "2017-08-01"


def test_counselling_date_defaults_to_today():
    assert rec(birth_date="2014-03-10").school_year == "2026/27"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"birth_date": "2014-03-10", "shoe_size": 36}, "Unbekannte Angabe: shoe_size"),
        ({"birth_date": "2014-02-30"}, "kein gültiges Datum"),
        ({"birth_date": "2027-01-01", "counselling_date": "2026-11-20"}, "nach dem Beratungsdatum"),
        ({"counselling_date": "2026-11-20"}, "birth_date fehlt"),
        ({"birth_date": None}, "nicht leer"),
        ({"birth_date": 20140310}, "Datum als Text"),
        ({"birth_date": "2014-03-10", "german_level": "A3"}, "german_level"),
        ({"birth_date": "2014-03-10", "school_type_abroad": "college"}, "school_type_abroad"),
        ({"birth_date": "2014-03-10", "latin_literate": "yes"}, "true oder false"),
        ({"birth_date": "2014-03-10", "school_years_abroad": -1}, "0 bis 20"),
        ({"birth_date": "2014-03-10", "last_grade_abroad": 2.5}, "ganze Zahl"),
        ({"birth_date": "2014-03-10", "municipality": "5554016"}, "Gemeindeschlüssel"),
        ({"birth_date": "2014-03-10", "arrival_date": "2010-01-01"}, "vor dem Geburtsdatum"),
        ({"birth_date": "1950-01-01"}, "nicht plausibel"),
        ([1, 2], "JSON-Objekt"),
    ],
)
def test_bad_input(data, message):
    with pytest.raises(PlacementInputError, match=message):
        parse_placement_input(data, TODAY)
