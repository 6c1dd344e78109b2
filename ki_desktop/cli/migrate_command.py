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

from ki_desktop.i18n import _


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


def _progress(err: TextIO):
    def show(step) -> None:
        if step.stage == "copy":
            text = _("[{n}/{total}] kopiert: {table} ({rows} Zeilen)")
        else:
            text = _("[{n}/{total}] geprüft: {table} ({rows} Zeilen)")
        err.write(
            text.format(n=step.number, total=step.tables, table=step.table, rows=step.rows) + "\n"
        )
        err.flush()

    return show


def command(err: TextIO) -> Callable[[argparse.Namespace, TextIO], int]:
    """The handler, with the stream for the progress lines."""

    def cmd_migrate_to(args: argparse.Namespace, out: TextIO) -> int:
        from ki_desktop.cli.commands import _emit
        from ki_desktop.services import server_migration

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
        text = _(
            "{rows} Zeilen aus {tables} Tabellen nach {target} übertragen und geprüft "
            "(Zeilenzahlen und Prüfsummen gleich) in {seconds} s."
        ).format(
            rows=report.rows,
            tables=len(report.tables),
            target=report.target,
            seconds=report.seconds,
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
