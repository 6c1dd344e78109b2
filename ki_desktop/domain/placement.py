"""The placement recommendation: Schulpflicht, stage, grade, Erstförderung and school forms,
each step with the rule that produced it.

Every threshold comes from the dated rule set in force on the counselling date
(``ki_desktop.domain.rules``); the reasons name the rule ("R3 …") and its legal source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from ki_desktop.domain.placement_input import LEVELS, PlacementInput
from ki_desktop.domain.rules import RuleSet, rules_for


@dataclass(slots=True)
class Placement:
    compulsory_schooling: str  # not_yet | full_time | vocational | none
    compulsory_from: date | None
    compulsory_until: date | None
    stage: str  # pre_school | primary | secondary_1 | vocational_college | adult_education
    grade: int | None
    grade_by_age: int | None
    school_year: str  # "2026/27"
    support: list[str]
    support_months: int | None
    school_forms: list[str]
    reasons: list[str]
    rules_version: str
    schools: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        """The JSON object of the ``recommend`` contract."""
        return {
            "compulsory_schooling": self.compulsory_schooling,
            "compulsory_from": self.compulsory_from.isoformat() if self.compulsory_from else None,
            "compulsory_until": self.compulsory_until.isoformat()
            if self.compulsory_until
            else None,
            "stage": self.stage,
            "grade": self.grade,
            "grade_by_age": self.grade_by_age,
            "school_year": self.school_year,
            "support": list(self.support),
            "support_months": self.support_months,
            "school_forms": list(self.school_forms),
            "schools": list(self.schools),
            "reasons": list(self.reasons),
            "rules_version": self.rules_version,
        }


def _on(year: int, month_day: tuple[int, int]) -> date:
    return date(year, *month_day)


def age_on(birth: date, day: date) -> int:
    """Completed years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _birthday(birth: date, age: int) -> date:
    try:
        return birth.replace(year=birth.year + age)
    except ValueError:  # 29 February
        return date(birth.year + age, 3, 1)


def _fmt(day: date) -> str:
    return day.strftime("%d.%m.%Y")


class _Reasons(list):
    def add(self, rule: str, text: str) -> None:
        self.append(f"{rule}: {text}")


def _school_year_start(day: date, rules: RuleSet, reasons: _Reasons) -> date:
    """Start of the school year the placement is for (the coming one when counselling falls
    in the weeks before 1 August)."""
    start_this = _on(day.year, rules.school_year_start)
    if day >= start_this:
        return start_this
    if day >= _on(day.year, rules.plan_next_school_year_from):
        reasons.add(
            "R0 Planungszeitraum",
            f"Beratung am {_fmt(day)} nach dem {rules.plan_next_school_year_from[1]:02d}."
            f"{rules.plan_next_school_year_from[0]:02d}.: die Empfehlung gilt für das kommende "
            f"Schuljahr ab {_fmt(start_this)}.",
        )
        return start_this
    return _on(day.year - 1, rules.school_year_start)


