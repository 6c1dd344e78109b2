"""The subcommands: each opens the database through the services and prints its result."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import TextIO

from ki_desktop.i18n import _, ngettext
from ki_desktop.services import (
    database,
    demo,
    labels,
    offers,
    placement,
    schools,
    statistics_export,
)
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
    report = schools.import_school_list(args.file, kreis=args.kreis)
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
    from pathlib import Path

    from ki_desktop.services import backups

    database.open_app_database(args.db)
    report = backups.backup_now("manual", Path(args.out))
    data = {"backup": str(report.path), "keys": str(report.keys_path or ""), "bytes": report.size}
    text = _("Sicherung geschrieben: {path}").format(path=report.path)
    if report.keys_path:
        text += "\n" + _(
            "Schlüsseldatei: {keys} (gehört zur Sicherung; zum Wiederherstellen braucht es "
            "das Passwort eines Benutzers, wie es heute gilt, oder den "
            "Wiederherstellungsschlüssel)"
        ).format(keys=report.keys_path)
    _emit(args, out, data, text)
    return 0


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    from pathlib import Path

    from ki_desktop.cli import auth
    from ki_desktop.services import backups

    source = Path(args.file)
    if not source.is_file():
        raise CommandError(_("Die Sicherung {path} gibt es nicht.").format(path=source))
    key = None
    encrypted = backups.is_encrypted_backup(source)
    recovery_file = getattr(args, "recovery_key_file", None)
    if encrypted and recovery_file:
        try:
            recovery_key = Path(recovery_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CommandError(
                _("Die Datei {path} ist nicht lesbar: {error}").format(
                    path=recovery_file, error=exc.strerror
                )
            ) from exc
        key = backups.backup_key(source, recovery_key=recovery_key)
    elif encrypted and not backups.opens_with_current_key(source):
        # The password of the backup's day, from the same place as a login's.
        key = backups.backup_key(source, auth.username(args), auth.login_password(args))
    report = backups.restore(source, args.db, key=key)
    text = _("Datenbank {db} aus {src} wiederhergestellt.").format(
        db=report.info.location, src=source
    )
    if report.kept:
        text += " " + _("Die ersetzte Datenbank liegt daneben: {path}").format(path=report.kept)
    if encrypted:
        text += " " + _("Es gelten die Benutzerkonten und Passwörter vom Tag der Sicherung.")
    data = {
        "database": report.info.location,
        "schema_version": report.info.schema_version,
        "kept": str(report.kept or ""),
    }
    _emit(args, out, data, text)
    return 0


def cmd_recommend(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    result = placement.recommend_from_file(args.file)
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


def _offer_json(offer) -> dict:
    return {
        "id": offer.id,
        "title": offer.title,
        "category": offer.category,
        "provider": offer.provider_name,
        "age_min": offer.age_min,
        "age_max": offer.age_max,
        "languages": offer.languages,
        "municipality": offer.municipality_ags,
        "municipality_name": offer.municipality_name,
        "address": offer.address,
        "latitude": offer.latitude,
        "longitude": offer.longitude,
        "schedule": offer.schedule,
        "valid_from": offer.valid_from.isoformat() if offer.valid_from else None,
        "valid_to": offer.valid_to.isoformat() if offer.valid_to else None,
        "free_of_charge": offer.free_of_charge,
    }


def _offers_search(args: argparse.Namespace, out: TextIO) -> int:
    filters = offers.OfferFilter(
        age=args.age,
        language=(args.language or "").strip().lower(),
        municipality_ags=(args.municipality or "").strip(),
        limit=None,
    )
    result = offers.search(args.text, filters)
    if getattr(args, "json", False):
        json.dump([_offer_json(o) for o in result.offers], out, ensure_ascii=False)
        out.write("\n")
        return 0
    lines = [
        _("Keine genauen Treffer für „{word}“; gesucht wurde nach: {words}").format(
            word=word, words=", ".join(alternatives)
        )
        for word, alternatives in result.corrections.items()
    ]
    for offer in result.offers:
        lines.append(
            f"{offer.title} | {offer.provider_name} | {offer.municipality_name} | "
            f"{labels.age_range_label(offer.age_min, offer.age_max)} | {', '.join(offer.languages)}"
        )
    lines.append(
        ngettext("{n} Angebot gefunden", "{n} Angebote gefunden", len(result.offers)).format(
            n=len(result.offers)
        )
    )
    out.write("\n".join(lines) + "\n")
    return 0


def _offers_import(args: argparse.Namespace, out: TextIO) -> int:
    report = offers.import_csv(args.file, dry_run=args.dry_run, only_valid=args.only_valid)
    if getattr(args, "json", False):
        json.dump(report.to_json(), out, ensure_ascii=False)
        out.write("\n")
    else:
        lines = [r.text for r in report.rejected]
        summary = _("{rows} Zeilen gelesen, {valid} gültig, {rejected} abgelehnt.").format(
            rows=report.rows, valid=report.valid, rejected=len(report.rejected)
        )
        if report.written:
            summary += " " + _("{created} Angebote neu, {updated} aktualisiert.").format(
                created=report.created, updated=report.updated
            )
        lines.append(summary)
        out.write("\n".join(lines) + "\n")
    if report.rejected and not report.written:
        if args.dry_run:
            message = _("Probelauf: {n} Zeilen würden abgelehnt.")
        else:
            message = _(
                "{n} Zeilen abgelehnt, nichts eingelesen (mit --only-valid werden die gültigen "
                "Zeilen eingelesen)."
            )
        raise CommandError(message.format(n=len(report.rejected)))
    return 0


def cmd_offers(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    if args.action == "search":
        return _offers_search(args, out)
    if args.action == "import":
        return _offers_import(args, out)
    count = offers.export_csv(args.file)
    out.write(
        ngettext(
            "{n} Angebot nach {path} geschrieben.", "{n} Angebote nach {path} geschrieben.", count
        ).format(n=count, path=args.file)
        + "\n"
    )
    return 0


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    database.open_app_database(args.db)
    number = args.quarter if args.action == "quarterly" else args.month
    result = statistics_export.export_statistics(
        args.action, args.year, number, args.format, args.out
    )
    tables = result.report.tables
    data = {
        "file": str(result.path),
        "period": result.report.period.label,
        "tables": [{"key": t.key, "title": t.title} for t in tables],
    }
    text = ngettext(
        "{period}: {n} Tabelle nach {path} geschrieben.",
        "{period}: {n} Tabellen nach {path} geschrieben.",
        len(tables),
    ).format(period=result.report.period.label, n=len(tables), path=result.path)
    _emit(args, out, data, text)
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
    "offers": cmd_offers,
    "restore": cmd_restore,
    "report": cmd_report,
}


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the subcommand in ``args``; errors become one line on ``err`` and exit code 1.
    ``out`` and ``err`` default to the process's streams as they are when the command runs
    (not when this module was imported)."""
    out = sys.stdout if out is None else out
    err = sys.stderr if err is None else err
    if not hasattr(args, "db"):
        args.db = None
    if args.command == "sync":
        from ki_desktop.cli.sync_commands import cmd_sync

        handler = cmd_sync
    elif args.command == "audit":
        from ki_desktop.cli.audit_commands import cmd_audit

        handler = cmd_audit
    elif args.command == "migrate-to":
        from ki_desktop.cli.migrate_command import command

        handler = command(err)
    elif args.command in ("users", "password", "recover") or getattr(args, "admin", None):
        from ki_desktop.cli.user_commands import USER_COMMANDS, cmd_init_admin

        handler = USER_COMMANDS.get(args.command, cmd_init_admin)
    else:
        handler = COMMANDS.get(args.command, cmd_not_available)
    from ki_desktop.cli import auth
    from ki_desktop.services import session

    previous = session.current_or_none()
    try:
        if handler.__name__ not in ("cmd_init_admin", "cmd_recover"):
            auth.begin_session(args)  # a login on an encrypted database
        return handler(args, out)
    except (ServiceError, CommandError) as exc:
        err.write(_("Fehler: {message}").format(message=exc) + "\n")
        return 1
    finally:
        auth.end_session(previous)
        database.close_app_database()
