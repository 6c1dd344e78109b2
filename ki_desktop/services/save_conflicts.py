"""A case someone else saved while it was open in the form: instead of overwriting, the second
saver gets a :class:`SaveConflict` with the three-way merge of what they loaded (base), what
they typed (mine) and what is stored now (theirs). Fields only the other person changed are
taken, fields only this user changed are kept; only fields both changed differently need a
choice. The field names are those of the case history and the sync conflicts.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime

from ki_desktop.domain import model as dm
from ki_desktop.domain.case_merge import CaseMerge
from ki_desktop.domain.merge import MISSING, Side
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import country_name, format_date, language_name
from ki_desktop.services import labels
from ki_desktop.services.case_file_texts import entry_field_label, field_label
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store import schools as school_repo

_COUNTRIES = {"country_of_birth", "nationality", "country"}
_LANGUAGES = {"first_language", "language", "interpreter_language"}
_LEVELS = {"german_level", "english_level", "level"}
_CODED = {
    "status": labels.status_label,
    "sex": labels.sex_label,
    "school_type": labels.school_type_label,
    "kind": labels.consent_label,
}
# Fields of the case that the history names differently.
_HISTORY_NAMES = {"municipality_ags": "municipality"}


@dataclass(frozen=True, slots=True)
class ConflictField:
    """One field to choose for, as the merge view shows it."""

    key: Hashable
    label: str
    base: str
    mine: str
    theirs: str


class SaveConflict(ServiceError):
    """Someone else saved the case after it was opened; ``merge`` says what differs.
    ``saved_by`` is their display name ("" when not known), ``saved_at`` when they saved
    (UTC). The raiser names them by user name (``username``)."""

    def __init__(
        self, message: str, merge: CaseMerge, username: str, saved_at: datetime | None
    ) -> None:
        super().__init__(message)
        self.merge = merge
        self.saved_by = _display_name(username)
        self.saved_at = saved_at

    @property
    def theirs(self) -> dm.Case:
        """The case as stored now."""
        return self.merge.theirs

    def fields(self) -> list[ConflictField]:
        """The conflicting fields, in the order of the form."""
        names = _Names()
        return [
            ConflictField(
                c.key,
                _label(self.merge, c.key),
                names.text(self.merge, c.key, c.base, c.base),
                names.text(self.merge, c.key, c.mine, c.base),
                names.text(self.merge, c.key, c.theirs, c.base),
            )
            for c in self.merge.conflicts
        ]

    def taken(self) -> list[str]:
        """The names of the fields taken from the other person's save (they alone changed
        them), each once."""
        return list(dict.fromkeys(_label(self.merge, key) for key in self.merge.taken))

    def resolve(self, choices: Mapping[Hashable, Side | str] | None = None) -> dm.Case:
        """The case to save on top of the stored one, with each conflict settled as chosen
        (what the user typed when not chosen)."""
        return self.merge.resolve(choices)


def _display_name(username: str) -> str:
    """The display name of an account (the user name when the account is gone)."""
    if not username:
        return ""
    account = store_accounts.get_account(username)
    return account.display_name if account and account.display_name else username


def _label(merge: CaseMerge, key: Hashable) -> str:
    if not isinstance(key, tuple):
        return field_label(_HISTORY_NAMES.get(str(key), str(key)))
    list_name, entry = key[0], key[1]
    if list_name == "consents":
        kind = entry.partition(":")[2]
        title = f"{field_label(list_name)}: {labels.consent_label(kind)}"
    else:
        title = field_label(f"{list_name}[{merge.position(list_name, entry)}]")
    if len(key) == 2:
        return title
    return f"{title} – {entry_field_label(key[2])}"


class _Names:
    """Readable values (names for codes), looking up municipalities and accounts once."""

    def __init__(self) -> None:
        self._municipalities: dict[str, str] | None = None

    def text(self, merge: CaseMerge, key: Hashable, value: object, base: object) -> str:
        if value is MISSING:
            return _("(nicht vorhanden)") if base is MISSING else _("(entfernt)")
        if isinstance(key, tuple) and len(key) == 2:
            return self._entry(value)
        return self._value(key[-1] if isinstance(key, tuple) else str(key), value)

    def _entry(self, item: object) -> str:
        parts = []
        for f in fields(item):
            value = getattr(item, f.name)
            if f.name == "id" or value in (None, "", False, []):
                continue
            parts.append(f"{entry_field_label(f.name)}: {self._value(f.name, value)}")
        return "; ".join(parts) or "—"

    def _value(self, name: str, value: object) -> str:
        if value is None or value == "" or value == ():
            return "—"
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        if isinstance(value, date):
            return format_date(value, ui_language(), "medium")
        if isinstance(value, list | tuple):
            return ", ".join(labels.document_label(str(v)) for v in value)
        text = str(getattr(value, "value", value))
        if name in _CODED:
            return _CODED[name](text)
        if name in _COUNTRIES:
            return country_name(text, ui_language())
        if name in _LANGUAGES:
            return language_name(text, ui_language())
        if name in _LEVELS:
            return labels.language_level_label(text)
        if name == "municipality_ags":
            return f"{self._municipality(text)} ({text})"
        if name == "counsellor":
            return _display_name(text)
        return text

    def _municipality(self, ags: str) -> str:
        if self._municipalities is None:
            self._municipalities = {m.ags: m.name for m in school_repo.list_municipalities()}
        return self._municipalities.get(ags, ags)
