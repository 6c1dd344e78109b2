"""The options of ``ki-desktop audit check|export``, apart from the commands so that building
the parser (``--help``) loads no database code."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from ki_desktop.domain.audit import EXPORT_FORMATS
from ki_desktop.i18n import _


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
        choices=EXPORT_FORMATS,
        help=_("Dateiformat (Standard: nach der Dateiendung, sonst csv)"),
    )
