"""Exchanging data between laptops by file: export the changes a peer has not seen, import a
peer's file (preview first, then apply in one transaction), and the sync log.

What a file holds and how it merges is described in :mod:`ki_desktop.sync.merge` and
:mod:`ki_desktop.sync.fileformat`; the README has the design note.

Export and import are a transport (the sync permission: counsellors and administration); they
show counts, never case contents. The team name is the administration's (sync merge).
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel.dates import format_datetime

from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.database import ServiceError
from ki_desktop.services.export_files import write_atomically
from ki_desktop.services.sync_engine import ApplyCounts, apply, capture
from ki_desktop.store import sync_log
from ki_desktop.store import sync_records as records
from ki_desktop.store.connection import device_id, get_setting, set_setting
from ki_desktop.store.models import DB
from ki_desktop.store.users import record_event
from ki_desktop.sync.fileformat import Header, SyncFileError, SyncWriter, now_text, read_records

log = logging.getLogger(__name__)

EVERYONE = "*"
MIN_PASSPHRASE = 12


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    records: int
    full: bool


@dataclass(frozen=True, slots=True)
class ImportReport:
    source_device: str
    created_at: str
    counts: ApplyCounts
    applied: bool


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One export or import (or a refused file) as the sync log shows it."""

    at: datetime
    direction: str
    peer: str
    file_name: str
    result: str
    records: int
    created: int
    updated: int
    deleted: int
    conflicts: int
    message: str
    user: str

    @property
    def text(self) -> str:
        when = format_datetime(
            self.at.replace(tzinfo=UTC).astimezone(), "dd.MM.yyyy HH:mm", locale="de"
        )
        what = _("Export") if self.direction == "export" else _("Import")
        if self.result != "ok":
            return _("{when} {what} {file}: abgelehnt – {message}").format(
                when=when, what=what, file=self.file_name, message=self.message
            )
        if self.direction == "export":
            return _("{when} Export {file} – Datensätze: {n}").format(
                when=when, file=self.file_name, n=self.records
            )
        return _(
            "{when} Import {file} – Datensätze: {n}, neu: {new}, geändert: {upd}, "
            "gelöscht: {dele}, Konflikte: {conf}"
        ).format(
            when=when,
            file=self.file_name,
            n=self.records,
            new=self.created,
            upd=self.updated,
            dele=self.deleted,
            conf=self.conflicts,
        )

    def to_json(self) -> dict:
        data = {name: getattr(self, name) for name in self.__slots__}
        data["at"] = self.at.isoformat()
        return data


@dataclass(frozen=True, slots=True)
class Peer:
    """Another device this one has exchanged files with."""

    device: str
    last_import_at: datetime | None
    last_export_at: datetime | None

    @property
    def last_exchange(self) -> datetime | None:
        times = [t for t in (self.last_import_at, self.last_export_at) if t is not None]
        return max(times) if times else None


def peers() -> list[Peer]:
    """The devices this one has imported from or exported to, most recent exchange first."""
    session.require(Permission.SYNC)
    known = [
        Peer(row["device"], row["last_import_at"], row["last_export_at"])
        for row in sync_log.peers()
    ]
    return sorted(known, key=lambda p: p.last_exchange or datetime.min, reverse=True)


_KINDS = {"BOOL": "bool", "DATE": "date", "DATETIME": "datetime", "INT": "int"}


def field_kinds(table: str) -> dict[str, str]:
    """How the synced fields of ``table`` hold their values: "bool" (1/0), "date" and
    "datetime" (ISO text), "int" or "text" (also references by AGS, Schulnummer, user name)."""
    synced = records.BY_NAME.get(table)
    if synced is None:
        return {}
    fields = synced.model._meta.fields
    return {name: _KINDS.get(fields[name].field_type, "text") for name in synced.fields}


def this_device() -> str:
    """This installation's device id (peers name it in their sync files)."""
    session.require(Permission.SYNC)
    return device_id()


def log_entries(limit: int = 200) -> list[LogEntry]:
    """The sync log, newest first."""
    session.require(Permission.SYNC)
    return [
        LogEntry(**{k: v for k, v in row.items() if k in LogEntry.__slots__})
        for row in sync_log.entries(limit)
    ]


def team() -> str:
    """The team name shared by the laptops of one KI (setting ``sync.team``)."""
    session.require(Permission.SYNC)
    return _team()


def _team() -> str:
    return get_setting("sync.team")


def set_team(name: str) -> None:
    """Set the team name of this laptop: naming it the first time goes with the first export
    (sync permission), changing it is the administration's (sync merge)."""
    session.require(Permission.SYNC_MERGE if _team() else Permission.SYNC)
    set_setting("sync.team", name.strip())


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ServiceError(
            _(
                "Die Team-Passphrase muss mindestens {n} Zeichen lang sein. Bitte die "
                "vereinbarte Passphrase des Teams eingeben."
            ).format(n=MIN_PASSPHRASE)
        )


