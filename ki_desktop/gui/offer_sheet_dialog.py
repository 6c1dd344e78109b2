"""Saving the offer sheet for a family: file name, the family's language, export off the GUI
thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ki_desktop.gui.background import failure_message, run_in_background
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _
from ki_desktop.i18n.locale_data import language_name
from ki_desktop.services import offer_sheet as sheet_service
from ki_desktop.services import session
from ki_desktop.services.database import ServiceError

__all__ = ["save_offer_sheet"]


def _title() -> str:
    return _("Angebotsblatt speichern")


def _language_items(offer_ids: list[str]) -> tuple[list[str], list[str]]:
    """(codes, labels) of the choice: German only first, then the languages with
    descriptions, most first."""
    codes, labels = ["de"], [_("Nur Deutsch")]
    total = len(set(offer_ids))
    for code, count in sheet_service.sheet_languages(offer_ids):
        name = language_name(code, "de")
        if count:
            label = _("{language} – {count} von {total} Beschreibungen übersetzt").format(
                language=name, count=count, total=total
            )
        else:
            label = _("{language} – nur Überschriften").format(language=name)
        codes.append(code)
        labels.append(label)
    return codes, labels


def save_offer_sheet(
    parent: QWidget,
    offer_ids: list[str],
    case_id: str | None,
    prompts: Prompts,
    *,
    user: str | None = None,
    on_saved: Callable[[Path], None] | None = None,
) -> None:
    """Ask for a file name (and, without a case, for the family's language) and write the
    sheet of ``offer_ids`` in the background; errors are shown through ``prompts``,
    ``on_saved`` gets the written file."""
    if not offer_ids:
        prompts.error(parent, _title(), _("Bitte zuerst mindestens ein Angebot auswählen."))
        return
    language = None
    if case_id is None:
        try:
            codes, labels = _language_items(offer_ids)
        except ServiceError as exc:
            prompts.error(parent, _title(), str(exc))
            return
        index = prompts.choose(
            parent,
            _title(),
            _("In welcher Sprache spricht die Familie? Das Blatt ist immer auch auf Deutsch."),
            labels,
        )
        if index is None:
            return
        language = codes[index]
    suggested = _("Angebotsblatt-{date}.pdf").format(date=date.today().isoformat())
    name = prompts.save_file_name(parent, _title(), suggested, _("PDF-Dokument (*.pdf)"))
    if not name:
        return
    path = Path(name)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    ids = list(offer_ids)
    who = user or session.who()

    def work(_progress, _cancelled) -> Path:
        return sheet_service.write_offer_sheet(
            ids, path, case_id=case_id, language=language, user=who
        )

    def failed(exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, ServiceError) else failure_message(exc)
        prompts.error(parent, _title(), text)

    run_in_background(
        parent,
        work,
        title=_title(),
        label=_("Das Angebotsblatt wird erstellt …"),
        on_success=on_saved,
        on_failure=failed,
        cancellable=False,
    )
