"""The first sections of the case form, in the order of the conversation: the child, the
languages, schooling abroad, German, maths and interests."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from ki_desktop.domain.model import GERMAN_LEVELS, Case, Interview, LanguageSkill, Sex
from ki_desktop.domain.model import SchoolHistoryEntry as SchoolEntry
from ki_desktop.domain.placement_input import SCHOOL_TYPES
from ki_desktop.gui.case_form_grid import Section
from ki_desktop.gui.country_language_picker import CodePicker, country_picker, language_picker
from ki_desktop.gui.form_fields import (
    OptionalDateEdit,
    RowList,
    YesNoCombo,
    choice_combo,
    set_choice,
)
from ki_desktop.i18n import N_, _
from ki_desktop.services.labels import language_level_label, school_type_label, sex_label

FOREIGN_LEVELS = ("", "A1", "A2", "B1", "B2", "C1")
NO_YEAR = 1949  # the spin box's minimum, shown as "–"


def _line(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    return edit


def _year_spin(name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(NO_YEAR, 2100)
    spin.setSpecialValueText("–")
    spin.setValue(NO_YEAR)
    spin.setAccessibleName(name)
    return spin


def _year(spin: QSpinBox) -> int | None:
    return None if spin.value() == NO_YEAR else spin.value()


def _level_choices() -> list[tuple[str, str]]:
    return [
        (level, language_level_label(level) or _("nicht eingeschätzt")) for level in FOREIGN_LEVELS
    ]


class ChildSection(Section):
    title = N_("Kind")

    def __init__(
        self,
        municipalities: list[tuple[str, str]],
        counsellors: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        add = self.grid.add
        self.last_name = add(_("Nachname"), _line(), "last_name", required=True)
        self.first_name = add(_("Vorname(n)"), _line(), "first_name", required=True)
        self.birth_date = add(
            _("Geburtsdatum"), OptionalDateEdit(_("Geburtsdatum")), "birth_date", required=True
        )
        self.sex = add(
            _("Geschlecht"), choice_combo(_("Geschlecht"), [(s.value, sex_label(s)) for s in Sex])
        )
        self.country_of_birth = add(_("Geburtsland"), country_picker(_("Geburtsland")))
        self.nationality = add(_("Staatsangehörigkeit"), country_picker(_("Staatsangehörigkeit")))
        self.arrival_date = add(
            _("Einreise nach Deutschland"),
            OptionalDateEdit(_("Einreise nach Deutschland")),
            "arrival_date",
        )
        self.assignment_date = add(
            _("Zuweisung an die Gemeinde"),
            OptionalDateEdit(_("Zuweisung an die Gemeinde")),
            "assignment_date",
        )
        self.registered_on = add(_("Registriert am"), OptionalDateEdit(_("Registriert am")))
        self.address = add(_("Adresse"), _line(_("Straße, Hausnummer, PLZ Ort")), span=2)
        self.municipality = add(
            _("Gemeinde"),
            choice_combo(_("Gemeinde"), [("", "")] + municipalities),
            "municipality_ags",
            required=True,
        )
        self.counsellor = add(
            _("Beraterin/Berater"),
            choice_combo(_("Beraterin/Berater"), [("", "")] + counsellors),
        )

    def load(self, case: Case, interview: Interview) -> None:
        self.last_name.setText(case.last_name)
        self.first_name.setText(case.first_name)
        self.birth_date.set_value(case.birth_date)
        set_choice(self.sex, Sex(case.sex).value)
        self.country_of_birth.set_code(case.country_of_birth)
        self.nationality.set_code(case.nationality)
        self.arrival_date.set_value(case.arrival_date)
        self.assignment_date.set_value(case.assignment_date)
        self.registered_on.set_value(case.registered_on)
        self.address.setText(case.address)
        set_choice(self.municipality, case.municipality_ags)
        set_choice(self.counsellor, case.counsellor)

    def store(self, case: Case, interview: Interview) -> None:
        case.last_name = self.last_name.text().strip()
        case.first_name = self.first_name.text().strip()
        case.birth_date = self.birth_date.value()
        case.sex = Sex(self.sex.currentData())
        case.country_of_birth = self.country_of_birth.code()
        case.nationality = self.nationality.code()
        case.arrival_date = self.arrival_date.value()
        case.assignment_date = self.assignment_date.value()
        case.registered_on = self.registered_on.value()
        case.address = self.address.text().strip()
        case.municipality_ags = self.municipality.currentData() or ""
        case.counsellor = self.counsellor.currentData() or ""


class LanguageSection(Section):
    title = N_("Sprachen")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        add = self.grid.add
        self.first_language = add(_("Erstsprache"), language_picker(_("Erstsprache")))
        self.latin_literate = add(
            _("Liest und schreibt lateinische Schrift"),
            YesNoCombo(_("Liest und schreibt lateinische Schrift")),
        )
        self.literate_other_script = add(
            _("Alphabetisiert in einer anderen Schrift"),
            YesNoCombo(_("Alphabetisiert in einer anderen Schrift")),
        )
        self.other_scripts = add(
            _("Andere Schriften"), _line(_("z. B. arabisch, kyrillisch")), span=3
        )
        self.family = self.row_list(
            "family_languages",
            RowList(
                [_("Familiensprache")],
                lambda: [language_picker(_("Familiensprache"))],
                _("Familiensprache hinzufügen"),
                _("Familiensprache"),
            ),
            _("In der Familie gesprochene Sprachen (die Erstsprache gehört dazu)"),
        )
        self.foreign = self.row_list(
            "foreign_languages",
            RowList(
                [_("Fremdsprache"), _("Niveau")],
                lambda: [
                    language_picker(_("Fremdsprache")),
                    choice_combo(_("Niveau"), _level_choices()),
                ],
                _("Fremdsprache hinzufügen"),
                _("Fremdsprache"),
            ),
            _("In der Schule gelernte Fremdsprachen"),
        )

    def load(self, case: Case, interview: Interview) -> None:
        self.first_language.set_code(case.first_language)
        self.latin_literate.set_value(interview.latin_literate)
        self.literate_other_script.set_value(interview.literate_other_script)
        self.other_scripts.setText(interview.other_scripts)
        self.family.clear()
        self.foreign.clear()
        foreign = [s for s in case.languages if not s.is_family_language]
        if interview.english_level and not any(s.language == "en" for s in foreign):
            foreign.append(LanguageSkill("en", interview.english_level))
        for skill in case.languages:
            if skill.is_family_language:
                self.family.add_row()[0].set_code(skill.language)
        for skill in foreign:
            picker, level = self.foreign.add_row()
            picker.set_code(skill.language)
            set_choice(level, skill.level)

    def store(self, case: Case, interview: Interview) -> None:
        case.first_language = self.first_language.code()
        interview.latin_literate = self.latin_literate.value()
        interview.literate_other_script = self.literate_other_script.value()
        interview.other_scripts = self.other_scripts.text().strip()
        kept = {(s.language, s.is_family_language): s.id for s in case.languages}
        languages = []
        for (picker,) in self.family.rows:
            code = picker.code()
            if code:
                skill = LanguageSkill(code, "", True, code == case.first_language)
                skill.id = kept.get((code, True))
                languages.append(skill)
        interview.english_level = ""
        for picker, level in self.foreign.rows:
            code = picker.code()
            if code:
                skill = LanguageSkill(code, level.currentData() or "", False, False)
                skill.id = kept.get((code, False))
                languages.append(skill)
                if code == "en":
                    interview.english_level = skill.level
        case.languages = languages

    def pickers(self) -> list[CodePicker]:
        return [self.first_language] + [row[0] for row in self.family.rows + self.foreign.rows]


class SchoolingSection(Section):
    title = N_("Schulbesuch im Herkunftsland und unterwegs")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schools = self.row_list(
            "school_history",
            RowList(
                [
                    _("Land"),
                    _("Schulart"),
                    _("von (Jahr)"),
                    _("bis (Jahr)"),
                    _("Klassen"),
                    _("Lücke und Grund"),
                ],
                lambda: [
                    country_picker(_("Land")),
                    choice_combo(_("Schulart"), [(k, school_type_label(k)) for k in SCHOOL_TYPES]),
                    _year_spin(_("von (Jahr)")),
                    _year_spin(_("bis (Jahr)")),
                    _line(_("z. B. 1–4")),
                    _line(_("z. B. 2022–2023 Flucht, keine Schule")),
                ],
                _("Schulbesuch hinzufügen"),
                _("Schulbesuch"),
            ),
        )
        grid = self.schools.grid
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 0)
        grid.setColumnStretch(3, 0)
        grid.setColumnStretch(4, 1)
        grid.setColumnStretch(5, 4)

    def load(self, case: Case, interview: Interview) -> None:
        self.schools.clear()
        for entry in case.school_history:
            country, kind, year_from, year_to, grades, gap = self.schools.add_row()
            country.set_code(entry.country)
            set_choice(kind, entry.school_type)
            year_from.setValue(entry.year_from or NO_YEAR)
            year_to.setValue(entry.year_to or NO_YEAR)
            grades.setText(entry.grades)
            gap.setText(entry.gap_reason)
            country.setProperty("record_id", entry.id)

    def store(self, case: Case, interview: Interview) -> None:
        entries = []
        for country, kind, year_from, year_to, grades, gap in self.schools.rows:
            entry = SchoolEntry(
                country.code(),
                kind.currentData(),
                _year(year_from),
                _year(year_to),
                grades.text().strip(),
                gap.text().strip(),
                country.property("record_id") or None,
            )
            entries.append(entry)
        case.school_history = entries


class LearningSection(Section):
    title = N_("Deutsch, Mathematik, Interessen")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        add = self.grid.add
        self.german_level = add(
            _("Deutschkenntnisse"),
            choice_combo(
                _("Deutschkenntnisse"),
                [("", _("nicht eingeschätzt"))]
                + [(lvl, language_level_label(lvl)) for lvl in GERMAN_LEVELS],
            ),
            "german_level",
        )
        maths = QComboBox()
        maths.setEditable(True)
        maths.addItems(
            ["", _("altersgemäß"), _("unter dem Altersniveau"), _("über dem Altersniveau")]
        )
        self.maths_level = add(
            _("Mathematik"), maths, description=_("Auswählen oder frei eintragen")
        )
        self.interests = add(_("Interessen"), _line(_("z. B. Fußball, Malen")))
        notes = QPlainTextEdit()
        notes.setTabChangesFocus(True)
        notes.setFixedHeight(notes.fontMetrics().lineSpacing() * 4 + 12)
        self.notes = add(_("Weitere Notizen zum Gespräch"), notes, span=3)

    def load(self, case: Case, interview: Interview) -> None:
        set_choice(self.german_level, interview.german_level)
        self.maths_level.setEditText(interview.maths_level)
        self.interests.setText(interview.interests)
        self.notes.setPlainText(interview.notes)

    def store(self, case: Case, interview: Interview) -> None:
        interview.german_level = self.german_level.currentData() or ""
        interview.maths_level = self.maths_level.currentText().strip()
        interview.interests = self.interests.text().strip()
        interview.notes = self.notes.toPlainText().strip()
