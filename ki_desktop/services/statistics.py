"""Monthly and quarterly statistics: the anonymised report of a period compared with the one
before. The store aggregates in SQL; here the figures get their labels and the small counts
are suppressed (see :mod:`ki_desktop.domain.statistics_rules`). Only aggregates leave here:
the statistics permission (administration, statistics role) covers every case of the KI."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime

from ki_desktop.domain.model import SCHOOL_FORMS, Sex, school_form_name
from ki_desktop.domain.queries import AGE_GROUPS
from ki_desktop.domain.roles import Permission
from ki_desktop.domain.statistics import Period, PublishedTable, StatisticsReport
from ki_desktop.domain.statistics_rules import (
    KINDS,
    MONTHLY,
    QUARTERLY,
    SPANS,
    STAGE_GROUPS,
    UNKNOWN,
    WAITING_BUCKETS,
    change,
    previous,
    published_days,
    suppress_count,
    suppress_part,
    suppress_table,
    top_categories,
)
from ki_desktop.domain.statistics_rules import period as make_period
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import country_name, format_date, language_name
from ki_desktop.services import labels, session
from ki_desktop.services import statistics_texts as texts
from ki_desktop.services.database import ServiceError
from ki_desktop.store import statistics as store
from ki_desktop.store.connection import get_setting

Aggregates = store.Aggregates


def period_label(kind: str, year: int, number: int) -> str:
    """ "3. Quartal 2026" / "Oktober 2026" in the UI language."""
    if kind == QUARTERLY:
        return _("{number}. Quartal {year}").format(number=number, year=year)
    return format_date(date(year, number, 1), ui_language(), "LLLL y")


def report_period(kind: str, year: int, number: int, today: date | None = None) -> Period:
    """The checked period; ServiceError with a German sentence when it cannot be reported."""
    today = today or date.today()
    if kind not in KINDS:
        raise ServiceError(
            _(
                "Unbekannte Berichtsart „{kind}“: bitte „quarterly“ (Quartal) oder „monthly“ (Monat)."
            ).format(kind=kind)
        )
    if kind == QUARTERLY and not 1 <= number <= 4:
        raise ServiceError(
            _("Das Quartal muss zwischen 1 und 4 liegen, nicht {n}.").format(n=number)
        )
    if kind == MONTHLY and not 1 <= number <= 12:
        raise ServiceError(
            _("Der Monat muss zwischen 1 und 12 liegen, nicht {n}.").format(n=number)
        )
    if not 2000 <= year <= today.year:
        raise ServiceError(
            _("Das Jahr {year} ist nicht möglich: bitte ein Jahr von 2000 bis {now}.").format(
                year=year, now=today.year
            )
        )
    result = make_period(kind, year, number, period_label)
    if result.start > today:
        raise ServiceError(
            _(
                "{period} hat noch nicht begonnen; bitte einen vergangenen oder den laufenden "
                "Zeitraum wählen."
            ).format(period=result.label)
        )
    return result


def build_report(kind: str, year: int, number: int, today: date | None = None) -> StatisticsReport:
    """The report of quarter or month ``number`` of ``year`` with the period before it."""
    session.require(Permission.STATISTICS)
    today = today or date.today()
    current = report_period(kind, year, number, today)
    before = previous(current, period_label)
    reference = min(current.end, today)
    figures = store.aggregate(current, before, reference)
    columns = (current.label, before.label)
    tables = (
        _overview(figures, columns),
        _counts(figures, "stage", columns, _fixed(STAGE_GROUPS, texts.STAGES), chart="bar"),
        _counts(figures, "age", columns, _ages()),
        _counts(figures, "sex", columns, [(s.value, labels.sex_label(s.value)) for s in Sex]),
        _long_list(figures, "nationality", columns, _country),
        _long_list(figures, "language", columns, _language),
        _municipalities(figures, columns),
        _alphabetisation(figures, columns),
        _school_forms(figures, columns),
        _without_place(figures, reference, before.end),
        _waiting_times(figures, columns),
        _referrals(figures, columns),
    )
    return StatisticsReport(
        period=current,
        previous=before,
        reference_date=reference,
        created_at=datetime.now().replace(microsecond=0),
        issuer=get_setting("letter.ki_name", "") or _("Kommunales Integrationszentrum"),
        tables=tables,
        definitions=texts.definitions(
            reference < current.end, format_date(reference, ui_language())
        ),
    )


# -- tables ----------------------------------------------------------------------------------


def _values(figures: Aggregates, dimension: str, key: str) -> list[int]:
    return [v or 0 for v in figures.get((dimension, key), [0, 0])]


def _table(key: str, columns: Sequence[str], rows, **extra) -> PublishedTable:
    """A table of counts, each column suppressed on its own, with a totals row."""
    published, total = suppress_table(rows)
    return PublishedTable(
        key=key,
        title=texts.title(key),
        columns=(_(texts.FIRST_COLUMNS[key]), *columns),
        rows=tuple(published),
        total=(_("Insgesamt"), *total),
        **extra,
    )


def _fixed(keys: Sequence[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, texts.label(names, k)) for k in keys]


def _ages() -> list[tuple[str, str]]:
    choices = dict(labels.age_group_choices())
    return [(k, choices.get(k, k)) for k in AGE_GROUPS] + [(UNKNOWN, _("Alter unbekannt"))]


def _counts(figures, dimension, columns, keys, **extra) -> PublishedTable:
    """Rows in the fixed order of ``keys`` ((key, label)); unknown keys of the data are added
    as "ohne Angabe"."""
    known = {k for k, _label in keys}
    rows = [(name, _values(figures, dimension, k)) for k, name in keys]
    stray = [k for d, k in figures if d == dimension and k not in known]
    if stray:
        sums = [sum(_values(figures, dimension, k)[i] for k in stray) for i in (0, 1)]
        rows.append((texts.unknown_label(), sums))
    return _table(dimension, columns, rows, **extra)


def _country(code: str) -> str:
    return country_name(code, ui_language()) if code else _("unbekannt")


def _language(code: str) -> str:
    return language_name(code, ui_language()) if code else _("unbekannt")


def _long_list(figures, dimension, columns, name: Callable[[str], str]) -> PublishedTable:
    counts = {k: _values(figures, d, k) for d, k in figures if d == dimension}
    rows = [
        (texts.other_label() if texts.is_other(k) else name(k), list(v))
        for k, v in top_categories(counts)
    ]
    return _table(dimension, columns, rows)


def _municipalities(figures, columns) -> PublishedTable:
    names = store.municipality_names()
    keys = [k for d, k in figures if d == "municipality"]
    named = sorted((names.get(k, k), k) for k in keys if k)
    rows = [(n, _values(figures, "municipality", k)) for n, k in named]
    if UNKNOWN in keys:
        rows.append((texts.unknown_label(), _values(figures, "municipality", UNKNOWN)))
    return _table("municipality", columns, rows, chart="bar")


def _overview(figures: Aggregates, columns) -> PublishedTable:
    values = {key: _values(figures, "overview", key) for key in texts.OVERVIEW}
    values["referrals"] = _sum(figures, "referrals")
    values["waiting"] = _sum(figures, "waiting")
    rows = []
    for key, text in texts.OVERVIEW.items():
        if key == "as_recommended":  # a part of "assigned": its rest must not show either
            pairs = zip(values[key], values["assigned"], strict=True)
            now, then = (suppress_part(v, w) for v, w in pairs)
        else:
            now, then = (suppress_count(v) for v in values[key])
        rows.append((_(text), now, then, change(now, then)))
    return PublishedTable(
        key="overview",
        title=texts.title("overview"),
        columns=(_(texts.FIRST_COLUMNS["overview"]), *columns, _("Veränderung")),
        rows=tuple(rows),
    )


def _sum(figures: Aggregates, dimension: str) -> list[int]:
    return [sum((v[i] or 0) for (d, _k), v in figures.items() if d == dimension) for i in (0, 1)]


def _alphabetisation(figures, columns) -> PublishedTable:
    counselled = _values(figures, "overview", "counselled")  # each row is a part of these
    rows = tuple(
        (
            _(text),
            *(
                suppress_part(v, whole)
                for v, whole in zip(
                    _values(figures, "alphabetisation", key), counselled, strict=True
                )
            ),
        )
        for key, text in texts.ALPHABETISATION.items()
    )
    return PublishedTable(
        key="alphabetisation",
        title=texts.title("alphabetisation"),
        columns=(_(texts.FIRST_COLUMNS["alphabetisation"]), *columns),
        rows=rows,
        note=_("Mehrfachnennung möglich; ohne Summe."),
    )


def _school_forms(figures, columns) -> PublishedTable:
    keys = {k for d, k in figures if d in ("form_recommended", "form_assigned")}
    order = [k for k in SCHOOL_FORMS if k in keys] + sorted(keys - set(SCHOOL_FORMS) - {UNKNOWN})
    if UNKNOWN in keys:
        order.append(UNKNOWN)
    rows = []
    for key in order:
        recommended = _values(figures, "form_recommended", key)
        assigned = _values(figures, "form_assigned", key)
        name = school_form_name(key) if key else texts.unknown_label()
        rows.append((name, [recommended[0], assigned[0], recommended[1], assigned[1]]))
    heads = [
        _("{what}, {period}").format(what=what, period=p)
        for p in columns
        for what in (_("empfohlen"), _("zugewiesen"))
    ]
    return _table("school_forms", heads, rows)


def _without_place(figures, reference: date, earlier: date) -> PublishedTable:
    locale = ui_language()
    columns = [
        _("Stichtag {day}").format(day=format_date(day, locale)) for day in (reference, earlier)
    ]
    rows = [
        (texts.label(texts.WAITING, key), _values(figures, "waiting", key))
        for key, _low, _high in WAITING_BUCKETS
    ]
    return _table("without_place", columns, rows)


def _waiting_times(figures, columns) -> PublishedTable:
    rows = []
    for span in SPANS:
        cells: list = [texts.label(texts.SPANS, span)]
        for i in (0, 1):
            n = _values(figures, "days_n", span)[i]
            cells += [
                published_days(figures.get(("days_median", span), [None, None])[i], n),
                published_days(figures.get(("days_p90", span), [None, None])[i], n),
                suppress_count(n),
            ]
        rows.append(tuple(cells))
    heads = [
        _("{what}, {period}").format(what=what, period=p)
        for p in columns
        for what in (_("Median"), _("90. Perzentil"), _("Fälle"))
    ]
    return PublishedTable(
        key="waiting_times",
        title=texts.title("waiting_times"),
        columns=(_(texts.FIRST_COLUMNS["waiting_times"]), *heads),
        rows=tuple(rows),
        unit="days",
        chart="bar",
        note=_("Median und 90. Perzentil in Tagen; „Fälle“ ist die Zahl der beitragenden Fälle."),
    )


def _referrals(figures, columns) -> PublishedTable:
    keys = sorted(k for d, k in figures if d == "referrals")
    rows = [(k or texts.unknown_label(), _values(figures, "referrals", k)) for k in keys]
    return _table("referrals", columns, rows)
