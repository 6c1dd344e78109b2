"""The dialog to create or edit one offer of the catalogue with its provider (Träger).

It checks while the user types (OK stays disabled and says why), saves through the offer
editing service and stays open with everything typed when saving fails. When someone else
saved the offer meanwhile, the merge view shows the fields both changed; the merged offer is
saved on top of theirs. Escape asks before discarding changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ki_desktop.domain.coordinates import parse_degrees, parse_position
from ki_desktop.domain.model import Offer, Provider
from ki_desktop.gui.offer_dialog_form import OfferForm
from ki_desktop.gui.offer_dialog_widgets import age_value
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.save_conflict_dialog import SaveConflictDialog, offer_texts
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import language_name
from ki_desktop.services import offer_editing
from ki_desktop.services import schools as school_service
from ki_desktop.services.database import ServiceError


class OfferDialog(OfferForm, QDialog):
    """Create (``offer`` None) or edit an offer loaded with
    :func:`ki_desktop.services.offer_editing.offer_for_editing`. After ``accepted``,
    :attr:`saved` holds the stored offer."""

    def __init__(
        self,
        offer: Offer | None,
        provider: Provider | None,
        prompts: Prompts,
        user: str,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._loaded = offer
        self._prompts = prompts
        self._user = user
        self.saved: Offer | None = None
        self.conflict_dialog: SaveConflictDialog | None = None
        self._providers = {p.name: p for p in offer_editing.providers()}
        self._municipalities = school_service.municipalities()
        self._known_ags = {m.ags for m in self._municipalities}
        title = (
            _("Angebot bearbeiten – {title}").format(title=offer.title)
            if offer
            else _("Neues Angebot")
        )
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.build_form()
        self._load(offer or Offer(title="", category=""), provider)
        self._initial = self._snapshot()
        self._connect()
        self.update_state()

    def _connect(self) -> None:
        for edit in (
            self.titleEdit,
            self.targetEdit,
            self.contactEdit,
            self.phoneEdit,
            self.emailEdit,
            self.addressEdit,
            self.scheduleEdit,
            self.accessibilityEdit,
        ):
            edit.textChanged.connect(self.update_state)
        self.categoryCombo.currentTextChanged.connect(self.update_state)
        self.providerCombo.currentTextChanged.connect(self._provider_changed)
        self.municipalityCombo.currentIndexChanged.connect(self.update_state)
        for spin in (self.ageMinSpin, self.ageMaxSpin):
            spin.valueChanged.connect(self.update_state)
        self.freeCheck.toggled.connect(self.update_state)
        self.languages.changed.connect(self.update_state)
        for edit in (self.latitudeEdit, self.longitudeEdit):
            edit.textEdited.connect(self._split_pasted_position)
            edit.textChanged.connect(self.update_state)
        self.validFrom.changed.connect(self.update_state)
        self.validTo.changed.connect(self.update_state)
        self.descriptionEdit.textChanged.connect(self.update_state)
        self.translations.changed.connect(self.update_state)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- values --------------------------------------------------------------------------

    def _load(self, offer: Offer, provider: Provider | None) -> None:
        self.titleEdit.setText(offer.title)
        self.categoryCombo.setCurrentText(offer.category)
        self.targetEdit.setText(offer.target_group)
        self.ageMinSpin.setValue(-1 if offer.age_min is None else offer.age_min)
        self.ageMaxSpin.setValue(-1 if offer.age_max is None else offer.age_max)
        self.languages.set_codes(offer.languages)
        self.freeCheck.setChecked(offer.free_of_charge)
        self._filled_for = offer.provider_name
        self.providerCombo.setCurrentText(offer.provider_name)
        if provider is not None:
            self.contactEdit.setText(provider.contact_person)
            self.phoneEdit.setText(provider.phone)
            self.emailEdit.setText(provider.email)
        index = self.municipalityCombo.findData(offer.municipality_ags)
        if index < 0:  # unknown here: kept, so that saving does not drop it unnoticed
            self.municipalityCombo.addItem(offer.municipality_ags, offer.municipality_ags)
            index = self.municipalityCombo.count() - 1
        self.municipalityCombo.setCurrentIndex(index)
        self.addressEdit.setText(offer.address)
        self.latitudeEdit.setText(offer_editing.degrees_text(offer.latitude))
        self.longitudeEdit.setText(offer_editing.degrees_text(offer.longitude))
        self.scheduleEdit.setText(offer.schedule)
        self.validFrom.set_value(offer.valid_from)
        self.validTo.set_value(offer.valid_to)
        self.accessibilityEdit.setText(offer.accessibility)
        self.descriptionEdit.setPlainText(offer.description_de)
        self.translations.set_values(offer.descriptions)

    def offer(self) -> Offer:
        """The offer as typed."""
        loaded = self._loaded
        return Offer(
            id=loaded.id if loaded else None,
            version=loaded.version if loaded else 0,
            title=self.titleEdit.text(),
            category=self.categoryCombo.currentText(),
            provider_name=self.providerCombo.currentText().strip(),
            age_min=age_value(self.ageMinSpin),
            age_max=age_value(self.ageMaxSpin),
            target_group=self.targetEdit.text(),
            languages=self.languages.codes(),
            free_of_charge=self.freeCheck.isChecked(),
            municipality_ags=self.municipalityCombo.currentData() or "",
            address=self.addressEdit.text(),
            latitude=_degrees(self.latitudeEdit.text()),
            longitude=_degrees(self.longitudeEdit.text()),
            schedule=self.scheduleEdit.text(),
            valid_from=self.validFrom.value(),
            valid_to=self.validTo.value(),
            accessibility=self.accessibilityEdit.text(),
            description_de=self.descriptionEdit.toPlainText(),
            descriptions={code: text for code, text in self.translations.values() if text.strip()},
        )

    def provider(self) -> Provider | None:
        """The provider as typed; None when neither a name nor contact data are given."""
        provider = Provider(
            self.providerCombo.currentText().strip(),
            self.contactEdit.text(),
            self.phoneEdit.text(),
            self.emailEdit.text(),
        )
        return provider if any(value.strip() for value in _filled(provider)) else None

    def problems(self) -> list[str]:
        """Why the offer cannot be saved yet (the service's checks and the dialog's own)."""
        unreadable = self._unreadable_degrees()
        found = [
            p.message
            for p in offer_editing.offer_problems(self.offer(), self.provider(), self._known_ags)
            if not (unreadable and p.field in _POSITION_FIELDS)
        ]
        found += unreadable
        codes = [code for code, _text in self.translations.values() if code]
        for code in dict.fromkeys(c for c in codes if codes.count(c) > 1):
            found.append(
                _("Beschreibung in weiteren Sprachen: {language} steht zweimal da.").format(
                    language=language_name(code, ui_language())
                )
            )
        return list(dict.fromkeys(found))

    def _unreadable_degrees(self) -> list[str]:
        """Messages for coordinate fields whose text is not a number."""
        found = []
        for edit, message in (
            (
                self.latitudeEdit,
                _("Breite: „{text}“ ist keine Zahl. Bitte Dezimalgrad eintragen, z. B. 51,9563."),
            ),
            (
                self.longitudeEdit,
                _("Länge: „{text}“ ist keine Zahl. Bitte Dezimalgrad eintragen, z. B. 7,6246."),
            ),
        ):
            if _degrees(edit.text()) is None and edit.text().strip():
                found.append(message.format(text=edit.text().strip()))
        return found

    def _snapshot(self) -> tuple:
        texts = (self.latitudeEdit.text().strip(), self.longitudeEdit.text().strip())
        return (self.offer(), self.provider(), self.translations.values(), texts)

    def has_changes(self) -> bool:
        return self._snapshot() != self._initial

    # -- behaviour -----------------------------------------------------------------------

    def update_state(self, *_args: object) -> None:
        """Enable saving only for a complete offer; otherwise say why."""
        problems = self.problems()
        self.okButton.setEnabled(not problems)
        text = problems[0] if problems else ""
        if len(problems) > 1:
            more = len(problems) - 1
            text += " " + ngettext(
                "(dazu {n} weiterer Hinweis)", "(dazu {n} weitere Hinweise)", more
            ).format(n=more)
        self.problemLabel.setText(text)
        self.problemLabel.setToolTip("\n".join(problems))
        self.problemLabel.setVisible(bool(problems))
        self.problemIcon.setVisible(bool(problems))

    def _split_pasted_position(self, text: str) -> None:
        """A position pasted from a map ("51.9563, 7.6246") fills both fields."""
        pair = parse_position(text)
        if pair is None:
            return
        self.latitudeEdit.setText(offer_editing.degrees_text(pair[0]))
        self.longitudeEdit.setText(offer_editing.degrees_text(pair[1]))
        self.longitudeEdit.setFocus()
        self.longitudeEdit.end(False)

    def _provider_changed(self, name: str) -> None:
        known = self._providers.get(name.strip())
        if known is not None and name.strip() != self._filled_for:
            self.contactEdit.setText(known.contact_person)
            self.phoneEdit.setText(known.phone)
            self.emailEdit.setText(known.email)
            self._filled_for = known.name
        self.update_state()

    def accept(self) -> None:
        if self.problems():
            return
        try:
            self.saved = offer_editing.save_offer(
                self.offer(), self.provider(), self._user, self._loaded
            )
        except offer_editing.OfferSaveConflict as conflict:
            self.conflict_dialog = SaveConflictDialog(conflict, self, offer_texts())
            self.conflict_dialog.merged.connect(self._save_merged)
            self.conflict_dialog.open()
            return
        except ServiceError as exc:
            self._prompts.error(self, _("Angebot nicht gespeichert"), str(exc))
            return
        super().accept()

    def _save_merged(self, theirs: Offer, merged: Offer) -> None:
        """Show the merged offer, now based on the stored one, and save it. The contact data
        typed stay when the provider is the same, else the stored provider's are shown."""
        self._loaded = theirs
        self._providers = {p.name: p for p in offer_editing.providers()}
        typed = self.provider()
        provider = typed if typed and typed.name == merged.provider_name else None
        provider = provider or self._providers.get(merged.provider_name)
        self._load(merged, provider or Provider(merged.provider_name))
        self.accept()

    def reject(self) -> None:
        if self.has_changes():
            answer = self._prompts.save_discard_cancel(
                self,
                self.windowTitle(),
                _("Die Änderungen an diesem Angebot sind noch nicht gespeichert."),
            )
            if answer == "save":
                self.accept()
                return
            if answer != "discard":
                return
        super().reject()


# Problems of the coordinates, left out while a coordinate field holds no number at all.
_POSITION_FIELDS = ("latitude", "longitude", "coordinates")


def _degrees(text: str) -> float | None:
    """The number typed in a coordinate field; None if empty or not a number."""
    try:
        return parse_degrees(text)
    except ValueError:
        return None


def _filled(provider: Provider) -> list[str]:
    return [provider.name, provider.contact_person, provider.phone, provider.email]
