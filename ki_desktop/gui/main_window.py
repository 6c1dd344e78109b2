"""The main window: four tabs, the menus and the status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from ki_desktop import __version__
from ki_desktop.domain.roles import Permission
from ki_desktop.gui import demo_loading
from ki_desktop.gui.account_menu import AccountMenu
from ki_desktop.gui.background import BackgroundOperation
from ki_desktop.gui.demo_loading import DEFAULT_DEMO_SIZE, MAX_DEMO_SIZE
from ki_desktop.gui.forms.ui_main_window import Ui_MainWindow
from ki_desktop.gui.intake_tab import IntakeTab
from ki_desktop.gui.offers_tab import OffersTab
from ki_desktop.gui.permissions_ui import apply_permissions
from ki_desktop.gui.placement_tab import PlacementTab
from ki_desktop.gui.prompts import Prompts, about_text
from ki_desktop.gui.reports_tab import ReportsTab
from ki_desktop.gui.sync_actions import SyncActions, sync_file
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_number
from ki_desktop.services import cases, session
from ki_desktop.services import offers as offer_service

__all__ = ["DEFAULT_DEMO_SIZE", "MAX_DEMO_SIZE", "MainWindow"]


class MainWindow(QMainWindow):
    """The application window. ``settings`` keeps window and splitter positions;
    ``prompts`` asks the user (tests pass their own)."""

    data_changed = Signal()

    def __init__(
        self,
        database_location: str,
        settings: QSettings,
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.settings = settings
        self.prompts = prompts or Prompts()
        self._keep_drafts = False  # closing from the lock screen: no question, keep drafts

        user = session.who()  # the author of changes and owner of drafts
        self.intake = IntakeTab(prompts=self.prompts, user=user, parent=self)
        self.placement = PlacementTab(prompts=self.prompts, user=user, parent=self)
        self.offers = OffersTab(
            prompts=self.prompts, user=self.intake.user, today=self.intake.today, parent=self
        )
        self.reports = ReportsTab(parent=self)
        self.tab_pages = (self.intake, self.placement, self.offers, self.reports)
        titles = (_("Erstberatung"), _("Schulempfehlung"), _("Angebote"), _("Berichte & Export"))
        for page, title in zip(self.tab_pages, titles, strict=True):
            # "&" marks a keyboard mnemonic in tab titles; "&&" shows a literal ampersand.
            self.ui.tabs.addTab(page, title.replace("&", "&&"))

        self._database_label = QLabel(self)
        self._database_label.setText(_("Datenbank: {location}").format(location=database_location))
        self._database_label.setToolTip(database_location)
        self._database_label.setAccessibleName(_("Speicherort der Datenbank"))
        self._database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._count_label = QLabel(self)
        self._count_label.setAccessibleName(_("Anzahl der Fälle in der Datenbank"))
        self.ui.statusbar.addWidget(self._database_label, 1)
        self.ui.statusbar.addPermanentWidget(self._count_label)

        self._stale_pages: set[QWidget] = set()
        self._connect_actions()
        # The menu "Synchronisieren" only for those who may (it reads the conflicts at once).
        self.sync = (
            SyncActions(
                self, self.prompts, self.intake.user, self._leave_case_form, self._after_data_change
            )
            if session.may(Permission.SYNC)
            else None
        )
        self.account_menu = AccountMenu(self, settings, self.prompts)
        self._install_tools(settings)
        self.setAcceptDrops(self.sync is not None)  # a dropped .kisync file is imported
        self._restore_state()
        apply_permissions(self)  # tabs and actions the logged-in user may use
        self.ui.tabs.currentChanged.connect(self._refresh_if_stale)
        self.refresh()
        # After a crash: offer the input that was not saved, once the window is shown.
        if session.may(Permission.CASE_WRITE):
            QTimer.singleShot(0, self.intake.offer_drafts)

    def _connect_actions(self) -> None:
        ui = self.ui
        ui.actionQuit.triggered.connect(self.close)
        ui.actionLoadDemo.triggered.connect(self.ask_and_load_demo_data)
        ui.actionAbout.triggered.connect(self.show_about)
        ui.actionRefresh.triggered.connect(self.refresh)
        ui.actionFindCase.triggered.connect(self.find_case)
        for index, action in enumerate(
            (ui.actionShowIntake, ui.actionShowPlacement, ui.actionShowOffers, ui.actionShowReports)
        ):
            action.triggered.connect(lambda _checked=False, i=index: ui.tabs.setCurrentIndex(i))

        self.actionOpenRecommendation = QAction(_("Empfehlung zum Fall &öffnen"), self)
        self.actionOpenRecommendation.setShortcut(QKeySequence("Ctrl+E"))
        self.actionOpenRecommendation.setToolTip(
            _("Die Schulempfehlung für den in der Erstberatung ausgewählten Fall zeigen")
        )
        self.actionOpenRecommendation.triggered.connect(self.open_recommendation)
        ui.menuView.insertAction(ui.actionFindCase, self.actionOpenRecommendation)
        self.actionMatchingOffers = QAction(_("&Passende Angebote zum Fall"), self)
        self.actionMatchingOffers.setShortcut(QKeySequence("Ctrl+G"))
        self.actionMatchingOffers.setToolTip(
            _(
                "Die Angebote für Alter, Sprachen und Gemeinde des in der Erstberatung "
                "ausgewählten Falls zeigen"
            )
        )
        self.actionMatchingOffers.triggered.connect(self.show_matching_offers)
        ui.menuView.insertAction(ui.actionFindCase, self.actionMatchingOffers)
        self.actionNewCase = QAction(_("&Neuer Fall"), self)
        self.actionNewCase.setShortcut(QKeySequence.StandardKey.New)
        self.actionNewCase.setToolTip(_("Eine leere Fallakte für die Erstberatung öffnen"))
        self.actionNewCase.triggered.connect(self.new_case)
        ui.menuView.insertAction(ui.actionFindCase, self.actionNewCase)
        self.intake.data_changed.connect(self._after_intake_change)
        self.intake.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.placement.data_changed.connect(self._after_placement_change)
        self.placement.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.offers.message.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.offers.referred.connect(self._after_referral)

    def _install_tools(self, settings: QSettings) -> None:
        """Backups, the administration menu, the interpreter view, parent handouts and the UI
        language: each shows only what the logged-in user may use (the services check again)."""
        from ki_desktop.gui.admin_tools import install_admin_tools
        from ki_desktop.gui.backup_actions import install_backups
        from ki_desktop.gui.interpreter_launch import install_interpreter_view
        from ki_desktop.gui.server_status import install_server_status
        from ki_desktop.gui.ui_language import install_ui_language_menu

        self.backups = install_backups(self, self.prompts)
        self.server_status = install_server_status(self)  # server mode: connection lost
        self.admin_tools = install_admin_tools(self, self.prompts)
        self.interpreter = install_interpreter_view(self, self.ui.menuView)
        self.interpreter.action.setVisible(session.may(Permission.CASE_READ))
        self.actionHandout = QAction(_("&Elternhandzettel…"), self)
        self.actionHandout.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.actionHandout.setToolTip(
            _(
                "Zweisprachige Handzettel für die Familie des ausgewählten Falls: Schulsystem, "
                "Empfehlung und nächste Schritte, Angebotsblatt"
            )
        )
        self.actionHandout.triggered.connect(self.open_handout)
        self.actionHandout.setVisible(session.may(Permission.PARENT_CONTENT))
        self.ui.menuView.insertAction(self.ui.actionFindCase, self.actionHandout)
        self.ui_language_menu = install_ui_language_menu(
            self.ui.menuFile, self, settings, self.prompts
        )

    def open_handout(self) -> None:
        """Strg+Umschalt+H: the parent handouts for the case selected in the Erstberatung (the
        school-system handout needs no case)."""
        from ki_desktop.gui.handout_dialog import open_handout_dialog

        case_id = self.selected_case_id() if session.may(Permission.CASE_READ) else None
        self.handout_dialog = open_handout_dialog(self, case_id, self.prompts)

    # -- data ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the visible tab and the status bar from the database now, the other tabs
        when they are shown next (so that start-up and data changes stay quick)."""
        self._stale_pages = set(self.tab_pages)
        self._refresh_if_stale(self.ui.tabs.currentIndex())
        self._show_case_count()
        if self.sync is not None:
            self.sync.update_conflicts()

    def _show_case_count(self) -> None:
        shown = session.may(Permission.CASE_READ)
        self._count_label.setVisible(shown)
        if shown:
            total = cases.case_count()
            self._count_label.setText(
                ngettext("{n} Fall", "{n} Fälle", total).format(
                    n=format_number(total, ui_language())
                )
            )

    def _refresh_if_stale(self, index: int) -> None:
        page = self.ui.tabs.widget(index)
        if page in self._stale_pages and self.ui.tabs.isTabVisible(index):
            self._stale_pages.discard(page)
            page.refresh()

    def offer_demo_data(
        self, demo_requested: bool = False, size: int = DEFAULT_DEMO_SIZE
    ) -> BackgroundOperation | None:
        """On an empty database: load the demo data if requested, else ask first."""
        return demo_loading.offer_demo_data(self, demo_requested, size)

    def ask_and_load_demo_data(self) -> BackgroundOperation | None:
        """Datei → Demodaten laden…: ask how many cases, then load."""
        return demo_loading.ask_and_load(self)

    def load_demo_data(self, size: int) -> BackgroundOperation:
        """Load the demo data off the GUI thread with a progress dialog, then refresh."""
        return demo_loading.load_demo_data(self, size, self._after_data_change)

    def _after_data_change(self, _ok: bool = True) -> None:
        self.refresh()
        self.data_changed.emit()

    def _after_placement_change(self) -> None:
        # The placement tab has already shown the change; the case list (status) reloads
        # when it is shown next.
        self._stale_pages |= set(self.tab_pages) - {self.placement}
        self.data_changed.emit()

    def _after_intake_change(self) -> None:
        self._stale_pages |= set(self.tab_pages) - {self.intake}
        self._show_case_count()
        self.data_changed.emit()

    # -- navigation and help ---------------------------------------------------------------

    def new_case(self) -> None:
        """Strg+N: an empty case form in the Erstberatung."""
        self.ui.tabs.setCurrentWidget(self.intake)
        self.intake.new_case()

    def find_case(self) -> None:
        """Strg+F: to the search field of the case list."""
        self.ui.tabs.setCurrentWidget(self.intake)
        self.intake.focus_search()

    def selected_case_id(self) -> str | None:
        """The case selected in the Erstberatung list, if any."""
        index = self.intake.ui.caseTable.currentIndex()
        return self.intake.model.case_id(index.row()) if index.isValid() else None

    def open_recommendation(self) -> None:
        """Strg+E: the Schulempfehlung for the case selected in the Erstberatung."""
        case_id = self.selected_case_id()
        if case_id is None:
            self.ui.tabs.setCurrentWidget(self.intake)
            self.statusBar().showMessage(
                _("Bitte zuerst in der Erstberatung einen Fall auswählen."), 10_000
            )
            return
        self.ui.tabs.setCurrentWidget(self.placement)
        self.placement.open_case(case_id)

    def show_matching_offers(self) -> None:
        """Strg+G: the Angebote filtered for the case selected in the Erstberatung."""
        case_id = self.selected_case_id()
        child = (
            None if case_id is None else offer_service.case_profile(case_id, self.intake.today())
        )
        if child is None:
            self.ui.tabs.setCurrentWidget(self.intake)
            self.statusBar().showMessage(
                _("Bitte zuerst in der Erstberatung einen Fall auswählen."), 10_000
            )
            return
        self.ui.tabs.setCurrentWidget(self.offers)
        self.offers.open_case(child)

    def _after_referral(self, _case_id: str) -> None:
        # The case detail in the Erstberatung lists the referrals: reload it when shown next.
        self._stale_pages.add(self.intake)
        self.data_changed.emit()

    def show_about(self) -> None:
        from ki_desktop.services.server_connection import server_host

        self.prompts.inform(self, _("Über KI Desktop"), about_text(__version__, server_host()))

    # -- remembered window state -----------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                available = screen.availableGeometry()
                self.resize(
                    min(self.width(), int(available.width() * 0.9)),
                    min(self.height(), int(available.height() * 0.9)),
                )
        for page in self.tab_pages:
            page.restore_state(self.settings)
        tab = self.settings.value("window/tab", 0)
        try:
            self.ui.tabs.setCurrentIndex(int(tab))
        except (TypeError, ValueError):
            self.ui.tabs.setCurrentIndex(0)

    def save_state(self) -> None:
        """Remember geometry, current tab, splitters and column widths."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/tab", self.ui.tabs.currentIndex())
        for page in self.tab_pages:
            page.save_state(self.settings)
        self.settings.sync()

    def _leave_case_form(self) -> bool:
        """Before an import: unsaved input of an open case form is saved or discarded first."""
        if self.intake.form_is_open():
            self.ui.tabs.setCurrentWidget(self.intake)
            self.intake.close_form()
        return not self.intake.form_is_open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if sync_file(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = sync_file(event.mimeData())
        if path is None or self.sync is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # After the drop has finished: the import dialog must not open inside the drag.
        QTimer.singleShot(0, lambda: self.sync.open_import(path))

    def close_keeping_drafts(self) -> bool:
        """Close without asking (logging out from the lock screen, where the form must not be
        shown): the open case form's input stays as a draft, offered after the next login."""
        if self.intake.form is not None and self.intake.form_is_open():
            self.intake.form.autosave()
        self._keep_drafts = True
        return self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._keep_drafts and not self.intake.leave_form():
            self.ui.tabs.setCurrentWidget(self.intake)
            event.ignore()
            return
        self.save_state()
        super().closeEvent(event)
