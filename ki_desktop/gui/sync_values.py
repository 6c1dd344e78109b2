"""Values of synced fields as the conflicts dialog shows them, and typed-in values read back.

Synced values are plain JSON values (see :mod:`ki_desktop.services.sync`): dates as ISO text,
booleans as 1/0, references by AGS, Schulnummer or user name. The user sees dates as
DD.MM.YYYY, booleans as ja/nein and an empty value as a dash.
"""

from __future__ import annotations

from datetime import date, datetime

from ki_desktop.i18n import _

EMPTY = "—"


class BadValue(ValueError):
    """A typed-in value that does not fit the field; the message says what to type."""


def show_value(value: object, kind: str) -> str:
    """``value`` in readable form for a field of ``kind`` ("bool", "date", "datetime", "int",
    "text")."""
    if value is None or value == "":
        return EMPTY
    if kind == "bool" or isinstance(value, bool):
        return _("ja") if value else _("nein")
    if kind == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%d.%m.%Y")
        except ValueError:
            return str(value)
    if kind == "datetime":
        try:
            return datetime.fromisoformat(str(value)).strftime("%d.%m.%Y %H:%M")
        except ValueError:
            return str(value)
    return str(value)


def edit_text(value: object, kind: str) -> str:
    """The text an editor starts with (empty for no value)."""
    return "" if value is None or value == "" else show_value(value, kind)


def parse_value(text: str, kind: str) -> object:
    """The synced value for a typed text; raises :class:`BadValue` with a German hint."""
    text = text.strip()
    if not text or text == EMPTY:
        return None
    if kind == "bool":
        folded = text.casefold()
        if folded in (_("ja").casefold(), "ja", "yes", "1"):
            return 1
        if folded in (_("nein").casefold(), "nein", "no", "0"):
            return 0
        raise BadValue(_("Bitte „ja“ oder „nein“ wählen."))
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise BadValue(_("Bitte eine ganze Zahl eingeben.")) from None
    if kind in ("date", "datetime"):
        for pattern in ("%d.%m.%Y %H:%M", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                parsed = datetime.strptime(text, pattern)
            except ValueError:
                continue
            if kind == "date":
                return parsed.date().isoformat()
            return parsed.isoformat(sep=" ")
        raise BadValue(_("Bitte das Datum als TT.MM.JJJJ eingeben."))
    return text