def recommend_placement(inp: PlacementInput, rules: RuleSet | None = None) -> Placement:
    """The recommendation for one child, with a reason for every decision."""
    rules = rules or rules_for(inp.counselling_date)
    reasons = _Reasons()
    sy_start = _school_year_start(inp.counselling_date, rules, reasons)
    placement_day = max(inp.counselling_date, sy_start)
    school_year = f"{sy_start.year}/{(sy_start.year + 1) % 100:02d}"
    birth = inp.birth_date
    age = age_on(birth, placement_day)

    # -- Schulpflicht ---------------------------------------------------------------------
    cutoff = rules.school_entry_cutoff
    turns_entry_age = _birthday(birth, rules.entry_age)
    entry_year = (
        turns_entry_age.year
        if (turns_entry_age.month, turns_entry_age.day) <= cutoff
        else turns_entry_age.year + 1
    )
    entry_start = _on(entry_year, rules.school_year_start)
    full_time_end = _on(entry_year + rules.full_time_years, rules.school_year_start) - timedelta(
        days=1
    )
    adult = _birthday(birth, rules.vocational_until_age)
    sy_of_adult = (
        adult.year if adult >= _on(adult.year, rules.school_year_start) else adult.year - 1
    )
    vocational_end = _on(sy_of_adult + 1, rules.school_year_start) - timedelta(days=1)

    compulsory_from: date | None = None
    if placement_day < entry_start:
        compulsory, compulsory_from, until = "not_yet", entry_start, None
        reasons.add(
            "R1 Beginn der Schulpflicht (§ 35 SchulG NRW)",
            f"wird {rules.entry_age} am {_fmt(turns_entry_age)}; schulpflichtig ab {_fmt(entry_start)} "
            f"(Stichtag {cutoff[1]:02d}.{cutoff[0]:02d}.).",
        )
    elif placement_day <= full_time_end:
        compulsory, until = "full_time", full_time_end
        reasons.add(
            "R2 Vollzeitschulpflicht (§ 37 SchulG NRW)",
            f"Schulpflicht seit {_fmt(entry_start)}, {rules.full_time_years} Schuljahre, "
            f"also bis {_fmt(full_time_end)}.",
        )
    elif placement_day <= vocational_end:
        compulsory, until = "vocational", vocational_end
        reasons.add(
            "R3 Schulpflicht in der Sekundarstufe II (§ 38 SchulG NRW)",
            f"Vollzeitschulpflicht endete am {_fmt(full_time_end)}; schulpflichtig bis zum Ende des "
            f"Schuljahres, in dem {rules.vocational_until_age} Jahre erreicht werden "
            f"({_fmt(adult)}): bis {_fmt(vocational_end)}.",
        )
    elif inp.vocational_training_contract and age < rules.training_contract_before_age:
        compulsory, until = "vocational", None
        reasons.add(
            "R4 Ausbildungsverhältnis (§ 38 SchulG NRW)",
            f"Ausbildung beginnt vor dem {rules.training_contract_before_age}. Geburtstag: "
            "schulpflichtig (Berufskolleg) bis zum Ende der Ausbildung.",
        )
    else:
        compulsory, until = "none", vocational_end
        reasons.add(
            "R3 Ende der Schulpflicht (§ 38 SchulG NRW)",
            f"Die Schulpflicht endete am {_fmt(vocational_end)} (Ende des Schuljahres, in dem "
            f"{rules.vocational_until_age} Jahre erreicht wurden).",
        )
    if (
        inp.asylum_assigned_date
        and inp.asylum_assigned_date > placement_day
        and compulsory in ("full_time", "vocational")
    ):
        compulsory_from = inp.asylum_assigned_date
        compulsory = "not_yet"
        reasons.add(
            "R5 Zuweisung (§ 34 Abs. 6 SchulG NRW)",
            f"Kinder von Asylsuchenden werden mit der Zuweisung an eine Gemeinde schulpflichtig, "
            f"hier ab {_fmt(inp.asylum_assigned_date)}; ein Schulbesuch ist vorher möglich.",
        )

    # -- stage and grade ------------------------------------------------------------------
    grade = grade_by_age = None
    age_at_cutoff = age_on(birth, _on(sy_start.year, cutoff))
    if compulsory == "not_yet" and placement_day < entry_start:
        stage = "pre_school"
    elif compulsory == "none" and not inp.vocational_training_contract:
        stage = "adult_education"
        reasons.add(
            "R13 Ab 18 ohne Schulpflicht",
            f"{age} Jahre alt: Wege sind Weiterbildungskolleg, (Jugend-)Integrationskurs "
            f"(unter {rules.integration_course_below_age}), Berufskolleg mit Ausbildungsvertrag, "
            "Angebote der Agentur für Arbeit.",
        )
    elif (
        compulsory == "none"
        or placement_day > full_time_end
        or inp.vocational_training_contract
        and age >= 16
    ):
        stage = "vocational_college"
        reasons.add("R8 Stufe", "Sekundarstufe II: Berufskolleg.")
    else:
        grade_by_age = age_at_cutoff - rules.grade_age_offset
        reasons.add(
            "R6 Jahrgang nach Alter",
            f"Alter am {cutoff[1]:02d}.{cutoff[0]:02d}.{sy_start.year}: {age_at_cutoff} Jahre, "
            f"minus {rules.grade_age_offset} ergibt Klasse {grade_by_age}.",
        )
        grade = min(max(grade_by_age, 1), rules.highest_grade)
        lowering = _grade_lowering(inp, grade, rules, reasons)
        grade = max(grade - lowering, 1)
        stage = "primary" if grade <= 4 else "secondary_1"
        reasons.add(
            "R8 Stufe",
            f"Klasse {grade}: {'Primarstufe (Grundschule, Klassen 1–4)' if stage == 'primary' else 'Sekundarstufe I (Klassen 5–10)'}.",
        )

    support, months = _support(inp, stage, grade, age, placement_day, sy_start, rules, reasons)
    forms = _school_forms(inp, stage, grade, rules, reasons)
    return Placement(
        compulsory_schooling=compulsory,
        compulsory_from=compulsory_from,
        compulsory_until=until,
        stage=stage,
        grade=grade,
        grade_by_age=grade_by_age,
        school_year=school_year,
        support=support,
        support_months=months,
        school_forms=forms,
        reasons=list(reasons),
        rules_version=rules.rules_version,
    )


