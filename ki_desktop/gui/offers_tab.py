"""Angebote tab: search the catalogue of integration offers as you type, narrowed by the child's
age, a language, the municipality (and its neighbours), category, cost and validity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ki_desktop.domain.model import Offer
from ki_desktop.domain.offer_search import OfferFilter, OfferSearchResult
from ki_desktop.gui.choices import fill_choices
from ki_desktop.gui.detail_html import placeholder_html
from ki_desktop.gui.forms.ui_offers_tab import Ui_OffersTab
from ki_desktop.gui.item_table_model import Column, ItemFilterProxy, ItemTableModel
from ki_desktop.gui.offer_actions import OfferActions
from ki_desktop.gui.offer_detail import (
    languages_text,
    offer_detail_html,
    open_map_link,
    valid_to_text,
)
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.table_layout import compact_rows, fit_columns, split
from ki_desktop.gui.view_state import restore_view_state, save_view_state
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_date, language_name
from ki_desktop.services import offers as offer_service
from ki_desktop.services import schools as school_service
from ki_desktop.services.database import ServiceError
from ki_desktop.services.labels import age_range_label
from ki_desktop.services.offers import ChildProfile

SEARCH_DELAY_MS = 150
Search = Callable[[str, OfferFilter], OfferSearchResult]


def _columns() -> list[Column]:
    return [
        Column(_("Titel"), lambda o: o.title),
        Column(_("Kategorie"), lambda o: o.category),
        Column(_("Träger"), lambda o: o.provider_name),
        Column(
            _("Alter"),
            lambda o: age_range_label(o.age_min, o.age_max),
            sort_key=lambda o: o.age_min if o.age_min is not None else -1,
        ),
        Column(_("Sprachen"), languages_text),
        Column(_("Gemeinde"), lambda o: o.municipality_name),
        Column(
            _("gültig bis"),
            valid_to_text,
            sort_key=lambda o: o.valid_to.isoformat() if o.valid_to else "9999",
        ),
    ]


class OffersTab(QWidget):
    """The offers search; ``search`` defaults to the offer service (tests pass their own).
    With a case open (:meth:`open_case`) the offers are filtered for the child and the selected
    offer can be noted as a referral; ``referred`` then carries the case id, ``message`` the
    confirmation for the status bar."""

    settings_prefix = "offers"
    max_column_chars = 18
    referred = Signal(str)
    message = Signal(str)
    offers_changed = Signal()  # an offer was created, changed or deleted

    def __init__(
        self,
        search: Search = offer_service.search,
        prompts: Prompts | None = None,
        user: str = "system",
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._search = search
        self._prompts = prompts or Prompts()
        self._user = user
        self._today = today
        self._child: ChildProfile | None = None
        self._total = 0
        self._layout_restored = False
        self.ui = Ui_OffersTab()
        self.ui.setupUi(self)
        self.model = ItemTableModel(_columns(), lambda _o: "", None, self)
        self.proxy = ItemFilterProxy(self.model, self)  # sorting only: the service filters
        table = self.ui.table
        table.setModel(self.proxy)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        compact_rows(table)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 1)
        split(self.ui.splitter, 0.68)
        self.ui.validDate.setDate(QDate.currentDate())
        self.ui.detailView.anchorClicked.connect(open_map_link)
        self.ui.neighboursCheck.setEnabled(False)
        self._searched_text: str | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.ui.searchEdit.textChanged.connect(self._text_changed)
        self.ui.searchEdit.returnPressed.connect(self.run_search)
        self.ui.searchEdit.installEventFilter(self)
        for combo in (self.ui.kindCombo, self.ui.languageCombo, self.ui.municipalityCombo):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.ui.ageSpin.valueChanged.connect(self._filters_changed)
        self.ui.validDate.dateChanged.connect(self._filters_changed)
        for check in (self.ui.neighboursCheck, self.ui.freeCheck, self.ui.expiredCheck):
            check.toggled.connect(self._filters_changed)
        table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._build_case_bar()
        self.actions = OfferActions(self)
        self._show(None)

    # -- public --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the filter choices from the database and search again."""
        self._total = offer_service.offer_count()
        locale = ui_language()
        fill_choices(
            self.ui.kindCombo, _("Alle Kategorien"), ((c, c) for c in offer_service.categories())
        )
        languages = sorted(
            ((code, language_name(code, locale)) for code in offer_service.languages_in_use()),
            key=lambda item: item[1].casefold(),
        )
        fill_choices(self.ui.languageCombo, _("alle Sprachen"), languages)
        municipalities = ((m.ags, m.name) for m in school_service.municipalities())
        fill_choices(self.ui.municipalityCombo, _("alle Gemeinden"), municipalities)
        self.run_search()

    def filters(self) -> OfferFilter:
        """The filter the widgets describe."""
        ui = self.ui
        age = ui.ageSpin.value()
        return OfferFilter(
            age=None if age < 0 else age,
            language=ui.languageCombo.currentData() or "",
            municipality_ags=ui.municipalityCombo.currentData() or "",
            neighbours=ui.neighboursCheck.isChecked(),
            category=ui.kindCombo.currentData() or "",
            free_only=ui.freeCheck.isChecked(),
            valid_on=ui.validDate.date().toPython(),
            include_expired=ui.expiredCheck.isChecked(),
        )

    def run_search(self) -> None:
        """Search now with the typed text and the filters; the best match first."""
        self._timer.stop()
        text = self.ui.searchEdit.text()
        try:
            result = self._search(text, self.filters())
        except ServiceError as exc:
            result = OfferSearchResult([], {})
            self.ui.noticeLabel.setText(str(exc))
        else:
            self.ui.noticeLabel.setText(self._notice(result))
        if text != self._searched_text:  # new words: best match first, as the service ranks
            self.ui.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self._searched_text = text
        self.model.set_items(result.offers)
        self.ui.noticeLabel.setVisible(bool(self.ui.noticeLabel.text()))
        if not self._layout_restored and result.offers:
            fit_columns(self.ui.table, self.max_column_chars, 0)
            self._layout_restored = True
        self.ui.countLabel.setText(self._count_text(len(result.offers), self.filters().limit))
        self._show(None)
        self._update_refer_button()

    def filter_for_child(
        self, age: int | None, languages: Iterable[str], municipality_ags: str
    ) -> None:
        """ "Passende Angebote": the child's age, the first of its languages that offers are
        held in, and its municipality with the neighbouring ones."""
        ui = self.ui
        for widget in (ui.ageSpin, ui.languageCombo, ui.municipalityCombo, ui.neighboursCheck):
            widget.blockSignals(True)
        ui.ageSpin.setValue(-1 if age is None else age)
        index = next((i for code in languages if (i := ui.languageCombo.findData(code)) > 0), 0)
        ui.languageCombo.setCurrentIndex(index)
        ui.municipalityCombo.setCurrentIndex(
            max(ui.municipalityCombo.findData(municipality_ags), 0)
        )
        ui.neighboursCheck.setChecked(bool(municipality_ags))
        for widget in (ui.ageSpin, ui.languageCombo, ui.municipalityCombo, ui.neighboursCheck):
            widget.blockSignals(False)
        self._filters_changed()

    @property
    def prompts(self) -> Prompts:
        return self._prompts

    @property
    def user(self) -> str:
        return self._user

    def selected_offers(self) -> list[Offer]:
        """The selected offers in list order."""
        rows = sorted(i.row() for i in self.ui.table.selectionModel().selectedRows())
        return [self.proxy.item(row) for row in rows]

    def select_offer(self, offer_id: str) -> bool:
        """Select the offer with this id alone if the list shows it."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.item(row).id == offer_id:
                self.ui.table.selectRow(row)
                self.ui.table.scrollTo(self.proxy.index(row, 0))
                return True
        return False

    @property
    def child(self) -> ChildProfile | None:
        """The case the offers are filtered for, if any."""
        return self._child

    def open_case(self, child: ChildProfile) -> None:
        """ "Passende Angebote": filter for the child and show whom the list is for."""
        self._child = child
        self.filter_for_child(child.age, child.languages, child.municipality_ags)
        self.caseLabel.setText(self._child_text(child))
        self.caseBar.show()
        self._update_refer_button()

    def close_case(self) -> None:
        """Forget the open case and lift the filters that were set for it."""
        if self._child is None:
            return
        self._child = None
        self.caseBar.hide()
        self.filter_for_child(None, (), "")

    def refer_selected_offer(self) -> None:
        """ "Für den Fall vormerken…": ask for date and note, then store the referral."""
        child = self._child
        current = self.ui.table.currentIndex()
        if child is None or not current.isValid():
            return
        offer = self.proxy.item(current.row())
        today = self._today()
        answer = self._prompts.date_and_note(
            self,
            _("Für den Fall vormerken"),
            _("„{offer}“ für {name} vormerken (Vermittlung).").format(
                offer=offer.title, name=child.name
            ),
            today,
            today,
        )
        if answer is None:
            return
        day, note = answer
        try:
            offer_service.refer_case(child.case_id, offer.id, day, note, self._user, today)
        except ServiceError as exc:
            self._prompts.error(self, _("Vormerken nicht möglich"), str(exc))
            return
        self.message.emit(
            _("„{offer}“ für {name} vorgemerkt (Vermittlung am {date}).").format(
                offer=offer.title, name=child.name, date=format_date(day, ui_language())
            )
        )
        self.referred.emit(child.case_id)

    def save_state(self, settings: QSettings) -> None:
        header = self.ui.table.horizontalHeader() if self._layout_restored else None
        save_view_state(settings, self.settings_prefix, self.ui.splitter, header)

    def restore_state(self, settings: QSettings) -> None:
        self._layout_restored = restore_view_state(
            settings, self.settings_prefix, self.ui.splitter, self.ui.table.horizontalHeader()
        )

    # -- internals -----------------------------------------------------------------------

    def _build_case_bar(self) -> None:
        self.caseBar = QFrame(self)
        self.caseBar.setObjectName("caseBar")
        self.caseBar.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self.caseBar)
        layout.setContentsMargins(6, 3, 6, 3)
        self.caseLabel = QLabel(self.caseBar)
        self.caseLabel.setObjectName("caseLabel")
        self.caseLabel.setAccessibleName(_("Angebote gefiltert für den Fall"))
        self.caseLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.referButton = QPushButton(_("Für den Fall &vormerken…"), self.caseBar)
        self.referButton.setObjectName("referButton")
        self.referButton.setAccessibleName(_("Für den Fall vormerken"))
        self.referButton.setToolTip(
            _("Das ausgewählte Angebot als Vermittlung beim Fall eintragen")
        )
        self.closeCaseButton = QPushButton(_("Fall-Filter &aufheben"), self.caseBar)
        self.closeCaseButton.setObjectName("closeCaseButton")
        self.closeCaseButton.setAccessibleName(_("Fall-Filter aufheben"))
        self.closeCaseButton.setToolTip(_("Wieder alle Angebote zeigen, ohne Bezug zum Fall"))
        layout.addWidget(self.caseLabel, 1)
        layout.addWidget(self.referButton)
        layout.addWidget(self.closeCaseButton)
        tab_layout = self.ui.tabLayout
        tab_layout.insertWidget(0, self.caseBar)
        # The form stretches the results; inserting shifted its stretch factors by one.
        for index in range(tab_layout.count()):
            tab_layout.setStretch(index, 0)
        tab_layout.setStretch(tab_layout.indexOf(self.ui.splitter), 1)
        self.caseBar.hide()
        self.referButton.clicked.connect(self.refer_selected_offer)
        self.closeCaseButton.clicked.connect(self.close_case)

    def _child_text(self, child: ChildProfile) -> str:
        locale = ui_language()
        age = (
            _("Alter unbekannt")
            if child.age is None
            else ngettext("{n} Jahr", "{n} Jahre", child.age).format(n=child.age)
        )
        index = self.ui.municipalityCombo.findData(child.municipality_ags)
        place = self.ui.municipalityCombo.itemText(index) if index > 0 else ""
        parts = [
            child.name,
            age,
            ", ".join(language_name(code, locale) for code in child.languages),
            place,
        ]
        return _("Passend für: {case}").format(case=", ".join(p for p in parts if p))

    def _update_refer_button(self) -> None:
        self.referButton.setEnabled(
            self._child is not None and self.ui.table.currentIndex().isValid()
        )

    def _text_changed(self, _text: str) -> None:
        self._timer.start()

    def _filters_changed(self, *_args: object) -> None:
        ui = self.ui
        ui.neighboursCheck.setEnabled(bool(ui.municipalityCombo.currentData()))
        ui.validDate.setEnabled(not ui.expiredCheck.isChecked())
        self.run_search()

    def _notice(self, result: OfferSearchResult) -> str:
        if not result.corrections:
            return ""
        words = ", ".join(w for alternatives in result.corrections.values() for w in alternatives)
        return _("Keine genauen Treffer – gesucht wurde nach ähnlichen Wörtern: {words}").format(
            words=words
        )

    def _count_text(self, shown: int, limit: int | None) -> str:
        if not self._total:
            return _("Noch keine Angebote erfasst — Demodaten laden (Datei-Menü).")
        if not shown:
            return _("Keine passenden Angebote. Suche oder Filter lockern.")
        if limit is not None and shown >= limit:
            return _("Die {n} besten Treffer – bitte die Suche eingrenzen.").format(n=shown)
        return ngettext("{n} Angebot gefunden", "{n} Angebote gefunden", shown).format(n=shown)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.proxy.item(current.row()) if current.isValid() else None)
        self._update_refer_button()

    def _show(self, offer: Offer | None) -> None:
        if offer is None:
            text = _("Kein Angebot ausgewählt.") if self._total else self._count_text(0, None)
            self.ui.detailView.setHtml(placeholder_html(text))
        else:
            self.ui.detailView.setHtml(self.detail_html(offer))

    def detail_html(self, offer: Offer) -> str:
        return offer_detail_html(offer, date.today())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Arrow down in the search field moves into the list.
        if (
            watched is self.ui.searchEdit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.proxy.rowCount()
        ):
            if self._timer.isActive():
                self.run_search()
            self.ui.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.ui.table.currentIndex().isValid():
                self.ui.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)
