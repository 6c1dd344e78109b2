"""Moving a KI from its SQLite file to a PostgreSQL server (``ki-desktop migrate-to``).

An administrator copies the open database (plain or encrypted) into an empty server
database: every table of the models, in one transaction on the server, checked before the
commit by row counts and a checksum per table computed the same way on both sides
(``store.copy_values``). A difference, a value the server would not keep unchanged or a
broken connection rolls the transaction back: the server is as empty as before and the file
was only read. What is copied and how is in ``store.table_copy``.

- The server is a device of its own: it keeps its own device id, so that the laptops (the
  old file included) go on syncing into it.
- The key slots (the key file beside an encrypted database) are written into the server's
  ``key_store``: the same users log in with the same passwords. A plain database has none; the
  server then starts with the set-up of the first administrator.
- The audit trail is copied as it is (``seq``, ``prev_hash``, ``hash``), so that its check
  passes on the server; the move itself is one entry "db.migrate_to" on both sides (on the
  source also when it failed: "db.migrate_to.failed").
- The offer search index is not copied; every offer is queued, and the server builds it.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.services import database, session
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.server_migration_texts import describe, failure_message
from ki_desktop.store import audit, connection, key_store, server, table_copy
from ki_desktop.store.copy_values import TableSpec, table_specs
from ki_desktop.store.keyfile_format import key_file_path
from ki_desktop.store.models import ALL_MODELS


@dataclass(frozen=True, slots=True)
class TableCopied:
    table: str
    rows: int
    checksum: str  # SHA-256 over the rows in canonical form, the same on both sides


@dataclass(frozen=True, slots=True)
class Progress:
    """One table done: ``stage`` is "copy" or "check"; ``number`` of ``tables``."""

    stage: str
    table: str
    rows: int
    number: int
    tables: int


@dataclass(frozen=True, slots=True)
class MigrationReport:
    source: str
    target: str  # the server address without a password
    tables: tuple[TableCopied, ...]
    key_slots: bool  # the users' key slots went along (an encrypted source)
    offers_queued: int
    audit_head: tuple[int, str]  # the server's chain after its entry "db.migrate_to"
    server_device: str
    seconds: float

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


class CopyDiffers(ServiceError):
    """The check after the copy found tables that differ; nothing was committed."""

    def __init__(self, message: str, tables: tuple[str, ...]) -> None:
        super().__init__(message)
        self.tables = tables


ProgressCallback = Callable[[Progress], None]


def _address(target: str) -> server.ServerAddress:
    if not server.is_server_location(target):
        raise ServiceError(
            _(
                "„{target}“ ist keine PostgreSQL-Adresse. Bitte die leere Serverdatenbank so "
                "angeben: postgresql://benutzer@server/datenbank"
            ).format(target=target)
        )
    try:
        return server.parse_address(target)
    except server.ServerError as exc:
        raise ServiceError(str(exc)) from exc


@dataclass(slots=True)
class _Source:
    location: str
    key: bytes | None
    keys_document: bytes | None
    device: str


def _source(location: str | None) -> _Source:
    info = database.open_app_database(location)
    if connection.is_server():
        raise ServiceError(
            _(
                "Die geöffnete Datenbank liegt schon auf einem Server. „migrate-to“ überträgt "
                "eine Datenbankdatei auf einen Server; bitte mit --db die Datei angeben."
            )
        )
    key = connection.current_key()
    document = None
    if key is not None:
        try:
            document = key_file_path(info.location).read_bytes()
        except OSError as exc:
            raise ServiceError(
                _("Die Schlüsseldatei {path} ist nicht lesbar: {error}.").format(
                    path=key_file_path(info.location), error=exc.strerror or exc
                )
            ) from exc
    return _Source(info.location, key, document, info.device_id)


def migrate_to_server(
    target: str, location: str | None = None, progress: ProgressCallback | None = None
) -> MigrationReport:
    """Copy the database at ``location`` (default: the open or the usual one) into the empty
    server database ``target`` and check the copy (administrators). Afterwards the source is
    open again, as before. :class:`ServiceError` with what to do when it fails;
    :class:`CopyDiffers` when the check found differences (nothing was committed)."""
    current = session.require(Permission.BACKUP)
    address = _address(target)
    source = _source(location)
    database.close_app_database()
    try:
        report = _copy(source, target, address, current.username, progress or (lambda _p: None))
    except Exception as exc:
        _reopen(source)
        reason = str(exc) if isinstance(exc, ServiceError) else type(exc).__name__
        audit.record_event(current.username, "db.migrate_to.failed", address.url, reason=reason)
        raise
    _reopen(source)
    audit.record_event(
        current.username,
        "db.migrate_to",
        address.url,
        tables=len(report.tables),
        rows=report.rows,
        key_slots=report.key_slots,
        server_device=report.server_device,
    )
    return report


def _reopen(source: _Source) -> None:
    database.close_app_database()
    database.open_app_database(source.location, key=source.key)


def _copy(
    source: _Source,
    target: str,
    address: server.ServerAddress,
    user: str,
    progress: ProgressCallback,
) -> MigrationReport:
    started = time.monotonic()
    reader = connection.raw_connection(source.location, source.key, read_only=True)
    try:
        reader.isolation_level = None
        reader.execute("BEGIN")  # copy and check read one state of the file
        specs = table_specs(ALL_MODELS)
        try:
            for spec in specs:
                table_copy.check_source_columns(reader, spec)
            server_device = database.open_app_database(target).device_id
            with table_copy.copy_transaction(specs):
                _refuse_unless_empty(specs, address)
                copied = _copy_tables(reader, specs, progress)
                queued = table_copy.queue_offers()
                _check(reader, specs, copied, progress)
                if source.keys_document is not None:
                    _write_keys(source.keys_document)
                audit.record_event(
                    user,
                    "db.migrate_to",
                    address.url,
                    source=source.location,
                    source_device=source.device,
                    tables=len(copied),
                    rows=sum(t.rows for t in copied),
                    key_slots=source.keys_document is not None,
                )
                head = audit.head()
            with contextlib.suppress(table_copy.TargetRefused, server.ServerError):
                table_copy.analyze(specs)  # committed already; the server analyzes later
        except (
            table_copy.SchemaMismatch,
            table_copy.SourceUnreadable,
            table_copy.ValueRefused,
            table_copy.TargetRefused,
            server.ServerError,
        ) as exc:
            raise ServiceError(describe(exc)) from exc
    finally:
        reader.close()
        database.close_app_database()
    return MigrationReport(
        source.location,
        address.url,
        tuple(copied),
        source.keys_document is not None,
        queued,
        head,
        server_device,
        round(time.monotonic() - started, 2),
    )


def _refuse_unless_empty(specs: list[TableSpec], address: server.ServerAddress) -> None:
    found = table_copy.target_leftovers(specs)
    if found:
        tables = ", ".join(f"{name} ({rows})" for name, rows in sorted(found.items()))
        raise ServiceError(
            _(
                "Die Serverdatenbank {url} ist nicht leer (Tabellen mit Zeilen: {tables}). "
                "Bitte eine neue, leere Datenbank angeben; es wurde nichts übertragen."
            ).format(url=address.url, tables=tables)
        )


def _copy_tables(reader, specs: list[TableSpec], progress: ProgressCallback) -> list[TableCopied]:
    copied = []
    for number, spec in enumerate(specs, 1):
        tally = table_copy.copy_table(reader, spec)
        copied.append(TableCopied(spec.name, tally.rows, tally.checksum))
        progress(Progress("copy", spec.name, tally.rows, number, len(specs)))
    return copied


def _check(
    reader, specs: list[TableSpec], copied: list[TableCopied], progress: ProgressCallback
) -> None:
    """Counts and checksums of both sides, before the commit."""
    differing = []
    for number, (spec, done) in enumerate(zip(specs, copied, strict=True), 1):
        counted = table_copy.source_count(reader, spec)
        held = table_copy.target_checksum(spec)
        rows_on_server = table_copy.target_count(spec)
        same = counted == done.rows == held.rows == rows_on_server
        if not same or held.checksum != done.checksum:
            differing.append((spec.name, counted, rows_on_server, held.checksum == done.checksum))
        progress(Progress("check", spec.name, held.rows, number, len(specs)))
    if differing:
        raise CopyDiffers(failure_message(differing), tuple(d[0] for d in differing))


def _write_keys(document: bytes) -> None:
    try:
        key_store.write_document(document)
        same = key_store.read_document() == document
    except key_store.KeyStoreUnavailable as exc:
        raise ServiceError(
            _(
                "Die Schlüssel der Benutzer ließen sich nicht auf den Server schreiben ({error})."
            ).format(error=exc)
        ) from exc
    if not same:
        raise CopyDiffers(failure_message([("key_store", 1, 1, False)]), ("key_store",))