def _grade_lowering(inp: PlacementInput, grade: int, rules: RuleSet, reasons: _Reasons) -> int:
    """At most ``max_grade_lowering``: for long interruptions or missing schooling."""
    if grade <= 1:
        return 0
    why = []
    if (inp.schooling_interrupted_years or 0) >= rules.lower_grade_interrupted_years:
        why.append(f"Schulbesuch {inp.schooling_interrupted_years:g} Jahre unterbrochen")
    years = inp.schooling_years
    expected = grade - 1
    if years is not None and expected - years >= rules.lower_grade_missing_years:
        why.append(
            "kein Schulbesuch" if years == 0 else f"{years:g} statt {expected} Schuljahre besucht"
        )
    if not why:
        return 0
    step = min(1, rules.max_grade_lowering)
    reasons.add(
        "R7 Absenkung um eine Stufe",
        f"{' und '.join(why)}: eine Klasse tiefer (höchstens {rules.max_grade_lowering}).",
    )
    return step


def _needs_alphabetisation(
    inp: PlacementInput, stage: str, grade: int | None, rules: RuleSet
) -> str | None:
    if stage in ("pre_school", "adult_education"):
        return None
    if stage in ("primary", "secondary_1") and (grade or 0) < rules.alphabetisation_min_grade:
        return None
    if inp.latin_literate is False:
        if inp.literate_other_script:
            return "liest und schreibt nur in einer anderen Schrift, nicht in lateinischer Schrift"
        return "kann nicht in lateinischer Schrift lesen und schreiben"
    if inp.latin_literate is None and inp.schooling_years == 0:
        return "hat keine Schule besucht"
    return None


