"""The argument parser of the command-line contract."""

from __future__ import annotations

import argparse
import sys

from ki_desktop import __version__
from ki_desktop.i18n import _


class OneLineParser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line (the contract: no usage dump)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(
            2,
            _("{prog}: Fehler: {message} (Hilfe: {prog} --help)\n").format(
                prog=self.prog, message=message
            ),
        )


def _common(*, json_output: bool = False) -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        metavar=_("PFAD"),
        help=_(
            "Datenbankdatei oder Serveradresse postgresql://benutzer@rechner/datenbank "
            "(Standard: $KI_DESKTOP_DB, sonst die Datei im Benutzer-Datenordner)"
        ),
    )
    common.add_argument(
        "--user",
        default=argparse.SUPPRESS,
        metavar=_("NAME"),
        help=_("Benutzername für die Anmeldung (Standard: der Anmeldename im Betriebssystem)"),
    )
    common.add_argument(
        "--password-file",
        default=argparse.SUPPRESS,
        metavar=_("DATEI"),
        help=_(
            "Passwort aus der ersten Zeile dieser Datei (sonst $KI_DESKTOP_PASSWORD, sonst "
            "Abfrage im Terminal)"
        ),
    )
    if json_output:
        common.add_argument("--json", action="store_true", help=_("maschinenlesbare Ausgabe"))
    return common


def _new_password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--new-password-file",
        metavar=_("DATEI"),
        help=_(
            "neues Passwort aus der ersten Zeile dieser Datei (sonst "
            "$KI_DESKTOP_NEW_PASSWORD, sonst Abfrage im Terminal)"
        ),
    )


def _recovery_key_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--recovery-key-file",
        metavar=_("DATEI"),
        help=_(
            "den Wiederherstellungsschlüssel in diese neue Datei schreiben (zum Ausdrucken) "
            "statt ihn anzuzeigen"
        ),
    )


def _account_commands(sub, common, with_json) -> None:
    """``users``, ``password`` and ``recover``."""
    users = sub.add_parser(
        "users", help=_("Benutzerkonten verwalten (Administration)")
    ).add_subparsers(dest="action", metavar=_("AKTION"), required=True, parser_class=OneLineParser)
    users.add_parser("list", parents=[with_json], help=_("Benutzerkonten anzeigen"))
    p = users.add_parser("add", parents=[with_json], help=_("Benutzerkonto anlegen"))
    p.add_argument("name", metavar=_("NAME"))
    p.add_argument("--display-name", required=True, metavar=_("TEXT"), help=_("Anzeigename"))
    p.add_argument(
        "--roles",
        required=True,
        metavar="counsellor,admin,statistics,interpreter",
        help=_("Rollen, durch Kommas getrennt"),
    )
    p.add_argument("--team", default="", metavar=_("TEAM"))
    _new_password_option(p)
    p = users.add_parser(
        "reset-password", parents=[with_json], help=_("Passwort eines Kontos neu setzen")
    )
    p.add_argument("name", metavar=_("NAME"))
    _new_password_option(p)
    p = users.add_parser("set-roles", parents=[with_json], help=_("Rollen und Team ändern"))
    p.add_argument("name", metavar=_("NAME"))
    p.add_argument("roles", metavar="counsellor,admin,…")
    p.add_argument("--team", default=None, metavar=_("TEAM"))
    for action, text in (
        ("deactivate", _("Konto deaktivieren (sein Passwort öffnet nichts mehr)")),
        ("activate", _("deaktiviertes Konto wieder aktivieren")),
    ):
        p = users.add_parser(action, parents=[with_json], help=text)
        p.add_argument("name", metavar=_("NAME"))
    p = users.add_parser(
        "new-recovery-key",
        parents=[with_json],
        help=_("neuen Wiederherstellungsschlüssel erzeugen (der alte gilt nicht mehr)"),
    )
    _recovery_key_file_option(p)

    p = sub.add_parser("password", parents=[common], help=_("eigenes Passwort ändern"))
    _new_password_option(p)
    p = sub.add_parser(
        "recover",
        parents=[common],
        help=_(
            "mit dem Wiederherstellungsschlüssel ein neues Passwort setzen (das neue Passwort "
            "wie beim Anmelden angeben)"
        ),
    )
    p.add_argument("--recovery-key-file", required=True, metavar=_("DATEI"))


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("„{text}“ ist keine ganze Zahl").format(text=text)
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("die Zahl darf nicht negativ sein"))
    return value


