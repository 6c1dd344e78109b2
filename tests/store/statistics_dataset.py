"""A small known data set for the statistics tests: 17 cases around the 3rd quarter of 2026
(reported) and the 2nd quarter (compared), written through the store and the services.

The expected figures in the tests are counted by hand from the table below.

case sex birth      nat lang muni     registered  interviews (latin literate)   recommendation(s)
C1   f   2015-03-10 SY  ar   Ahaus    2026-06-20  07-01 (no), 09-10 (yes)       07-05 sek1 6 "14,15" alpha
C2   m   2012-08-01 SY  ar   Ahaus    2026-03-01  03-31, 07-10                  07-12 sek1 9 "10,04" alpha
C3   f   2019-01-05 SY  ar   Ahaus    2026-07-01  07-15 (no)                    07-16 primary 2 "02"
C4   f   2018-08-03 SY  ar   Ahaus    2026-07-20  08-03                         08-04 sek1 5, 08-10 primary 3
C5   m   2009-09-01 UA  uk   Bocholt  2026-05-01  05-20, 08-20                  08-25 vocational "30"
C6   f   2016-02-02 UA  uk   Bocholt  2026-08-01  08-25 (no)                    –
C7   m   2014-06-06 UA  uk   Bocholt  2026-08-20  09-01                         09-02 sek1 5 "20,15" alpha
C8   f   2021-01-01 AF  fa   Borken   2026-09-01  09-15                         10-05 pre_school
C9   d   2007-01-01 –   –    Gescher  2026-09-29  09-30                         09-30 adult "25"
C10  f   2016-04-01 SY  ar   Ahaus    2026-03-20  04-01                         06-01 sek1 5 "15" alpha
C11  m   –          UA  uk   Ahaus    2026-05-01  05-10                         –
C12  m   2020-07-01 AF  fa   Ahaus    2026-06-01  06-30 (no)                    –
C13  m   2011-01-01 AF  fa   Bocholt  2026-04-20  05-05                         –   closed 07-15
C14  f   2010-01-01 SY  ar   Ahaus    2026-09-25  –                             –
C15  m   2012-01-01 SY  ar   Ahaus    2026-02-01  –        status follow_up without dates
C16  f   2021-05-05 SY  ar   Ahaus    2026-06-25  –                             06-26 pre_school
C17  f   2014-01-01 SY  ar   Ahaus    2026-01-10  –        closed on registration

Assignments (school form) and school starts: C1 07-20 (14), start 08-10; C2 08-01 (04);
C3 07-20 (02), start 08-12; C5 09-10 (30), start 09-20; C10 06-15 (15), start 07-01;
C11 05-20 (02), start 06-01; C12 10-01 (02).
Referrals: Q3 Sprachkurs C1 C2 C3 C6, Beratung C7, Lernförderung C4 C5 C9;
Q2 Sprachkurs C10 C11, Beratung C12 C13 C5; 10-02 Sprachkurs C1 (after the period).
"""

from __future__ import annotations

from datetime import date

from ki_desktop.domain import model as dm
from ki_desktop.services import offers, placement
from ki_desktop.services.demo import load_demo_data
from ki_desktop.store.cases import add_cases
from ki_desktop.store.models import Case, Offer, School
from ki_desktop.store.recommendations import add_recommendation

TODAY = date(2026, 11, 22)
NOTE = "Mutter erzählt von der Flucht über Libyen"
SPECIAL = "Diabetes Typ 1, braucht Insulin in der Pause"
AGS = {"A": "05554004", "B": "05554008", "C": "05554012", "D": "05554016"}

F, M, D = dm.Sex.FEMALE, dm.Sex.MALE, dm.Sex.DIVERSE


def d(text: str) -> date:
    return date.fromisoformat(f"2026-{text}") if len(text) == 5 else date.fromisoformat(text)


