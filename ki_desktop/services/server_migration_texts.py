"""The messages of ``services.server_migration`` that say what stopped a copy: a value the
server would not keep unchanged, the tables whose copy differs, a file or a server that
failed on the way."""

from __future__ import annotations

from collections.abc import Sequence

from ki_desktop.i18n import N_, _, ngettext
from ki_desktop.store import server, table_copy
from ki_desktop.store.copy_values import ValueRefused

_PROBLEMS = {
    "not_int": N_("keine ganze Zahl"),
    "int_range": N_("eine ganze Zahl jenseits dessen, was der Server in dieser Spalte speichert"),
    "not_bool": N_("weder ja noch nein (0 oder 1)"),
    "not_date": N_("kein Datum"),
    "not_time": N_("keine Zeitangabe"),
    "not_number": N_("keine Zahl"),
    "not_text": N_("kein Text"),
    "nul": N_("ein Text mit einem Nullzeichen, das der Server nicht speichern kann"),
}


def value_message(exc: ValueRefused) -> str:
    """Where the value is and what is wrong with it (never the value: it may be personal)."""
    if exc.problem == "too_long":
        length, limit = exc.params
        problem = _(
            "ein Text mit {length} Zeichen; die Spalte auf dem Server fasst {limit}"
        ).format(length=length, limit=limit)
    else:
        problem = _(_PROBLEMS.get(exc.problem, N_("kein gültiger Wert")))
    return _(
        "Ein Wert lässt sich nicht unverändert auf den Server übertragen: Tabelle „{table}“, "
        "Spalte „{column}“, Datensatz {key}: {problem}. Bitte den Wert im Programm korrigieren "
        "und erneut übertragen; auf dem Server wurde nichts übernommen."
    ).format(table=exc.table, column=exc.column, key=exc.key, problem=problem)


def failure_message(differing: Sequence[tuple[str, int, int, bool]]) -> str:
    """The check found differences: (table, rows in the file, rows on the server, checksums
    equal) for each table that differs."""
    parts = []
    for table, in_file, on_server, same_checksum in differing:
        if in_file != on_server:
            parts.append(
                ngettext(
                    "„{table}“: {n} Zeile in der Datei, {m} auf dem Server",
                    "„{table}“: {n} Zeilen in der Datei, {m} auf dem Server",
                    in_file,
                ).format(table=table, n=in_file, m=on_server)
            )
        elif not same_checksum:
            parts.append(_("„{table}“: Prüfsumme verschieden").format(table=table))
        else:
            parts.append(_("„{table}“: beim Kopieren anders gezählt").format(table=table))
    return _(
        "Die Prüfung der Kopie hat Unterschiede gefunden ({tables}). Die Übertragung wurde "
        "zurückgenommen: Auf dem Server wurde nichts übernommen, die Datenbankdatei ist "
        "unverändert."
    ).format(tables="; ".join(parts))


def describe(exc: Exception) -> str:
    """The message for what stopped the copy (the transaction was rolled back)."""
    if isinstance(exc, table_copy.SchemaMismatch):
        return _(
            "Die Tabelle „{table}“ der Datenbankdatei passt nicht zu dieser Programmversion "
            "(fehlende Spalten: {missing}; unbekannte Spalten: {extra}). Es wurde nichts "
            "übertragen."
        ).format(
            table=exc.table,
            missing=", ".join(exc.missing) or "–",
            extra=", ".join(exc.extra) or "–",
        )
    if isinstance(exc, table_copy.SourceUnreadable):
        return _(
            "Die Datenbankdatei ließ sich nicht bis zum Ende lesen ({reason}). Auf dem Server "
            "wurde nichts übernommen; bitte die Datei prüfen oder aus einer Sicherung "
            "wiederherstellen."
        ).format(reason=exc)
    if isinstance(exc, table_copy.ValueRefused):
        return value_message(exc)
    if isinstance(exc, table_copy.TargetRefused):
        where = _(" (Tabelle „{table}“)").format(table=exc.table) if exc.table else ""
        return _(
            "Der Server hat die Übertragung abgelehnt{where}: {reason}. Auf dem Server wurde "
            "nichts übernommen."
        ).format(where=where, reason=exc)
    if isinstance(exc, server.ConnectionLost):
        return _(
            "Die Verbindung zum Server ist während der Übertragung abgebrochen. Auf dem Server "
            "wurde nichts übernommen; bitte erneut versuchen."
        )
    return str(exc)
