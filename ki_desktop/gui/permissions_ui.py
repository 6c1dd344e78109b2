"""What the logged-in user sees: tabs, sections, buttons and menus by permission.

The services refuse what a role may not do whatever the window shows; this only keeps the
window from offering it. A statistics-only account sees only „Berichte & Export“, the
administration without the counselling role sees no case list and no recommendation, only
the school list; an account that opens no tab at all (an interpreter's) is told what it is
for. A refusal that still reaches the user (:class:`PermissionDenied`) is shown
as its message, never as an unexpected error.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from ki_desktop.domain.roles import Permission
from ki_desktop.i18n import _
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.session import may

if TYPE_CHECKING:
    from ki_desktop.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def may_all(*permissions: Permission) -> bool:
    return all(may(p) for p in permissions)


def may_load_demo_data() -> bool:
    """Demo data adds fictitious cases, schools and offers: counselling and administration."""
    return may_all(Permission.CASE_WRITE, Permission.OFFERS_EDIT)


def apply_permissions(window: MainWindow) -> None:
    """Show or hide the tabs and actions of ``window`` for the current session."""
    ui = window.ui
    tabs = ui.tabs
    shows_placement = may(Permission.PLACEMENT) or may(Permission.SCHOOLS_EDIT)
    visible = {
        window.intake: may(Permission.CASE_READ),
        window.placement: shows_placement,
        window.offers: may(Permission.OFFERS_READ),
        window.reports: may(Permission.STATISTICS),
    }
    for action, page in zip(
        (ui.actionShowIntake, ui.actionShowPlacement, ui.actionShowOffers, ui.actionShowReports),
        window.tab_pages,
        strict=True,
    ):
        tabs.setTabVisible(tabs.indexOf(page), visible[page])
        action.setEnabled(visible[page])
        action.setVisible(visible[page])
    if not visible.get(tabs.currentWidget(), False):
        for page in window.tab_pages:
            if visible[page]:
                tabs.setCurrentWidget(page)
                break
    _explain_empty_window(window, not any(visible.values()))

    # Schulempfehlung: the recommendation is case work; the school list's own data is the
    # administration's.
    placement = window.placement
    sections = placement.ui.sections
    recommends = may(Permission.PLACEMENT) and may(Permission.CASE_READ)
    sections.setTabVisible(sections.indexOf(placement.ui.recommendationPage), recommends)
    if not recommends:
        sections.setCurrentWidget(placement.ui.schoolPage)
    placement.ui.editSchoolButton.setVisible(may(Permission.SCHOOLS_EDIT))

    # Angebote: everyone who sees them may search; the catalogue is kept by the
    # administration.
    edits_offers = may(Permission.OFFERS_EDIT)
    for button in (
        window.offers.actions.newButton,
        window.offers.actions.editButton,
        window.offers.actions.deleteButton,
    ):
        button.setVisible(edits_offers)

    case_read = may(Permission.CASE_READ)
    window.actionNewCase.setEnabled(may(Permission.CASE_WRITE))
    ui.actionFindCase.setEnabled(case_read)
    window.actionOpenRecommendation.setEnabled(recommends)
    window.actionMatchingOffers.setEnabled(case_read and may(Permission.OFFERS_READ))
    for action in (
        window.actionNewCase,
        ui.actionFindCase,
        window.actionOpenRecommendation,
        window.actionMatchingOffers,
    ):
        action.setVisible(action.isEnabled())
    ui.actionLoadDemo.setVisible(may_load_demo_data())
    ui.actionLoadDemo.setEnabled(may_load_demo_data())
    if window.sync is not None:  # made only with the permission to synchronise
        window.sync.menu.menuAction().setVisible(may(Permission.SYNC))


def no_area_text() -> str:
    """Shown instead of the tabs to someone whose roles open none of them (an interpreter's
    own account): what the account is for."""
    if may(Permission.PARENT_CONTENT) and not may(Permission.CASE_READ):
        return _(
            "<p><b>Hier gibt es für Ihr Konto keine Fallakten.</b></p>"
            "<p>Das Elterngespräch öffnet die Beraterin oder der Berater am eigenen Konto "
            "für den Fall der Familie (Ansicht → Elterngespräch, F11).</p>"
            "<p>Den Handzettel zum Schulsystem für Eltern finden Sie unter Ansicht → "
            "Elternhandzettel… (Strg+Umschalt+H).</p>"
        )
    return _(
        "<p><b>Für Ihre Rollen gibt es in diesem Fenster keine Bereiche.</b></p>"
        "<p>Bitte wenden Sie sich an die Administration.</p>"
    )


def _explain_empty_window(window: MainWindow, nothing: bool) -> None:
    """Hide the empty tab bar and say why instead (a window without any area)."""
    hint = getattr(window, "no_area_hint", None)
    if nothing and hint is None:
        hint = QLabel(no_area_text(), window.ui.centralwidget)
        hint.setObjectName("noAreaHint")
        hint.setTextFormat(Qt.TextFormat.RichText)
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setMargin(24)
        hint.setAccessibleName(_("Hinweis"))
        window.ui.centralLayout.addWidget(hint)
        window.no_area_hint = hint
    window.ui.tabs.setVisible(not nothing)
    if hint is not None:
        hint.setVisible(nothing)


def permission_message(exc: PermissionDenied) -> str:
    return str(exc) or _("Dafür fehlt Ihnen die Berechtigung.")


class PermissionDeniedHandler:
    """A ``sys.excepthook`` in front of the one installed before: a :class:`PermissionDenied`
    that no dialog caught is shown as a plain message with its text (which names the missing
    permission), not as an unexpected error; every other exception goes on unchanged."""

    def __init__(self, previous) -> None:
        self.previous = previous
        self.box: QMessageBox | None = None

    def __call__(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if not isinstance(exc, PermissionDenied):
            self.previous(kind, exc, tb)
            return
        log.info("refused: %s", exc)
        if self.box is not None and self.box.isVisible():
            return  # one message at a time
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Keine Berechtigung"),
            permission_message(exc),
            QMessageBox.StandardButton.Ok,
            QApplication.activeWindow(),
        )
        box.setAccessibleName(_("Keine Berechtigung"))
        box.open()
        self.box = box


def install_permission_denied_handler() -> PermissionDeniedHandler:
    """Put :class:`PermissionDeniedHandler` in front of the current ``sys.excepthook``."""
    handler = PermissionDeniedHandler(sys.excepthook)
    sys.excepthook = handler
    return handler
