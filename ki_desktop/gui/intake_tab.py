"""Erstberatung tab: the case list (lazy, filtered and sorted in the database), the detail and
history of the selected case, and the case form (a page of its own) for a new or changed case."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from ki_desktop.domain.model import Case, CaseStatus
from ki_desktop.domain.queries import CaseFilter
from ki_desktop.gui.case_detail import case_detail_html
from ki_desktop.gui.case_exports import CaseExports
from ki_desktop.gui.case_list_model import CaseListModel
from ki_desktop.gui.choices import fill_choices
from ki_desktop.gui.detail_html import placeholder_html
from ki_desktop.gui.forms.ui_intake_tab import Ui_IntakeTab
from ki_desktop.gui.history_view import HistoryView
from ki_desktop.gui.permissions_ui import may_load_demo_data
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.table_layout import compact_rows, fit_columns, split
from ki_desktop.gui.view_state import restore_view_state, save_view_state
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_number
from ki_desktop.services import cases, intake, schools, session
from ki_desktop.services import offers as offer_service
from ki_desktop.services.database import ServiceError
from ki_desktop.services.labels import age_group_choices, status_choices

if TYPE_CHECKING:
    from ki_desktop.gui.case_form import CaseForm

FILTER_DELAY_MS = 250
DETAIL_DELAY_MS = 120


def login_name() -> str:
    """The logged-in user, recorded as the author of changes (the operating-system user while
    no one is logged in)."""
    if session.current_or_none() is not None:
        return session.who()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the user database
        return "system"


def empty_list_text() -> str:
    """What the empty case list says: demo data only to those who may load it; a counsellor
    of a team learns that other teams' cases are not listed."""
    if may_load_demo_data():
        return _("Noch keine Fälle — Demodaten laden (Datei-Menü)")
    return _(
        "Noch keine Fälle für Sie. Die Liste zeigt die Fälle Ihres Teams und Fälle ohne "
        "Beratung. Einen neuen Fall legen Sie mit „Neuer Fall“ (Strg+N) an."
    )


