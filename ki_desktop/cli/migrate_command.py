"""``ki-desktop [--db FILE] migrate-to postgresql://…``: move the database to a server (the
parser needs no database code; the service is loaded when the command runs).

The source is the database of ``--db`` (an encrypted one after the usual login with
``--user`` and the password; the move needs the administrator role). The target must be an
empty server database. A line per table goes to the error stream while copying and
checking; the result (with ``--json``: counts and checksums per table) to the output. Exit
code 0 when the copy was committed, 1 with one line when not (nothing was then kept on the
server).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TextIO

from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_number


def add_parser(sub, with_json: argparse.ArgumentParser) -> None:
    """Register ``migrate-to`` on the main parser's subcommands."""
    p = sub.add_parser(
        "migrate-to",
        parents=[with_json],
        help=_(
            "die Datenbank in eine leere PostgreSQL-Datenbank übertragen und die Kopie prüfen "
            "(Administration)"
        ),
    )
    p.add_argument("url", metavar="postgresql://BENUTZER@SERVER/DATENBANK")


def _number(value: float) -> str:
    return format_number(value, ui_language())


def _progress(err: TextIO):
    def show(step) -> None:
        if step.stage == "copy":
            text = ngettext(
                "[{n}/{total}] kopiert: {table} ({rows} Zeile)",
                "[{n}/{total}] kopiert: {table} ({rows} Zeilen)",
                step.rows,
            )
        else:
            text = ngettext(
                "[{n}/{total}] geprüft: {table} ({rows} Zeile)",
                "[{n}/{total}] geprüft: {table} ({rows} Zeilen)",
                step.rows,
            )
        err.write(
            text.format(n=step.number, total=step.tables, table=step.table, rows=_number(step.rows))
            + "\n"
        )
        err.flush()

    return show


def _require_source(location: str | None) -> None:
    """A file name that names no database (a typing error, say) is refused before anything
    is opened: opening it would create an empty database and copy that."""
    from ki_desktop.cli.commands import CommandError
    from ki_desktop.paths import default_db_path
    from ki_desktop.services import accounts, database

    if database.is_server_location(location) or accounts.database_state(location) != "new":
        return
    raise CommandError(
        _(
            "Die Datenbankdatei {path} gibt es nicht oder sie ist leer; es gibt nichts zu "
            "übertragen. Bitte mit --db die Datenbankdatei der KI angeben."
        ).format(path=location or default_db_path())
    )


def command(err: TextIO) -> Callable[[argparse.Namespace, TextIO], int]:
    """The handler, with the stream for the progress lines."""

    def cmd_migrate_to(args: argparse.Namespace, out: TextIO) -> int:
        from ki_desktop.cli.commands import _emit
        from ki_desktop.services import server_migration

        _require_source(args.db)
        report = server_migration.migrate_to_server(args.url, args.db, progress=_progress(err))
        data = {
            "source": report.source,
            "target": report.target,
            "rows": report.rows,
            "seconds": report.seconds,
            "key_slots": report.key_slots,
            "offers_queued": report.offers_queued,
            "server_device": report.server_device,
            "audit_head": {"seq": report.audit_head[0], "hash": report.audit_head[1]},
            "tables": [
                {"table": t.table, "rows": t.rows, "checksum": t.checksum} for t in report.tables
            ],
        }
        text = ngettext(
            "{rows} Zeile aus {tables} Tabellen nach {target} übertragen und geprüft "
            "(Zeilenzahlen und Prüfsummen gleich) in {seconds} s.",
            "{rows} Zeilen aus {tables} Tabellen nach {target} übertragen und geprüft "
            "(Zeilenzahlen und Prüfsummen gleich) in {seconds} s.",
            report.rows,
        ).format(
            rows=_number(report.rows),
            tables=len(report.tables),
            target=report.target,
            seconds=_number(round(report.seconds, 1)),
        )
        if report.key_slots:
            text += " " + _("Die Benutzer melden sich dort mit ihren bisherigen Passwörtern an.")
        else:
            text += " " + _(
                "Die Datenbank hatte keine Benutzerkonten: Beim ersten Start mit dem Server wird "
                "der erste Administrator eingerichtet."
            )
        _emit(args, out, data, text)
        return 0

    return cmd_migrate_to
