"""Read-only queries of the gap analysis: the open cases reduced to anonymous demand profiles
and the offers reduced to what matching needs. No names leave this module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee as pw

from ki_desktop.store.models import Case, IntakeInterview, LanguageSkill, Municipality, Offer

CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class DemandProfile:
    birth_date: date | None
    municipality_ags: str
    languages: tuple[str, ...]
    latin_literate: bool | None  # from the latest interview; None without one


@dataclass(frozen=True, slots=True)
class OfferProfile:
    age_min: int | None
    age_max: int | None
    languages: tuple[str, ...]
    municipality_ags: str
    valid_from: date | None
    valid_to: date | None
    text: str  # title, target group and description, for recognising the kind of offer


def open_case_profiles() -> list[DemandProfile]:
    """One profile per case that is not closed."""
    cases = (
        Case.select(Case.id, Case.birth_date, Case.first_language, Municipality.ags.alias("ags"))
        .join(Municipality, pw.JOIN.LEFT_OUTER)
        .where(Case.status != CLOSED)
        .dicts()
    )
    languages: dict[str, set[str]] = {}
    skills = (
        LanguageSkill.select(LanguageSkill.case, LanguageSkill.language)
        .join(Case)
        .where(
            (Case.status != CLOSED)
            & (LanguageSkill.is_family_language | LanguageSkill.is_first_language)
        )
        .tuples()
    )
    for case_id, language in skills:
        languages.setdefault(case_id, set()).add(language)

    # The latest interview of each open case (latest date; ties broken by the newest record).
    latest = (
        IntakeInterview.select(
            IntakeInterview.case,
            pw.fn.MAX(IntakeInterview.held_on).alias("held_on"),
        )
        .join(Case)
        .where(Case.status != CLOSED)
        .group_by(IntakeInterview.case)
    ).alias("latest")
    literate: dict[str, bool | None] = {}
    rows = (
        IntakeInterview.select(IntakeInterview.case, IntakeInterview.latin_literate)
        .join(
            latest,
            on=(
                (IntakeInterview.case == latest.c.case_id)
                & (IntakeInterview.held_on == latest.c.held_on)
            ),
        )
        .order_by(IntakeInterview.created_at)
        .tuples()
    )
    for case_id, value in rows:
        literate[case_id] = value

    profiles = []
    for c in cases:
        langs = set(languages.get(c["id"], ()))
        if c["first_language"]:
            langs.add(c["first_language"])
        profiles.append(
            DemandProfile(
                c["birth_date"], c["ags"] or "", tuple(sorted(langs)), literate.get(c["id"])
            )
        )
    return profiles


def offer_profiles(valid_on: date | None = None) -> list[OfferProfile]:
    """Every offer (with ``valid_on``, only those valid that day)."""
    query = Offer.select(
        Offer.age_min,
        Offer.age_max,
        Offer.languages,
        Municipality.ags.alias("ags"),
        Offer.valid_from,
        Offer.valid_to,
        Offer.title,
        Offer.target_group,
        Offer.description_de,
    ).join(Municipality, pw.JOIN.LEFT_OUTER)
    if valid_on is not None:
        query = query.where(
            (Offer.valid_from.is_null() | (Offer.valid_from <= valid_on))
            & (Offer.valid_to.is_null() | (Offer.valid_to >= valid_on))
        )
    return [
        OfferProfile(
            r["age_min"],
            r["age_max"],
            tuple(c for c in r["languages"].split(",") if c),
            r["ags"] or "",
            r["valid_from"],
            r["valid_to"],
            " ".join((r["title"], r["target_group"], r["description_de"])),
        )
        for r in query.dicts()
    ]


def municipality_names() -> dict[str, str]:
    """AGS → name of every municipality."""
    return dict(Municipality.select(Municipality.ags, Municipality.name).tuples())
