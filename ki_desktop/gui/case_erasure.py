"""„Auf Antrag löschen…“: erasure of one case on the family's request (Art. 17 GDPR), for the
case list. It asks twice — a yes/no question naming the child (for those who may read case
files), then the case's reference typed in — since nothing brings the case back; the deletion
log records it without names."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ki_desktop.domain import retention as rules
from ki_desktop.domain.roles import Permission
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import N_, _
from ki_desktop.services import cases, retention, session
from ki_desktop.services.errors import ServiceError

TITLE_ERASE = N_("Auf Antrag löschen")


def _child(case_id: str) -> str:
    """„ (Aziz, Karim, geb. 05.06.2007)“ for the question, so that the administration sees
    whose file it is; empty for a user who may not read case files."""
    if not session.may(Permission.CASE_READ):
        return ""
    try:
        case = cases.case_detail(case_id)
    except ServiceError:
        return ""
    if case is None:
        return ""
    name = ", ".join(part for part in (case.last_name, case.first_name) if part)
    if case.birth_date is not None:
        born = case.birth_date.strftime("%d.%m.%Y")
        return " " + _("({name}, geb. {born})").format(name=name, born=born)
    return f" ({name})" if name else ""


def erase_selected_case(parent: QWidget | None, case_id: str, prompts: Prompts) -> bool:
    """„Auf Antrag löschen…“ for one case (a family's request): asks twice — yes or no, then
    the case's reference typed in — and deletes it. True when the case was deleted."""
    title = _(TITLE_ERASE)
    reference = rules.case_reference(case_id)
    if not session.may(Permission.RETENTION):
        prompts.error(
            parent,
            title,
            _("Löschen auf Antrag darf nur die Administration. Bitte wenden Sie sich an sie."),
        )
        return False
    first = _(
        "Den Fall {ref}{who} auf Antrag endgültig löschen?\n\n"
        "Gelöscht werden alle Angaben: Gespräche, Sorgeberechtigte, Schulbiografie, "
        "Empfehlungen, Vermittlungen und Verlauf. Das lässt sich nicht rückgängig machen; die "
        "Löschung geht mit der nächsten Sync-Datei auch an die anderen Geräte."
    ).format(ref=reference, who=_child(case_id))
    if not prompts.confirm_destructive(parent, title, first):
        return False
    typed = prompts.text(
        parent,
        title,
        _("Zur Bestätigung bitte die Fallnummer {ref} eingeben:").format(ref=reference),
    )
    if typed is None:
        return False
    if typed.strip().upper() != reference:
        prompts.error(
            parent,
            title,
            _("Die eingegebene Fallnummer stimmt nicht mit {ref} überein; nichts wurde gelöscht.")
            .format(ref=reference),
        )  # fmt: skip
        return False
    try:
        retention.erase_case(case_id)
    except ServiceError as exc:
        prompts.error(parent, title, str(exc))
        return False
    prompts.inform(
        parent,
        title,
        _("Der Fall {ref} wurde gelöscht. Das Löschprotokoll vermerkt es ohne Namen.").format(
            ref=reference
        ),
    )
    return True
