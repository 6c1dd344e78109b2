"""The recommendation for the open case: every part with its reason, the candidate schools,
accepting it (with reasoned deviations), the Schulamt's assignment and the school start."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QListWidgetItem, QTableWidgetItem, QWidget

from ki_desktop.domain.model import Case, Recommendation, school_form_name
from ki_desktop.domain.placement import Placement
from ki_desktop.gui.background import run_in_background
from ki_desktop.gui.forms.ui_recommendation_panel import Ui_RecommendationPanel
from ki_desktop.gui.placement_dialogs import AssignmentDialog, OverrideDialog, Overrides, grade_text
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.table_layout import split
from ki_desktop.i18n import N_, _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_date, format_number
from ki_desktop.services import cases, schools
from ki_desktop.services import placement as placement_service
from ki_desktop.services.database import ServiceError
from ki_desktop.services.labels import compulsory_label, stage_label, status_label, support_label

LETTER_PENDING_TIP = N_("kommt mit dem Empfehlungsschreiben")


def _part_title(key: str) -> str:
    titles = {
        "stage": _("Stufe"),
        "grade": _("Jahrgangsstufe"),
        "support": _("Erstförderung"),
        "school_forms": _("Schulformen"),
        "school": _("Schule"),
    }
    return titles.get(key, key)


class RecommendationPanel(QWidget):
    """Shows and records the placement of one case; ``changed`` fires after a stored change
    (the case status may have moved), ``message`` carries a status-bar text."""

    changed = Signal()
    message = Signal(str)

    def __init__(
        self,
        prompts: Prompts,
        user: str = "system",
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_RecommendationPanel()
        self.ui.setupUi(self)
        self._prompts = prompts
        self._user = user
        self._today = today
        self.case_id: str | None = None
        self.case: Case | None = None
        self.placement: Placement | None = None
        self.stored: tuple[Recommendation, str] | None = None
        self.overrides: Overrides = {}
        self.schulnummer = ""
        self.dialog: OverrideDialog | AssignmentDialog | None = None

        ui = self.ui
        ui.splitter.setStretchFactor(0, 3)
        ui.splitter.setStretchFactor(1, 2)
        split(ui.splitter, 0.56)
        ui.reasonsList.setSpacing(2)
        table = ui.schoolTable
        headers = [_("Schule"), _("Schulform"), _("Gemeinde"), _("Entfernung"), _("Plätze")]
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
        for caption in (ui.stateCaption, ui.compulsoryCaption, ui.schoolYearCaption):
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        table.itemSelectionChanged.connect(self._school_selected)
        ui.acceptButton.clicked.connect(self.accept)
        ui.overrideButton.clicked.connect(self.open_override_dialog)
        ui.assignButton.clicked.connect(self.open_assignment_dialog)
        ui.startButton.clicked.connect(self.open_school_start_dialog)
        ui.letterButton.clicked.connect(self.write_letter)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.accept)
        self._show()

    # -- public --------------------------------------------------------------------------

    def open_case(self, case_id: str) -> None:
        """Show the recommendation for ``case_id`` (deviations of another case are dropped)."""
        if case_id != self.case_id:
            self.overrides = {}
            self.schulnummer = ""
        self.case_id = case_id
        self.refresh()

    def refresh(self) -> None:
        """Read the open case, its stored recommendation and the rules' proposal again."""
        self.case = self.placement = self.stored = None
        error = ""
        if self.case_id is not None:
            self.case = cases.case_detail(self.case_id, user=self._user)
            if self.case is None:
                self.case_id = None
            else:
                try:
                    self.placement = placement_service.recommend_for_case(
                        self.case_id, self._today()
                    )
                    self.stored = placement_service.latest_recommendation(self.case_id)
                except ServiceError as exc:
                    error = str(exc)
        self._show(error)

    def letter_available(self) -> bool:
        return self.case_id is not None

    # -- actions -------------------------------------------------------------------------

    def accept(self) -> None:
        """Store the recommendation with the pending deviations and the chosen school."""
        if self.placement is None or self.case_id is None:
            return
        title = _("Empfehlung übernehmen")
        try:
            placement_service.accept_recommendation(
                self.case_id,
                self.placement,
                overrides=dict(self.overrides),
                schulnummer=self.schulnummer or None,
                user=self._user,
                today=self._today(),
            )
        except ServiceError as exc:
            self._prompts.error(self, title, str(exc))
            return
        count = len(self.overrides)
        self.overrides = {}
        self._after_change(
            _("Empfehlung für {name} übernommen.").format(name=self.case.display_name)
            if not count
            else ngettext(
                "Empfehlung für {name} mit {n} Abweichung übernommen.",
                "Empfehlung für {name} mit {n} Abweichungen übernommen.",
                count,
            ).format(name=self.case.display_name, n=count)
        )

    def open_override_dialog(self) -> OverrideDialog | None:
        if self.placement is None:
            return None
        dialog = OverrideDialog(
            self.placement, self.placement.schools, self.schulnummer, self.overrides, self
        )
        dialog.accepted.connect(lambda: self._set_overrides(dialog.overrides()))
        return self._open(dialog)

    def open_assignment_dialog(self) -> AssignmentDialog | None:
        if self.placement is None:
            return None
        names = {s.schulnummer: s.name for s in schools.schools()}
        dialog = AssignmentDialog(
            self._today(),
            self.placement.schools,
            self.schulnummer,
            find_school=names.get,
            parent=self,
        )
        dialog.accepted.connect(lambda: self._record_assignment(dialog))
        return self._open(dialog)

    def open_school_start_dialog(self) -> AssignmentDialog | None:
        if self.case_id is None:
            return None
        dialog = AssignmentDialog(self._today(), school_start=True, parent=self)
        dialog.accepted.connect(lambda: self._record_school_start(dialog))
        return self._open(dialog)

    def write_letter(self):
        """Ask for a file and write the placement letter off the GUI thread."""
        if self.case_id is None or not self.letter_available():
            return None
        title = _("Brief erstellen")
        name = self.case.display_name.replace(", ", "_").replace(" ", "_") if self.case else ""
        target = self._prompts.save_file_name(
            self,
            title,
            _("Schulempfehlung_{name}.pdf").format(name=name),
            _("PDF-Dateien (*.pdf)"),
        )
        if not target:
            return None
        case_id, user = self.case_id, self._user
        from ki_desktop.services.placement_letter import write_placement_letter as write

        def work(_progress, _cancelled):
            return write(case_id, target, user)

        return run_in_background(
            self,
            work,
            title=title,
            label=_("Das Empfehlungsschreiben wird erstellt …"),
            cancellable=False,
            on_success=lambda _r: self.message.emit(
                _("Empfehlungsschreiben gespeichert: {file}").format(file=target)
            ),
            on_failure=lambda exc: self._prompts.error(self, title, str(exc)),
        )

    # -- internals -----------------------------------------------------------------------

    def _open(self, dialog):
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _set_overrides(self, overrides: Overrides) -> None:
        self.overrides = overrides
        self._show()

    def _record_assignment(self, dialog: AssignmentDialog) -> None:
        number, day = dialog.schulnummer(), dialog.day()
        try:
            placement_service.record_assignment(self.case_id, number, day, user=self._user)
        except ServiceError as exc:
            self._prompts.error(self, _("Zuweisung eintragen"), str(exc))
            return
        self._after_change(
            _("Zuweisung eingetragen: Schule {nr} am {day}.").format(
                nr=number, day=format_date(day, ui_language())
            )
        )

    def _record_school_start(self, dialog: AssignmentDialog) -> None:
        day = dialog.day()
        try:
            placement_service.record_school_start(self.case_id, day, user=self._user)
        except ServiceError as exc:
            self._prompts.error(self, _("Schulbeginn eintragen"), str(exc))
            return
        self._after_change(
            _("Schulbeginn eingetragen: {day}.").format(day=format_date(day, ui_language()))
        )

    def _after_change(self, text: str) -> None:
        self.refresh()
        self.message.emit(text)
        self.changed.emit()

    def _school_selected(self) -> None:
        rows = self.ui.schoolTable.selectionModel().selectedRows()
        if not rows or self.placement is None:
            return
        number = self.placement.schools[rows[0].row()]["schulnummer"]
        if number != self.schulnummer:
            # Choosing in the list is the proposal; a reasoned school deviation no longer applies.
            self.schulnummer = number
            self.overrides.pop("school", None)
            self._show_values()

    # -- display -------------------------------------------------------------------------

    def _show(self, error: str = "") -> None:
        ui = self.ui
        self._show_case()
        has_case = self.case is not None
        for button in (ui.acceptButton, ui.overrideButton, ui.assignButton, ui.startButton):
            button.setEnabled(self.placement is not None)
        self._show_letter_button()
        if self.placement is None:
            ui.emptyLabel.setText(
                _("Für diesen Fall ist keine Empfehlung möglich: {error}").format(error=error)
                if has_case and error
                else _(
                    "Kein Fall geöffnet — in der Erstberatung einen Fall wählen und "
                    "„Empfehlung“ (Strg+E) drücken."
                )
            )
            ui.stack.setCurrentWidget(ui.emptyPage)
            return
        ui.stack.setCurrentWidget(ui.contentPage)
        self._show_schools()
        self._show_values()

    def _show_case(self) -> None:
        case = self.case
        # Without a case the empty state below says everything.
        self.ui.caseLabel.setVisible(case is not None)
        if case is None:
            self.ui.caseLabel.clear()
            return
        locale = ui_language()
        municipality = {m.ags: m.name for m in schools.municipalities()}.get(
            case.municipality_ags, case.municipality_ags
        )
        parts = [
            _("geboren am {day}").format(day=format_date(case.birth_date, locale))
            if case.birth_date
            else _("Geburtsdatum fehlt"),
            municipality or _("Gemeinde fehlt"),
            _("Status: {status}").format(status=status_label(case.status)),
        ]
        self.ui.caseLabel.setText(
            f"<span style='font-size: large'><b>{escape(case.display_name)}</b></span>"
            f" &nbsp;·&nbsp; " + " &nbsp;·&nbsp; ".join(escape(p) for p in parts)
        )

    def _show_letter_button(self) -> None:
        button = self.ui.letterButton
        if not self.letter_available():
            button.setEnabled(False)
            tip = _(LETTER_PENDING_TIP)
        elif self.stored is None:
            button.setEnabled(False)
            tip = _("Erst nach dem Übernehmen der Empfehlung möglich.")
        else:
            button.setEnabled(True)
            tip = _("Das Empfehlungsschreiben für die Familie als PDF speichern")
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)

    def _show_schools(self) -> None:
        table = self.ui.schoolTable
        placement = self.placement
        stored_school = self.stored[1] if self.stored else ""
        numbers = [s["schulnummer"] for s in placement.schools]
        if self.schulnummer not in numbers:
            self.schulnummer = stored_school if stored_school in numbers else ""
        if not self.schulnummer and numbers:
            with_places = [s["schulnummer"] for s in placement.schools if s["free_places"]]
            self.schulnummer = (with_places or numbers)[0]
        locale = ui_language()
        table.blockSignals(True)
        table.clearContents()
        table.setRowCount(len(placement.schools))
        for row, school in enumerate(placement.schools):
            distance = school.get("distance_km")
            free = school.get("free_places") or 0
            cells = [
                school["name"],
                school_form_name(school["schulform"]),
                school.get("municipality") or "",
                _("{km} km").format(km=format_number(distance, locale))
                if distance is not None
                else "–",
                _("{n} frei").format(n=free) if free else _("keine frei"),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column >= 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        table.blockSignals(False)
        if self.schulnummer in numbers:
            table.selectRow(numbers.index(self.schulnummer))
        self.ui.schoolHintLabel.setText(
            _(
                "Die ausgewählte Schule wird vorgeschlagen. Schulen ohne freie "
                "Erstförderplätze stehen am Ende."
            )
            if numbers
            else _("Keine passenden Schulen — Schulliste laden (Datei-Menü, Demodaten).")
        )

    def _values(self) -> tuple[str, int | None, list[str], list[str], str, list[str]]:
        """(stage, grade, support, forms, school, reasons) as they are shown now."""
        p = self.placement
        if self.stored is not None and not self.overrides:
            rec, number = self.stored
            return rec.stage, rec.grade, rec.support, rec.school_forms, number, rec.reasons
        values = {
            "stage": p.stage,
            "grade": p.grade,
            "support": p.support,
            "school_forms": p.school_forms,
            "school": self.schulnummer,
        }
        reasons = list(p.reasons)
        for key, (value, why) in self.overrides.items():
            values[key] = value
            reasons.append(
                _("Abweichung (noch nicht gespeichert): {part} → {value}. Grund: {why}").format(
                    part=_part_title(key), value=self._value_text(key, value), why=why
                )
            )
        return (
            str(values["stage"]),
            values["grade"],  # type: ignore[return-value]
            list(values["support"]),  # type: ignore[arg-type]
            list(values["school_forms"]),  # type: ignore[arg-type]
            str(values["school"] or ""),
            reasons,
        )

    def _value_text(self, key: str, value: object) -> str:
        if key == "stage":
            return stage_label(str(value))
        if key == "grade":
            return grade_text(value)  # type: ignore[arg-type]
        if key == "support":
            return ", ".join(support_label(s) for s in value) or _("keine")  # type: ignore[union-attr]
        if key == "school_forms":
            return ", ".join(school_form_name(f) for f in value) or _("keine")  # type: ignore[union-attr]
        names = {s["schulnummer"]: s["name"] for s in self.placement.schools}
        return names.get(str(value), str(value)) or _("keine")

    def _show_values(self) -> None:
        ui, p = self.ui, self.placement
        locale = ui_language()
        stage, grade, support, forms, school, reasons = self._values()
        if self.overrides:
            changed, mark = set(self.overrides), " " + _("(geändert)")
        else:
            shown = {"stage": stage, "grade": grade, "support": support, "school_forms": forms}
            rules = {
                "stage": p.stage,
                "grade": p.grade,
                "support": p.support,
                "school_forms": p.school_forms,
            }
            changed = {k for k in shown if shown[k] != rules[k]}
            mark = " " + _("(abweichend von den Regeln, siehe Begründung)")

        if self.overrides:
            state = ngettext(
                "✎ Vorschlag mit {n} Abweichung — noch nicht übernommen",
                "✎ Vorschlag mit {n} Abweichungen — noch nicht übernommen",
                len(self.overrides),
            ).format(n=len(self.overrides))
        elif self.stored is not None:
            state = _("✔ Übernommen am {day}").format(
                day=format_date(self.stored[0].created_on, locale)
            )
        else:
            state = _("○ Vorschlag der Regeln — noch nicht übernommen")
        ui.stateValue.setText(state)

        compulsory = compulsory_label(p.compulsory_schooling)
        if p.compulsory_until:
            compulsory = _("{kind} bis {day}").format(
                kind=compulsory, day=format_date(p.compulsory_until, locale)
            )
        elif p.compulsory_from:
            compulsory = _("{kind} (ab {day})").format(
                kind=compulsory, day=format_date(p.compulsory_from, locale)
            )
        ui.compulsoryValue.setText(compulsory)
        ui.schoolYearValue.setText(p.school_year)
        ui.stageValue.setText(stage_label(stage) + (mark if "stage" in changed else ""))
        grade_line = grade_text(grade)
        if p.grade_by_age and p.grade_by_age != grade:
            grade_line += " " + _("(nach Alter: {grade})").format(grade=p.grade_by_age)
        ui.gradeValue.setText(grade_line + (mark if "grade" in changed else ""))
        support_line = "; ".join(support_label(s) for s in support) or _("keine Erstförderung")
        if support and p.support_months:
            support_line += " — " + _("Dauer: bis zu {n} Monate").format(n=p.support_months)
        ui.supportValue.setText(support_line + (mark if "support" in changed else ""))
        ui.formsValue.setText(
            ", ".join(f"{n}. {school_form_name(f)}" for n, f in enumerate(forms, start=1))
            + (mark if "school_forms" in changed else "")
            or _("keine")
        )
        names = {s["schulnummer"]: s["name"] for s in p.schools}
        school_line = (
            f"{names.get(school, '')} ({school})".strip() if school else _("keine ausgewählt")
        )
        ui.schoolValue.setText(school_line + (mark if "school" in changed else ""))
        ui.rulesValue.setText(self.stored[0].rules_version if self.stored else p.rules_version)

        ui.reasonsList.clear()
        bold = QFont(ui.reasonsList.font())
        bold.setBold(True)
        for text in reasons:
            item = QListWidgetItem(text, ui.reasonsList)
            item.setToolTip(text)
            if text.startswith(("Abweichung", _("Abweichung"))):
                item.setFont(bold)
