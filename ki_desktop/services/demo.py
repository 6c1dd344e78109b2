"""Demo data: realistic fictional families, the real schools of Kreis Borken and Kreis
Warendorf (an extract of the official list in ``resources/seed``) and a sample offers catalogue.
Each case tells the story of two years of a KI's work: registration, intake interview, the rules
engine's recommendation, the Schulamt's assignment, school start, follow-up or closing, and
referrals to offers (see :mod:`ki_desktop.services.demo_workflow`).

The generator is deterministic for a given seed and reference date, and fast enough to make
100,000 cases for the benchmarks.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from ki_desktop.domain import model as dm
from ki_desktop.paths import resources_dir
from ki_desktop.services.demo_names import COUNSELLORS, ORIGINS, STREETS, Origin
from ki_desktop.services.demo_workflow import Workflow
from ki_desktop.services.schools import import_school_list
from ki_desktop.store import cases as case_repo
from ki_desktop.store import offers as offer_repo
from ki_desktop.store import schools as school_repo
from ki_desktop.store import users
from ki_desktop.store.case_steps import add_case_steps, new_id

DEMO_KREISE = ("05554", "05570")
SCHOOL_EXTRACT = "seed/schulen-borken-warendorf.csv"
OFFERS_SAMPLE = "seed/angebote-beispiel.json"
Progress = Callable[[int, int], None]


class DemoCancelled(Exception):
    """The user cancelled loading the demo data."""


@dataclass(frozen=True, slots=True)
class DemoReport:
    cases: int
    schools: int
    offers: int
    municipalities: int


def is_database_empty() -> bool:
    """True when there are no cases, schools and offers yet (first start)."""
    return (
        case_repo.count_cases() == 0
        and school_repo.count_schools() == 0
        and offer_repo.count_offers() == 0
    )


def _municipality_weights() -> list[tuple[str, int]]:
    """Municipalities of the demo Kreise, weighted by their number of schools (a size proxy)."""
    counts: dict[str, int] = {}
    for school in school_repo.list_schools():
        if school.ags[:5] in DEMO_KREISE:
            counts[school.ags] = counts.get(school.ags, 0) + 1
    return sorted(counts.items())


COUNSELLING_DAYS = (3, 30, 9)  # registration to the interview: from, to, most often


def generate_cases(
    count: int, seed: int, reference: date, municipalities: list[tuple[str, int]]
) -> Iterator[dm.Case]:
    """``count`` fictional cases registered in the two years before ``reference``, with the
    intake interview where it is due (the later steps: :mod:`~ki_desktop.services.demo_workflow`)."""
    rng = random.Random(seed)
    origins = list(ORIGINS)
    origin_weights = [o.weight for o in origins]
    agss = [a for a, _ in municipalities] or [""]
    ags_weights = [w for _, w in municipalities] or [1]
    for _ in range(count):
        origin: Origin = rng.choices(origins, origin_weights)[0]
        yield _one_case(rng, origin, rng.choices(agss, ags_weights)[0], reference)


def _one_case(rng: random.Random, origin: Origin, ags: str, reference: date) -> dm.Case:
    sex = dm.Sex.FEMALE if rng.random() < 0.47 else dm.Sex.MALE
    first = rng.choice(origin.girls if sex is dm.Sex.FEMALE else origin.boys)
    last = rng.choice(origin.surnames)
    if origin.female_surname_suffix and sex is dm.Sex.FEMALE:
        last += origin.female_surname_suffix[1]
    registered = reference - timedelta(days=rng.randint(0, 730))
    age_years = min(max(int(rng.gauss(11.5, 4)), 4), 21)
    birth = registered - timedelta(days=age_years * 365 + rng.randint(0, 364))
    arrival = registered - timedelta(days=rng.randint(3, 120))
    language = origin.languages[0] if rng.random() < 0.85 else rng.choice(origin.languages)
    case = dm.Case(
        first_name=first,
        last_name=last,
        birth_date=birth,
        sex=sex,
        country_of_birth=origin.country,
        nationality=origin.country,
        arrival_date=arrival,
        assignment_date=arrival + timedelta(days=rng.randint(0, 30))
        if rng.random() < 0.4
        else None,
        registered_on=registered,
        municipality_ags=ags,
        address=f"{rng.choice(STREETS)} {rng.randint(1, 80)}",
        first_language=language,
        counsellor=rng.choice(COUNSELLORS)[0],
    )
    low, high, mode = COUNSELLING_DAYS
    talk = registered + timedelta(days=round(rng.triangular(low, high, mode)))
    if talk <= reference:
        case.status = dm.CaseStatus.INTERVIEWED
        _interview(rng, origin, case, talk, age_years)
    case.guardians.append(
        dm.Guardian(
            name=f"{rng.choice(origin.girls)} {last if not origin.female_surname_suffix else last.rstrip('a') + 'a'}",
            relation="Mutter",
            phone=f"0151 {rng.randint(1000000, 9999999)}",
        )
    )
    if rng.random() < 0.6:
        case.guardians.append(
            dm.Guardian(
                name=f"{rng.choice(origin.boys)} {last.rstrip('a') if origin.female_surname_suffix else last}",
                relation="Vater",
                phone=f"0160 {rng.randint(1000000, 9999999)}",
            )
        )
    case.languages.append(dm.LanguageSkill(language, "", True, True))
    case.consents.append(dm.Consent("data_processing", True, registered, case.guardians[0].name))
    return case


def _interview(rng: random.Random, origin: Origin, case: dm.Case, day: date, age: int) -> None:
    years_possible = max(age - 6, 0)
    interrupted = rng.choice((0, 0, 0, 1, 2)) if years_possible > 2 else 0
    years = max(years_possible - interrupted, 0) if rng.random() > 0.07 else 0
    literate_latin = origin.latin_script or (years >= 3 and rng.random() < 0.6)
    german = rng.choices(("none", "A1", "A2", "B1"), (55, 30, 10, 5))[0]
    case.interviews.append(
        dm.Interview(
            held_on=day,
            interpreter_needed=german in ("none", "A1"),
            interpreter_language=case.first_language if german in ("none", "A1") else "",
            latin_literate=literate_latin if age >= 7 else None,
            german_level=german,
            english_level=rng.choice(("", "A1", "A2", "B1")) if age >= 10 else "",
            maths_level=rng.choice(("altersgemäß", "Grundrechenarten", "kaum Vorkenntnisse")),
            documents_seen=["id", "meldebescheinigung"] + (["zeugnis"] if years else []),
        )
    )
    if years:
        year_to = day.year - (interrupted or 0)
        case.school_history.append(
            dm.SchoolHistoryEntry(
                country=origin.country,
                school_type="primary" if years <= 4 else "lower_secondary",
                year_from=year_to - years,
                year_to=year_to,
                grades=f"1–{years}",
                gap_reason="Flucht" if interrupted else "",
            )
        )
        if origin.languages[0] != "uk" or rng.random() < 0.3:
            return
        case.languages.append(dm.LanguageSkill("en", rng.choice(("A1", "A2")), False, False))


def load_demo_data(
    size: int = 300,
    seed: int = 1,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    reference: date | None = None,
) -> DemoReport:
    """Fill the database with the demo schools, offers, counsellors and ``size`` cases."""
    reference = reference or date.today()
    report = progress or (lambda done, total: None)
    total = size + 2
    schools = import_school_list(resources_dir() / SCHOOL_EXTRACT, user="demo")
    report(1, total)
    users.ensure_users(
        [(u, name, "counsellor") for u, name in COUNSELLORS]
        + [("admin", "Administration", "admin")]
    )
    offers_added = _load_offers()
    _demo_places(seed)
    report(2, total)
    weights = _municipality_weights()
    workflow = Workflow(reference, school_repo.list_schools(), offer_repo.list_offers(), seed)
    batch: list[dm.Case] = []
    done = 0
    for case in generate_cases(size, seed, reference, weights):
        case.id = new_id()
        batch.append(case)
        if len(batch) == 2000:
            if cancelled and cancelled():
                raise DemoCancelled
            done += _store(batch, workflow)
            report(done + 2, total)
    done += _store(batch, workflow)
    report(total, total)
    users.record_event("demo", "demo.load", "", cases=done, seed=seed)
    return DemoReport(done, schools.schools_in_file, offers_added, len(weights))


def _store(batch: list[dm.Case], workflow: Workflow) -> int:
    """Store the cases with their recommendations, school steps and referrals; empties
    ``batch`` and returns the number of cases stored."""
    count = case_repo.add_cases(batch)
    planned = [workflow.plan(case) for case in batch]
    add_case_steps(
        [s.progress for s in planned],
        [s.recommendation for s in planned if s.recommendation],
        [r for s in planned for r in s.referrals],
    )
    batch.clear()
    return count


def _demo_places(seed: int) -> None:
    """Fictional Erstförderung places (total and free) for about half of the demo schools,
    where the KI has not entered any yet."""
    rng = random.Random(seed)
    for school in school_repo.list_schools():
        if school.erstfoerderung_places or school.schulform not in (
            "02",
            "04",
            "10",
            "14",
            "15",
            "20",
            "30",
        ):
            continue
        if rng.random() < 0.5:
            places = rng.choice((8, 10, 12, 15, 18, 20))
            school_repo.update_ki_data(
                school.schulnummer, places, rng.randint(0, places // 2), "", ""
            )


def _load_offers() -> int:
    if offer_repo.count_offers():
        return 0
    data = json.loads((resources_dir() / OFFERS_SAMPLE).read_text(encoding="utf-8"))
    providers = [dm.Provider(**p) for p in data["providers"]]
    offers = [
        dm.Offer(
            title=o["title"],
            category=o["category"],
            provider_name=o["provider"],
            age_min=o["age_min"],
            age_max=o["age_max"],
            target_group=o["target_group"],
            languages=o["languages"],
            free_of_charge=o["free_of_charge"],
            municipality_ags=o["municipality_ags"],
            address=o["address"],
            latitude=o.get("latitude"),
            longitude=o.get("longitude"),
            schedule=o["schedule"],
            accessibility=o.get("accessibility", ""),
            description_de=o["description_de"],
            descriptions=o.get("descriptions", {}),
            valid_from=date.fromisoformat(o["valid_from"]) if o["valid_from"] else None,
            valid_to=date.fromisoformat(o["valid_to"]) if o["valid_to"] else None,
        )
        for o in data["offers"]
    ]
    return offer_repo.add_offers(offers, providers)
