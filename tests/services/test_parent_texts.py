"""Parent-facing texts in German and the family's language (services.parent_texts)."""

from datetime import date

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import parent_texts as pt
from ki_desktop.services import session
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.store import recommendations as rec_repo
from ki_desktop.store.models import Case, Recommendation, School


def test_family_languages_names_and_direction():
    assert pt.FAMILY_LANGUAGES == (
        "ar",
        "fa",
        "ps",
        "uk",
        "ru",
        "tr",
        "ku",
        "ti",
        "ro",
        "bg",
        "en",
        "fr",
    )
    assert pt.language_name("ar", "ar") == "العربية"
    assert pt.language_name("ps", "ps") == "پښتو"
    assert pt.language_name("ti", "ti") == "ትግርኛ"
    assert pt.language_name("uk", "de") == "Ukrainisch"
    assert pt.language_name("xx", "de") == "xx"
    assert [c for c in pt.FAMILY_LANGUAGES if pt.is_rtl(c)] == ["ar", "fa", "ps"]
    assert not pt.is_rtl("xx")


def test_general_sections_in_ukrainian(open_db):
    found = pt.sections("uk")
    assert [s.key for s in found] == [pt.SCHOOL_DUTY, pt.SCHOOL_SYSTEM, pt.NEXT_STEPS]
    duty = found[0]
    assert duty.title.german == "Schulpflicht in Nordrhein-Westfalen"
    assert duty.title.family.startswith("Обов’язкове шкільне навчання")
    assert all(p.translated for s in found for p in [s.title, *s.paragraphs])
    assert all(p.family and p.family != p.german for s in found for p in s.paragraphs)


def test_the_phone_number_of_the_ki_is_filled_in_both_languages(open_db):
    from ki_desktop.store.connection import set_setting

    set_setting("letter.ki_name", "KI Kreis Warendorf")
    set_setting("letter.phone", "02581 53-0")
    call = pt.sections("fa")[2].paragraphs[-1]
    assert "02581 53-0" in call.german and "02581 53-0" in call.family
    assert "KI Kreis Warendorf" in call.family
    assert "{" not in call.family


def test_missing_translation_gives_german_and_says_so(open_db):
    somali = pt.sections("so")  # no catalogue
    assert all(not p.translated for s in somali for p in [s.title, *s.paragraphs])
    assert all(p.family == p.german and p.family for s in somali for p in s.paragraphs)
    albanian = pt.sections("sq")  # a catalogue with the offer sheet only
    assert not albanian[0].title.translated
    assert albanian[0].title.family == "Schulpflicht in Nordrhein-Westfalen"


def test_german_is_its_own_translation(open_db):
    for section in pt.sections("de"):
        assert all(p.translated and p.family == p.german for p in section.paragraphs)


def test_interview_questions():
    questions = pt.interview_questions("fa")
    assert len(questions) == 13
    assert questions[0].german == "Wie heißt Ihr Kind (Vorname und Familienname)?"
    assert questions[0].family == "نام فرزند شما چیست (نام و نام خانوادگی)؟"
    assert all(q.translated for q in questions)
    health = [q for q in pt.interview_questions("de") if "gesundheitliche" in q.german][0]
    assert "freiwillig" in health.german  # the family is told they need not answer


def test_bilingual_formats_values_per_language():
    stage = pt.bilingual("Sekundarstufe I (Klasse 5 bis 10)", "ru")
    line = pt.bilingual("Schulstufe: {stage}", "ru", stage=stage)
    assert line.german == "Schulstufe: Sekundarstufe I (Klasse 5 bis 10)"
    assert (
        line.family
        == "Ступень обучения: средняя школа, первая ступень (Sekundarstufe I, 5–10 класс)"
    )
    day = pt.bilingual("Erster Schultag: {date}", "uk", date=date(2026, 9, 1))
    assert day.german == "Erster Schultag: 1. September 2026"
    assert (
        day.family == "Перший день навчання: 1 вересня 2026\u202fр."
    )  # babel: narrow no-break space
    ti = pt.bilingual("Erster Schultag: {date}", "ti", date=date(2026, 9, 1))
    assert "2026" in ti.family and "መስከረም" in ti.family  # babel has Tigrinya dates
    ku = pt.bilingual("Erster Schultag: {date}", "ku", date=date(2026, 9, 1))
    assert ku.family.startswith("Roja yekem a dibistanê: 1") and "2026" in ku.family


def _case_with(open_db, assigned: bool):
    from ki_desktop.services.demo import load_demo_data

    load_demo_data(size=60, seed=3, reference=date(2026, 11, 1))
    cases = Case.select().join(Recommendation).distinct()
    for case in cases:
        if (case.assigned_school_id is not None) == assigned:
            return case
    pytest.skip("the demo data has no such case")


def test_recommended_school_of_an_assigned_case(open_db):
    case = _case_with(open_db, assigned=True)
    rec, _number = rec_repo.latest_recommendation(case.id)
    found = pt.sections("ar", case.id)
    assert [s.key for s in found][-1] == pt.RECOMMENDED_SCHOOL
    section = found[-1]
    assert section.title.german == f"Unsere Empfehlung für {case.first_name} {case.last_name}"
    assert section.title.family == f"توصيتنا لـ {case.first_name} {case.last_name}"
    german = [p.german for p in section.paragraphs]
    family = [p.family for p in section.paragraphs]
    assert german[0].startswith("Nach unserem Gespräch am ")
    if rec.grade is not None:
        assert f"Klasse: {rec.grade}" in german
        assert f"الصف: {rec.grade}" in family
    forms = [p for p in section.paragraphs if p.german.startswith("Passende Schulformen: ")]
    if len(rec.school_forms) > 1:  # alternatives, listed in each language's way
        assert " oder " in forms[0].german and ", " in forms[0].german
        assert " أو " in forms[0].family
        assert ("15" in rec.school_forms) == ("(Gesamtschule)" in forms[0].family)
    school = School.get_by_id(case.assigned_school_id)
    assigned = [p for p in section.paragraphs if school.name in p.german]
    assert assigned and school.name in assigned[0].family
    assert assigned[0].family.startswith("خصصت دائرة التعليم لطفلكم هذه المدرسة")
    assert all(p.translated for p in section.paragraphs)


def test_recommended_school_still_waiting_for_the_schulamt(open_db):
    case = _case_with(open_db, assigned=False)
    section = pt.sections("tr", case.id)[-1]
    assert section.paragraphs[-1].german.startswith("Das Schulamt hat noch keine Schule")
    assert section.paragraphs[-1].family.startswith("Schulamt henüz bir okul belirlemedi")


def test_case_sections_need_the_permission_for_that_case(open_db):
    case = _case_with(open_db, assigned=True)
    other = Case.select().where(Case.id != case.id).first()
    counsellor = session.current()
    session.begin(session.narrowed_to_case(counsellor, other.id))
    with pytest.raises(PermissionDenied):
        pt.sections("ar", case.id)
    session.begin(session.narrowed_to_case(counsellor, case.id))
    assert pt.sections("ar", case.id)[-1].key == pt.RECOMMENDED_SCHOOL
    session.begin(session.Session("stat", "Statistik", frozenset({Role.STATISTICS})))
    with pytest.raises(PermissionDenied):
        pt.sections("ar", case.id)
    assert len(pt.sections("ar")) == 3  # the general texts need no case
