"""The audit trail for the administrator: list and filter it, check its hash chain, export it.

Every function needs :attr:`Permission.AUDIT`. Checking and exporting are audited themselves
("audit.check" with the result and the head of the chain, "audit.export" with the file name
and the number of entries). What the chain protects against is described in
:mod:`ki_desktop.domain.audit`; how entries are written in :mod:`ki_desktop.store.audit`.

Entries about a case name it by its id (a random UUID, no personal data); they stay when the
case is deleted after the retention period, so that the trail still shows who read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from ki_desktop.domain import audit as chain
from ki_desktop.domain.audit import EXPORT_FORMATS, AuditRecord, ChainReport
from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.reports import audit_export
from ki_desktop.services import session
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.export_files import write_atomically
from ki_desktop.store import audit as store
from ki_desktop.store.models import utcnow

FORMATS = EXPORT_FORMATS

__all__ = [
    "AuditFilter",
    "AuditRecord",
    "ChainReport",
    "ExportedAudit",
    "FORMATS",
    "audit_count",
    "audit_entries",
    "chain_head",
    "chain_message",
    "export_audit",
    "filter_choices",
    "verify_chain",
]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which entries to show: a user, actions beginning with ``action`` ("case." for every
    case event), one target (a case id), and days (local dates, both included)."""

    user: str = ""
    action: str = ""
    target: str = ""
    date_from: date | None = None
    date_to: date | None = None


@dataclass(frozen=True, slots=True)
class ExportedAudit:
    path: Path
    entries: int
    head_seq: int
    head_hash: str


def _utc_midnight(day: date) -> datetime:
    """The start of a local day as a naive UTC time (how the trail stores times)."""
    local = datetime.combine(day, time()).astimezone()
    return local.astimezone(UTC).replace(tzinfo=None)


def _query(flt: AuditFilter) -> store.AuditQuery:
    if flt.date_from and flt.date_to and flt.date_from > flt.date_to:
        raise ServiceError(
            _("Das Anfangsdatum liegt nach dem Enddatum. Bitte den Zeitraum prüfen.")
        )
    return store.AuditQuery(
        user=flt.user.strip(),
        action=flt.action.strip(),
        target=flt.target.strip(),
        since=_utc_midnight(flt.date_from) if flt.date_from else None,
        until=_utc_midnight(flt.date_to + timedelta(days=1)) if flt.date_to else None,
    )


def audit_count(flt: AuditFilter = AuditFilter()) -> int:
    """How many entries match the filter."""
    session.require(Permission.AUDIT)
    return store.count_entries(_query(flt))


def audit_entries(
    flt: AuditFilter = AuditFilter(), offset: int = 0, limit: int = 200
) -> list[AuditRecord]:
    """One page of matching entries, newest first (times as naive UTC)."""
    session.require(Permission.AUDIT)
    return store.entries(_query(flt), max(0, offset), max(1, limit))


def filter_choices() -> tuple[list[str], list[str]]:
    """The users and the actions that occur in the trail, for the filter lists."""
    session.require(Permission.AUDIT)
    return store.distinct_values("user"), store.distinct_values("action")


def chain_head() -> tuple[int, str]:
    """The number and hash of the chain's last entry (to note down or compare later)."""
    session.require(Permission.AUDIT)
    return store.head()


def verify_chain(expected_head: str | None = None) -> ChainReport:
    """Check the whole chain (see :mod:`ki_desktop.domain.audit`); with ``expected_head`` (a
    hash noted earlier) also that the chain still contains that entry. The check is audited."""
    current = session.require(Permission.AUDIT)
    check = chain.ChainCheck()
    if expected_head:
        check.expect_head(expected_head)
    store.seal_unchained()  # an old database without any chained entry yet
    with store.read_snapshot():
        for page in store.chain_pages():
            if not check.feed(page):
                break
        report = check.report(store.unsealed_count())
    store.record_event(
        current.username,
        "audit.check",
        "",
        ok=report.ok,
        entries=report.entries,
        first_bad_seq=report.first_bad_seq,
        reason=report.reason,
        head_seq=report.head_seq,
        head_hash=report.head_hash,
    )
    return report


def chain_message(report: ChainReport) -> str:
    """One line for the user: the chain is intact (with its head), or where and how not."""
    if report.ok:
        return _(
            "Protokoll unverändert: {n} Einträge geprüft, letzter Eintrag Nr. {seq}, "
            "Prüfwert {hash}."
        ).format(n=report.entries, seq=report.head_seq, hash=report.head_hash)
    seq = report.first_bad_seq
    messages = {
        chain.MODIFIED: _("Protokolleintrag Nr. {seq} wurde nachträglich verändert."),
        chain.MISSING: _("Protokolleintrag Nr. {seq} fehlt (gelöscht)."),
        chain.RELINKED: _(
            "Protokolleintrag Nr. {seq} wurde verändert und sein Prüfwert neu berechnet "
            "(der folgende Eintrag passt nicht mehr dazu)."
        ),
        chain.UNSEALED: _(
            "{n} Protokolleinträge stehen außerhalb der Kette (nachträglich eingefügt)."
        ),
        chain.UNKNOWN_HEAD: _(
            "Der angegebene Prüfwert kommt in der Kette nicht vor: das Protokoll wurde seitdem "
            "gekürzt oder neu geschrieben."
        ),
    }
    text = messages.get(report.reason, _("Das Protokoll ist nicht in Ordnung."))
    return (
        _("Protokoll beschädigt: ")
        + text.format(seq=seq, n=report.unsealed)
        + " "
        + _("Bitte die Datenschutzbeauftragte oder den Datenschutzbeauftragten informieren.")
    )


def _span(flt: AuditFilter) -> str:
    parts = []
    if flt.date_from or flt.date_to:
        start = flt.date_from.strftime("%d.%m.%Y") if flt.date_from else "…"
        end = flt.date_to.strftime("%d.%m.%Y") if flt.date_to else "…"
        parts.append(f"{start} – {end}")
    for label, value in (
        (_("Benutzer"), flt.user),
        (_("Aktion"), flt.action),
        (_("Ziel"), flt.target),
    ):
        if value:
            parts.append(f"{label}: {value}")
    return ", ".join(parts)


def export_audit(
    path: str | Path, fmt: str = "csv", flt: AuditFilter = AuditFilter()
) -> ExportedAudit:
    """Write the matching entries (oldest first) with the chain's head to a CSV file or an
    Excel workbook, whole or not at all. The export is audited."""
    current = session.require(Permission.AUDIT)
    if fmt not in FORMATS:
        raise ServiceError(
            _("Unbekanntes Format „{fmt}“; möglich sind: {formats}.").format(
                fmt=fmt, formats=", ".join(FORMATS)
            )
        )
    query = _query(flt)
    writer = audit_export.write_csv if fmt == "csv" else audit_export.write_xlsx
    written = {"entries": 0, "head": (0, chain.GENESIS)}

    def write(temporary: Path) -> None:
        with store.read_snapshot():
            head_seq, head_hash = store.head()
            heading = audit_export.ExportHeading(
                utcnow(), current.username, head_seq, head_hash, _span(flt)
            )
            written["entries"] = writer(temporary, heading, store.iter_entries(query))
            written["head"] = (head_seq, head_hash)

    target = write_atomically(path, write)
    head_seq, head_hash = written["head"]
    store.record_event(
        current.username,
        "audit.export",
        target.name,
        format=fmt,
        entries=written["entries"],
        head_seq=head_seq,
    )
    return ExportedAudit(target, written["entries"], head_seq, head_hash)
