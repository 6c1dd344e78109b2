"""The published statistics report: labels, suppression and definitions on a known data set,
the checks of the period, and that nothing personal reaches a cell."""

import re
from datetime import date

import pytest

from ki_desktop.domain.statistics import SUPPRESSED, StatisticsReport
from ki_desktop.domain.statistics_rules import MASKED
from ki_desktop.services.database import ServiceError
from ki_desktop.services.statistics import build_report
from ki_desktop.store.connection import set_setting
from ki_desktop.store.models import Case, Guardian, IntakeInterview, Recommendation, Referral
from tests.store import statistics_dataset as data

S, X = SUPPRESSED, MASKED
Q3, Q2 = "3. Quartal 2026", "2. Quartal 2026"


@pytest.fixture
def report(open_db) -> StatisticsReport:
    data.load()
    return build_report("quarterly", 2026, 3, today=data.TODAY)


def table(report: StatisticsReport, key: str):
    return next(t for t in report.tables if t.key == key)


def test_periods_reference_date_and_issuer(report):
    assert (report.period.start, report.period.end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert (report.previous.start, report.previous.end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert (report.period.label, report.previous.label) == (Q3, Q2)
    assert report.reference_date == date(2026, 9, 30)
    assert report.issuer == "Kommunales Integrationszentrum"
    assert [t.key for t in report.tables] == [
        "overview",
        "stage",
        "age",
        "sex",
        "nationality",
        "language",
        "municipality",
        "alphabetisation",
        "school_forms",
        "without_place",
        "waiting_times",
        "referrals",
    ]
    for t in report.tables:
        assert all(len(row) == len(t.columns) for row in t.rows), t.key
        assert t.total is None or len(t.total) == len(t.columns)
    charts = {t.key for t in report.tables if t.chart == "bar"}
    assert charts == {"stage", "municipality", "waiting_times"}
    terms = [term for term, _text in report.definitions]
    assert "Geheimhaltung" in terms and "Ohne Schulplatz am Stichtag" in terms


def test_overview_with_change_only_between_published_counts(report):
    t = table(report, "overview")
    assert t.columns == ("Kennzahl", Q3, Q2, "Veränderung")
    assert t.rows == (
        ("Beratungsgespräche (Erstberatungen)", 10, 5, 5),
        ("beratene Kinder und Jugendliche", 9, 5, 4),
        ("neu registrierte Fälle", 7, 6, 1),
        ("erstellte Schulempfehlungen", 8, S, None),
        ("Schulplätze zugewiesen", 4, S, None),
        ("davon in der empfohlenen Schulform", X, S, None),  # 4 − 3 = 1 would show
        ("Schulbesuch begonnen", 4, S, None),
        ("Vermittlungen in Angebote", 8, 5, 3),
        ("ohne Schulplatz am Stichtag", 6, 5, 1),
    )


def test_breakdowns_suppressed_per_column_with_true_totals(report):
    stage = table(report, "stage")
    assert stage.columns == ("Schulstufe", Q3, Q2)
    assert stage.rows == (
        ("noch nicht im Schulalter", 0, 0),
        ("Grundschule (Klassen 1–4)", S, 0),
        ("Sekundarstufe I, Klassen 5–7", S, S),
        ("Sekundarstufe I, Klassen 8–10", S, 0),
        ("Berufskolleg", S, 0),
        ("18 Jahre und älter (Weiterbildung)", S, 0),
        ("noch keine Empfehlung", S, X),  # 4, masked: else 5 − 4 would give the "<3"
    )
    assert stage.total == ("Insgesamt", 9, 5)
    assert table(report, "age").rows == (
        ("0–5 Jahre", S, S),
        ("6–9 Jahre", S, 0),
        ("10–15 Jahre", 4, S),
        ("16–17 Jahre", S, S),
        ("18 Jahre und älter", S, 0),
        ("Alter unbekannt", 0, S),
    )
    sex = table(report, "sex")
    assert sex.rows == (
        ("weiblich", X, S),  # shown, 9 − 5 = 4 would mean 3 + 1
        ("männlich", X, X),
        ("divers", S, 0),
        ("nicht angegeben", 0, 0),
    )
    assert sex.total == ("Insgesamt", 9, 5)
    assert table(report, "municipality").rows == (
        ("Ahaus", X, X),  # with 4 and 3 shown, 9 − 7 = 2 would mean 1 + 1
        ("Bocholt", X, S),
        ("Borken", S, 0),
        ("Gescher", S, 0),
    )


def test_nationality_and_language_merge_small_groups_into_other(report):
    nationality = table(report, "nationality")
    assert nationality.rows == (("Syrien", 4, S), ("Ukraine", X, S), ("Sonstige", S, S))
    assert nationality.total == ("Insgesamt", 9, 5)
    language = table(report, "language")
    assert language.rows == (("Arabisch", 4, S), ("Ukrainisch", X, S), ("Sonstige", S, S))


def test_alphabetisation_school_forms_and_referrals(report):
    alpha = table(report, "alphabetisation")
    assert alpha.rows == (
        ("nicht in lateinischer Schrift alphabetisiert (Erstberatung)", 3, S),
        ("Alphabetisierungsgruppe empfohlen", 3, S),
    )
    assert alpha.total is None
    forms = table(report, "school_forms")
    assert forms.columns == (
        "Schulform",
        f"empfohlen, {Q3}",
        f"zugewiesen, {Q3}",
        f"empfohlen, {Q2}",
        f"zugewiesen, {Q2}",
    )
    assert forms.rows == (
        ("Grundschule", S, S, 0, S),
        ("Hauptschule", 0, S, 0, 0),
        ("Realschule", S, 0, 0, 0),
        ("Sekundarschule", S, S, 0, 0),
        ("Gesamtschule", 0, 0, S, S),
        ("Berufskolleg", S, S, 0, 0),
        ("ohne Angabe", 0, 0, S, 0),
    )
    assert forms.total == ("Insgesamt", X, X, X, X)  # 4 = four times 1, 2 = twice 1
    referrals = table(report, "referrals")
    assert referrals.rows == (("Beratung", S, X), ("Lernförderung", X, 0), ("Sprachkurs", X, S))
    assert referrals.total == ("Insgesamt", 8, 5)


def test_children_without_school_place_and_waiting_times(report):
    without = table(report, "without_place")
    assert without.columns == ("Wartezeit", "Stichtag 30.09.2026", "Stichtag 30.06.2026")
    assert without.rows == (
        ("bis 14 Tage", S, S),
        ("15–30 Tage", S, S),
        ("31–60 Tage", S, S),
        ("61–90 Tage", S, S),
        ("mehr als 90 Tage", S, S),
    )
    assert without.total == ("Insgesamt", 6, X)  # 5 would mean five times 1
    waiting = table(report, "waiting_times")
    assert waiting.unit == "days"
    assert waiting.columns[1:4] == (f"Median, {Q3}", f"90. Perzentil, {Q3}", f"Fälle, {Q3}")
    assert waiting.rows == (
        ("Registrierung bis Erstberatung", 14, 24, 7, 15, 29, 5),
        ("Registrierung bis Zuweisung", 30, 153, 4, None, None, S),
        ("Registrierung bis Schulbeginn", 51, 142, 4, None, None, S),
        ("bisherige Wartezeit der Kinder ohne Schulplatz am Stichtag", 41, 121, 6, 60, 121, 5),
    )


def test_monthly_report_of_the_running_month(open_db):
    data.load()
    set_setting("letter.ki_name", "Kommunales Integrationszentrum Kreis Borken")
    report = build_report("monthly", 2026, 9, today=data.TODAY)
    assert (report.period.label, report.previous.label) == ("September 2026", "August 2026")
    assert report.issuer == "Kommunales Integrationszentrum Kreis Borken"
    overview = dict((row[0], row[1:]) for row in table(report, "overview").rows)
    # September: C7 C8 C9 and C1's second session | August: C4 C5 C6
    assert overview["Beratungsgespräche (Erstberatungen)"] == (4, 3, 1)
    assert overview["beratene Kinder und Jugendliche"] == (4, 3, 1)
    running = build_report("monthly", 2026, 11, today=data.TODAY)
    assert running.reference_date == data.TODAY
    assert "22.11.2026" in dict(running.definitions)["Stichtag"]


@pytest.mark.parametrize(
    ("kind", "year", "number", "message"),
    [
        ("quarterly", 2026, 5, "Quartal muss zwischen 1 und 4"),
        ("quarterly", 2026, 0, "Quartal muss zwischen 1 und 4"),
        ("monthly", 2026, 13, "Monat muss zwischen 1 und 12"),
        ("weekly", 2026, 1, "Unbekannte Berichtsart"),
        ("quarterly", 2027, 1, "Jahr 2027 ist nicht möglich"),
        ("quarterly", 1999, 1, "Jahr 1999 ist nicht möglich"),
        ("monthly", 2026, 12, "Dezember 2026 hat noch nicht begonnen"),
    ],
)
def test_invalid_periods_are_refused_in_plain_german(open_db, kind, year, number, message):
    with pytest.raises(ServiceError, match=message):
        build_report(kind, year, number, today=data.TODAY)


def _words(report: StatisticsReport) -> set[str]:
    texts = [report.period.label, report.previous.label, report.issuer]
    for t in report.tables:
        texts += [t.title, t.note, *t.columns]
        for row in (*t.rows, t.total or ()):
            texts += [str(c) for c in row]
    texts += [text for pair in report.definitions for text in pair]
    return {w.lower() for text in texts for w in re.findall(r"\w+", text)}


def test_no_name_note_or_special_category_text_in_any_cell(demo_db):
    """Over the demo data (120 cases) plus notes, special needs and referrals."""
    from ki_desktop.services import offers

    ids = [c.id for c in Case.select(Case.id).limit(30)]
    offer = offers.offers()[0]
    for n, case_id in enumerate(ids):
        offers.refer_case(case_id, offer.id, date(2026, 8, 1 + n % 28), "Vater heißt Omidullah")
    IntakeInterview.update(
        notes="Familie wohnt bei Onkel Shirzad", special_needs="Hörgerät", health_notes="Asthma"
    ).execute()
    private = set()
    for c in Case.select(Case.first_name, Case.last_name, Case.address):
        private |= {c.first_name, c.last_name, *c.address.split()}
    private |= {g.name.split()[0] for g in Guardian.select(Guardian.name)}
    private |= {"Omidullah", "Shirzad", "Hörgerät", "Asthma"}
    # the rules' reasons are standard text; a deviation's reason is what a counsellor wrote
    Recommendation.update(
        reasons=Recommendation.reasons + "\nAbweichung (abecker): Grund: Geschwister bei Yasemin"
    ).execute()
    private |= {
        w
        for r in Recommendation.select(Recommendation.reasons)
        for line in r.reasons.split("\n")
        if line.startswith("Abweichung")
        for w in line.split()
    }
    private |= {r.note for r in Referral.select(Referral.note)}
    private = {p.lower() for p in private if len(p) > 3 and p.isalpha()}
    # words that are street names or ordinary German words elsewhere in the report
    allowed = {"insgesamt", "schule", "tage"}
    assert Case.select().count() == 120
    for kind, number in (("quarterly", 3), ("quarterly", 4), ("monthly", 10)):
        report = build_report(kind, 2026, number, today=date(2026, 11, 1))
        leaked = (_words(report) & private) - allowed
        assert not leaked, (kind, number, sorted(leaked))
        assert any(isinstance(c, int) and c > 0 for row in report.tables[0].rows for c in row)