def _support(
    inp: PlacementInput,
    stage: str,
    grade: int | None,
    age: int,
    day: date,
    sy_start: date,
    rules: RuleSet,
    reasons: _Reasons,
) -> tuple[list[str], int | None]:
    if stage == "pre_school":
        return [], None
    level = inp.german_level or "none"
    if LEVELS.index(level) >= LEVELS.index(rules.sufficient_german) and stage != "adult_education":
        reasons.add(
            "R16 Ausreichende Deutschkenntnisse (BASS 13-63 Nr. 3)",
            f"Deutsch auf Niveau {level}: {rules.sufficient_german} gilt als ausreichend, keine Erstförderung.",
        )
        return [], 0
    support: list[str] = []
    alpha = _needs_alphabetisation(inp, stage, grade, rules)
    if alpha:
        support.append("alphabetisation_group")
        reasons.add(
            "R9 Erstalphabetisierung (BASS 13-63 Nr. 3)",
            f"{alpha}: zuerst bis zu {rules.alphabetisation_months} Monate Lerngruppe zur "
            "Erstalphabetisierung, danach Deutschförderung ab A1.",
        )
    if stage == "adult_education":
        if age < rules.integration_course_below_age:
            support.append("integration_course")
            reasons.add(
                "R12 Integrationskurs",
                f"unter {rules.integration_course_below_age}: Jugendintegrationskurs.",
            )
        low, high = rules.fit_fuer_mehr_ages
        if low <= age <= high:
            support.append("fit_fuer_mehr")
            reasons.add(
                "R12 Fit für mehr (BASS 13-63 Nr. 4)",
                f"für {low}–{high}-Jährige (Regeln {rules.rules_version}).",
            )
        return support, None
    if stage == "vocational_college":
        low, high = rules.ifk_ages
        if not low <= age <= high and not inp.vocational_training_contract:
            support.append("integrative")
            return support, rules.support_months
        if inp.vocational_training_contract:
            support.append("integrative")
            reasons.add(
                "R10 Form der Erstförderung", "Fachklasse am Berufskolleg mit Deutschförderung."
            )
            return support, rules.support_months
        direct_until = _on(sy_start.year, rules.ifk_direct_entry_until)
        fit_low, fit_high = rules.fit_fuer_mehr_ages
        months = 12
        if day > direct_until and fit_low <= age <= fit_high:
            support.append("fit_fuer_mehr")
            rest = (sy_start.year + 1 - day.year) * 12 + 7 - day.month + 1
            months += max(rest, 0)
            reasons.add(
                "R12 Fit für mehr (BASS 13-63 Nr. 4)",
                f"Einstieg während des Schuljahres (nach dem {_fmt(direct_until)}), {age} Jahre "
                f"(Zielgruppe {fit_low}–{fit_high} nach Regeln {rules.rules_version}): „Fit für mehr“ "
                "bis zum Ende des Schuljahres, danach die Internationale Förderklasse.",
            )
        support.append("international_support_class")
        reasons.add(
            "R12 Internationale Förderklasse (BASS 13-63 Nr. 3)",
            f"{age} Jahre, Sekundarstufe II: IFK am Berufskolleg, ein Jahr Vollzeit ab 1. August; "
            "Erster Schulabschluss möglich.",
        )
        return support, months
    form = (
        rules.primary_support
        if stage == "primary"
        else rules.secondary_support.get(level, "part_integrative")
    )
    support.append(form)
    names = {
        "integrative": "integrativ (Regelklasse mit zusätzlichem Deutschunterricht)",
        "part_integrative": "teilintegrativ (Regelklasse und Deutschfördergruppe)",
        "separate_group": "Deutschfördergruppe, schrittweise in die Regelklasse",
    }
    reasons.add(
        "R10 Form der Erstförderung",
        f"Deutsch {level}, {'Primarstufe' if stage == 'primary' else 'Sekundarstufe I'}: {names[form]}.",
    )
    months = rules.support_months_with_alphabetisation if alpha else rules.support_months
    reasons.add(
        "R11 Dauer der Erstförderung",
        f"in der Regel bis zu {months // 12} Jahre{' (mit Alphabetisierung)' if alpha else ''}, Ziel Niveau {rules.sufficient_german}.",
    )
    return support, months


def _school_forms(
    inp: PlacementInput, stage: str, grade: int | None, rules: RuleSet, reasons: _Reasons
) -> list[str]:
    if stage == "pre_school":
        reasons.add(
            "R14 Schulformen",
            "noch nicht schulpflichtig: Kita / Elternangebote (z. B. Griffbereit, Rucksack KiTa).",
        )
        return []
    key = stage
    if stage == "secondary_1" and (
        inp.school_type_abroad in ("upper_secondary_academic", "upper_secondary_general")
        or (inp.last_grade_abroad or 0) >= (grade or 0)
        and (inp.english_level or "none") in ("B1", "B2", "C1")
    ):
        key = "secondary_1_academic"
    forms = list(rules.school_forms[key])
    if stage == "adult_education" and inp.vocational_training_contract:
        forms.append("30")
    explanation = {
        "primary": "nächstgelegene Grundschule",
        "secondary_1": "Schulen mit allen Abschlüssen zuerst (Gesamtschule, Sekundarschule), dann Haupt-, Real-, Gymnasium",
        "secondary_1_academic": "gymnasiale Schullaufbahn im Herkunftsland oder gute Vorkenntnisse: Gesamtschule und Gymnasium zuerst",
        "vocational_college": "Berufskolleg",
        "adult_education": "Weiterbildungskolleg",
    }[key]
    if inp.special_needs:
        forms += [f for f in rules.school_forms["special_needs_extra"] if f not in forms]
        reasons.add(
            "R15 Sonderpädagogischer Förderbedarf",
            "wird gesondert festgestellt (AO-SF); gemeinsames Lernen an der Regelschule vorrangig, Förderschule nachrangig.",
        )
    reasons.add("R14 Schulformen", f"{explanation}: {', '.join(forms)}.")
    return forms
