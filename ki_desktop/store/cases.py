"""Case repository: the lazily paged case list and single cases as domain objects.

Reads take ``visible_to`` (a :class:`~ki_desktop.domain.roles.CaseVisibility`): with it only the
cases that user may see are found, filtered in SQL; None means every case (statistics, sync,
retention and the demo data work on all cases).
"""

from __future__ import annotations

import re
from datetime import date

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.domain.model import CaseRow, CaseStatus
from ki_desktop.domain.queries import CaseFilter, CaseSort, Page, birth_dates_for_age
from ki_desktop.domain.roles import CaseVisibility
from ki_desktop.store import dialect
from ki_desktop.store.case_bulk import add_cases as add_cases  # where callers have found it
from ki_desktop.store.models import Case, IntakeInterview, Municipality, SchoolHistory, User

_TOKEN = re.compile(r"\w+", re.UNICODE)


def _fts_query(text: str) -> str | None:
    """Prefix query over every word typed ("ahm sa" finds Ahmad Şahin)."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def hidden_counsellors(visible_to: CaseVisibility) -> list[str]:
    """Ids of the users whose cases ``visible_to`` may not see: those of another team (never
    the user themself, whatever team the session names)."""
    elsewhere = User.select(User.id).where(
        (User.team != visible_to.team) & (User.username != visible_to.username)
    )
    return [user_id for (user_id,) in elsewhere.tuples()]


def visible(visible_to: CaseVisibility) -> pw.Expression | None:
    """The SQL condition "``visible_to`` may see the case": no counsellor, or the counsellor
    is not a known user of another team. None when every case is visible (one team)."""
    hidden = hidden_counsellors(visible_to)
    if not hidden:
        return None
    # one expression over the counsellor column, whose index then covers a count; the few
    # users of other teams as literals
    return pw.fn.COALESCE(Case.counsellor, "").not_in(hidden)


def _only_visible(query: pw.ModelSelect, visible_to: CaseVisibility | None) -> pw.ModelSelect:
    condition = None if visible_to is None else visible(visible_to)
    return query if condition is None else query.where(condition)


def case_visible(case_id: str, visible_to: CaseVisibility | None) -> bool:
    """False only when the case exists and ``visible_to`` may not see it (an unknown id is
    left to the caller's "not found")."""
    condition = None if visible_to is None else visible(visible_to)
    if condition is None:
        return True
    return not Case.select(Case.id).where((Case.id == case_id) & ~condition).exists()


def _filtered(
    query: pw.ModelSelect, flt: CaseFilter, visible_to: CaseVisibility | None = None
) -> pw.ModelSelect:
    query = _only_visible(query, visible_to)
    if flt.status:
        query = query.where(Case.status == flt.status)
    if flt.municipality_ags:
        query = query.where(Municipality.ags == flt.municipality_ags)
    if flt.counsellor:
        query = query.where(User.username == flt.counsellor)
    if flt.age_group:
        earliest, latest = birth_dates_for_age(flt.age_group, flt.today or date.today())
        query = query.where(Case.birth_date <= latest)
        if earliest is not None:
            query = query.where(Case.birth_date >= earliest)
    names = _name_condition(flt.text)
    return query if names is None else query.where(names)


def _name_condition(text: str) -> pw.Node | None:
    """Cases whose names hold every typed word as the start of a word, diacritics and case
    ignored: the FTS5 index ``case_search`` on SQLite, the GIN index over
    ``ki_name_words(first_name, last_name)`` on PostgreSQL (see ``pg_search_schema``; it
    also reads "ß" as "ss")."""
    fts = _fts_query(text)
    if not fts:
        return None
    if dialect.is_server():
        # the matching cases first (OFFSET 0: planned on their own, through the index), not
        # the name test on every case in sort order until a page is full
        named = Case.alias("named")
        words = pw.fn.ki_name_words(named.first_name, named.last_name)
        found = pw.Expression(words, "@@", pw.fn.ki_name_query(text))
        return Case.id.in_(named.select(named.id).where(found).offset(0))
    return pw.SQL('"t1".rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)', (fts,))


def _base() -> pw.ModelSelect:
    return (
        Case.select(
            Case.id,
            Case.last_name,
            Case.first_name,
            Case.birth_date,
            Case.nationality,
            Case.status,
            Case.registered_on,
            Municipality.name.alias("municipality_name"),
            User.display_name.alias("counsellor_name"),
        )
        .join(Municipality, pw.JOIN.LEFT_OUTER, on=(Case.municipality == Municipality.id))
        .switch(Case)
        .join(User, pw.JOIN.LEFT_OUTER, on=(Case.counsellor == User.id))
    )


_SORT_COLUMNS = {
    CaseSort.LAST_NAME: (Case.last_name, Case.first_name),
    CaseSort.FIRST_NAME: (Case.first_name, Case.last_name),
    CaseSort.BIRTH_DATE: (Case.birth_date,),
    CaseSort.NATIONALITY: (Case.nationality,),
    CaseSort.MUNICIPALITY: (Municipality.name,),
    CaseSort.STATUS: (Case.status,),
    CaseSort.REGISTERED_ON: (Case.registered_on,),
    CaseSort.COUNSELLOR: (User.display_name,),
}


def count_cases(flt: CaseFilter = CaseFilter(), visible_to: CaseVisibility | None = None) -> int:
    """How many cases the filter matches (of those ``visible_to`` may see)."""
    if flt == CaseFilter() and visible_to is not None:
        # all cases less the other teams' (found in the counsellor index): three times
        # quicker than checking every case
        count = Case.select(pw.fn.COUNT(pw.SQL("*")))
        hidden = hidden_counsellors(visible_to)
        others = count.where(Case.counsellor.in_(hidden)).scalar() if hidden else 0
        return count.scalar() - others
    query = Case.select(pw.fn.COUNT(pw.SQL("*")))  # any index that covers the filter will do
    if flt.municipality_ags:
        query = query.join(Municipality, on=(Case.municipality == Municipality.id)).switch(Case)
    if flt.counsellor:
        query = query.join(User, on=(Case.counsellor == User.id))
    return _filtered(query, flt, visible_to).scalar() or 0


def case_rows(
    flt: CaseFilter = CaseFilter(),
    page: Page = Page(),
    visible_to: CaseVisibility | None = None,
) -> list[CaseRow]:
    """One page of the case list (of the cases ``visible_to`` may see), sorted; the id is the
    tie-breaker so pages never overlap."""
    columns = _SORT_COLUMNS[page.sort]
    order = [c.desc() if page.descending else c.asc() for c in columns]
    order.append(Case.id)
    query = _filtered(_base(), flt, visible_to)
    query = query.order_by(*order).limit(page.limit).offset(page.offset)
    return [_row(r) for r in query.dicts()]


def _row(r: dict) -> CaseRow:
    return CaseRow(
        id=r["id"],
        last_name=r["last_name"],
        first_name=r["first_name"],
        birth_date=r["birth_date"],
        nationality=r["nationality"],
        municipality=r["municipality_name"] or "",
        status=CaseStatus(r["status"]),
        registered_on=r["registered_on"],
        counsellor=r["counsellor_name"] or "",
    )


def get_case(case_id: str, visible_to: CaseVisibility | None = None) -> dm.Case | None:
    """One case with everything that belongs to it, or None (also when ``visible_to`` may not
    see it)."""
    row = _only_visible(Case.select(), visible_to).where(Case.id == case_id).first()
    if row is None:
        return None
    return dm.Case(
        id=row.id,
        version=row.version,
        first_name=row.first_name,
        last_name=row.last_name,
        birth_date=row.birth_date,
        sex=dm.Sex(row.sex),
        country_of_birth=row.country_of_birth,
        nationality=row.nationality,
        arrival_date=row.arrival_date,
        assignment_date=row.assignment_date,
        registered_on=row.registered_on,
        municipality_ags=row.municipality.ags if row.municipality_id else "",
        address=row.address,
        first_language=row.first_language,
        status=CaseStatus(row.status),
        counsellor=row.counsellor.username if row.counsellor_id else "",
        closed_reason=row.closed_reason,
        guardians=[
            dm.Guardian(
                id=g.id,
                name=g.name,
                relation=g.relation,
                phone=g.phone,
                email=g.email,
                has_custody=g.has_custody,
            )
            for g in row.guardians
        ],
        school_history=[
            dm.SchoolHistoryEntry(
                id=h.id,
                country=h.country,
                school_type=h.school_type,
                year_from=h.year_from,
                year_to=h.year_to,
                grades=h.grades,
                gap_reason=h.gap_reason,
            )
            for h in row.school_history.order_by(SchoolHistory.year_from)
        ],
        languages=[
            dm.LanguageSkill(
                id=s.id,
                language=s.language,
                level=s.level,
                is_family_language=s.is_family_language,
                is_first_language=s.is_first_language,
            )
            for s in row.languages
        ],
        consents=[
            dm.Consent(
                id=c.id, kind=c.kind, given=c.given, given_on=c.given_on, given_by=c.given_by
            )
            for c in row.consents
        ],
        interviews=[
            dm.Interview(
                id=i.id,
                held_on=i.held_on,
                interpreter_needed=i.interpreter_needed,
                interpreter_language=i.interpreter_language,
                latin_literate=i.latin_literate,
                other_scripts=i.other_scripts,
                german_level=i.german_level,
                english_level=i.english_level,
                maths_level=i.maths_level,
                interests=i.interests,
                documents_seen=[d for d in i.documents_seen.split(",") if d],
                literate_other_script=i.literate_other_script,
                special_needs=i.special_needs,
                health_notes=i.health_notes,
                notes=i.notes,
            )
            for i in row.interviews.order_by(IntakeInterview.held_on)
        ],
    )


def rows_born_between(
    first: date, last: date, visible_to: CaseVisibility | None = None
) -> list[CaseRow]:
    """Case-list rows of children born between two dates (inclusive)."""
    query = _only_visible(_base().where(Case.birth_date.between(first, last)), visible_to)
    return [_row(r) for r in query.dicts()]


def rows_with_name_like(
    text: str, limit: int = 500, visible_to: CaseVisibility | None = None
) -> list[CaseRow]:
    """Case-list rows whose names match ``text`` in the full-text index (prefix of each word)."""
    fts = _fts_query(text)
    if not fts:
        return []
    return case_rows(CaseFilter(text=text), Page(limit=limit), visible_to)
