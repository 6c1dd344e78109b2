"""The subcommands: each opens the database through the services and prints its result."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TextIO

from ki_desktop.i18n import _
from ki_desktop.services import database, demo, placement, schools
from ki_desktop.services.database import ServiceError


class CommandError(RuntimeError):
    """A command cannot run; the message is the one line the user sees."""


def _emit(args: argparse.Namespace, out: TextIO, data: dict, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, out, ensure_ascii=False, default=str)
        out.write("\n")
    else:
        out.write(text + "\n")


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    info = database.open_app_database(args.db)
    data: dict = {"database": info.location, "schema_version": info.schema_version}
    text = _("Datenbank {db} ist bereit (Schema-Version {v}).").format(
        db=info.location, v=info.schema_version
    )
    if info.backup:
        data["backup"] = str(info.backup)
        text += " " + _("Sicherung vor der Migration: {path}").format(path=info.backup)
    if args.demo:
        if demo.is_database_empty():
            report = demo.load_demo_data(size=args.demo_size, seed=args.seed)
            data["demo"] = asdict(report)
            text += " " + _(
                "Demodaten geladen: {cases} Fälle, {schools} Schulen, {offers} Angebote."
            ).format(cases=report.cases, schools=report.schools, offers=report.offers)
        else:
            text += " " + _("Die Datenbank ist nicht leer; Demodaten wurden nicht geladen.")
    _emit(args, out, data, text)
    return 0


def cmd_schools(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    report = schools.import_school_list(args.file, kreis=args.kreis, user="cli")
    text = _(
        "{n} Schulen in Betrieb eingelesen ({ins} neu, {upd} aktualisiert, {same} unverändert, "
        "{closed} als geschlossen markiert), {m} Gemeinden."
    ).format(
        n=report.schools_in_file,
        ins=report.inserted,
        upd=report.updated,
        same=report.unchanged,
        closed=report.closed,
        m=report.municipalities,
    )
    _emit(args, out, asdict(report), text)
    return 0


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    target = database.backup_database(args.out, user="cli")
    out.write(_("Sicherung geschrieben: {path}").format(path=target) + "\n")
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    info = database.restore_database(args.file, args.db)
    out.write(
        _("Datenbank {db} aus {src} wiederhergestellt.").format(db=info.location, src=args.file)
        + "\n"
    )
    return 0


def cmd_recommend(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    result = placement.recommend_from_file(args.file, user="cli")
    lines = [
        _("Schulpflicht: {kind} (bis {until})").format(
            kind=result.compulsory_schooling, until=result.compulsory_until or "–"
        ),
        _("Stufe: {stage}, Klasse: {grade}").format(stage=result.stage, grade=result.grade or "–"),
        _("Förderung: {support}").format(support=", ".join(result.support) or "–"),
        _("Schulformen: {forms}").format(forms=", ".join(result.school_forms) or "–"),
        *(
            f"  {s['schulnummer']} {s['name']} ({s['municipality']}, {s['distance_km']} km)"
            for s in result.schools
        ),
        *(f"- {r}" for r in result.reasons),
        _("Regelstand: {version}").format(version=result.rules_version),
    ]
    _emit(args, out, result.to_json(), "\n".join(lines))
    return 0


def cmd_not_available(args: argparse.Namespace, out: TextIO) -> int:
    raise CommandError(
        _("„{cmd}“ ist in dieser Version noch nicht verfügbar.").format(
            cmd=" ".join(filter(None, (args.command, getattr(args, "action", None))))
        )
    )


COMMANDS = {
    "init": cmd_init,
    "schools": cmd_schools,
    "backup": cmd_backup,
    "recommend": cmd_recommend,
    "restore": cmd_restore,
}


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the subcommand in ``args``; errors become one line on ``err`` and exit code 1."""
    if not hasattr(args, "db"):
        args.db = None
    handler = COMMANDS.get(args.command, cmd_not_available)
    try:
        return handler(args, out)
    except (ServiceError, CommandError) as exc:
        err.write(_("Fehler: {message}").format(message=exc) + "\n")
        return 1
    finally:
        database.close_app_database()
