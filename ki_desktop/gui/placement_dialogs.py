"""The dialogs of the Schulempfehlung: deviating from the recommendation (every change needs a
reason) and entering the Schulamt's assignment or the first school day."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QWidget,
)

from ki_desktop.domain.model import SCHOOL_FORMS, school_form_name
from ki_desktop.domain.placement import Placement
from ki_desktop.gui.forms.ui_assignment_dialog import Ui_AssignmentDialog
from ki_desktop.gui.forms.ui_override_dialog import Ui_OverrideDialog
from ki_desktop.i18n import _
from ki_desktop.services.labels import stage_choices, stage_label, support_choices, support_label

Overrides = dict[str, tuple[object, str]]


def school_choice_text(school: dict) -> str:
    """One candidate school as a line of a combo box."""
    free = school.get("free_places") or 0
    places = _("{n} frei").format(n=free) if free else _("keine Plätze frei")
    return f"{school['name']} ({school_form_name(school['schulform'])}, {places})"


def grade_text(grade: int | None) -> str:
    return _("Klasse {grade}").format(grade=grade) if grade else _("keine")


def _fill_checklist(widget: QListWidget, choices: Sequence[tuple[str, str]], checked: list[str]):
    """The checked keys first in their order, then the others."""
    labels = dict(choices)
    ordered = [k for k in checked if k in labels] + [k for k, _l in choices if k not in checked]
    for key in ordered:
        item = QListWidgetItem(labels[key], widget)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)


def checked_keys(widget: QListWidget) -> list[str]:
    return [
        widget.item(row).data(Qt.ItemDataRole.UserRole)
        for row in range(widget.count())
        if widget.item(row).checkState() == Qt.CheckState.Checked
    ]


def set_checked(widget: QListWidget, keys: Sequence[str]) -> None:
    for row in range(widget.count()):
        item = widget.item(row)
        key = item.data(Qt.ItemDataRole.UserRole)
        item.setCheckState(Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)


class OverrideDialog(QDialog):
    """Change stage, grade, Erstförderung, Schulformen or the proposed school. OK stays
    disabled until every changed part has a reason; ``overrides()`` gives the changes."""

    def __init__(
        self,
        placement: Placement,
        schools: Sequence[dict],
        schulnummer: str,
        pending: Overrides | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_OverrideDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._baseline: dict[str, object] = {
            "stage": placement.stage,
            "grade": placement.grade,
            "support": list(placement.support),
            "school_forms": list(placement.school_forms),
            "school": schulnummer,
        }
        self._titles = {
            "stage": _("Stufe"),
            "grade": _("Jahrgangsstufe"),
            "support": _("Erstförderung"),
            "school_forms": _("Schulformen"),
            "school": _("Schule"),
        }
        self.reasons: dict[str, QLineEdit] = {
            "stage": ui.stageReason,
            "grade": ui.gradeReason,
            "support": ui.supportReason,
            "school_forms": ui.formsReason,
            "school": ui.schoolReason,
        }
        names = {s["schulnummer"]: s["name"] for s in schools}

        for key, label in stage_choices():
            ui.stageEdit.addItem(label, key)
        ui.gradeEdit.setRange(0, 13)
        _fill_checklist(ui.supportEdit, support_choices(), placement.support)
        forms = [(k, school_form_name(k)) for k in SCHOOL_FORMS]
        _fill_checklist(ui.formsEdit, forms, placement.school_forms)
        ui.schoolEdit.addItem(_("keine Schule vorschlagen"), "")
        for school in schools:
            ui.schoolEdit.addItem(school_choice_text(school), school["schulnummer"])

        ui.stageRule.setText(stage_label(placement.stage))
        ui.gradeRule.setText(grade_text(placement.grade))
        ui.supportRule.setText("\n".join(support_label(s) for s in placement.support) or _("keine"))
        ui.formsRule.setText(
            "\n".join(school_form_name(f) for f in placement.school_forms) or _("keine")
        )
        ui.schoolRule.setText(names.get(schulnummer, _("keine")))

        self._set_values({**self._baseline, **{k: v for k, (v, _r) in (pending or {}).items()}})
        for key, (_value, reason) in (pending or {}).items():
            self.reasons[key].setText(reason)

        for row_list in (ui.supportEdit, ui.formsEdit):
            rows = max(row_list.count(), 1)
            row_list.setMinimumHeight(row_list.sizeHintForRow(0) * min(rows, 4) + 6)
        # Long school names must not squeeze the reasons: the combo box elides instead.
        ui.schoolEdit.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        ui.schoolEdit.setMinimumContentsLength(30)
        chars = ui.stageReason.fontMetrics().averageCharWidth()
        for edit in self.reasons.values():
            edit.setMinimumWidth(chars * 30)
        self.resize(max(self.width(), chars * 160), self.height())
        ui.grid.setColumnStretch(1, 2)
        ui.grid.setColumnStretch(2, 3)
        ui.grid.setColumnStretch(3, 3)
        self._captions = {
            "stage": ui.stageCaption,
            "grade": ui.gradeCaption,
            "support": ui.supportCaption,
            "school_forms": ui.formsCaption,
            "school": ui.schoolCaption,
        }
        ui.stageEdit.currentIndexChanged.connect(self._update)
        ui.gradeEdit.valueChanged.connect(self._update)
        ui.supportEdit.itemChanged.connect(self._update)
        ui.formsEdit.itemChanged.connect(self._update)
        ui.schoolEdit.currentIndexChanged.connect(self._update)
        for edit in self.reasons.values():
            edit.textChanged.connect(self._update)
        self._update()

    @property
    def ok_button(self):
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    def _set_values(self, values: dict[str, object]) -> None:
        ui = self.ui
        ui.stageEdit.setCurrentIndex(max(ui.stageEdit.findData(values["stage"]), 0))
        ui.gradeEdit.setValue(int(values["grade"] or 0))
        set_checked(ui.supportEdit, list(values["support"]))
        set_checked(ui.formsEdit, list(values["school_forms"]))
        ui.schoolEdit.setCurrentIndex(max(ui.schoolEdit.findData(values["school"]), 0))

    def values(self) -> dict[str, object]:
        """What the dialog's fields say now."""
        ui = self.ui
        return {
            "stage": ui.stageEdit.currentData(),
            "grade": ui.gradeEdit.value() or None,
            "support": checked_keys(ui.supportEdit),
            "school_forms": checked_keys(ui.formsEdit),
            "school": ui.schoolEdit.currentData() or "",
        }

    def changed(self) -> list[str]:
        """Keys whose value differs from the recommendation."""
        current = self.values()
        same_set = ("support",)  # the order of the Erstförderung does not matter
        return [
            key
            for key, base in self._baseline.items()
            if (
                set(current[key]) != set(base)  # type: ignore[arg-type]
                if key in same_set
                else current[key] != (base or ("" if key == "school" else None))
            )
        ]

    def overrides(self) -> Overrides:
        """{key: (new value, reason)} for every changed part."""
        current = self.values()
        return {k: (current[k], self.reasons[k].text().strip()) for k in self.changed()}

    def _update(self, *_args: object) -> None:
        changed = self.changed()
        for key, edit in self.reasons.items():
            font = self._captions[key].font()
            font.setBold(key in changed)  # the text of the reason field says it, too
            self._captions[key].setFont(font)
            edit.setEnabled(key in changed)
            edit.setPlaceholderText(
                _("Begründung erforderlich") if key in changed else _("unverändert")
            )
        missing = [self._titles[k] for k in changed if not self.reasons[k].text().strip()]
        if not changed:
            hint = _("Noch keine Änderung. Ändern Sie mindestens eine Angabe.")
        elif missing:
            hint = _("Bitte begründen Sie jede Änderung; es fehlt die Begründung für: {parts}.")
            hint = hint.format(parts=", ".join(missing))
        else:
            hint = _(
                "Die Abweichungen werden mit ihrer Begründung gespeichert, sobald Sie die "
                "Empfehlung übernehmen."
            )
        self.ui.hintLabel.setText(hint)
        self.ok_button.setEnabled(bool(changed) and not missing)
        self.ok_button.setToolTip(hint)


