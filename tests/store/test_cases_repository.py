"""The paged case list against a real SQLite file."""

from ki_desktop.domain.queries import CaseFilter, CaseSort, Page
from ki_desktop.services import cases
from ki_desktop.store.models import Case


def test_pages_cover_all_cases_without_overlap(demo_db):
    total = cases.case_count()
    assert total == 120
    seen = []
    for offset in range(0, total, 50):
        seen += [r.id for r in cases.case_page(page=Page(offset=offset, limit=50))]
    assert len(seen) == len(set(seen)) == total


def test_sorting(demo_db):
    rows = cases.case_page(page=Page(limit=500, sort=CaseSort.BIRTH_DATE, descending=True))
    dates = [r.birth_date for r in rows]
    assert dates == sorted(dates, reverse=True)
    rows = cases.case_page(page=Page(limit=500, sort=CaseSort.MUNICIPALITY))
    names = [r.municipality for r in rows]
    assert names == sorted(names)


def test_text_search_ignores_diacritics_and_case(demo_db):
    Case.create(first_name="Ömer", last_name="Şahin", status="registered")
    for text in ("sahin", "ŞAHIN", "Şah", "omer sah"):
        rows = cases.case_page(CaseFilter(text=text))
        assert any(r.last_name == "Şahin" for r in rows), text
        assert cases.case_count(CaseFilter(text=text)) == len(rows)


def test_filters_combine(demo_db):
    some = cases.case_page(page=Page(limit=1))[0]
    case = cases.case_detail(some.id)
    flt = CaseFilter(
        status=case.status.value, municipality_ags=case.municipality_ags, counsellor=case.counsellor
    )
    rows = cases.case_page(flt, Page(limit=500))
    assert some.id in [r.id for r in rows]
    assert all(r.status == case.status and r.municipality == some.municipality for r in rows)
    assert cases.case_count(flt) == len(rows)


def test_case_detail_round_trip(demo_db):
    row = cases.case_page(page=Page(limit=1))[0]
    case = cases.case_detail(row.id, user="abecker")
    assert case.last_name == row.last_name and case.guardians and case.consents
    assert case.consents[0].kind == "data_processing"


def test_age_group_filter(demo_db):
    from datetime import date

    from ki_desktop.domain.queries import AGE_GROUPS

    today = date(2026, 11, 22)
    total = 0
    for group, (youngest, oldest) in AGE_GROUPS.items():
        flt = CaseFilter(age_group=group, today=today)
        rows = cases.case_page(flt, Page(limit=500))
        assert cases.case_count(flt) == len(rows)
        total += len(rows)
        for row in rows:
            age = (
                today.year
                - row.birth_date.year
                - ((today.month, today.day) < (row.birth_date.month, row.birth_date.day))
            )
            assert youngest <= age and (oldest is None or age <= oldest), (group, age)
    assert total == sum(1 for r in cases.case_page(page=Page(limit=500)) if r.birth_date)
