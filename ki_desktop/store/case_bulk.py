"""Many new cases at once (demo data, benchmarks, tests): bulk inserts in one transaction."""

from __future__ import annotations

from ki_desktop.domain import model as dm
from ki_desktop.store.models import (
    DB,
    Case,
    Consent,
    Guardian,
    IntakeInterview,
    LanguageSkill,
    Municipality,
    SchoolHistory,
    User,
    new_id,
)
from ki_desktop.store.records import bulk_insert, stamp


def add_cases(cases: list[dm.Case], chunk: int = 2000) -> int:
    """Insert many new cases with their guardians, interviews, schooling, languages and
    consents, fast (bulk inserts in one transaction); returns the number of cases."""
    users = {u.username: u.id for u in User.select(User.id, User.username)}
    munis = {m.ags: m.id for m in Municipality.select(Municipality.id, Municipality.ags)}
    tables: dict[type, list[dict]] = {
        Case: [],
        Guardian: [],
        IntakeInterview: [],
        SchoolHistory: [],
        LanguageSkill: [],
        Consent: [],
    }

    def flush() -> None:
        for model, rows in tables.items():
            bulk_insert(model, rows)
            rows.clear()

    with DB.atomic():
        for n, case in enumerate(cases, 1):
            sync = stamp()
            case_id = case.id or new_id()
            counsellor = users.get(case.counsellor)
            tables[Case].append(
                {
                    **sync,
                    "id": case_id,
                    "first_name": case.first_name,
                    "last_name": case.last_name,
                    "birth_date": case.birth_date,
                    "sex": case.sex.value,
                    "country_of_birth": case.country_of_birth,
                    "nationality": case.nationality,
                    "arrival_date": case.arrival_date,
                    "assignment_date": case.assignment_date,
                    "registered_on": case.registered_on,
                    "municipality": munis.get(case.municipality_ags),
                    "address": case.address,
                    "first_language": case.first_language,
                    "status": case.status.value,
                    "status_changed_on": case.registered_on,
                    "counsellor": counsellor,
                    "closed_reason": "",
                }
            )
            for g in case.guardians:
                tables[Guardian].append(
                    {
                        **sync,
                        "id": new_id(),
                        "case": case_id,
                        "name": g.name,
                        "relation": g.relation,
                        "phone": g.phone,
                        "email": g.email,
                        "has_custody": g.has_custody,
                    }
                )
            for i in case.interviews:
                tables[IntakeInterview].append(
                    {
                        **sync,
                        "id": new_id(),
                        "case": case_id,
                        "held_on": i.held_on,
                        "counsellor": counsellor,
                        "interpreter_needed": i.interpreter_needed,
                        "interpreter_language": i.interpreter_language,
                        "latin_literate": i.latin_literate,
                        "other_scripts": i.other_scripts,
                        "german_level": i.german_level,
                        "english_level": i.english_level,
                        "maths_level": i.maths_level,
                        "interests": i.interests,
                        "documents_seen": ",".join(i.documents_seen),
                    }
                )
            for h in case.school_history:
                tables[SchoolHistory].append(
                    {
                        **sync,
                        "id": new_id(),
                        "case": case_id,
                        "country": h.country,
                        "school_type": h.school_type,
                        "year_from": h.year_from,
                        "year_to": h.year_to,
                        "grades": h.grades,
                        "gap_reason": h.gap_reason,
                    }
                )
            for lang in case.languages:
                tables[LanguageSkill].append(
                    {
                        **sync,
                        "id": new_id(),
                        "case": case_id,
                        "language": lang.language,
                        "level": lang.level,
                        "is_family_language": lang.is_family_language,
                        "is_first_language": lang.is_first_language,
                    }
                )
            for c in case.consents:
                tables[Consent].append(
                    {
                        **sync,
                        "id": new_id(),
                        "case": case_id,
                        "kind": c.kind,
                        "given": c.given,
                        "given_on": c.given_on,
                        "given_by": c.given_by,
                    }
                )
            if n % chunk == 0:
                flush()
        flush()
    return len(cases)
