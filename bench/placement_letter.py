"""Bar: one placement letter PDF (Schulplatzempfehlung) ≤ 150 ms.

Builds a realistic two-page letter (8 reasons, 6 schools) into memory 30 times after one
warm-up build; the warm-up includes finding and registering the fonts, which happens once per
process, and is reported separately as ``first_ms``.
"""

from __future__ import annotations

import io
import json
import os
import time
from datetime import date

from common import OUT, summary

from ki_desktop.reports.placement_letter import (
    Counsellor,
    LetterChild,
    Letterhead,
    LetterRecommendation,
    PlacementLetter,
    ProposedSchool,
    build_placement_letter,
)

RUNS = int(os.environ.get("BENCH_RUNS", "30"))

LETTER = PlacementLetter(
    letterhead=Letterhead(
        "Kommunales Integrationszentrum Kreis Borken",
        "Burloer Straße 93",
        "46325 Borken",
        "02861 681-4000",
        "ki@kreis-borken.de",
        "www.kreis-borken.de/ki",
    ),
    recipient=("Staatliches Schulamt für den Kreis Borken", "Burloer Straße 93", "46325 Borken"),
    date=date(2026, 11, 5),
    reference="KI-2026-0815",
    counsellor=Counsellor("Zahra Ahmadi", "02861 681-4012", "z.ahmadi@kreis-borken.de"),
    child=LetterChild(
        first_name="Ștefan",
        last_name="Şahin-Popescu",
        birth_date=date(2013, 3, 5),
        sex="männlich",
        nationality="Rumänien",
        first_language="Rumänisch",
        municipality="Borken",
        arrival_date=date(2026, 9, 14),
        address="Ahauser Straße 12\n46325 Borken",
    ),
    recommendation=LetterRecommendation(
        school_year="2026/27",
        stage="Sekundarstufe I",
        grade=7,
        support=("Lerngruppe zur Erstalphabetisierung", "Deutschfördergruppe"),
        support_months=36,
        school_forms=(("15", "Gesamtschule"), ("14", "Sekundarschule"), ("04", "Hauptschule")),
        schools=[
            ProposedSchool(f"18765{i}", f"Städtische Gesamtschule {town}", town, 1.7 * i, i % 4)
            for i, town in enumerate(("Borken", "Rhede", "Raesfeld", "Velen", "Gescher", "Ahaus"))
        ],
        reasons=[
            "R2 Vollzeitschulpflicht (§ 37 SchulG NRW): Schulpflicht seit 01.08.2019, "
            "10 Schuljahre, also bis 31.07.2029.",
            "R6 Jahrgang nach Alter: Alter am 30.09.2026: 13 Jahre, minus 5 ergibt Klasse 8.",
            "R7 Absenkung um eine Stufe: Schulbesuch 2 Jahre unterbrochen und 3 statt 7 "
            "Schuljahre besucht: eine Klasse tiefer (höchstens 1).",
            "R8 Stufe: Klasse 7: Sekundarstufe I (Klassen 5–10).",
            "R9 Erstalphabetisierung (BASS 13-63 Nr. 3): kann nicht in lateinischer Schrift "
            "lesen und schreiben: zuerst bis zu 12 Monate Lerngruppe zur Erstalphabetisierung.",
            "R10 Form der Erstförderung: Sekundarstufe I: Deutschfördergruppe.",
            "R11 Dauer der Erstförderung: in der Regel bis zu 3 Jahre, Ziel Niveau B1.",
            "R14 Schulformen: Schulen mit allen Abschlüssen zuerst: 15, 14, 04.",
        ],
        rules_version="2025-03-17",
    ),
    consent="Einwilligung zur Weitergabe an Schule und Schulamt erteilt am 3. November 2026 "
    "von Zahra Ahmadi",
)


def build_ms() -> float:
    start = time.perf_counter()
    build_placement_letter(LETTER, io.BytesIO())
    return (time.perf_counter() - start) * 1000


def service_samples() -> list[float]:
    """The whole use case as the counsellor triggers it: read the case, apply the rules, find
    the schools, write the PDF file (demo database with 300 cases and the real school list)."""
    import tempfile
    from pathlib import Path

    from ki_desktop.domain import model as dm
    from ki_desktop.services import database, intake
    from ki_desktop.services.demo import load_demo_data
    from ki_desktop.services.placement_letter import write_placement_letter

    folder = Path(tempfile.mkdtemp())
    database.open_app_database(str(folder / "letter.sqlite"))
    load_demo_data(size=300)
    case = dm.Case(
        first_name="Ștefan",
        last_name="Şahin-Popescu",
        birth_date=date(2013, 3, 5),
        nationality="RO",
        first_language="ro",
        municipality_ags="05554012",
        registered_on=date(2026, 11, 1),
        counsellor="abecker",
        consents=[dm.Consent("school_schulamt", True, date(2026, 11, 3), "Maria Popescu")],
    )
    case_id, _ = intake.save_case(case, "abecker")
    samples = []
    for n in range(RUNS):
        start = time.perf_counter()
        write_placement_letter(case_id, folder / f"brief-{n}.pdf", "abecker")
        samples.append((time.perf_counter() - start) * 1000)
    database.close_app_database()
    return samples


def main() -> dict:
    first = build_ms()
    samples = [build_ms() for _ in range(RUNS)]
    stats = summary(samples)
    service = summary(service_samples())
    return {
        "bar": "placement letter PDF <= 150 ms",
        **stats,
        "first_ms": round(first, 2),
        "service": service,
        "pass": stats["median_ms"] <= 150 and service["median_ms"] <= 150,
    }


if __name__ == "__main__":
    res = main()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "placement_letter.json").write_text(json.dumps(res, indent=2))
    print(json.dumps(res, indent=2))
