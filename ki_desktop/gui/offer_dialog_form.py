"""The widgets of the offer dialog in four groups: Angebot, Träger und Kontakt, Ort und Zeit,
Beschreibung (German and further languages)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.offer_dialog_widgets import (
    LanguageChoice,
    OptionalDate,
    TranslationEditor,
    age_spin,
)
from ki_desktop.i18n import _
from ki_desktop.services import offers as offer_service


def _line(parent: QWidget, accessible_name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setAccessibleName(accessible_name)
    return edit


class OfferForm:
    """Mixed into the offer dialog (a QWidget): builds its input widgets as attributes."""

    def build_form(self) -> None:
        """Create and lay out the widgets (``_providers`` and ``_municipalities`` are set)."""
        offer_group = QGroupBox(_("Angebot"), self)
        form = QFormLayout(offer_group)
        self.titleEdit = _line(offer_group, _("Titel"))
        self.categoryCombo = QComboBox(offer_group)
        self.categoryCombo.setEditable(True)
        self.categoryCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.categoryCombo.setAccessibleName(_("Kategorie"))
        self.categoryCombo.addItems(offer_service.categories())
        self.targetEdit = _line(offer_group, _("Zielgruppe"))
        self.ageMinSpin = age_spin(_("Alter von"), offer_group)
        self.ageMaxSpin = age_spin(_("Alter bis"), offer_group)
        ages = QHBoxLayout()
        ages.addWidget(self.ageMinSpin)
        ages.addWidget(QLabel(_("bis"), offer_group))
        ages.addWidget(self.ageMaxSpin)
        ages.addStretch(1)
        self.languages = LanguageChoice(offer_group)
        self.freeCheck = QCheckBox(_("kosten&los für die Familien"), offer_group)
        self.freeCheck.setAccessibleName(_("Kostenlos"))
        form.addRow(_("&Titel:"), self.titleEdit)
        form.addRow(_("&Kategorie:"), self.categoryCombo)
        form.addRow(_("&Zielgruppe:"), self.targetEdit)
        form.addRow(_("&Alter von:"), ages)
        form.labelForField(ages).setBuddy(self.ageMinSpin)
        form.addRow(_("S&prachen:"), self.languages)
        form.labelForField(self.languages).setBuddy(self.languages.picker)
        form.addRow(_("Kosten:"), self.freeCheck)

        provider_group = QGroupBox(_("Träger und Kontakt"), self)
        form = QFormLayout(provider_group)
        self.providerCombo = QComboBox(provider_group)
        self.providerCombo.setEditable(True)
        self.providerCombo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.providerCombo.setAccessibleName(_("Träger"))
        self.providerCombo.addItems(["", *self._providers])
        self.contactEdit = _line(provider_group, _("Ansprechperson"))
        self.phoneEdit = _line(provider_group, _("Telefon"))
        self.emailEdit = _line(provider_group, _("E-Mail"))
        hint = QLabel(_("Die Kontaktdaten gelten für alle Angebote dieses Trägers."))
        hint.setEnabled(False)
        hint.setWordWrap(True)
        form.addRow(_("T&räger:"), self.providerCombo)
        form.addRow(_("A&nsprechperson:"), self.contactEdit)
        form.addRow(_("Tele&fon:"), self.phoneEdit)
        form.addRow(_("&E-Mail:"), self.emailEdit)
        form.addRow(hint)

        place_group = QGroupBox(_("Ort und Zeit"), self)
        form = QFormLayout(place_group)
        self.municipalityCombo = QComboBox(place_group)
        self.municipalityCombo.setAccessibleName(_("Gemeinde"))
        self.municipalityCombo.addItem(_("keine Angabe"), "")
        for municipality in self._municipalities:
            self.municipalityCombo.addItem(municipality.name, municipality.ags)
        self.addressEdit = _line(place_group, _("Adresse"))
        self.latitudeEdit = _line(place_group, _("Breitengrad"))
        self.latitudeEdit.setPlaceholderText(_("z. B. 51,9563"))
        self.longitudeEdit = _line(place_group, _("Längengrad"))
        self.longitudeEdit.setPlaceholderText(_("z. B. 7,6246"))
        position = QHBoxLayout()
        position.addWidget(QLabel(_("Breite"), place_group))
        position.addWidget(self.latitudeEdit, 1)
        longitude_label = QLabel(_("&Länge"), place_group)
        longitude_label.setBuddy(self.longitudeEdit)
        position.addWidget(longitude_label)
        position.addWidget(self.longitudeEdit, 1)
        position_hint = QLabel(
            _("Dezimalgrad; auch „51.9563, 7.6246“ aus einer Karte lässt sich einfügen."),
            place_group,
        )
        position_hint.setEnabled(False)
        self.scheduleEdit = _line(place_group, _("Termine oder Öffnungszeiten"))
        self.scheduleEdit.setPlaceholderText(_("z. B. dienstags 9–11 Uhr"))
        self.validFrom = OptionalDate(_("ohne Anfangsdatum"), _("gültig von"), place_group)
        self.validTo = OptionalDate(_("unbefristet"), _("gültig bis"), place_group)
        self.accessibilityEdit = _line(place_group, _("Barrierefreiheit"))
        self.accessibilityEdit.setPlaceholderText(_("z. B. ebenerdig, Aufzug"))
        form.addRow(_("&Gemeinde:"), self.municipalityCombo)
        form.addRow(_("A&dresse:"), self.addressEdit)
        form.addRow(_("K&oordinaten:"), position)
        form.labelForField(position).setBuddy(self.latitudeEdit)
        form.setWidget(form.rowCount(), QFormLayout.ItemRole.FieldRole, position_hint)
        form.addRow(_("Ter&mine:"), self.scheduleEdit)
        form.addRow(_("gültig &von:"), self.validFrom)
        form.addRow(_("gültig &bis:"), self.validTo)
        form.addRow(_("Barrierefre&iheit:"), self.accessibilityEdit)

        text_group = QGroupBox(_("Beschreibung"), self)
        self.descriptionEdit = QPlainTextEdit(text_group)
        self.descriptionEdit.setAccessibleName(_("Beschreibung auf Deutsch"))
        self.descriptionEdit.setTabChangesFocus(True)
        self.translations = TranslationEditor(text_group)
        scroll = QScrollArea(text_group)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.translations)
        scroll.viewport().setAutoFillBackground(False)
        # A new row may be below the visible part: show it once it is laid out.
        self.translations.row_added.connect(
            lambda row: QTimer.singleShot(0, row, lambda: scroll.ensureWidgetVisible(row))
        )
        self.translations.setAutoFillBackground(False)
        german = QLabel(_("Besc&hreibung (Deutsch):"), text_group)
        german.setBuddy(self.descriptionEdit)
        text_layout = QVBoxLayout(text_group)
        text_layout.addWidget(german)
        text_layout.addWidget(self.descriptionEdit, 1)
        text_layout.addWidget(QLabel(_("Beschreibung in weiteren Sprachen:"), text_group))
        text_layout.addWidget(scroll, 2)

        self.problemIcon = QLabel(self)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        size = self.fontMetrics().height()
        self.problemIcon.setPixmap(icon.pixmap(size, size))
        self.problemLabel = QLabel(self)
        self.problemLabel.setObjectName("problemLabel")
        self.problemLabel.setWordWrap(True)
        self.problemLabel.setAccessibleName(_("Warum noch nicht gespeichert werden kann"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.okButton = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.okButton.setText(_("&Speichern"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))

        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(offer_group)
        left.addWidget(provider_group)
        left.addStretch(1)
        right.addWidget(place_group)
        right.addWidget(text_group, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.problemIcon, 0, Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.problemLabel, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addLayout(bottom)
        self.resize(1100, 720)