class AssignmentDialog(QDialog):
    """The Schulamt's assignment (school and date) or, with ``school_start``, the first
    school day (date only). ``find_school`` looks a Schulnummer up (name or None)."""

    def __init__(
        self,
        today: date,
        schools: Sequence[dict] = (),
        schulnummer: str = "",
        find_school: Callable[[str], str | None] = lambda _nr: None,
        school_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AssignmentDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self._find_school = find_school
        self._school_start = school_start
        ui.dateEdit.setDate(QDate(today.year, today.month, today.day))
        ui.dateEdit.setMaximumDate(QDate(today.year + 1, 12, 31))
        if school_start:
            self.setWindowTitle(_("Schulbeginn eintragen"))
            self.setAccessibleName(_("Schulbeginn eintragen"))
            ui.introLabel.setText(
                _("An welchem Tag hat das Kind die Schule zum ersten Mal besucht?")
            )
            ui.dateCaption.setText(_("Erster &Schultag:"))
            ui.dateEdit.setAccessibleName(_("Erster Schultag"))
            for widget in (
                ui.schoolCaption,
                ui.schoolCombo,
                ui.numberCaption,
                ui.numberEdit,
                ui.numberHint,
            ):
                widget.hide()
        else:
            ui.introLabel.setText(
                _(
                    "Welche Schule hat das Schulamt zugewiesen, und wann? Wählen Sie eine der "
                    "vorgeschlagenen Schulen oder geben Sie die Schulnummer ein."
                )
            )
            ui.dateCaption.setText(_("&Datum der Zuweisung:"))
            ui.dateEdit.setAccessibleName(_("Datum der Zuweisung"))
            for school in schools:
                ui.schoolCombo.addItem(school_choice_text(school), school["schulnummer"])
            index = ui.schoolCombo.findData(schulnummer)
            ui.schoolCombo.setCurrentIndex(max(index, 0))
            ui.schoolCombo.setEnabled(bool(schools))
        ui.numberEdit.textChanged.connect(self._update)
        self._update()

    @property
    def ok_button(self):
        return self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)

    def schulnummer(self) -> str:
        """The typed Schulnummer if any, else the chosen candidate."""
        typed = self.ui.numberEdit.text().strip()
        return typed or (self.ui.schoolCombo.currentData() or "")

    def day(self) -> date:
        return self.ui.dateEdit.date().toPython()

    def _update(self, *_args: object) -> None:
        if self._school_start:
            self.ok_button.setEnabled(True)
            return
        typed = self.ui.numberEdit.text().strip()
        ok = bool(self.schulnummer())
        if typed:
            name = self._find_school(typed)
            ok = name is not None
            self.ui.numberHint.setText(
                name
                if name
                else _("Keine Schule mit der Schulnummer {nr} gefunden.").format(nr=typed)
            )
            self.ui.schoolCombo.setEnabled(False)
        else:
            self.ui.numberHint.setText(
                "" if ok else _("Keine Schule vorgeschlagen: bitte die Schulnummer eingeben.")
            )
            self.ui.schoolCombo.setEnabled(self.ui.schoolCombo.count() > 0)
        self.ok_button.setEnabled(ok)
        self.ok_button.setToolTip(self.ui.numberHint.text())