def export_changes(
    path: str | Path,
    passphrase: str,
    peer: str = EVERYONE,
    full: bool = False,
    user: str | None = None,
) -> ExportReport:
    """Write this device's changes that ``peer`` (a device id, or everyone) has not confirmed
    yet, or everything with ``full``, into an encrypted file."""
    current = session.require(Permission.SYNC)
    user = user or current.username
    _check_passphrase(passphrase)
    me = device_id()
    with DB.atomic():
        capture(me)
    base = 0 if full else sync_log.acked_seq(None if peer == EVERYONE else peer)
    up_to = records.current_seq()
    header = Header(me, _team(), now_text(), "full" if full else "changes")
    written = {"records": 0}

    def write(temporary: Path) -> None:
        with open(temporary, "wb") as out:
            writer = SyncWriter(out, passphrase, header)
            writer.write({"from_seq": base, "up_to_seq": up_to, "seen": sync_log.seen_seqs()})
            for table, key, state in records.states_since(base):
                writer.write_json(f'{{"t":{json.dumps(table)},"k":{json.dumps(key)},"s":{state}}}')
            writer.close()
            written["records"] = writer.records - 1

    try:
        target = write_atomically(path, write)
    except ServiceError as exc:
        sync_log.log("export", peer, Path(path).name, "failed", message=str(exc), user=user)
        record_event(user, "sync.export.failed", peer)
        raise
    sync_log.exported(peer, written["records"], Path(path).name, user)
    # The audit trail names the peer and the count; the file's name stays in the sync log.
    record_event(user, "sync.export", peer, records=written["records"], full=full)
    return ExportReport(target, written["records"], full)


def _stream(source, passphrase: str, meta: dict) -> Iterator[tuple[str, str, dict]]:
    items = read_records(source, passphrase, _team() or None)
    meta.update(header=next(items))
    first = next(items, None)
    if not isinstance(first, dict) or "up_to_seq" not in first:
        raise SyncFileError(_("Die Sync-Datei ist beschädigt (Inhalt unvollständig)."))
    meta.update(body=first)
    for item in items:
        yield item["t"], item["k"], item["s"]


def import_file(
    path: str | Path,
    passphrase: str,
    preview: bool = False,
    user: str | None = None,
) -> ImportReport:
    """Merge a peer's file. With ``preview`` nothing stays changed: the report says what would
    be new, updated, deleted and in conflict (counts only). A bad file changes nothing (only
    the log notes the refused attempt). The first file read sets this laptop's team."""
    current = session.require(Permission.SYNC)
    user = user or current.username
    path = Path(path)
    me, meta = device_id(), {}
    try:
        with open(path, "rb") as source, DB.atomic() as transaction:
            records.hold_rows()
            capture(me)
            counts = apply(_stream(source, passphrase, meta), me)
            header, body = meta["header"], meta["body"]
            if header.get("source_device") == me:
                raise SyncFileError(_("Diese Sync-Datei stammt von diesem Gerät selbst."))
            if preview:
                if records.broken_references():  # what the commit would refuse
                    raise records.DatabaseError("references")
                transaction.rollback()
            else:
                if not _team():
                    set_setting("sync.team", header.get("team", "").strip())
                sync_log.received(header["source_device"], body, me)
    except FileNotFoundError:
        raise ServiceError(_("Die Datei {name} gibt es nicht.").format(name=path)) from None
    except OSError as exc:
        raise ServiceError(
            _("Die Datei {name} kann nicht gelesen werden: {error}.").format(
                name=path, error=exc.strerror or exc
            )
        ) from exc
    except records.DatabaseError as exc:
        log.error("sync import of %s failed", path.name, exc_info=exc)
        message = _(
            "Die Sync-Datei passt nicht zu den Daten auf diesem Gerät und wurde nicht "
            "übernommen; es wurde nichts geändert. Bitte die Administration informieren."
        )
        sync_log.log("import", "", path.name, "refused", message=message, user=user)
        record_event(user, "sync.import.refused", "", preview=preview)
        raise ServiceError(message) from exc
    except (SyncFileError, KeyError, ValueError, TypeError, zlib.error) as exc:
        message = (
            str(exc) if isinstance(exc, SyncFileError) else _("Die Sync-Datei ist beschädigt.")
        )
        sync_log.log("import", "", path.name, "refused", message=message, user=user)
        record_event(user, "sync.import.refused", "", preview=preview)
        raise ServiceError(message) from exc
    if not preview:
        sync_log.imported(header["source_device"], path.name, counts, user)
        record_event(
            user,
            "sync.import",
            header["source_device"],
            created=counts.created,
            updated=counts.updated,
            deleted=counts.deleted,
            conflicts=counts.conflicts,
        )
        if counts.deleted:
            # Cases deleted elsewhere: their drafts here go, the name index forgets them.
            from ki_desktop.services.retention import tidy_after_import

            tidy_after_import()
    return ImportReport(header["source_device"], header.get("created_at", ""), counts, not preview)
