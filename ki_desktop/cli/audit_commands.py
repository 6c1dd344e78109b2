"""``ki-desktop audit check|export`` (the options: :mod:`ki_desktop.cli.audit_parser`): the audit trail from the command line (administration).

``audit check`` exits 0 when the hash chain is intact and 1 with one line naming the first bad
entry; ``--head HASH`` also requires an entry with a hash noted earlier (a chain cut off or
rewritten since then no longer has it). ``audit export`` writes the entries, optionally of a
span of days, as CSV or XLSX (by ``--format`` or the file's ending).
"""

from __future__ import annotations

import argparse
from typing import TextIO

from ki_desktop.cli.commands import _emit
from ki_desktop.i18n import ngettext
from ki_desktop.services import audit, database


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
