"""A fixed statistics report with known cells, for the writer tests."""

from __future__ import annotations

from datetime import date, datetime

from ki_desktop.domain.statistics import Period, PublishedTable, StatisticsReport

MUNICIPALITIES = (
    ("Ahaus", 41, 37),
    ("Bocholt", 88, 92),
    ("Borken", 35, 30),
    ("Gescher", "<3", 4),
    ("Gronau (Westf.)", 52, 47),
    ("Heek", 3, "<3"),
    ("Isselburg", "<3", "<3"),
    ("Rhede", 14, 19),
    ("Stadtlohn", 21, 18),
    ("Vreden", 12, 9),
)


def sample_report(kind: str = "quarterly") -> StatisticsReport:
    """A quarterly (or monthly) report with every kind of cell: ints, floats, "<3", None."""
    if kind == "quarterly":
        period = Period("quarterly", date(2026, 7, 1), date(2026, 9, 30), "3. Quartal 2026")
        previous = Period("quarterly", date(2026, 4, 1), date(2026, 6, 30), "2. Quartal 2026")
    else:
        period = Period("monthly", date(2026, 10, 1), date(2026, 10, 31), "Oktober 2026")
        previous = Period("monthly", date(2026, 9, 1), date(2026, 9, 30), "September 2026")
    now, before = period.label, previous.label
    municipalities = PublishedTable(
        "municipality",
        "Neue Fälle nach Kommune",
        ("Kommune", now, before),
        MUNICIPALITIES,
        ("Insgesamt", 269, 259),
        chart="bar",
    )
    tables = (
        PublishedTable(
            "stage",
            "Neue Fälle nach Schulstufe",
            ("Schulstufe", now, before),
            (
                ("Primarstufe", 118, 104),
                ("Klassen 5–7", 64, 71),
                ("Klassen 8–10", 41, 38),
                ("Berufskolleg", 29, 33),
                ("ohne Zuordnung", "<3", 3),
            ),
            ("Insgesamt", 253, 249),
            chart="bar",
        ),
        municipalities,
        PublishedTable(
            "nationality",
            "Neue Fälle nach Staatsangehörigkeit",
            ("Staatsangehörigkeit", now, before),
            (("Ukraine", 97, 88), ("Syrien", 45, 52), ("Rumänien", 22, 19), ("Irak", "<3", 5)),
            ("Insgesamt", 253, 249),
            note="Nur Staatsangehörigkeiten mit mindestens drei Fällen einzeln.",
        ),
        PublishedTable(
            "without_place",
            "Kinder ohne Schulplatz am Stichtag",
            ("Schulstufe", "Anzahl"),
            (("Primarstufe", 17), ("Sekundarstufe I", 23), ("Berufskolleg", "<3")),
            ("Insgesamt", 41),
        ),
        PublishedTable(
            "waiting_times",
            "Wartezeiten in Tagen",
            ("Abschnitt", "Median", "25 %", "75 %", "Fälle"),
            (
                ("Anmeldung bis Beratung", 12.5, 7, 21, 240),
                ("Beratung bis Zuweisung", 23, 14.0, 35.5, 198),
                ("Zuweisung bis Schulbeginn", None, None, None, "<3"),
            ),
            unit="days",
            chart="bar",
        ),
    )
    return StatisticsReport(
        period=period,
        previous=previous,
        reference_date=period.end,
        created_at=datetime(2026, 10, 5, 9, 30),
        issuer="Kommunales Integrationszentrum Kreis Borken",
        tables=tables,
        definitions=(
            ("Neuer Fall", "Ein Kind, dessen Erstberatung im Zeitraum stattfand."),
            ("Stichtag", "Der letzte Tag des Zeitraums."),
            ("Wartezeit", "Tage zwischen zwei Schritten; Median nur ab drei Fällen."),
        ),
    )
