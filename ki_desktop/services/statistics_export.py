"""Export of the monthly and quarterly statistics as PDF, XLSX or CSV (GUI and CLI).

The file is written beside the target under a temporary name and renamed at the end, so that
a cancelled or failed export never leaves half a file behind. Every export is recorded in the
audit trail ("report.quarterly" / "report.monthly"), which is where the reports tab reads
"last created" from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ki_desktop.domain.roles import Permission
from ki_desktop.domain.statistics import StatisticsReport
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.database import ServiceError
from ki_desktop.services.letterhead import configured_letterhead
from ki_desktop.store.users import record_event

KINDS = ("quarterly", "monthly")
FORMATS = ("pdf", "xlsx", "csv")
SUFFIXES = {"pdf": ".pdf", "xlsx": ".xlsx", "csv": ".csv"}

ProgressCallback = Callable[[int, int], None]
CancelCheck = Callable[[], bool]

# Steps reported to the progress callback: compute, write, put in place.
_STEPS = 3


@dataclass(frozen=True, slots=True)
class ExportedReport:
    path: Path
    report: StatisticsReport


def build_report(kind: str, year: int, number: int) -> StatisticsReport:
    """The anonymised report of the period (quarter 1–4 or month 1–12 of ``year``)."""
    session.require(Permission.STATISTICS)
    from ki_desktop.services import statistics  # the aggregates; loaded on first use

    return statistics.build_report(kind, year, number)


def _write(report: StatisticsReport, fmt: str, path: Path) -> None:
    # reportlab and openpyxl are loaded only when a file is written (start-up stays quick)
    if fmt == "pdf":
        from ki_desktop.reports.statistics_pdf import build_statistics_pdf

        build_statistics_pdf(report, path, letterhead=configured_letterhead())
    elif fmt == "xlsx":
        from ki_desktop.reports.statistics_xlsx import build_statistics_xlsx

        build_statistics_xlsx(report, path)
    else:
        from ki_desktop.reports.statistics_csv import build_statistics_csv

        build_statistics_csv(report, path)


def _check_target(target: Path) -> None:
    folder = target.parent
    if not folder.is_dir():
        raise ServiceError(
            _("Den Ordner „{folder}“ gibt es nicht. Bitte einen vorhandenen Ordner wählen.").format(
                folder=folder
            )
        )
    if target.is_dir():
        raise ServiceError(
            _("„{path}“ ist ein Ordner. Bitte einen Dateinamen angeben.").format(path=target)
        )


def export_statistics(
    kind: str,
    year: int,
    number: int,
    fmt: str,
    path: str | Path,
    user: str | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ExportedReport:
    """Build the report and write it to ``path``; the written path and the report."""
    current = session.require(Permission.STATISTICS)
    user = user or current.username
    fmt = (fmt or "").lower()
    if fmt not in FORMATS:
        raise ServiceError(
            _("Unbekanntes Format „{fmt}“: bitte PDF, XLSX oder CSV.").format(fmt=fmt)
        )
    if kind not in KINDS:
        raise ServiceError(
            _("Unbekannte Statistik „{kind}“: quarterly oder monthly.").format(kind=kind)
        )
    target = Path(path).expanduser()
    _check_target(target)
    report_progress = progress or (lambda done, total: None)
    stop = cancelled or (lambda: False)

    # reportlab (for the font check) is loaded only when a file is written
    from ki_desktop.services.export_files import ExportCancelled, write_atomically

    def step(done: int) -> None:
        if stop():
            raise ExportCancelled(
                _("Der Export wurde abgebrochen; es wurde keine Datei geschrieben.")
            )
        report_progress(done, _STEPS)

    step(0)
    report = build_report(kind, year, number)
    step(1)

    def write(temporary: Path) -> None:
        _write(report, fmt, temporary)
        step(2)  # cancelled now: the finished file is dropped, not put in place

    write_atomically(target, write)
    record_event(user, f"report.{kind}", target.name, format=fmt, period=report.period.label)
    report_progress(_STEPS, _STEPS)
    return ExportedReport(target, report)


def export_report(
    kind: str,
    year: int,
    number: int,
    fmt: str,
    path: str | Path,
    user: str | None = None,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> Path:
    """Write the quarterly or monthly statistics as PDF, XLSX or CSV to ``path``.

    ``progress(done, total)`` is told about each step; when ``cancelled()`` turns true the
    export stops with :class:`~ki_desktop.services.export_files.ExportCancelled` and leaves
    no file. Errors are
    :class:`ServiceError` with a German sentence (unknown format, folder missing, no write
    permission, ...)."""
    session.require(Permission.STATISTICS)
    return export_statistics(kind, year, number, fmt, path, user, progress, cancelled).path
