"""The aggregates of the monthly and quarterly statistics, computed in SQL.

One statement gives every figure of a report for the period and the one before it. The facts
of each counselled case (first session in the period, age, latest recommendation) and of each
case placed or waiting are found once (``MATERIALIZED`` common table expressions); every
breakdown is then a GROUP BY over these small sets or over a cube of them, look-ups of
municipalities, schools and offers happen once per group, medians and percentiles come from
window functions over histograms, and only the grouped rows reach Python. No name, address,
note or special-category column is read here. SQLite and PostgreSQL get the same statement
but for the pieces of ``store.statistics_sql``.

Sorting and B-tree look-ups are what the statement costs; the indexes that make it fast are
``intake_interview (held_on, case_id, latin_literate)``, ``intake_interview (case_id,
held_on)``, ``recommendation (case_id, created_on, created_at)`` and ``recommendation
(created_on)``. The results do not depend on them.

Rows of the result: (dimension, key, period, value) with period 0 = the reported period and
1 = the period before; see :data:`DIMENSIONS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from datetime import date
from functools import lru_cache

from ki_desktop.domain.model import CaseStatus
from ki_desktop.domain.queries import AGE_GROUPS
from ki_desktop.domain.statistics import Period
from ki_desktop.domain.statistics_rules import (
    NO_RECOMMENDATION,
    NO_SCHOOL_PLACE_NEEDED,
    STAGE_RULES,
    WAITING_BUCKETS,
    nearest_rank,
)
from ki_desktop.store import dialect
from ki_desktop.store.models import DB, Municipality
from ki_desktop.store.statistics_sql import POSTGRESQL, SQLITE, SqliteSql

PLACED = (CaseStatus.ASSIGNED, CaseStatus.SCHOOL_STARTED, CaseStatus.FOLLOW_UP)
CLOSED = CaseStatus.CLOSED.value


def _latest_recommendation(case: str, on: str, expression: str) -> str:
    """``expression`` (over ``x``) of the case's latest recommendation made on or before ``on``."""
    return (
        f"(SELECT {expression} FROM recommendation x WHERE x.case_id = {case}"
        f" AND x.created_on <= {on} ORDER BY x.created_on DESC, x.created_at DESC LIMIT 1)"
    )


def _join_latest(q: SqliteSql, case: str, on: str) -> str:
    """Joins the case's latest recommendation up to ``on`` as ``r``: one index look-up per
    row (by rowid on SQLite, laterally on PostgreSQL)."""
    if q.lateral:
        latest = _latest_recommendation(case, on, "x.stage, x.grade, x.support")
        return f"LEFT JOIN LATERAL {latest} r ON TRUE"
    return f"LEFT JOIN recommendation r ON r.rowid = {_latest_recommendation(case, on, 'x.rowid')}"


def _age_group(age: str) -> str:
    whens = " ".join(
        f"WHEN {age} >= {low}"
        + ("" if high is None else f" AND {age} <= {high}")
        + f" THEN '{key}'"
        for key, (low, high) in AGE_GROUPS.items()
    )
    return f"(CASE {whens} ELSE '' END)"


def _stage_group(stage: str, grade: str) -> str:
    whens = []
    for code, low, high, group in STAGE_RULES:
        test = f"{stage} = '{code}'"
        if low is not None:
            test += f" AND {grade} >= {low}"
        if high is not None:
            test += f" AND {grade} <= {high}"
        whens.append(f"WHEN {test} THEN '{group}'")
    return f"(CASE {' '.join(whens)} ELSE '{NO_RECOMMENDATION}' END)"


def _bucket(days: str) -> str:
    whens = " ".join(
        f"WHEN {days} >= {low}"
        + ("" if high is None else f" AND {days} <= {high}")
        + f" THEN '{key}'"
        for key, low, high in WAITING_BUCKETS
    )
    return f"(CASE {whens} ELSE '' END)"


_PLACED = ", ".join(f"'{s.value}'" for s in PLACED)
_NOT_NEEDED = ", ".join(f"'{s}'" for s in NO_SCHOOL_PLACE_NEEDED)


