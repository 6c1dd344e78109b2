"""What happens to a demo case after the intake interview: the rules engine's recommendation
(exactly as "Empfehlung übernehmen" stores it), the Schulamt's assignment to a real school of a
recommended form near the child's municipality, the school start, follow-up or closing, and
referrals to offers that fit the child (age, language, municipality).

Waiting times are drawn so that the statistics look like a real KI's: recommendation on the
day of the interview or within a week, assignment after 1–10 weeks (a few wait longer), school
start 3–30 days after the assignment. Nothing is dated after the reference date; a step that
would fall later has not happened yet.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from ki_desktop.domain import model as dm
from ki_desktop.domain.candidates import centre, distance_km
from ki_desktop.domain.placement import Placement, recommend_placement
from ki_desktop.domain.statistics_rules import NO_SCHOOL_PLACE_NEEDED
from ki_desktop.services.database import ServiceError
from ki_desktop.services.placement import placement_input_for_case
from ki_desktop.store.case_steps import CaseProgress

Status = dm.CaseStatus
NEAR_KM = 12.0  # schools of a form farther away than this are chosen only if none is nearer
REFERRAL_NOTES = ("", "", "", "Eltern informiert", "Anmeldung erfolgt", "Termin vereinbart")
FORM_WEIGHTS = (8, 5, 3, 3, 1)  # the first recommended form is assigned most often
GERMAN_FOR_GERMAN_OFFERS = ("A2", "B1", "B2", "C1")
UNREACHABLE = "other: Familie nicht mehr erreichbar"


def days(rng: random.Random, low: int, high: int, mode: int) -> timedelta:
    """A waiting time in days, mostly near ``mode`` with a tail to ``high``."""
    return timedelta(days=round(rng.triangular(low, high, mode)))


def offer_fits(offer: dm.Offer, case: dm.Case, german: str, day: date) -> bool:
    """Could the child be referred to ``offer`` on ``day``: valid then, in the child's
    municipality, for its age, in its first language (or in German when it knows some)?"""
    age = case.age_on(day)
    return (
        offer.municipality_ags == case.municipality_ags
        and (offer.valid_from is None or offer.valid_from <= day)
        and (offer.valid_to is None or day <= offer.valid_to)
        and age is not None
        and (offer.age_min is None or offer.age_min <= age)
        and (offer.age_max is None or age <= offer.age_max)
        and (
            case.first_language in offer.languages
            or ("de" in offer.languages and german in GERMAN_FOR_GERMAN_OFFERS)
        )
    )


@dataclass(slots=True)
class Steps:
    """The stored steps of one case."""

    progress: CaseProgress
    recommendation: tuple[dm.Recommendation, str] | None = None
    referrals: list[tuple[str, str, date, str, str]] = field(default_factory=list)


class Workflow:
    """Plans the steps of demo cases against the loaded schools and offers."""

    def __init__(
        self, reference: date, schools: list[dm.School], offers: list[dm.Offer], seed: int
    ) -> None:
        self.reference = reference
        self.rng = random.Random(f"demo-workflow-{seed}")
        self._schools: dict[str, list[dm.School]] = {}
        by_ags: dict[str, list[dm.School]] = {}
        for school in schools:
            self._schools.setdefault(school.schulform, []).append(school)
            by_ags.setdefault(school.ags, []).append(school)
        self._centres = {ags: centre(group) for ags, group in by_ags.items()}
        self._near: dict[tuple[str, str], list[tuple[float, str]]] = {}
        self._offers: dict[str, list[dm.Offer]] = {}
        for offer in offers:
            self._offers.setdefault(offer.municipality_ags, []).append(offer)

    # -- schools ---------------------------------------------------------------------------

    def near_schools(self, form: str, ags: str) -> list[tuple[float, str]]:
        """(km, Schulnummer) of the three schools of ``form`` nearest to the municipality's
        centre (schools in the municipality count as 0 km when it has no coordinates)."""
        key = (form, ags)
        if key not in self._near:
            origin = self._centres.get(ags)
            ranked = []
            for school in self._schools.get(form, []):
                km = distance_km(school, origin)
                if km is None:
                    km = 0.0 if school.ags == ags else 999.0
                ranked.append((km, school.schulnummer))
            self._near[key] = sorted(ranked)[:3]
        return self._near[key]

    def choose_school(self, forms: list[str], ags: str) -> str:
        """A school the Schulamt could assign: a recommended form (the first most often) with
        a school near the municipality, then one of the nearest schools of that form."""
        options = [(i, self.near_schools(f, ags)) for i, f in enumerate(forms[:5])]
        options = [(i, near) for i, near in options if near]
        if not options:
            return ""
        near = [(i, n) for i, n in options if n[0][0] <= NEAR_KM]
        if not near:  # nothing close: the nearest school of any recommended form
            return min((n[0] for _i, n in options))[1]
        weights = [FORM_WEIGHTS[i] for i, _n in near]
        schools = [s for s in self.rng.choices(near, weights)[0][1] if s[0] <= NEAR_KM]
        return self.rng.choices(schools, (6, 2, 1)[: len(schools)])[0][1]

    # -- one case --------------------------------------------------------------------------

    def plan(self, case: dm.Case) -> Steps:
        """The steps of ``case`` (stored, with an id) up to the reference date."""
        assert case.id is not None and case.registered_on is not None
        steps = Steps(CaseProgress(case.id, Status.REGISTERED, case.registered_on))
        if not case.interviews:
            return steps
        interview = case.interviews[-1]
        self._move(steps, Status.INTERVIEWED, interview.held_on)
        end = self._advance(case, steps, interview.held_on)
        self._refer(case, steps, interview, end)
        return steps

    def _advance(self, case: dm.Case, steps: Steps, talk: date) -> date:
        """Recommendation, assignment, school start; the last day steps may be dated."""
        rng = self.rng
        # The rules' answer depends on the case file and the interview date only, not on the
        # day it is asked for; computed here, it is stored on the day it was accepted.
        placement = self._engine(case, talk)
        if placement is None:
            return self.reference
        if placement.stage == "pre_school":  # nothing to wait for: Kita advice at once
            rec_day = talk
        else:
            chance = rng.random()
            if chance < 0.02:  # moved away soon after the interview
                return self._close(steps, talk + days(rng, 5, 40, 10), "moved_away")
            if chance < 0.06:  # the family did not come back: closed after some months
                return self._close(steps, talk + days(rng, 60, 150, 90), UNREACHABLE)
            later = rng.random()
            if later < 0.4:
                rec_day = talk
            elif later < 0.8 or not case.school_history:
                rec_day = talk + days(rng, 1, 10, 3)
            else:  # school reports from abroad awaited
                rec_day = talk + days(rng, 14, 60, 25)
        if rec_day > self.reference:
            return self.reference
        forms = placement.school_forms
        proposed = self.choose_school(forms, case.municipality_ags) if forms else ""
        rec = dm.Recommendation(
            case_id=steps.progress.case_id,
            created_on=rec_day,
            stage=placement.stage,
            grade=placement.grade,
            school_forms=list(forms),
            support=list(placement.support),
            reasons=list(placement.reasons),
            rules_version=placement.rules_version,
        )
        steps.recommendation = (rec, proposed if rng.random() < 0.7 else "")
        self._move(steps, Status.RECOMMENDED, rec_day)
        if placement.stage in NO_SCHOOL_PLACE_NEEDED or not proposed:
            if rng.random() < 0.85:  # referred to Kita or courses, then closed
                return self._close(steps, rec_day + days(rng, 3, 40, 10), "not_schulpflichtig")
            return self.reference
        wait = days(rng, 70, 130, 90) if rng.random() < 0.05 else days(rng, 5, 70, 18)
        assigned_on = rec_day + wait
        if rng.random() < 0.03:  # moved away while waiting
            return self._close(steps, rec_day + days(rng, 3, 60, 15), "moved_away")
        if assigned_on > self.reference:
            return self.reference
        school = (
            proposed if rng.random() < 0.8 else self.choose_school(forms, case.municipality_ags)
        )
        steps.progress.assigned_school, steps.progress.assigned_on = school, assigned_on
        self._move(steps, Status.ASSIGNED, assigned_on)
        start = assigned_on + days(rng, 3, 30, 8)
        if start > self.reference or rng.random() < 0.02:  # not started (yet)
            return self.reference
        steps.progress.school_start_on = start
        self._move(steps, Status.SCHOOL_STARTED, start)
        if rng.random() < 0.03:
            return self._close(steps, start + days(rng, 20, 200, 60), "moved_away")
        follow_up = start + days(rng, 60, 120, 80)
        if follow_up <= self.reference and rng.random() < 0.9:
            self._move(steps, Status.FOLLOW_UP, follow_up)
        return self.reference

    def _engine(self, case: dm.Case, day: date) -> Placement | None:
        """The rules' recommendation asked for on ``day``, as the recommendation panel does."""
        try:
            return recommend_placement(placement_input_for_case(case, day))
        except ServiceError:
            return None

    def _move(self, steps: Steps, status: dm.CaseStatus, day: date) -> None:
        steps.progress.status, steps.progress.status_changed_on = status, day

    def _close(self, steps: Steps, day: date, reason: str) -> date:
        """Close on ``day`` if that is not after the reference date; the last day for steps."""
        if day > self.reference:
            return self.reference
        self._move(steps, Status.CLOSED, day)
        steps.progress.closed_reason = reason
        return day

    def _refer(self, case: dm.Case, steps: Steps, interview: dm.Interview, end: date) -> None:
        """One to three referrals to fitting offers between the interview and ``end``, tried for
        six in ten counselled children (more than half of them find a fitting offer)."""
        rng = self.rng
        offers = self._offers.get(case.municipality_ags)
        if not offers or rng.random() >= 0.6 or end < interview.held_on:
            return
        chosen: set[str] = set()
        for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
            day = min(interview.held_on + days(rng, 0, 60, 3), end)
            fitting = [
                o
                for o in offers
                if o.id not in chosen and offer_fits(o, case, interview.german_level, day)
            ]
            if not fitting:
                continue
            offer = rng.choice(fitting)
            chosen.add(offer.id or "")
            steps.referrals.append(
                (case.id or "", offer.id or "", day, rng.choice(REFERRAL_NOTES), case.counsellor)
            )
