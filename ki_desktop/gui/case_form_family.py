"""The later sections of the case form: special needs and health (Art. 9 GDPR), guardians,
the conversation and interpreting, documents seen, consents."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ki_desktop.domain.model import Case, Consent, Guardian, Interview
from ki_desktop.gui.case_form_grid import Section
from ki_desktop.gui.country_language_picker import language_picker
from ki_desktop.gui.form_fields import OptionalDateEdit, RowList, choice_combo, set_choice
from ki_desktop.i18n import N_, _
from ki_desktop.services.labels import consent_label, document_label

DOCUMENTS = ("id", "meldebescheinigung", "zeugnis", "sorgerecht")
CONSENTS = ("data_processing", "school_schulamt", "gesundheitsamt")
RELATIONS = (N_("Mutter"), N_("Vater"), N_("Vormund"), N_("Großmutter"), N_("Großvater"))


def _text_box(lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class NeedsSection(Section):
    title = N_(
        "Besondere Bedarfe und Gesundheit — besondere Kategorie personenbezogener Daten "
        "(Art. 9 DSGVO), freiwillig"
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, columns=2)
        note = QLabel(
            _(
                "Nur eintragen, was die Familie von sich aus mitteilen möchte. Diese Angaben "
                "sind freiwillig, werden nie exportiert und im Verlauf nur als „geändert“ "
                "vermerkt."
            )
        )
        note.setWordWrap(True)
        self.grid.add_wide(note)
        self.special_needs = self.grid.add(_("Sonderpädagogischer Förderbedarf"), _text_box())
        self.health_notes = self.grid.add(_("Gesundheit"), _text_box())

    def load(self, case: Case, interview: Interview) -> None:
        self.special_needs.setPlainText(interview.special_needs)
        self.health_notes.setPlainText(interview.health_notes)

    def store(self, case: Case, interview: Interview) -> None:
        interview.special_needs = self.special_needs.toPlainText().strip()
        interview.health_notes = self.health_notes.toPlainText().strip()


def _relation_combo() -> QComboBox:
    combo = QComboBox()
    combo.setEditable(True)
    combo.addItems([""] + [_(r) for r in RELATIONS])
    return combo


def _custody_box() -> QCheckBox:
    box = QCheckBox(_("sorgeberechtigt"))
    box.setChecked(True)
    return box


class GuardiansSection(Section):
    title = N_("Sorgeberechtigte und Kontakt")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guardians = self.row_list(
            "guardians",
            RowList(
                [_("Name"), _("Beziehung"), _("Telefon"), _("E-Mail"), _("Sorgerecht")],
                lambda: [QLineEdit(), _relation_combo(), QLineEdit(), QLineEdit(), _custody_box()],
                _("Person hinzufügen"),
                _("Person"),
            ),
        )
        self.guardians.grid.setColumnStretch(0, 3)
        self.guardians.grid.setColumnStretch(3, 3)
        self.guardians.grid.setColumnStretch(4, 0)

    def load(self, case: Case, interview: Interview) -> None:
        self.guardians.clear()
        for g in case.guardians:
            name, relation, phone, email, custody = self.guardians.add_row()
            name.setText(g.name)
            relation.setEditText(g.relation)
            phone.setText(g.phone)
            email.setText(g.email)
            custody.setChecked(g.has_custody)
            name.setProperty("record_id", g.id)

    def store(self, case: Case, interview: Interview) -> None:
        guardians = []
        for name, relation, phone, email, custody in self.guardians.rows:
            texts = [w.text().strip() for w in (name, phone, email)]
            if not any(texts) and not relation.currentText().strip():
                continue
            guardians.append(
                Guardian(
                    texts[0],
                    relation.currentText().strip(),
                    texts[1],
                    texts[2],
                    custody.isChecked(),
                    name.property("record_id") or None,
                )
            )
        case.guardians = guardians


class ConversationSection(Section):
    title = N_("Gespräch und Sprachmittlung")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.held_on = self.grid.add(
            _("Erstberatung am"), OptionalDateEdit(_("Erstberatung am")), "held_on"
        )
        self.interpreter_needed = self.grid.add(
            _("Sprachmittlung"), QCheckBox(_("Sprachmittlung nötig"))
        )
        self.interpreter_language = self.grid.add(
            _("Sprache der Sprachmittlung"),
            language_picker(_("Sprache der Sprachmittlung")),
            "interpreter_language",
        )

    def load(self, case: Case, interview: Interview) -> None:
        self.held_on.set_value(interview.held_on)
        self.interpreter_needed.setChecked(interview.interpreter_needed)
        self.interpreter_language.set_code(interview.interpreter_language)

    def store(self, case: Case, interview: Interview) -> None:
        interview.held_on = self.held_on.value()  # None: no interview yet (see the form)
        interview.interpreter_needed = self.interpreter_needed.isChecked()
        interview.interpreter_language = self.interpreter_language.code()


class DocumentsSection(Section):
    title = N_("Dokumente gesehen")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, columns=4)
        self.boxes = {key: self.grid.add("", QCheckBox(document_label(key))) for key in DOCUMENTS}
        for key, box in self.boxes.items():
            box.setAccessibleName(_("Gesehen: {document}").format(document=document_label(key)))
        self._other: list[str] = []

    def load(self, case: Case, interview: Interview) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key in interview.documents_seen)
        self._other = [d for d in interview.documents_seen if d not in self.boxes]

    def store(self, case: Case, interview: Interview) -> None:
        seen = [key for key, box in self.boxes.items() if box.isChecked()]
        interview.documents_seen = seen + self._other


class ConsentsSection(Section):
    title = N_("Einwilligungen")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, tuple[QComboBox, OptionalDateEdit, QLineEdit]] = {}
        for kind in CONSENTS:
            label = consent_label(kind)
            given = choice_combo(
                label,
                [
                    ("", _("nicht erfasst")),
                    ("yes", _("ja, erteilt")),
                    ("no", _("nein, nicht erteilt")),
                ],
            )
            self.grid.add(label, given, f"consent:{kind}")
            day = self.grid.add(
                _("am"), OptionalDateEdit(_("{consent}: Datum").format(consent=label))
            )
            by = QLineEdit()
            by.setAccessibleName(_("{consent}: erteilt von").format(consent=label))
            by.setPlaceholderText(_("Name der Person"))
            self.grid.add(_("von"), by)
            self.rows[kind] = (given, day, by)
        self._other: list[Consent] = []
        self.kinds: list[str] = []

    def load(self, case: Case, interview: Interview) -> None:
        stored = {c.kind: c for c in case.consents}
        for kind, (given, day, by) in self.rows.items():
            consent = stored.get(kind)
            set_choice(given, "" if consent is None else ("yes" if consent.given else "no"))
            day.set_value(consent.given_on if consent else None)
            by.setText(consent.given_by if consent else "")
            given.setProperty("record_id", consent.id if consent else None)
        self._other = [c for c in case.consents if c.kind not in self.rows]

    def store(self, case: Case, interview: Interview) -> None:
        consents = []
        for kind, (given, day, by) in self.rows.items():
            if not given.currentData():
                continue
            consents.append(
                Consent(
                    kind,
                    given.currentData() == "yes",
                    day.value(),
                    by.text().strip(),
                    given.property("record_id") or None,
                )
            )
        case.consents = consents + self._other
        # Validation names consents by position; the form shows them by kind.
        self.kinds = [c.kind for c in case.consents]