def _unplaced(q: SqliteSql, day: str) -> str:
    """Registered by ``day`` and without a school place on it, neither placed without dates
    nor closed by then."""
    return (
        f"({q.bare('registered_on')} <= {day}"
        f" AND (assigned_on IS NULL OR {q.bare('assigned_on')} > {day})"
        f" AND (school_start_on IS NULL OR {q.bare('school_start_on')} > {day})"
        f" AND NOT (assigned_on IS NULL AND school_start_on IS NULL AND status IN ({_PLACED}))"
        f" AND NOT (status = '{CLOSED}' AND {q.not_after('status_changed_on', day)}))"
    )


def _per_period(q: SqliteSql, table: str, column: str) -> str:
    """How many ``table`` rows have ``column`` in each period, in one pass without sorting."""
    return (
        f"SELECT {q.count_if(f'{q.bare(column)} >= :cs')} AS n0,"
        f" {q.count_if(f'{q.bare(column)} < :cs')} AS n1 FROM {table}"
        f" WHERE {q.in_periods(column, indexed=True)}"
    )


def _ctes(q: SqliteSql) -> dict[str, str]:
    alpha = q.count_if("',' || r.support || ',' LIKE '%,alphabetisation_group,%'")
    return {
        # cases counselled in each period: first session there, sessions, not Latin-literate
        "iv": f"""SELECT {q.period_of("held_on")} AS period, case_id, MIN(held_on) AS first_on,
        COUNT(*) AS n, {q.any_false("latin_literate")} AS not_latin
        FROM intake_interview WHERE {q.in_periods("held_on", indexed=True)} GROUP BY 2, 1""",
        # ... with the facts of the case (age on the first session there)
        "pop": f"""SELECT p.period, p.case_id, p.first_on, p.n, p.not_latin, c.sex, c.nationality,
        c.first_language, c.municipality_id, {q.age("p.first_on", "c.birth_date")} AS age,
        c.registered_on FROM iv p JOIN "case" c ON c.id = p.case_id""",
        # ... counted once per combination of sex, nationality, language, age group and the
        # stage group of the latest recommendation up to the end of the period (far fewer rows
        # than cases; each of these breakdowns sums it up)
        "cube": f"""SELECT p.period, p.sex, p.nationality, p.first_language,
        {_age_group("p.age")} AS age_group, {_stage_group("r.stage", "r.grade")} AS stage_group,
        COUNT(*) AS k, SUM(p.n) AS sessions, SUM(p.not_latin) AS not_latin, {alpha} AS alpha
        FROM pop p {_join_latest(q, "p.case_id", "(CASE p.period WHEN 0 THEN :ce ELSE :pe END)")}
        GROUP BY 3, 4, 5, 6, 2, 1""",
        # one pass over the cases: every case that may be assigned or have started school in
        # the periods or be without a school place on a reference date (a cheap superset)
        "cases": f"""SELECT id, registered_on, assigned_on, school_start_on, status,
        status_changed_on, assigned_school_id,
        CASE WHEN {q.in_periods("assigned_on")} THEN {q.period_of("assigned_on")} END AS ap,
        CASE WHEN {q.in_periods("school_start_on")} THEN {q.period_of("school_start_on")}
            END AS sp
        FROM "case" WHERE {q.either_from("assigned_on", "school_start_on", ":lo")}""",
        "placed": f"""SELECT ap, sp,
        CASE WHEN ap IS NOT NULL THEN {q.days("assigned_on", "registered_on")} END AS a_days,
        CASE WHEN sp IS NOT NULL THEN {q.days("school_start_on", "registered_on")} END AS s_days,
        assigned_school_id, CASE WHEN ap IS NOT NULL THEN COALESCE({
            _latest_recommendation("c.id", "c.assigned_on", q.first_form("x.school_forms"))
        }, '') END AS recommended
        FROM cases c WHERE ap IS NOT NULL OR sp IS NOT NULL""",
        # assignments by recommended and assigned school form (one look-up per school)
        "forms": """SELECT g.ap, g.recommended, COALESCE(s.schulform, '') AS assigned, g.k
        FROM (SELECT ap, recommended, assigned_school_id, COUNT(*) AS k FROM placed
            WHERE ap IS NOT NULL GROUP BY 3, 2, 1) g
        LEFT JOIN school s ON s.id = g.assigned_school_id""",
        # children without a school place on each reference date, days since registration
        "waiting": f"""SELECT r.period, {q.days("r.ref", "c.registered_on")} AS days
        FROM cases c CROSS JOIN (SELECT 0 AS period, :cr AS ref UNION ALL SELECT 1, :pr) r
        WHERE {_unplaced(q, "r.ref")}
        AND COALESCE({_latest_recommendation("c.id", "r.ref", "x.stage")}, '')
            NOT IN ({_NOT_NEEDED})""",
        # days as a histogram (few distinct values) per span and period, with running totals;
        # days to counselling only where the case was first counselled ever
        "ranked": f"""SELECT span, period, days,
        {q.whole("SUM(k) OVER (PARTITION BY span, period ORDER BY days)")} AS upto,
        {q.whole("SUM(k) OVER (PARTITION BY span, period)")} AS n
        FROM (SELECT 'to_counselling' AS span, p.period,
            {q.days("p.first_on", "p.registered_on")} AS days, COUNT(*) AS k FROM pop p
            WHERE NOT EXISTS (SELECT 1 FROM intake_interview j
                WHERE j.case_id = p.case_id AND j.held_on < p.first_on) GROUP BY 2, 3
        UNION ALL SELECT 'to_assignment', ap, a_days, COUNT(*) FROM placed
            WHERE ap IS NOT NULL GROUP BY 2, 3
        UNION ALL SELECT 'to_school_start', sp, s_days, COUNT(*) FROM placed
            WHERE sp IS NOT NULL GROUP BY 2, 3
        UNION ALL SELECT 'still_waiting', period, days, COUNT(*) FROM waiting GROUP BY 2, 3) h
        WHERE days >= 0""",
        "new_cases": _per_period(q, '"case"', "registered_on"),
        "new_recommendations": _per_period(q, "recommendation", "created_on"),
    }