def _number_between(low: int, high: int):
    """An argparse type: a whole number from ``low`` to ``high``."""

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("„{text}“ ist keine ganze Zahl").format(text=text)
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("{value} liegt nicht zwischen {low} und {high}").format(
                    value=value, low=low, high=high
                )
            )
        return value

    return number


def build_parser() -> argparse.ArgumentParser:
    """The whole ``ki-desktop`` command line."""
    common = _common()
    with_json = _common(json_output=True)
    parser = OneLineParser(
        prog="ki-desktop",
        description=_(
            "KI Desktop: Seiteneinsteigerberatung der Kommunalen Integrationszentren. "
            "Ohne Unterbefehl startet die Anwendung."
        ),
        epilog=_(
            "Anmeldung: Bei einer verschlüsselten Datenbank meldet sich jeder Befehl mit "
            "--user (Standard: Anmeldename im Betriebssystem) und dem Passwort aus "
            "--password-file, $KI_DESKTOP_PASSWORD oder der Abfrage im Terminal an. Solange "
            "eine Datenbank noch keine Benutzerkonten hat, laufen Befehle als "
            "Einrichtungsbenutzer „system“ mit allen Rollen; „init --admin NAME“ legt den "
            "ersten Administrator an und verschlüsselt die Datenbank."
        ),
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo",
        action="store_true",
        help=_("eine leere Datenbank ohne Nachfrage mit Demodaten füllen"),
    )
    parser.add_argument(
        "--demo-size",
        type=_positive_int,
        default=300,
        metavar="N",
        help=_("Anzahl der Demo-Fälle (Standard: 300)"),
    )
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=None,
        help=_("Sprache der Oberfläche (Standard: de)"),
    )
    sub = parser.add_subparsers(dest="command", metavar=_("BEFEHL"), parser_class=OneLineParser)

    p = sub.add_parser("init", parents=[with_json], help=_("Datenbank anlegen oder migrieren"))
    p.add_argument(
        "--demo", action="store_true", help=_("eine leere Datenbank mit Demodaten füllen")
    )
    p.add_argument(
        "--demo-size",
        type=_positive_int,
        default=300,
        metavar="N",
        help=_("Anzahl der Demo-Fälle (Standard: 300)"),
    )
    p.add_argument("--seed", type=int, default=1, help=_("Startwert des Demo-Generators"))
    p.add_argument(
        "--admin",
        metavar=_("NAME"),
        help=_(
            "den ersten Administrator anlegen und die Datenbank verschlüsseln (Passwort wie "
            "beim Anmelden angeben)"
        ),
    )
    p.add_argument("--display-name", metavar=_("TEXT"), help=_("Anzeigename des Administrators"))
    p.add_argument(
        "--no-counsellor",
        action="store_true",
        help=_("der Administrator berät nicht selbst (ohne Rolle Beratung)"),
    )
    _recovery_key_file_option(p)

    schools = sub.add_parser("schools", help=_("Schulliste verwalten")).add_subparsers(
        dest="action", metavar=_("AKTION"), required=True, parser_class=OneLineParser
    )
    p = schools.add_parser(
        "import",
        parents=[with_json],
        help=_("die amtliche NRW-Schulliste (Schulgrunddaten) einlesen"),
    )
    p.add_argument("file", metavar="DATEI.csv")
    p.add_argument(
        "--kreis", metavar="05554", help=_("nur Schulen dieses Kreises (Anfang des AGS)")
    )

    p = sub.add_parser("recommend", parents=[with_json], help=_("Schulempfehlung für einen Fall"))
    p.add_argument("file", metavar="FALL.json")

    offers = sub.add_parser(
        "offers", help=_("Angebote suchen, importieren, exportieren")
    ).add_subparsers(dest="action", metavar=_("AKTION"), required=True, parser_class=OneLineParser)
    p = offers.add_parser("search", parents=[with_json], help=_("Angebote suchen"))
    p.add_argument("text", nargs="?", default="")
    p.add_argument("--age", type=_positive_int)
    p.add_argument("--language", metavar="xx")
    p.add_argument("--municipality", metavar="AGS")
    p = offers.add_parser("import", parents=[with_json], help=_("Angebote aus CSV einlesen"))
    p.add_argument("file", metavar="DATEI.csv")
    p.add_argument(
        "--dry-run", action="store_true", help=_("nur prüfen und abgelehnte Zeilen zeigen")
    )
    p.add_argument(
        "--only-valid",
        action="store_true",
        help=_("die gültigen Zeilen auch dann einlesen, wenn andere abgelehnt werden"),
    )
    p = offers.add_parser("export", parents=[common], help=_("Angebote als CSV ausgeben"))
    p.add_argument("file", metavar="DATEI.csv")

    report = sub.add_parser("report", help=_("Statistik exportieren")).add_subparsers(
        dest="action", metavar=_("ZEITRAUM"), required=True, parser_class=OneLineParser
    )
    for name, unit, hint, last in (
        ("quarterly", "--quarter", _("Quartal 1–4"), 4),
        ("monthly", "--month", _("Monat 1–12"), 12),
    ):
        p = report.add_parser(
            name,
            parents=[with_json],
            help=_("Quartalsstatistik") if name == "quarterly" else _("Monatsstatistik"),
        )
        p.add_argument("--year", type=_number_between(2000, 2100), required=True)
        p.add_argument(unit, type=_number_between(1, last), required=True, help=hint)
        p.add_argument("--format", choices=("pdf", "xlsx", "csv"), required=True)
        p.add_argument("--out", required=True, metavar=_("DATEI"))

    sync = sub.add_parser("sync", help=_("Sync-Dateien zwischen Laptops")).add_subparsers(
        dest="action", metavar=_("AKTION"), required=True, parser_class=OneLineParser
    )
    p = sync.add_parser(
        "export", parents=[with_json], help=_("verschlüsselte Sync-Datei schreiben")
    )
    p.add_argument("--out", required=True, metavar=_("DATEI"))
    p.add_argument("--passphrase-file", required=True, metavar="F")
    p.add_argument(
        "--peer",
        default="*",
        metavar=_("GERÄT"),
        help=_("nur was dieses Gerät noch nicht bestätigt hat (Standard: alle Geräte)"),
    )
    p.add_argument("--full", action="store_true", help=_("alles exportieren"))
    p = sync.add_parser("import", parents=[with_json], help=_("Sync-Datei einlesen"))
    p.add_argument("file", metavar=_("DATEI"))
    p.add_argument("--passphrase-file", required=True, metavar="F")
    p.add_argument("--preview", action="store_true", help=_("nur anzeigen, was sich ändern würde"))
    sync.add_parser("log", parents=[with_json], help=_("Sync-Protokoll anzeigen"))
    p = sync.add_parser("team", parents=[with_json], help=_("Teamnamen anzeigen oder setzen"))
    p.add_argument("name", nargs="?", metavar=_("NAME"))

    p = sub.add_parser("backup", parents=[with_json], help=_("Sicherung der Datenbank schreiben"))
    p.add_argument("--out", required=True, metavar=_("DATEI"))
    p = sub.add_parser(
        "restore", parents=[with_json], help=_("Datenbank aus einer Sicherung wiederherstellen")
    )
    p.add_argument("file", metavar=_("DATEI"))
    p.add_argument(
        "--recovery-key-file",
        metavar=_("DATEI"),
        help=_(
            "eine verschlüsselte Sicherung mit dem Wiederherstellungsschlüssel aus dieser Datei "
            "öffnen (statt mit einem Passwort vom Tag der Sicherung)"
        ),
    )
    _account_commands(sub, common, with_json)

    from ki_desktop.cli.audit_parser import add_parsers as add_audit_parsers

    add_audit_parsers(sub, common, with_json)

    from ki_desktop.cli.migrate_command import add_parser as add_migrate_parser

    add_migrate_parser(sub, with_json)
    return parser


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse ``argv`` (default: the process arguments)."""
    return build_parser().parse_args(sys.argv[1:] if argv is None else argv)
