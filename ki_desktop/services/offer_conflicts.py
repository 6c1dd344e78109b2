"""An offer someone else saved while it was open in the offer dialog: instead of overwriting
it, the second saver gets an :class:`OfferSaveConflict` with the three-way merge of what they
loaded, what they typed and what is stored now (as for cases, see
:mod:`ki_desktop.services.save_conflicts`, whose merge view shows both)."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date, datetime

from ki_desktop.domain import model as dm
from ki_desktop.domain.merge import MISSING, Side
from ki_desktop.domain.offer_merge import LANGUAGES, POSITION, OfferMerge
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import format_date, language_name
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.offer_checks import degrees_text
from ki_desktop.services.save_conflicts import ConflictField
from ki_desktop.store import accounts as store_accounts
from ki_desktop.store import audit as audit_store
from ki_desktop.store import offers as repo
from ki_desktop.store import schools as school_repo


def _labels() -> dict[str, str]:
    return {
        "title": _("Titel"),
        "category": _("Kategorie"),
        "provider_name": _("Träger"),
        "age_min": _("Alter von"),
        "age_max": _("Alter bis"),
        "target_group": _("Zielgruppe"),
        "free_of_charge": _("Kostenlos"),
        "municipality_ags": _("Gemeinde"),
        "address": _("Adresse"),
        POSITION: _("Koordinaten"),
        "schedule": _("Termine"),
        "valid_from": _("gültig von"),
        "valid_to": _("gültig bis"),
        "accessibility": _("Barrierefreiheit"),
        "description_de": _("Beschreibung (Deutsch)"),
    }


class OfferSaveConflict(ServiceError):
    """Someone else saved the offer after it was opened; ``merge`` says what differs.
    ``saved_by`` is their display name ("" when not known), ``saved_at`` when they saved
    (UTC)."""

    def __init__(
        self, message: str, merge: OfferMerge, saved_by: str, saved_at: datetime | None
    ) -> None:
        super().__init__(message)
        self.merge = merge
        self.saved_by = saved_by
        self.saved_at = saved_at

    @property
    def theirs(self) -> dm.Offer:
        """The offer as stored now."""
        return self.merge.theirs

    def fields(self) -> list[ConflictField]:
        """The conflicting fields, in the order of the dialog."""
        labels, places = _labels(), _Places()
        return [
            ConflictField(
                c.key,
                _label(labels, c.key),
                places.text(c.key, c.base, c.base),
                places.text(c.key, c.mine, c.base),
                places.text(c.key, c.theirs, c.base),
            )
            for c in self.merge.conflicts
        ]

    def taken(self) -> list[str]:
        """The names of the fields taken from the other person's save (they alone changed
        them), each once."""
        labels = _labels()
        return list(dict.fromkeys(_label(labels, key) for key in self.merge.taken))

    def resolve(self, choices: Mapping[Hashable, Side | str] | None = None) -> dm.Offer:
        """The offer to save on top of the stored one, with each conflict settled as chosen
        (what the user typed when not chosen)."""
        return self.merge.resolve(choices)


def last_saved_by(offer_id: str) -> tuple[str, datetime | None]:
    """Who saved the stored version of the offer (display name; "" when not known, e.g. it
    came by a sync) and when (UTC)."""
    at = repo.last_saved(offer_id)
    query = audit_store.AuditQuery(action="offer.", target=offer_id)
    newest = audit_store.entries(query, limit=1)
    # The audit entry is written in the save's transaction, just after the row: an older
    # entry belongs to an earlier save.
    if at is None or not newest or newest[0].at < at:
        return "", at
    account = store_accounts.get_account(newest[0].user)
    return (account.display_name if account else "") or newest[0].user, at


def _label(labels: dict[str, str], key: Hashable) -> str:
    if isinstance(key, tuple):
        name = language_name(str(key[1]), ui_language())
        if key[0] == LANGUAGES:
            return _("Sprache {language}").format(language=name)
        return _("Beschreibung ({language})").format(language=name)
    return labels.get(str(key), str(key))


class _Places:
    """Readable values (municipality names for their keys, read once)."""

    def __init__(self) -> None:
        self._names: dict[str, str] | None = None

    def text(self, key: Hashable, value: object, base: object) -> str:
        if isinstance(key, tuple) and key[0] == LANGUAGES:
            return _("ja") if value is not MISSING else _("nein")
        if value is MISSING:
            return _("(nicht vorhanden)") if base is MISSING else _("(entfernt)")
        if key == POSITION:
            texts = [degrees_text(v) for v in value if v is not None]
            return ", ".join(texts) or "—"
        if value is None or value == "":
            return "—"
        if isinstance(value, bool):
            return _("ja") if value else _("nein")
        if isinstance(value, date):
            return format_date(value, ui_language(), "medium")
        if key == "municipality_ags":
            return f"{self._municipality(str(value))} ({value})"
        return str(value)

    def _municipality(self, ags: str) -> str:
        if self._names is None:
            self._names = {m.ags: m.name for m in school_repo.list_municipalities()}
        return self._names.get(ags, ags)
