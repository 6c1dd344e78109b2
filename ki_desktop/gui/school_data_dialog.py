"""The KI's own data of a school: Erstförderung places in total and free, contact person,
notes. Mistakes are shown in the dialog itself, which stays open until the data is saved."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from ki_desktop.domain.model import School
from ki_desktop.gui.forms.ui_school_data_dialog import Ui_SchoolDataDialog
from ki_desktop.i18n import _
from ki_desktop.services.database import ServiceError

# save(schulnummer, places, free, contact, notes); raises ServiceError with a message
SaveSchoolData = Callable[[str, int, int, str, str], None]


class SchoolDataDialog(QDialog):
    """Edits one school's KI data; ``save`` is called on OK (the school service in the app)."""

    def __init__(self, school: School, save: SaveSchoolData, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_SchoolDataDialog()
        self.ui.setupUi(self)
        self._school = school
        self._save = save
        ui = self.ui
        ui.schoolLabel.setText(
            f"<b>{escape(school.name)}</b><br>{escape(school.schulform_name)} · "
            + _("Schulnummer {nr}").format(nr=school.schulnummer)
        )
        ui.placesEdit.setValue(school.erstfoerderung_places or 0)
        ui.freeEdit.setValue(school.erstfoerderung_free or 0)
        ui.contactEdit.setText(school.contact_person)
        ui.notesEdit.setPlainText(school.notes)
        ui.errorLabel.setStyleSheet("QLabel { font-weight: bold; }")
        ui.placesEdit.valueChanged.connect(self._validate)
        ui.freeEdit.valueChanged.connect(self._validate)
        self._validate()

    @property
    def ok_button(self) -> QPushButton:
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    def error_text(self) -> str:
        return self.ui.errorLabel.text()

    def _problem(self) -> str:
        places, free = self.ui.placesEdit.value(), self.ui.freeEdit.value()
        if free > places:
            return _(
                "⚠ Es können nicht mehr Plätze frei sein ({free}) als es insgesamt gibt "
                "({places}). Bitte die Zahlen prüfen."
            ).format(free=free, places=places)
        return ""

    def _validate(self, *_args: object) -> bool:
        problem = self._problem()
        self.ui.errorLabel.setText(problem)
        self.ui.errorLabel.setVisible(bool(problem))
        self.ok_button.setEnabled(not problem)
        self.ok_button.setToolTip(problem)
        return not problem

    def accept(self) -> None:
        if not self._validate():
            return
        ui = self.ui
        try:
            self._save(
                self._school.schulnummer,
                ui.placesEdit.value(),
                ui.freeEdit.value(),
                ui.contactEdit.text(),
                ui.notesEdit.toPlainText(),
            )
        except ServiceError as exc:
            ui.errorLabel.setText("⚠ " + str(exc))
            ui.errorLabel.setVisible(True)
            return
        super().accept()
