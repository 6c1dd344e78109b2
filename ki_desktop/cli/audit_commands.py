"""``ki-desktop audit check|export``: the audit trail from the command line (administration).

``audit check`` exits 0 when the hash chain is intact and 1 with one line naming the first bad
entry; ``--head HASH`` also requires an entry with a hash noted earlier (a chain cut off or
rewritten since then no longer has it). ``audit export`` writes the entries, optionally of a
span of days, as CSV or XLSX (by ``--format`` or the file's ending).
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import TextIO

from ki_desktop.cli.commands import _emit
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import audit, database


def _day(text: str) -> date:
    """An argparse type: a day as 2026-03-31 or 31.03.2026."""
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(
        _("„{text}“ ist kein Datum (bitte JJJJ-MM-TT oder TT.MM.JJJJ)").format(text=text)
    )


def add_parsers(sub, common: argparse.ArgumentParser, with_json: argparse.ArgumentParser) -> None:
    """Register ``audit check`` and ``audit export`` on the main parser's subcommands."""
    from ki_desktop.cli.parser import OneLineParser  # loaded by now: it calls this function

    actions = sub.add_parser(
        "audit", help=_("Protokoll (Audit-Trail) prüfen und exportieren")
    ).add_subparsers(dest="action", metavar=_("AKTION"), required=True, parser_class=OneLineParser)
    p = actions.add_parser(
        "check",
        parents=[with_json],
        help=_("die Hash-Kette des Protokolls prüfen (Exit-Code 0: unverändert, 1: beschädigt)"),
    )
    p.add_argument(
        "--head",
        metavar=_("PRÜFWERT"),
        help=_("ein früher notierter Prüfwert, der in der Kette vorkommen muss"),
    )
    p = actions.add_parser(
        "export", parents=[with_json], help=_("das Protokoll als CSV oder XLSX ausgeben")
    )
    p.add_argument("--out", required=True, metavar=_("DATEI"))
    p.add_argument(
        "--from", dest="date_from", type=_day, metavar=_("DATUM"), help=_("ab diesem Tag")
    )
    p.add_argument(
        "--to", dest="date_to", type=_day, metavar=_("DATUM"), help=_("bis zu diesem Tag")
    )
    p.add_argument(
        "--by-user", default="", metavar=_("NAME"), help=_("nur Einträge dieses Benutzers")
    )
    p.add_argument(
        "--action", default="", metavar=_("AKTION"), help=_("nur Aktionen, die so beginnen")
    )
    p.add_argument(
        "--format",
        choices=audit.FORMATS,
        help=_("Dateiformat (Standard: nach der Dateiendung, sonst csv)"),
    )


def _check(args: argparse.Namespace, out: TextIO) -> int:
    report = audit.verify_chain(args.head)
    data = {
        "ok": report.ok,
        "entries": report.entries,
        "first_bad_seq": report.first_bad_seq,
        "reason": report.reason,
        "unsealed": report.unsealed,
        "head_seq": report.head_seq,
        "head_hash": report.head_hash,
        "message": audit.chain_message(report),
    }
    _emit(args, out, data, data["message"])
    return 0 if report.ok else 1


def _export(args: argparse.Namespace, out: TextIO) -> int:
    fmt = args.format or ("xlsx" if args.out.lower().endswith(".xlsx") else "csv")
    flt = audit.AuditFilter(
        user=args.by_user, action=args.action, date_from=args.date_from, date_to=args.date_to
    )
    result = audit.export_audit(args.out, fmt, flt)
    data = {
        "file": str(result.path),
        "entries": result.entries,
        "head_seq": result.head_seq,
        "head_hash": result.head_hash,
    }
    text = ngettext(
        "{n} Protokolleintrag nach {path} geschrieben (letzter Eintrag der Kette: Nr. {seq}, "
        "Prüfwert {hash}).",
        "{n} Protokolleinträge nach {path} geschrieben (letzter Eintrag der Kette: Nr. {seq}, "
        "Prüfwert {hash}).",
        result.entries,
    ).format(n=result.entries, path=result.path, seq=result.head_seq, hash=result.head_hash)
    _emit(args, out, data, text)
    return 0


def cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    return _check(args, out) if args.action == "check" else _export(args, out)
