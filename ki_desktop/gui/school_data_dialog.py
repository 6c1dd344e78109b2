"""The KI's own data of a school: Erstförderung places in total and free, contact person,
notes. Mistakes are shown in the dialog itself, which stays open until the data is saved.
When someone else changed the same data meanwhile, the dialog says so and shows what is
stored now in the fields the user left alone; the user's own changes stay to be saved again."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from ki_desktop.domain.model import School
from ki_desktop.gui.forms.ui_school_data_dialog import Ui_SchoolDataDialog
from ki_desktop.i18n import _
from ki_desktop.services.database import ServiceError
from ki_desktop.services.schools import SchoolDataConflict

# save(schulnummer, places, free, contact, notes); raises ServiceError with a message, and
# SchoolDataConflict (with the school as stored now) when someone else changed it meanwhile
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
        self._show(school, self._values(school))
        ui.errorLabel.setStyleSheet("QLabel { font-weight: bold; }")
        ui.placesEdit.valueChanged.connect(self._validate)
        ui.freeEdit.valueChanged.connect(self._validate)
        self._validate()

    @staticmethod
    def _values(school: School) -> tuple[int, int, str, str]:
        return (
            school.erstfoerderung_places or 0,
            school.erstfoerderung_free or 0,
            school.contact_person or "",
            school.notes or "",
        )

    def values(self) -> tuple[int, int, str, str]:
        """What the fields hold: places, free places, contact, notes."""
        ui = self.ui
        return (
            ui.placesEdit.value(),
            ui.freeEdit.value(),
            ui.contactEdit.text(),
            ui.notesEdit.toPlainText(),
        )

    def _show(self, school: School, edited: tuple[int, int, str, str]) -> None:
        """Fill the fields with ``school``'s data, except where ``edited`` differs from what
        the dialog showed before (the user's changes stay)."""
        shown = self._values(self._school)
        places, free, contact, notes = (
            new if mine == old else mine
            for new, mine, old in zip(self._values(school), edited, shown, strict=True)
        )
        self._school = school
        ui = self.ui
        ui.placesEdit.setValue(places)
        ui.freeEdit.setValue(free)
        if ui.contactEdit.text() != contact:
            ui.contactEdit.setText(contact)
        if ui.notesEdit.toPlainText() != notes:
            ui.notesEdit.setPlainText(notes)

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
        edited = self.values()
        try:
            self._save(self._school.schulnummer, *edited)
        except ServiceError as exc:
            if isinstance(exc, SchoolDataConflict):
                self._show(exc.current, edited)
                self._validate()
            ui.errorLabel.setText("⚠ " + str(exc))
            ui.errorLabel.setVisible(True)
            return
        super().accept()
