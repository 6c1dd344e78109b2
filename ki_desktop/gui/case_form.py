"""The case form of the Erstberatung: every section of the interview in one scrolling page,
validation while typing, duplicates before a new case is saved, autosave as a draft."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain.model import Case, CaseStatus, Interview
from ki_desktop.gui.case_form_drafts import DraftSaver
from ki_desktop.gui.case_form_family import (
    ConsentsSection,
    ConversationSection,
    DocumentsSection,
    GuardiansSection,
    NeedsSection,
)
from ki_desktop.gui.case_form_grid import Section
from ki_desktop.gui.case_form_sections import (
    ChildSection,
    LanguageSection,
    LearningSection,
    SchoolingSection,
)
from ki_desktop.gui.duplicates_dialog import DuplicatesDialog
from ki_desktop.gui.form_fields import FieldMessage, watch
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.save_conflict_dialog import SaveConflictDialog
from ki_desktop.i18n import _
from ki_desktop.services import intake
from ki_desktop.services.errors import ServerBusy, ServerUnavailable, ServiceError

CHECK_DELAY_MS = 300
AUTOSAVE_DELAY_MS = 1000
_EMPTY_INTERVIEW = Interview(date(2000, 1, 1))


def _has_content(interview: Interview) -> bool:
    """Whether anything of the interview itself was filled in (its date aside)."""
    mine = copy.copy(interview)
    mine.held_on, mine.id = _EMPTY_INTERVIEW.held_on, None
    return mine != _EMPTY_INTERVIEW


# What makes a new form worth a draft: something typed about the child. Pickers (nationality,
# country of birth) can settle on an entry without typing, so they alone do not count.
_TYPED_KEYS = ("last_name", "first_name", "birth_date", "address", "guardians", "school_history")


class CaseForm(QWidget):
    """Edits one case. ``saved`` carries the id after saving, ``closed`` asks to go back to
    the list, ``open_case_requested`` carries the id of an existing case chosen instead."""

    saved = Signal(str)
    closed = Signal()
    open_case_requested = Signal(str)

    def __init__(
        self,
        municipalities: list[tuple[str, str]],
        counsellors: list[tuple[str, str]],
        prompts: Prompts,
        user: str,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Fallakte"))
        self._prompts = prompts
        self._user = user
        self._today = today
        self._base = Case("", "", None)
        self._interview = Interview(today())
        self._clean: dict = {}
        self._loading = False
        self.draft_key = ""
        self.issues: list[intake.Issue] = []
        self.dialog: QDialog | None = None  # duplicates, or a save conflict
        self.merge_base: Case | None = None  # the stored case the typing started from

        self.child = ChildSection(municipalities, counsellors)
        self.languages = LanguageSection()
        self.schooling = SchoolingSection()
        self.learning = LearningSection()
        self.needs = NeedsSection()
        self.guardians = GuardiansSection()
        self.conversation = ConversationSection()
        self.documents = DocumentsSection()
        self.consents = ConsentsSection()
        self.sections: list[Section] = [
            self.child,
            self.conversation,
            self.languages,
            self.schooling,
            self.learning,
            self.needs,
            self.guardians,
            self.documents,
            self.consents,
        ]
        self._build_layout()

        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check)
        self._autosave_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self.drafts = DraftSaver(self._autosave_timer, user)
        for section in self.sections:
            for editor in section.grid.editors:
                watch(editor, self._edited)
            for _key, rows in section.row_lists:
                rows.changed.connect(self._edited)
                rows.changed.connect(self._fix_tab_order)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)
        self.save_button.clicked.connect(self.save)
        self.back_button.clicked.connect(self.closed.emit)
        self.new_case()

    def _build_layout(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setAccessibleName(_("Titel der Fallakte"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        legend = QLabel(_("* Pflichtangabe für eine vollständige Fallakte"), self)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(legend)
        outer.addLayout(top)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAccessibleName(_("Abschnitte der Fallakte"))
        page = QWidget(self.scroll)
        column = QVBoxLayout(page)
        for section in self.sections:
            column.addWidget(section.box)
        column.addStretch(1)
        self.scroll.setWidget(page)
        outer.addWidget(self.scroll, 1)

        bottom = QHBoxLayout()
        self.summary = FieldMessage(self)
        policy = self.summary.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # keeps the buttons at the edges
        self.summary.setSizePolicy(policy)
        self.back_button = QPushButton(_("Zurück zur Liste"), self)
        self.save_button = QPushButton(_("Speichern"), self)
        self.save_button.setDefault(True)
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.save_button)
        outer.addLayout(bottom)

    # -- loading -------------------------------------------------------------------------

    def new_case(self) -> None:
        """An empty form for a new case (registered and interviewed today)."""
        today = self._today()
        self._load(Case("", "", None, registered_on=today), "new:" + uuid.uuid4().hex)
        self._interview = Interview(today)
        self._loading = True
        self.conversation.held_on.set_value(today)
        self._loading = False
        self._clean = self.payload()

    def load_case(self, case: Case) -> None:
        """Edit a stored case."""
        self._load(case, f"case:{case.id}")

    def load_draft(self, key: str, payload: dict, stored: Case | None = None) -> None:
        """Show a draft again; ``stored`` is the saved state of the case, if it has one, so that
        the restored input counts as unsaved."""
        if stored is not None:
            self.load_case(stored)
        else:
            self.new_case()
        typed = intake.case_from_payload(payload.get("case", {}))
        self._load(typed, key, snapshot=False)
        if stored is not None and typed.version != stored.version:
            self.merge_base = None  # not known what the draft was typed on
        self.drafts.stop()

    def show_merged(self, theirs: Case, merged: Case) -> None:
        """After a save conflict: ``merged`` as unsaved input on top of the stored ``theirs``
        (the next save is checked against ``theirs``)."""
        self.load_case(theirs)
        self._load(merged, self.draft_key, snapshot=False)

    def _load(self, case: Case, key: str, snapshot: bool = True) -> None:
        self._loading = True
        self._base = copy.deepcopy(case)
        self._interview = copy.deepcopy(case.interviews[-1]) if case.interviews else None
        shown = self._interview or Interview(None)  # type: ignore[arg-type]
        for section in self.sections:
            section.load(case, shown)
        self.draft_key = key
        self._loading = False
        if snapshot:
            self._clean = self.payload()
            self.merge_base = copy.deepcopy(case)
        name = case.display_name
        self.title.setText(_("Fall: {name}").format(name=name) if case.id else _("Neuer Fall"))
        self._fix_tab_order()
        self.check()
        self.scroll.verticalScrollBar().setValue(0)

    # -- reading -------------------------------------------------------------------------

    def case(self) -> Case:
        """The case as typed."""
        case = copy.deepcopy(self._base)
        interview = copy.deepcopy(self._interview) or Interview(None)  # type: ignore[arg-type]
        for section in self.sections:
            section.store(case, interview)
        earlier = case.interviews[:-1] if self._interview is not None else case.interviews
        if interview.held_on is None and _has_content(interview):
            interview.held_on = self._today()
        case.interviews = earlier + ([interview] if interview.held_on else [])
        return case

    def payload(self) -> dict:
        return {"case": intake.case_to_payload(self.case())}

    def is_new(self) -> bool:
        return self._base.id is None

    def is_dirty(self) -> bool:
        """Whether something was typed since the case was loaded or saved."""
        return self.payload() != self._clean

    # -- validation ----------------------------------------------------------------------

    def _edited(self) -> None:
        if self._loading:
            return
        self._check_timer.start()
        self._autosave_timer.start()

    def check(self) -> list[intake.Issue]:
        """Validate now and show the messages beside the fields."""
        self._check_timer.stop()
        self.issues = intake.check_case(self.case(), self._today())
        messages: dict[str, FieldMessage] = {}
        for section in self.sections:
            messages.update(section.messages)
        shown: dict[str, list[tuple[str, str]]] = {key: [] for key in messages}
        unplaced = []
        for issue in self.issues:
            key = issue.field.split("[")[0]
            if key == "consents":
                index = int(issue.field.split("[")[1].rstrip("]"))
                kinds = self.consents.kinds
                key = f"consent:{kinds[index]}" if index < len(kinds) else key
            severity = "error" if issue.severity == "error" else "hint"
            shown.get(key, unplaced).append((severity, issue.message))
        for key, message in messages.items():
            message.show_issues(shown[key])
        errors = [i for i in self.issues if i.severity == "error"]
        missing = [i for i in self.issues if i.severity == "required"]
        self.save_button.setEnabled(not errors)
        self.save_button.setText(_("Als Entwurf speichern") if missing else _("Speichern"))
        if errors:
            summary = [("error", _("Speichern erst nach Korrektur möglich:"))]
            summary += [("error", i.message) for i in errors]
        elif missing:
            summary = [
                ("hint", _("Es fehlen noch Angaben; der Fall kann trotzdem gespeichert werden."))
            ]
        else:
            summary = list(unplaced)
        self.summary.show_issues(summary)
        self.save_button.setToolTip(self.summary.text.text())
        return self.issues

    # -- saving --------------------------------------------------------------------------

    def save(self, check_duplicates: bool = True) -> bool:
        """Save the case; False when it was not saved (impossible data, possible duplicates
        waiting for a decision, or the database refused)."""
        if self.dialog is not None and self.dialog.isVisible():
            return False
        issues = self.check()
        if any(i.severity == "error" for i in issues):
            return False
        case = self.case()
        if check_duplicates and case.id is None and (case.first_name or case.last_name):
            try:
                matches = intake.find_duplicates(case.first_name, case.last_name, case.birth_date)
            except ServiceError as exc:  # the server is away, for one: the input stays
                self._not_saved(exc)
                return False
            if matches:
                self.dialog = DuplicatesDialog(matches, self)
                self.dialog.open_case.connect(self._open_existing)
                self.dialog.create_anyway.connect(lambda: self.save(check_duplicates=False))
                self.dialog.open()
                return False
        if case.interviews and case.status == CaseStatus.REGISTERED:
            case.status = CaseStatus.INTERVIEWED
        try:
            case_id, _changes = intake.save_case(case, self._user, self._today(), self.merge_base)
        except intake.SaveConflict as conflict:
            self.autosave()
            self.dialog = SaveConflictDialog(conflict, self)
            self.dialog.merged.connect(self._save_merged)
            self.dialog.open()
            return False
        except ServiceError as exc:
            self._not_saved(exc)
            return False
        self.drafts.forget(self.draft_key)
        self.saved.emit(case_id)
        return True

    def _not_saved(self, exc: ServiceError) -> None:
        """Keep the input as a draft and say why the case was not saved; when the server was
        away or busy, also that the input is still there to be saved again."""
        self.autosave()
        text = str(exc)
        if isinstance(exc, ServerUnavailable | ServerBusy):
            text += "\n\n" + _("Ihre Eingaben bleiben im Formular erhalten.")
        self._prompts.error(self, _("Fall nicht gespeichert"), text)

    def _save_merged(self, theirs: Case, merged: Case) -> None:
        self.show_merged(theirs, merged)
        self.save(check_duplicates=False)

    def _open_existing(self, case_id: str) -> None:
        self.drafts.forget(self.draft_key)
        self._clean = self.payload()
        self.open_case_requested.emit(case_id)

    def discard(self) -> None:
        """Forget what was typed (and its draft)."""
        self.drafts.forget(self.draft_key)
        self._clean = self.payload()

    def autosave(self) -> None:
        """Keep the typed state as a draft (nothing is written when nothing changed; while
        the server is away, see :class:`DraftSaver`)."""
        payload = self.payload()
        typed = payload != self._clean
        if typed and self.is_new():
            # A new form counts as typed in once something about the child is entered;
            # defaults that settle after opening (dates, pickers) alone make no draft.
            child = payload["case"]
            typed = any(child.get(key) for key in _TYPED_KEYS)
        self.drafts.keep(self.draft_key, payload, typed)

    # -- keyboard ------------------------------------------------------------------------

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = []
        for section in self.sections:
            chain += section.focus_chain()
        chain += [self.back_button, self.save_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