class IntakeTab(QWidget):
    """The Erstberatung tab; ``case_detail`` loads one case (default: the case service).
    ``data_changed`` fires after a case was saved, ``message`` carries a status-bar text."""

    data_changed = Signal()
    message = Signal(str)

    def __init__(
        self,
        model: CaseListModel | None = None,
        case_detail: Callable[[str], Case | None] = cases.case_detail,
        prompts: Prompts | None = None,
        user: str | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IntakeTab()
        self.ui.setupUi(self)
        self.model = model or CaseListModel(parent=self)
        self._case_detail = case_detail
        self._prompts = prompts or Prompts()
        self._user = user or login_name()
        self._today = today
        self.form: CaseForm | None = None  # made when first needed (it is large)
        self.history = HistoryView(self.ui.historyPage)
        self.ui.historyLayout.addWidget(self.history)
        self.ui.pageStack.setCurrentWidget(self.ui.listPage)
        self._municipalities: dict[str, str] = {}
        self._counsellors: dict[str, str] = {}
        self._shown_case: str | None = None
        self._layout_restored = False

        table = self.ui.caseTable
        table.setModel(self.model)
        header = table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        compact_rows(table)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 1)
        split(self.ui.splitter, 0.72)
        fill_choices(self.ui.statusCombo, _("Alle"), status_choices())
        fill_choices(self.ui.ageCombo, _("Alle"), age_group_choices())

        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self._detail_timer = QTimer(self, singleShot=True, interval=DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._show_current_case)

        self.ui.searchEdit.textChanged.connect(self._filter_timer.start)
        self.ui.searchEdit.returnPressed.connect(self.apply_filter)
        self.ui.searchEdit.installEventFilter(self)
        for combo in (
            self.ui.statusCombo,
            self.ui.ageCombo,
            self.ui.municipalityCombo,
            self.ui.counsellorCombo,
        ):
            # Narrow windows (small screens, 150 % scaling) still fit the filter row.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            combo.currentIndexChanged.connect(self.apply_filter)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        table.activated.connect(lambda _index: self.edit_selected_case())
        self.ui.newCaseButton.clicked.connect(self.new_case)
        self.ui.editButton.clicked.connect(self.edit_selected_case)
        self.ui.closeCaseButton.clicked.connect(self.close_selected_case)
        self.model.modelReset.connect(self._list_changed)
        self.exports = CaseExports(self, self.ui.detailButtons, self._prompts, self._user, today)
        self.exports.message.connect(self.message)
        self.setTabOrder(self.ui.closeCaseButton, self.exports.case_file_button)
        self.setTabOrder(self.exports.case_file_button, self.exports.handover_button)
        self.setTabOrder(self.exports.handover_button, self.ui.editButton)
        self._show_detail_html(None)

    # -- public --------------------------------------------------------------------------

    @property
    def user(self) -> str:
        """Who works with the tab (the author of changes)."""
        return self._user

    def today(self) -> date:
        """The working day (tests fix it)."""
        return self._today()

    def refresh(self) -> None:
        """Reload choices and list from the database (after a data change)."""
        self._municipalities = {m.ags: m.name for m in schools.municipalities()}
        self._counsellors = dict(cases.counsellors())
        fill_choices(
            self.ui.municipalityCombo,
            _("Alle"),
            sorted(((ags, name) for ags, name in self._municipalities.items()), key=lambda c: c[1]),
        )
        fill_choices(self.ui.counsellorCombo, _("Alle"), list(self._counsellors.items()))
        shown = self._shown_case
        self.model.reload(self.current_filter())
        if not self._layout_restored and self.model.rowCount():
            # First rows ever shown and no remembered layout: columns as wide as the content.
            fit_columns(self.ui.caseTable, max_chars=28)
            self._layout_restored = True
        self._reselect(shown)

    def current_filter(self) -> CaseFilter:
        """The filter the fields above the list describe."""
        return CaseFilter(
            text=self.ui.searchEdit.text().strip(),
            status=self.ui.statusCombo.currentData() or "",
            municipality_ags=self.ui.municipalityCombo.currentData() or "",
            counsellor=self.ui.counsellorCombo.currentData() or "",
            age_group=self.ui.ageCombo.currentData() or "",
            today=self._today(),
        )

    def apply_filter(self) -> None:
        """Show the cases matching the filter fields now (typing waits a moment first)."""
        self._filter_timer.stop()
        self.model.set_filter(self.current_filter())

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def save_state(self, settings: QSettings) -> None:
        # Column widths are only worth keeping once they were fitted to real content.
        header = self.ui.caseTable.horizontalHeader() if self._layout_restored else None
        save_view_state(settings, "intake", self.ui.splitter, header)

    def restore_state(self, settings: QSettings) -> None:
        self._layout_restored = restore_view_state(
            settings, "intake", self.ui.splitter, self.ui.caseTable.horizontalHeader()
        )

    # -- list state ----------------------------------------------------------------------

    def _list_changed(self) -> None:
        total = self.model.total
        self.ui.listStack.setCurrentWidget(self.ui.tablePage if total else self.ui.emptyPage)
        if replace(self.model.case_filter, today=None) == CaseFilter():
            self.ui.emptyLabel.setText(empty_list_text())
            text = ngettext("{n} Fall", "{n} Fälle", total)
        else:
            self.ui.emptyLabel.setText(
                _("Keine Fälle passen zu Suche und Filter. Suchfeld leeren oder „Alle“ wählen.")
            )
            text = ngettext("{n} Fall passt zum Filter", "{n} Fälle passen zum Filter", total)
        self.ui.countLabel.setText(text.format(n=format_number(total, ui_language())))
        if self._shown_case is not None and self.model.row_of(self._shown_case) is None:
            self._show_detail_html(None)

    def _reselect(self, case_id: str | None) -> None:
        row = self.model.row_of(case_id) if case_id else None
        if row is None:
            self._show_detail_html(None)
            return
        self.ui.caseTable.selectRow(row)
        self._show_current_case()

    # -- detail --------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._detail_timer.start()
        else:
            self._show_detail_html(None)

    def _show_current_case(self) -> None:
        current = self.ui.caseTable.currentIndex()
        if not current.isValid():
            return
        case_id = self.model.case_id(current.row())
        try:
            case = self._case_detail(case_id)
        except ServiceError as exc:  # refused (another team's case, no longer logged in)
            self._show_detail_html(None)
            self.message.emit(str(exc))
            return
        self._show_detail_html(case)

    def _show_detail_html(self, case: Case | None) -> None:
        self.ui.editButton.setEnabled(case is not None)
        self.ui.closeCaseButton.setEnabled(case is not None and case.status != CaseStatus.CLOSED)
        self.exports.set_case(case)
        if case is None:
            self._shown_case = None
            self.ui.detailView.setHtml(placeholder_html(_("Kein Fall ausgewählt.")))
            self.history.show_entries([])
            return
        self._shown_case = case.id
        self.ui.detailView.setHtml(
            case_detail_html(
                case,
                self._municipalities,
                self._counsellors,
                referrals=offer_service.referrals_of_case(case.id),
            )
        )
        self.history.show_entries(intake.case_history(case.id))

    # -- the case form -------------------------------------------------------------------

    def _ensure_form(self) -> CaseForm:
        from ki_desktop.gui.case_form import CaseForm  # large: built when first needed

        if self.form is None:
            if not self._municipalities:
                self._municipalities = {m.ags: m.name for m in schools.municipalities()}
                self._counsellors = dict(cases.counsellors())
            municipalities = sorted(self._municipalities.items(), key=lambda c: c[1])
            self.form = CaseForm(
                municipalities,
                list(self._counsellors.items()),
                self._prompts,
                self._user,
                self._today,
                self.ui.formPage,
            )
            self.ui.formPageLayout.addWidget(self.form)
            self.form.saved.connect(self._case_saved)
            self.form.closed.connect(self.close_form)
            self.form.open_case_requested.connect(self.edit_case)
        return self.form

    def form_is_open(self) -> bool:
        return self.ui.pageStack.currentWidget() is self.ui.formPage

    def leave_form(self) -> bool:
        """Ask about unsaved input of the open form (Speichern / Verwerfen / Abbrechen);
        True when the form may be left."""
        form = self.form
        if form is None or not self.form_is_open() or not form.is_dirty():
            return True
        answer = self._prompts.save_discard_cancel(
            self,
            _("Nicht gespeicherte Eingaben"),
            _("Die Fallakte „{name}“ hat nicht gespeicherte Eingaben. Jetzt speichern?").format(
                name=form.case().display_name or _("Neuer Fall")
            ),
        )
        if answer == "save":
            return form.save()
        if answer == "discard":
            form.discard()
            return True
        return False

    def new_case(self) -> None:
        """Strg+N: an empty case form."""
        if not self.leave_form():
            return
        form = self._ensure_form()
        form.new_case()
        self._show_form()

    def close_selected_case(self) -> bool:
        """Fall abschließen…: moved away, not schulpflichtig, other reason, or follow-up."""
        current = self.ui.caseTable.currentIndex()
        if not current.isValid():
            return False
        case_id = self.model.case_id(current.row())
        case = self._case_detail(case_id)
        if case is None:
            return False
        title = _("Fall abschließen")
        options = [
            ("moved_away", _("Verzogen")),
            ("not_schulpflichtig", _("Nicht schulpflichtig")),
            ("other", _("Anderer Grund …")),
        ]
        if case.status == CaseStatus.SCHOOL_STARTED:
            options.insert(0, ("follow_up", _("In die Nachbetreuung geben")))
        chosen = self._prompts.choose(
            self,
            title,
            _("Wie geht es mit dem Fall {name} weiter?").format(name=case.display_name),
            [label for _key, label in options],
        )
        if chosen is None:
            return False
        key = options[chosen][0]
        note = ""
        if key == "other":
            note = self._prompts.text(self, title, _("Grund für den Abschluss:")) or ""
            if not note.strip():
                return False
        try:
            if key == "follow_up":
                intake.start_follow_up(case_id, self._user)
            else:
                intake.close_case(case_id, key, note, self._user)
        except ServiceError as exc:
            self._prompts.error(self, title, str(exc))
            return False
        self.message.emit(
            _("Fall {name}: {what}.").format(name=case.display_name, what=options[chosen][1])
        )
        self.data_changed.emit()
        self.model.reload()
        self._reselect(case_id)
        return True

    def edit_selected_case(self) -> None:
        current = self.ui.caseTable.currentIndex()
        if current.isValid():
            self.edit_case(self.model.case_id(current.row()))

    def edit_case(self, case_id: str) -> None:
        """Open a stored case in the form."""
        if not self.leave_form():
            return
        case = self._case_detail(case_id)
        if case is None:
            return
        self._ensure_form().load_case(case)
        self._show_form()

    def close_form(self) -> None:
        """Back to the list (asks first when something is not saved)."""
        if self.leave_form():
            self.ui.pageStack.setCurrentWidget(self.ui.listPage)
            self.ui.caseTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_form(self) -> None:
        self.ui.pageStack.setCurrentWidget(self.ui.formPage)
        self.form.child.last_name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _case_saved(self, case_id: str) -> None:
        case = self._case_detail(case_id)
        if case is not None and self.form is not None:
            self.form.load_case(case)
        self._shown_case = case_id
        self.refresh()
        # The saved case stays in the detail pane even when it is not on a loaded page.
        self._show_detail_html(case)
        self.message.emit(_("Fall gespeichert."))
        self.data_changed.emit()

    def offer_drafts(self) -> bool:
        """After a crash or power cut: offer to show the input that was not saved; True when a
        draft was restored."""
        left = intake.drafts(self._user)
        if not left:
            return False
        key, payload, _saved_at = left[0]
        name = intake.case_from_payload(payload.get("case", {})).display_name or _("Neuer Fall")
        if not self._prompts.confirm(
            self,
            _("Nicht gespeicherte Eingaben gefunden"),
            _(
                "Nicht gespeicherte Eingaben gefunden (Fallakte „{name}“), zum Beispiel nach "
                "einem Absturz oder Stromausfall. Wiederherstellen?\n\n"
                "„Nein“ verwirft diese Eingaben."
            ).format(name=name),
        ):
            intake.discard_draft(key)
            return False
        stored = self._case_detail(key.split(":", 1)[1]) if key.startswith("case:") else None
        self._ensure_form().load_draft(key, payload, stored)
        self._show_form()
        self.message.emit(_("Eingaben wiederhergestellt; bitte prüfen und speichern."))
        return True

    # -- keyboard ------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow down in the search field moves into the list, like in a search box.
        if (
            watched is self.ui.searchEdit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.apply_filter()
            self.ui.caseTable.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.ui.caseTable.currentIndex().isValid():
                self.ui.caseTable.selectRow(0)
            return True
        return super().eventFilter(watched, event)
