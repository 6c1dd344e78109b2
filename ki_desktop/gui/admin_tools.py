"""The administrator's entries for the audit trail and retention: „Protokoll (Audit-Trail)…“
and „Fristgerechte Löschung…“, in a menu of the main window.

The main window calls :func:`install_admin_tools` once and :meth:`AdminTools.refresh` after a
login or logout: each action is shown only to a user whose roles allow it (the services check
again).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ki_desktop.domain.roles import Permission
from ki_desktop.gui.audit_dialog import AuditDialog
from ki_desktop.gui.case_erasure import TITLE_ERASE, erase_selected_case
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.retention_dialog import RetentionDialog
from ki_desktop.i18n import _
from ki_desktop.services import retention, session
from ki_desktop.services.errors import ServiceError


class AdminTools(QObject):
    """Owned by the main window; keeps the open dialogs."""

    def __init__(self, window: QMainWindow, prompts: Prompts, menu: QMenu | None = None) -> None:
        super().__init__(window)
        self.window, self.prompts = window, prompts
        self.audit_dialog: AuditDialog | None = None
        self.retention_dialog: RetentionDialog | None = None
        if menu is None:
            menu = QMenu(_("Ad&ministration"), window)
            menu.setAccessibleName(_("Administration"))
            bar = window.menuBar()
            menus = bar.actions()
            if menus:  # before "Hilfe"
                bar.insertMenu(menus[-1], menu)
            else:
                bar.addMenu(menu)
            self.own_menu: QMenu | None = menu
        else:
            self.own_menu = None
        self.menu = menu
        self.actionAudit = QAction(_("&Protokoll (Audit-Trail)…"), window)
        self.actionAudit.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.actionAudit.setToolTip(_("Wer hat wann was getan; Prüfung der Kette, Export"))
        self.actionAudit.triggered.connect(self.show_audit)
        self.actionRetention = QAction(_("&Fristgerechte Löschung…"), window)
        self.actionRetention.setToolTip(
            _("Fälle nach Ablauf der Aufbewahrungsfrist löschen; Löschprotokoll")
        )
        self.actionRetention.triggered.connect(self.show_retention)
        self.actionErase = QAction(_("Fall auf &Antrag löschen…"), window)
        self.actionErase.setToolTip(
            _("Einen Fall auf Wunsch der Familie sofort löschen (Art. 17 DSGVO)")
        )
        self.actionErase.triggered.connect(self.erase_on_request)
        menu.addAction(self.actionAudit)
        menu.addAction(self.actionRetention)
        menu.addAction(self.actionErase)
        self.refresh()

    def refresh(self) -> None:
        """Show the actions the logged-in user may use (after a login or logout)."""
        audit_ok = session.may(Permission.AUDIT)
        retention_ok = session.may(Permission.RETENTION)
        self.actionAudit.setVisible(audit_ok)
        self.actionRetention.setVisible(retention_ok)
        self.actionErase.setVisible(retention_ok)
        if self.own_menu is not None:
            self.own_menu.menuAction().setVisible(audit_ok or retention_ok)

    def erase_on_request(self) -> bool:
        """The case selected in the Erstberatung, or (no case list for an administrator who
        does not counsel) the one whose reference is typed in; then the two questions of
        :func:`erase_selected_case`."""
        selected = getattr(self.window, "selected_case_id", None)
        case_id = selected() if callable(selected) else None
        if case_id is None:
            typed = self.prompts.text(
                self.window,
                _(TITLE_ERASE),
                _("Fallnummer des zu löschenden Falls (z. B. SE-1A2B3C4D):"),
            )
            if not typed:
                return False
            try:
                case_id = retention.case_by_reference(typed)
            except ServiceError as exc:
                self.prompts.error(self.window, _(TITLE_ERASE), str(exc))
                return False
        erased = erase_selected_case(self.window, case_id, self.prompts)
        if erased and hasattr(self.window, "refresh"):
            self.window.refresh()
        return erased

    def show_audit(self) -> AuditDialog:
        if self.audit_dialog is None or not self.audit_dialog.isVisible():
            self.audit_dialog = AuditDialog(self.window, self.prompts)
        self.audit_dialog.show()
        self.audit_dialog.raise_()
        return self.audit_dialog

    def show_retention(self) -> RetentionDialog:
        if self.retention_dialog is None or not self.retention_dialog.isVisible():
            self.retention_dialog = RetentionDialog(self.window, self.prompts)
        self.retention_dialog.show()
        self.retention_dialog.raise_()
        return self.retention_dialog


def install_admin_tools(
    window: QMainWindow, prompts: Prompts, menu: QMenu | None = None
) -> AdminTools:
    """Add „Protokoll (Audit-Trail)…“ (Strg+Umschalt+P) and „Fristgerechte Löschung…“ to
    ``menu``, or to a new menu „Administration“ before „Hilfe“; keep the returned object."""
    return AdminTools(window, prompts, menu)
