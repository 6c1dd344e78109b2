"""Keeping the catalogue from the Angebote tab: new offer, edit, delete, and the offer sheet of
the selected offers, as buttons under the result list and as keyboard shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ki_desktop.domain.model import Offer
from ki_desktop.gui.offer_dialog import OfferDialog
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import offer_editing
from ki_desktop.services.database import ServiceError

if TYPE_CHECKING:
    from ki_desktop.gui.offers_tab import OffersTab

NEW_OFFER_KEYS = "Ctrl+Shift+N"  # Ctrl+N opens a new case in the main window
SHEET_KEYS = "Ctrl+P"


def _button(parent: QWidget, text: str, name: str, tip: str, keys: str = "") -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    if keys:
        tip += f" ({QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)})"
    button.setToolTip(tip)
    return button


class OfferActions(QObject):
    """The buttons and shortcuts of the tab; :attr:`dialog` is the offer dialog while open."""

    def __init__(self, tab: OffersTab) -> None:
        super().__init__(tab)
        self._tab = tab
        self.dialog: OfferDialog | None = None
        self.bar = QWidget(tab)
        self.deleteButton = _button(
            self.bar, _("&Löschen"), "deleteOfferButton", _("Die ausgewählten Angebote löschen")
        )
        self.sheetButton = _button(
            self.bar,
            _("Ang&ebotsblatt…"),
            "offerSheetButton",
            _("Ein Blatt mit den ausgewählten Angeboten für die Familie speichern"),
            SHEET_KEYS,
        )
        self.editButton = _button(
            self.bar, _("Bea&rbeiten…"), "editOfferButton", _("Das ausgewählte Angebot ändern")
        )
        self.newButton = _button(
            self.bar,
            _("Ne&ues Angebot…"),
            "newOfferButton",
            _("Ein Angebot in den Katalog aufnehmen"),
            NEW_OFFER_KEYS,
        )
        layout = QHBoxLayout(self.bar)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(tab.ui.countLabel, 1)
        for button in (self.deleteButton, self.sheetButton, self.editButton, self.newButton):
            layout.addWidget(button)
        tab.ui.listLayout.addWidget(self.bar)

        self.newButton.clicked.connect(self.new_offer)
        self.editButton.clicked.connect(self.edit_offer)
        self.deleteButton.clicked.connect(self.delete_offers)
        self.sheetButton.clicked.connect(self.save_sheet)
        table = tab.ui.table
        table.doubleClicked.connect(lambda _index: self.edit_offer())
        for keys, slot, widget in (
            (NEW_OFFER_KEYS, self.new_offer, tab),
            (SHEET_KEYS, self.save_sheet, tab),
            ("F2", self.edit_offer, table),
            ("Return", self.edit_offer, table),
            ("Enter", self.edit_offer, table),
            (QKeySequence.StandardKey.Delete, self.delete_offers, table),
        ):
            shortcut = QShortcut(QKeySequence(keys), widget)
            context = (
                Qt.ShortcutContext.WidgetWithChildrenShortcut
                if widget is tab
                else Qt.ShortcutContext.WidgetShortcut
            )
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        table.selectionModel().selectionChanged.connect(self.update_buttons)
        tab.proxy.modelReset.connect(self.update_buttons)
        tab.proxy.layoutChanged.connect(self.update_buttons)
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        count = len(self._tab.selected_offers())
        self.editButton.setEnabled(count == 1)
        self.deleteButton.setEnabled(count > 0)
        self.sheetButton.setEnabled(count > 0)

    # -- new and edit --------------------------------------------------------------------

    def new_offer(self) -> None:
        self._open(None)

    def edit_offer(self) -> None:
        selected = self._tab.selected_offers()
        if len(selected) == 1:
            self._open(selected[0].id)

    def _open(self, offer_id: str | None) -> None:
        if self.dialog is not None:
            self.dialog.raise_()
            return
        tab = self._tab
        offer = provider = None
        if offer_id is not None:
            try:
                offer, provider = offer_editing.offer_for_editing(offer_id)
            except ServiceError as exc:
                tab.prompts.error(tab, _("Angebot nicht gefunden"), str(exc))
                tab.refresh()
                return
        dialog = OfferDialog(offer, provider, tab.prompts, tab.user, tab)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()

    def _closed(self, dialog: OfferDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        saved = dialog.saved
        if saved is None:
            return
        tab = self._tab
        tab.refresh()
        if tab.select_offer(saved.id):
            tab.message.emit(_("„{title}“ gespeichert.").format(title=saved.title))
        else:
            tab.message.emit(
                _(
                    "„{title}“ gespeichert; es passt nicht zu Suche und Filtern und wird "
                    "deshalb nicht angezeigt."
                ).format(title=saved.title)
            )
        tab.offers_changed.emit()

    # -- delete --------------------------------------------------------------------------

    def delete_offers(self) -> None:
        tab = self._tab
        selected = tab.selected_offers()
        if not selected:
            return
        if len(selected) == 1:
            question = _("Das Angebot „{title}“ löschen?").format(title=selected[0].title)
        else:
            question = _("{n} Angebote löschen?").format(n=len(selected))
        question += " " + _("Das lässt sich nicht rückgängig machen.")
        if not tab.prompts.confirm_destructive(tab, _("Angebot löschen"), question):
            return
        row = min(tab.ui.table.selectionModel().selectedRows(), key=lambda i: i.row()).row()
        deleted, refused = self._delete(selected)
        tab.refresh()
        kept = next((offer.id for offer, _reason in refused), None)
        if kept is None or not tab.select_offer(kept):
            count = tab.proxy.rowCount()
            if count:
                tab.ui.table.selectRow(min(row, count - 1))
        if deleted:
            tab.message.emit(
                ngettext("{n} Angebot gelöscht.", "{n} Angebote gelöscht.", len(deleted)).format(
                    n=len(deleted)
                )
            )
            tab.offers_changed.emit()
        if refused:
            reasons = "\n\n".join(reason for _offer, reason in refused)
            tab.prompts.error(tab, _("Nicht gelöscht"), reasons)

    def _delete(self, offers: list[Offer]) -> tuple[list[Offer], list[tuple[Offer, str]]]:
        deleted: list[Offer] = []
        refused: list[tuple[Offer, str]] = []
        for offer in offers:
            try:
                offer_editing.delete_offer(offer.id, self._tab.user)
            except ServiceError as exc:
                refused.append((offer, str(exc)))
            else:
                deleted.append(offer)
        return deleted, refused

    # -- offer sheet ---------------------------------------------------------------------

    def save_sheet(self) -> None:
        tab = self._tab
        ids = [o.id for o in tab.selected_offers()]
        if not ids:
            return
        from ki_desktop.gui import offer_sheet_dialog

        child = tab.child
        case_id = child.case_id if child else None
        offer_sheet_dialog.save_offer_sheet(tab, ids, case_id, tab.prompts, user=tab.user)
