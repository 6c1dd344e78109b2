"""``ki-desktop sync export|import|log|team``: the sync files from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from ki_desktop.cli.commands import CommandError, _emit
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import database, sync


def _passphrase(path: str) -> str:
    """The team passphrase: the first line of the file (without the line break)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CommandError(
            _("Die Passphrase-Datei {path} gibt es nicht.").format(path=path)
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("Passphrase-Datei {path} ist nicht lesbar: {error}.").format(path=path, error=exc)
        ) from None
    lines = text.splitlines()
    return lines[0] if lines else ""


def _export(args: argparse.Namespace, out: TextIO) -> int:
    secret = _passphrase(args.passphrase_file)
    report = sync.export_changes(args.out, secret, peer=args.peer, full=args.full)
    data = {"file": str(report.path), "records": report.records, "full": report.full}
    text = ngettext(
        "{n} Datensatz nach {path} geschrieben.",
        "{n} Datensätze nach {path} geschrieben.",
        report.records,
    ).format(n=report.records, path=report.path)
    _emit(args, out, data, text)
    return 0


def _import(args: argparse.Namespace, out: TextIO) -> int:
    secret = _passphrase(args.passphrase_file)
    report = sync.import_file(args.file, secret, preview=args.preview)
    c = report.counts
    data = {
        "source_device": report.source_device,
        "created_at": report.created_at,
        "applied": report.applied,
        "records": c.records,
        "created": c.created,
        "updated": c.updated,
        "deleted": c.deleted,
        "conflicts": c.conflicts,
    }
    what = _("Vorschau (nichts geändert)") if args.preview else _("Eingelesen")
    text = _(
        "{what} (Gerät {device}) – Datensätze: {n}, neu: {new}, geändert: {upd}, "
        "gelöscht: {dele}, Konflikte: {conf}."
    ).format(
        what=what,
        n=c.records,
        device=report.source_device,
        new=c.created,
        upd=c.updated,
        dele=c.deleted,
        conf=c.conflicts,
    )
    _emit(args, out, data, text)
    return 0


def _log(args: argparse.Namespace, out: TextIO) -> int:
    entries = sync.log_entries()
    data = {"entries": [e.to_json() for e in entries]}
    text = "\n".join(e.text for e in entries) or _("Noch keine Sync-Vorgänge.")
    _emit(args, out, data, text)
    return 0


def _team(args: argparse.Namespace, out: TextIO) -> int:
    if args.name is not None:
        if not args.name.strip():
            raise CommandError(_("Der Teamname darf nicht leer sein."))
        sync.set_team(args.name)
    name = sync.team()
    text = name or _("Noch kein Teamname gesetzt (er wird mit der ersten Sync-Datei übernommen).")
    _emit(args, out, {"team": name}, text)
    return 0


ACTIONS = {"export": _export, "import": _import, "log": _log, "team": _team}


def cmd_sync(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    return ACTIONS[args.action](args, out)
