"""The demo data generator: the families and their intake interviews (the later steps of the
workflow: test_demo_workflow.py)."""

from collections import Counter
from datetime import date

from ki_desktop.domain.model import CaseStatus
from ki_desktop.services import cases, demo, offers, schools
from ki_desktop.services.demo import generate_cases

MUNIS = [("05554016", 5), ("05570004", 19)]
REF = date(2026, 11, 1)


def test_deterministic_for_a_seed():
    a = [
        (c.first_name, c.last_name, c.birth_date, c.status)
        for c in generate_cases(50, 3, REF, MUNIS)
    ]
    b = [
        (c.first_name, c.last_name, c.birth_date, c.status)
        for c in generate_cases(50, 3, REF, MUNIS)
    ]
    c = [(c.first_name, c.last_name) for c in generate_cases(50, 4, REF, MUNIS)]
    assert a == b
    assert [x[:2] for x in a] != c


def test_plausible_families():
    made = list(generate_cases(2000, 1, REF, MUNIS))
    countries = Counter(c.nationality for c in made)
    assert set(countries) == {"SY", "AF", "IQ", "UA", "TR", "RO", "BG", "ER", "GN", "IR"}
    for case in made:
        age = case.age_on(case.registered_on)
        assert 3 <= age <= 22
        assert case.birth_date < case.arrival_date <= case.registered_on <= REF
        assert case.municipality_ags in dict(MUNIS)
        assert case.guardians and case.consents and case.first_language
        for interview in case.interviews:
            assert 3 <= (interview.held_on - case.registered_on).days <= 30
            assert interview.held_on <= REF
        assert case.status is (CaseStatus.INTERVIEWED if case.interviews else CaseStatus.REGISTERED)
        for entry in case.school_history:
            assert entry.year_from >= case.birth_date.year + 5
    statuses = Counter(c.status for c in made)
    assert 0 < statuses[CaseStatus.REGISTERED] < statuses[CaseStatus.INTERVIEWED]


def test_load_demo_data(open_db):
    assert demo.is_database_empty()
    seen = []
    report = demo.load_demo_data(size=50, seed=2, progress=lambda d, t: seen.append((d, t)))
    assert (report.cases, report.schools, report.offers, report.municipalities) == (50, 209, 80, 30)
    assert cases.case_count() == 50
    assert len(schools.schools()) == 209
    assert len(offers.offers()) == 80
    assert len(offers.offers(valid_on=date(2026, 11, 22))) == 76  # four are not valid that day
    assert seen[-1] == (52, 52)
    assert not demo.is_database_empty()
    assert {m.ags[:5] for m in schools.municipalities()} == {"05554", "05570"}
