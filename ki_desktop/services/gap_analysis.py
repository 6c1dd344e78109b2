"""Gap analysis (Bedarfsanalyse): demand from the open cases against the matching offers,
for the Berichte & Export tab and as PDF/XLSX export. Only anonymous numbers leave here, for
the statistics permission (administration, statistics role)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ki_desktop.domain.gap_analysis import (
    NEED_ALPHABETISATION,
    DemandChild,
    GapAnalysis,
    GapOffer,
    age_on,
    analyse,
    is_alphabetisation_offer,
)
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import N_, _, ui_language
from ki_desktop.i18n.locale_data import language_name
from ki_desktop.services import session
from ki_desktop.services.database import ServiceError
from ki_desktop.services.letterhead import configured_letterhead
from ki_desktop.store import gap_queries
from ki_desktop.store.users import record_event

REPORT_KEY = "gap_analysis"
FORMATS = ("pdf", "xlsx")

_AGE_LABELS = {
    "0-5": N_("0–5 Jahre"),
    "6-9": N_("6–9 Jahre"),
    "10-15": N_("10–15 Jahre"),
    "16-17": N_("16–17 Jahre"),
    "18-25": N_("18–25 Jahre"),
    "26+": N_("26 Jahre und älter"),
}
_NEED_LABELS = {NEED_ALPHABETISATION: N_("Alphabetisierung")}


def _labeller(municipalities: dict[str, str]):
    locale = ui_language()

    def label(dimension: str, key: str) -> str:
        if dimension == "age_group":
            return _(_AGE_LABELS.get(key, key))
        if dimension == "language":
            return language_name(key, locale)
        if dimension == "municipality":
            return municipalities.get(key, key) if key else _("kreisweit")
        if dimension == "need":
            return _(_NEED_LABELS.get(key, key))
        return key

    return label


def gap_analysis(on: date | None = None) -> GapAnalysis:
    """The analysis on ``on`` (default today) over the open cases and the valid offers."""
    session.require(Permission.STATISTICS)
    day = on or date.today()
    children = [
        DemandChild(
            age=age_on(p.birth_date, day),
            municipality_ags=p.municipality_ags,
            languages=p.languages,
            needs=(NEED_ALPHABETISATION,) if p.latin_literate is False else (),
        )
        for p in gap_queries.open_case_profiles()
    ]
    offers = [
        GapOffer(
            age_min=o.age_min,
            age_max=o.age_max,
            languages=o.languages,
            municipality_ags=o.municipality_ags,
            valid_from=o.valid_from,
            valid_to=o.valid_to,
            needs=(NEED_ALPHABETISATION,) if is_alphabetisation_offer(o.text) else (),
        )
        for o in gap_queries.offer_profiles(valid_on=day)
    ]
    return analyse(children, offers, day, _labeller(gap_queries.municipality_names()))


def export_gap_analysis(
    target: str | Path, fmt: str | None = None, on: date | None = None, user: str | None = None
) -> Path:
    """Write the analysis as PDF or XLSX (``fmt``, default from the file suffix)."""
    current = session.require(Permission.STATISTICS)
    user = user or current.username
    path = Path(target)
    kind = (fmt or path.suffix.lstrip(".")).lower()
    if kind not in FORMATS:
        raise ServiceError(_("Unbekanntes Format „{fmt}“: PDF oder XLSX.").format(fmt=kind))
    analysis = gap_analysis(on)
    # reportlab and openpyxl are loaded only when a file is written (start-up stays quick)
    from ki_desktop.reports.gap_pdf import build_gap_pdf
    from ki_desktop.reports.gap_xlsx import build_gap_xlsx

    if kind == "pdf":
        build_gap_pdf(analysis, path, letterhead=configured_letterhead())
    else:
        build_gap_xlsx(analysis, path)
    record_event(user, f"report.{REPORT_KEY}", path.name, format=kind)
    return path