def _rank(percent: int) -> str:
    """The nearest rank of ``percent`` in SQL (as :func:`nearest_rank`)."""
    assert nearest_rank(10, percent) == -(-percent * 10 // 100)
    return f"(({percent} * n + 99) / 100)"


def _overview_count(key: str, cte: str) -> str:
    return (
        f"SELECT 'overview', '{key}', 0, n0 FROM {cte} WHERE n0 > 0"
        f" UNION ALL SELECT 'overview', '{key}', 1, n1 FROM {cte} WHERE n1 > 0"
    )


def _arms(q: SqliteSql) -> dict[str, str]:
    return {
        "stage": "SELECT 'stage', stage_group, period, SUM(k) FROM cube GROUP BY 2, 3",
        "age": "SELECT 'age', age_group, period, SUM(k) FROM cube GROUP BY 2, 3",
        "sex": "SELECT 'sex', sex, period, SUM(k) FROM cube GROUP BY 2, 3",
        "nationality": "SELECT 'nationality', nationality, period, SUM(k) FROM cube GROUP BY 2, 3",
        "language": "SELECT 'language', first_language, period, SUM(k) FROM cube GROUP BY 2, 3",
        # one look-up per municipality, not per case
        "municipality": """SELECT 'municipality', COALESCE(m.ags, ''), g.period, SUM(g.k)
            FROM (SELECT municipality_id, period, COUNT(*) AS k FROM pop GROUP BY 1, 2) g
            LEFT JOIN municipality m ON m.id = g.municipality_id GROUP BY 2, 3""",
        "counselled": "SELECT 'overview', 'counselled', period, SUM(k) FROM cube GROUP BY 3"
        " UNION ALL SELECT 'overview', 'sessions', period, SUM(sessions) FROM cube GROUP BY 3"
        " UNION ALL SELECT 'alphabetisation', 'not_latin', period, SUM(not_latin) FROM cube"
        " GROUP BY 3"
        " UNION ALL SELECT 'alphabetisation', 'group', period, SUM(alpha) FROM cube GROUP BY 3",
        "new": _overview_count("new", "new_cases"),
        "placed": "SELECT 'overview', 'assigned', ap, SUM(k) FROM forms GROUP BY 3"
        " UNION ALL SELECT 'overview', 'school_started', sp, COUNT(*) FROM placed"
        " WHERE sp IS NOT NULL GROUP BY 3",
        "recommendations": _overview_count("recommendations", "new_recommendations"),
        "forms": "SELECT 'form_recommended', recommended, ap, SUM(k) FROM forms GROUP BY 2, 3"
        " UNION ALL SELECT 'form_assigned', assigned, ap, SUM(k) FROM forms GROUP BY 2, 3"
        " UNION ALL SELECT 'overview', 'as_recommended', ap, SUM(k) FROM forms"
        " WHERE assigned = recommended AND assigned != '' GROUP BY 3",
        "waiting": f"SELECT 'waiting', {_bucket('days')}, period, COUNT(*) FROM waiting GROUP BY 2, 3",
        # the nearest-rank percentile is the first value whose running total reaches the rank
        "days": "SELECT 'days_n', span, period, MAX(n) FROM ranked GROUP BY 2, 3"
        f" UNION ALL SELECT 'days_median', span, period, MIN(CASE WHEN upto >= {_rank(50)}"
        " THEN days END) FROM ranked GROUP BY 2, 3"
        f" UNION ALL SELECT 'days_p90', span, period, MIN(CASE WHEN upto >= {_rank(90)}"
        " THEN days END) FROM ranked GROUP BY 2, 3",
        # one look-up per offer, not per referral
        "referrals": f"""SELECT 'referrals', o.category, g.period, SUM(g.k)
            FROM (SELECT {q.period_of("referred_on")} AS period, offer_id, COUNT(*) AS k
                FROM referral WHERE {q.in_periods("referred_on", indexed=True)} GROUP BY 1, 2) g
            JOIN offer o ON o.id = g.offer_id GROUP BY 2, 3""",
    }


# Dimensions of the result and the arms that produce them.
DIMENSIONS = tuple(_arms(SQLITE))

Aggregates = dict[tuple[str, str], list[int | None]]


def statement(parts: Iterable[str] = DIMENSIONS, server: bool | None = None) -> str:
    """The one SQL statement for ``parts`` (names of :data:`DIMENSIONS`), for PostgreSQL
    when ``server`` (by default: when the bound database is one)."""
    if server is None:
        server = dialect.is_server()
    return _statement(tuple(parts), server)


@lru_cache(maxsize=32)
def _statement(parts: tuple[str, ...], server: bool) -> str:
    q = POSTGRESQL if server else SQLITE
    ctes = ",\n".join(f"{name} AS MATERIALIZED ({sql})" for name, sql in _ctes(q).items())
    arms = _arms(q)
    return q.finish(f"WITH {ctes}\n" + "\nUNION ALL ".join(arms[p] for p in parts))


def _dates(current: Period, before: Period, reference: date) -> dict[str, date]:
    return {
        "cs": current.start,
        "ce": current.end,
        "ps": before.start,
        "pe": before.end,
        "cr": reference,
        "pr": min(before.end, reference),
        "lo": min(before.start, reference),
    }


def parameters(
    current: Period, before: Period, reference: date, server: bool = False
) -> dict[str, object]:
    """The named parameters: both periods and their reference dates (ISO texts for SQLite,
    dates for PostgreSQL)."""
    q = POSTGRESQL if server else SQLITE
    return q.parameters(_dates(current, before, reference))


def aggregate(
    current: Period, before: Period, reference: date, parts: Iterable[str] = DIMENSIONS
) -> Aggregates:
    """(dimension, key) → [value in ``current``, value in ``before``] of every figure.

    Counts are 0 where no row was found; days (``days_median``, ``days_p90``) are None.
    """
    server = dialect.is_server()
    q = POSTGRESQL if server else SQLITE
    result: Aggregates = {}
    with DB.atomic() if q.settings else nullcontext():
        for setting in q.settings:
            DB.execute_sql(setting)
        rows = DB.execute_sql(
            statement(parts, server), parameters(current, before, reference, server)
        ).fetchall()
    for dimension, key, period, value in rows:
        default = None if dimension.startswith("days_") and dimension != "days_n" else 0
        values = result.setdefault((dimension, key or ""), [default, default])
        # PostgreSQL sums counts as NUMERIC
        values[int(period)] = int(value) if value is not None else default
    return result


def municipality_names() -> dict[str, str]:
    """AGS → name of every municipality."""
    return dict(Municipality.select(Municipality.ags, Municipality.name).tuples())
