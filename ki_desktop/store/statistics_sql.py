"""The pieces of the statistics statement that SQLite and PostgreSQL write differently.

``store.statistics`` builds one statement from these; the figures are the same on both. On
SQLite dates are ISO texts (age and days from the text, ``julianday``); on PostgreSQL they are
``DATE`` values (date arithmetic), conditions are booleans rather than 0/1, and sums of counts
are ``NUMERIC``.
"""

from __future__ import annotations

import re
from datetime import date


class SqliteSql:
    """SQLite, tuned for its planner (see the affinity note below)."""

    # The latest recommendation is joined by rowid (one integer look-up instead of the id
    # text); PostgreSQL joins it laterally.
    lateral = False

    # Date columns have NUMERIC affinity: compared with a date text as they are, SQLite tries
    # to read the text as a number each time. A unary + drops the affinity (a plain text
    # comparison); only conditions that should use an index compare the bare column.
    def bare(self, column: str) -> str:
        return f"+{column}"

    def in_periods(self, column: str, indexed: bool = False) -> str:
        c = column if indexed else self.bare(column)
        return f"({c} BETWEEN :ps AND :pe OR {c} BETWEEN :cs AND :ce)"

    def period_of(self, column: str) -> str:
        return f"(CASE WHEN {self.bare(column)} >= :cs THEN 0 ELSE 1 END)"

    def days(self, later: str, earlier: str) -> str:
        return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"

    def age(self, day: str, birth: str) -> str:
        """Completed years on ``day``."""
        return (
            f"(CAST(substr({day}, 1, 4) AS INTEGER) - CAST(substr({birth}, 1, 4) AS INTEGER)"
            f" - (substr({day}, 6, 5) < substr({birth}, 6, 5)))"
        )

    def first_form(self, forms: str) -> str:
        return (
            f"(CASE WHEN instr({forms}, ',') > 0"
            f" THEN substr({forms}, 1, instr({forms}, ',') - 1) ELSE {forms} END)"
        )

    def count_if(self, condition: str) -> str:
        """How many rows of the group meet ``condition`` (an aggregate)."""
        return f"SUM({condition})"

    def any_false(self, flag: str) -> str:
        """1 when some row of the group has ``flag`` false (not unknown), else 0."""
        return f"MAX(COALESCE({flag}, 1) = 0)"

    def not_after(self, column: str, day: str) -> str:
        """``column`` is on or before ``day``, or unknown."""
        return f"COALESCE({self.bare(column)} <= {day}, 1)"

    def either_from(self, first: str, second: str, day: str) -> str:
        """Either column is unknown, or the later of both is on or after ``day``."""
        return f"max(COALESCE({first}, '9'), COALESCE({second}, '9')) >= {day}"

    def whole(self, total: str) -> str:
        """A sum of counts as an integer."""
        return total

    def finish(self, sql: str) -> str:
        """The statement with the driver's parameter style."""
        return sql

    def parameters(self, values: dict[str, date]) -> dict[str, object]:
        return {key: day.isoformat() for key, day in values.items()}

    # Statements run before the report's, in its transaction.
    settings: tuple[str, ...] = ()


class PostgresSql(SqliteSql):
    """PostgreSQL: typed dates and booleans, ``%(name)s`` parameters."""

    lateral = True

    def bare(self, column: str) -> str:
        return column

    def days(self, later: str, earlier: str) -> str:
        return f"({later} - {earlier})"

    def age(self, day: str, birth: str) -> str:
        # as on SQLite: the year difference, less one before the birthday (by month and day)
        return (
            f"(CAST(date_part('year', {day}) AS INTEGER)"
            f" - CAST(date_part('year', {birth}) AS INTEGER)"
            f" - CASE WHEN {_month_day(day)} < {_month_day(birth)} THEN 1 ELSE 0 END)"
        )

    def first_form(self, forms: str) -> str:
        return f"split_part({forms}, ',', 1)"

    def count_if(self, condition: str) -> str:
        return f"COUNT(*) FILTER (WHERE {condition})"

    def any_false(self, flag: str) -> str:
        return f"MAX(CASE WHEN {flag} = FALSE THEN 1 ELSE 0 END)"

    def not_after(self, column: str, day: str) -> str:
        return f"COALESCE({column} <= {day}, TRUE)"

    def either_from(self, first: str, second: str, day: str) -> str:
        return (
            f"GREATEST(COALESCE({first}, DATE 'infinity'),"
            f" COALESCE({second}, DATE 'infinity')) >= {day}"
        )

    def whole(self, total: str) -> str:
        return f"CAST({total} AS BIGINT)"

    def finish(self, sql: str) -> str:
        return _NAMED.sub(r"%(\1)s", sql.replace("%", "%%"))

    def parameters(self, values: dict[str, date]) -> dict[str, object]:
        return dict(values)

    # The planner's cost of the statement (many correlated look-ups) is far above the JIT
    # threshold, and compiling it took longer than running it (7 s instead of 0.3 s for one
    # breakdown of 100,000 cases).
    settings = ("SET LOCAL jit = off",)


_NAMED = re.compile(r"(?<![:\w]):([a-z]{2})\b")


def _month_day(day: str) -> str:
    return f"(date_part('month', {day}) * 100 + date_part('day', {day}))"


SQLITE = SqliteSql()
POSTGRESQL = PostgresSql()