# name: sex, birth, nationality, language, municipality, registered, [(interview, latin)]
CASES = {
    "C1": (F, "2015-03-10", "SY", "ar", "A", "06-20", [("07-01", False), ("09-10", True)]),
    "C2": (M, "2012-08-01", "SY", "ar", "A", "03-01", [("03-31", True), ("07-10", True)]),
    "C3": (F, "2019-01-05", "SY", "ar", "A", "07-01", [("07-15", False)]),
    "C4": (F, "2018-08-03", "SY", "ar", "A", "07-20", [("08-03", None)]),
    "C5": (M, "2009-09-01", "UA", "uk", "B", "05-01", [("05-20", True), ("08-20", True)]),
    "C6": (F, "2016-02-02", "UA", "uk", "B", "08-01", [("08-25", False)]),
    "C7": (M, "2014-06-06", "UA", "uk", "B", "08-20", [("09-01", True)]),
    "C8": (F, "2021-01-01", "AF", "fa", "C", "09-01", [("09-15", None)]),
    "C9": (D, "2007-01-01", "", "", "D", "09-29", [("09-30", True)]),
    "C10": (F, "2016-04-01", "SY", "ar", "A", "03-20", [("04-01", True)]),
    "C11": (M, None, "UA", "uk", "A", "05-01", [("05-10", True)]),
    "C12": (M, "2020-07-01", "AF", "fa", "A", "06-01", [("06-30", False)]),
    "C13": (M, "2011-01-01", "AF", "fa", "B", "04-20", [("05-05", True)]),
    "C14": (F, "2010-01-01", "SY", "ar", "A", "09-25", []),
    "C15": (M, "2012-01-01", "SY", "ar", "A", "02-01", []),
    "C16": (F, "2021-05-05", "SY", "ar", "A", "06-25", []),
    "C17": (F, "2014-01-01", "SY", "ar", "A", "01-10", []),
}
# name: [(created, stage, grade, school forms, support)]
RECOMMENDATIONS = {
    "C1": [("07-05", "secondary_1", 6, "14,15", "alphabetisation_group")],
    "C2": [("07-12", "secondary_1", 9, "10,04", "separate_group,alphabetisation_group")],
    "C3": [("07-16", "primary", 2, "02", "integrative")],
    "C4": [("08-04", "secondary_1", 5, "14", ""), ("08-10", "primary", 3, "02", "integrative")],
    "C5": [("08-25", "vocational_college", None, "30", "international_support_class")],
    "C7": [("09-02", "secondary_1", 5, "20,15", "part_integrative,alphabetisation_group")],
    "C8": [("10-05", "pre_school", None, "", "")],
    "C9": [("09-30", "adult_education", None, "25", "integration_course")],
    "C10": [("06-01", "secondary_1", 5, "15", "alphabetisation_group")],
    "C16": [("06-26", "pre_school", None, "", "")],
}
# name: (assigned on, school form, school start or None)
ASSIGNMENTS = {
    "C1": ("07-20", "14", "08-10"),
    "C2": ("08-01", "04", None),
    "C3": ("07-20", "02", "08-12"),
    "C5": ("09-10", "30", "09-20"),
    "C10": ("06-15", "15", "07-01"),
    "C11": ("05-20", "02", "06-01"),
    "C12": ("10-01", "02", None),
}
REFERRALS = [
    ("07-02", "Sprachkurs", "C1"),
    ("07-12", "Sprachkurs", "C2"),
    ("07-20", "Sprachkurs", "C3"),
    ("08-26", "Sprachkurs", "C6"),
    ("09-03", "Beratung", "C7"),
    ("08-05", "Lernförderung", "C4"),
    ("08-21", "Lernförderung", "C5"),
    ("09-30", "Lernförderung", "C9"),
    ("04-02", "Sprachkurs", "C10"),
    ("06-30", "Sprachkurs", "C11"),
    ("04-01", "Beratung", "C12"),
    ("05-06", "Beratung", "C13"),
    ("05-21", "Beratung", "C5"),
    ("10-02", "Sprachkurs", "C1"),
]


def load() -> dict[str, str]:
    """Write the data set into the open database; returns name → case id."""
    load_demo_data(size=0, seed=1, reference=TODAY)
    cases = []
    for name, (sex, birth, nat, lang, muni, registered, interviews) in CASES.items():
        status = dm.CaseStatus.REGISTERED
        if name in ("C13", "C17"):
            status = dm.CaseStatus.CLOSED
        elif name == "C15":
            status = dm.CaseStatus.FOLLOW_UP
        cases.append(
            dm.Case(
                first_name=f"Vorname{name}",
                last_name=f"Familie{name}",
                birth_date=d(birth) if birth else None,
                sex=sex,
                nationality=nat,
                first_language=lang,
                municipality_ags=AGS[muni],
                registered_on=d(registered),
                address=f"Geheimweg {name[1:]}",
                status=status,
                interviews=[
                    dm.Interview(
                        held_on=d(day),
                        latin_literate=latin,
                        special_needs=SPECIAL,
                        health_notes=SPECIAL,
                        notes=NOTE,
                    )
                    for day, latin in interviews
                ],
            )
        )
    add_cases(cases)
    ids = {c.last_name.removeprefix("Familie"): c.id for c in Case.select(Case.id, Case.last_name)}
    Case.update(status_changed_on=d("07-15")).where(Case.id == ids["C13"]).execute()
    for name, recs in RECOMMENDATIONS.items():
        for created, stage, grade, forms, support in recs:
            add_recommendation(
                dm.Recommendation(
                    case_id=ids[name],
                    created_on=d(created),
                    stage=stage,
                    grade=grade,
                    school_forms=[f for f in forms.split(",") if f],
                    support=[s for s in support.split(",") if s],
                    reasons=[NOTE],
                    rules_version="2025-03-17",
                ),
                None,
            )
    for name, (assigned, form, start) in ASSIGNMENTS.items():
        school = School.select().where(School.schulform == form).order_by(School.schulnummer)
        placement.record_assignment(ids[name], school.first().schulnummer, d(assigned))
        if start:
            placement.record_school_start(ids[name], d(start))
    for day, category, name in REFERRALS:
        offer = Offer.select().where(Offer.category == category).order_by(Offer.title).first()
        offers.refer_case(ids[name], offer.id, d(day), NOTE, today=TODAY)
    return ids
