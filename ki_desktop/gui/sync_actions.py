"""The menu "Synchronisieren" of the main window: write a sync file, read one (also dropped on
the window), settle conflicts, the sync log, and the conflict count in the status bar.

The team passphrase is kept in this object for the session only; it is never stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolButton

from ki_desktop.domain.roles import Permission
from ki_desktop.gui.background import BackgroundOperation, run_in_background
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.sync_conflicts_dialog import ConflictsDialog
from ki_desktop.gui.sync_export_dialog import ExportChoice, ExportDialog, short_device
from ki_desktop.gui.sync_import_dialog import ImportDialog, error_text
from ki_desktop.gui.sync_log_dialog import SyncLogDialog
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import session, sync, sync_conflicts
from ki_desktop.services.errors import ServiceError

SUFFIX = ".kisync"


def sync_file(mime: QMimeData) -> str | None:
    """The path of a dragged sync file: exactly one local file ending in .kisync."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = urls[0].toLocalFile()
    return path if path.lower().endswith(SUFFIX) else None


class SyncActions(QObject):
    """Owned by the main window. ``leave_form`` asks about unsaved input (False: stay),
    ``data_changed`` reloads every tab after an import or a settled conflict."""

    def __init__(
        self,
        window: QMainWindow,
        prompts: Prompts,
        user: str,
        leave_form: Callable[[], bool],
        data_changed: Callable[[], None],
    ) -> None:
        super().__init__(window)
        self.window, self.prompts, self.user = window, prompts, user
        self._leave_form, self._data_changed = leave_form, data_changed
        self.passphrase = ""  # for this session only
        self.operation: BackgroundOperation | None = None
        self.export_dialog: ExportDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.conflicts_dialog: ConflictsDialog | None = None
        self.log_dialog: SyncLogDialog | None = None

        self.menu = QMenu(_("&Synchronisieren"), window)
        self.menu.setAccessibleName(_("Synchronisieren"))
        self.actionExport = self._action(_("Sync-Datei &erstellen…"), "Ctrl+Shift+E", self.export)
        self.actionExport.setToolTip(_("Die Änderungen dieses Geräts in eine Sync-Datei schreiben"))
        self.actionImport = self._action(_("Sync-Datei e&inlesen…"), "Ctrl+Shift+I", self.import_)
        self.actionImport.setToolTip(
            _("Die Sync-Datei eines anderen Geräts einlesen (auch: Datei auf das Fenster ziehen)")
        )
        self.menu.addSeparator()
        self.actionConflicts = self._action(_("&Konflikte lösen…"), "", self.show_conflicts)
        self.actionLog = self._action(_("Sync-&Protokoll…"), "", self.show_log)
        bar = window.menuBar()
        menus = bar.actions()
        if menus:  # before "Hilfe"
            bar.insertMenu(menus[-1], self.menu)
        else:
            bar.addMenu(self.menu)

        self.conflict_button = QToolButton(window)
        self.conflict_button.setAutoRaise(True)
        self.conflict_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        icon = window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.conflict_button.setIcon(icon)
        self.conflict_button.setToolTip(_("Offene Konflikte aus dem Abgleich jetzt lösen"))
        self.conflict_button.clicked.connect(self.show_conflicts)
        window.statusBar().addPermanentWidget(self.conflict_button)
        self.update_conflicts()

    def _action(self, text: str, keys: str, slot: Callable) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        self.menu.addAction(action)
        return action

    def update_conflicts(self) -> int:
        """The count in the menu and the status bar (hidden at 0)."""
        count = sync_conflicts.conflict_count() if session.may(Permission.SYNC) else 0
        text = ngettext("{n} Konflikt", "{n} Konflikte", count).format(n=count)
        self.actionConflicts.setText(_("&Konflikte lösen ({n})…").format(n=count))
        self.actionConflicts.setEnabled(count > 0)
        self.conflict_button.setText(text)
        self.conflict_button.setAccessibleName(text)
        self.conflict_button.setVisible(count > 0)
        return count

    def _changed(self) -> None:
        self._data_changed()
        self.update_conflicts()

    # -- export -----------------------------------------------------------------------------

    def export(self) -> ExportDialog | None:
        """Sync-Datei erstellen …: ask for the device, the passphrase (and the team once)."""
        if self.operation is not None:
            return None
        dialog = ExportDialog(sync.peers(), sync.team(), self.passphrase, self.window)
        dialog.accepted.connect(lambda: self._export_chosen(dialog.choice()))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def suggested_name(self) -> str:
        device = short_device(sync.this_device())
        return f"ki-sync-{device}-{date.today().isoformat()}{SUFFIX}"

    def _export_chosen(self, choice: ExportChoice) -> BackgroundOperation | None:
        if not sync.team():
            sync.set_team(choice.team)
        self.passphrase = choice.passphrase
        name = self.prompts.save_file_name(
            self.window,
            _("Sync-Datei speichern"),
            self.suggested_name(),
            _("Sync-Datei (*.kisync)"),
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        user = self.user

        def work(_progress, _cancelled) -> sync.ExportReport:
            return sync.export_changes(
                path, choice.passphrase, peer=choice.peer, full=choice.full, user=user
            )

        self.operation = run_in_background(
            self.window,
            work,
            title=_("Sync-Datei erstellen"),
            label=_("Die Sync-Datei wird geschrieben …"),
            on_success=self._exported,
            on_failure=self._export_failed,
            cancellable=False,
        )
        return self.operation

    def _exported(self, report: sync.ExportReport) -> None:
        self.operation = None
        text = ngettext(
            "{n} Datensatz wurde in die Sync-Datei „{name}“ geschrieben.",
            "{n} Datensätze wurden in die Sync-Datei „{name}“ geschrieben.",
            report.records,
        ).format(n=report.records, name=report.path.name)
        self.prompts.inform(self.window, _("Sync-Datei erstellt"), text)

    def _export_failed(self, exc: BaseException) -> None:
        self.operation = None
        self.prompts.error(self.window, _("Sync-Datei erstellen"), error_text(exc))

    # -- import -----------------------------------------------------------------------------

    def import_(self) -> ImportDialog | None:
        """Sync-Datei einlesen …: unsaved input first, then the file."""
        if not self._leave_form():
            return None
        name = self.prompts.open_file_name(
            self.window, _("Sync-Datei einlesen"), "", _("Sync-Datei (*.kisync)")
        )
        return self.open_import(name, asked=True) if name else None

    def open_import(self, path: str, asked: bool = False) -> ImportDialog | None:
        """The import dialog for ``path`` (also for a dropped file); with a passphrase known
        from this session the preview starts at once."""
        if self.import_dialog is not None and self.import_dialog.isVisible():
            return None
        if not asked and not self._leave_form():
            return None
        dialog = ImportDialog(Path(path), self.passphrase, self.prompts, self.user, self.window)
        dialog.applied.connect(self._imported)
        self.import_dialog = dialog
        dialog.open()
        if self.passphrase:
            dialog.start_preview()
        return dialog

    def _imported(self, report: sync.ImportReport) -> None:
        self.passphrase = self.import_dialog.passphrase if self.import_dialog else self.passphrase
        self._changed()
        c = report.counts
        self.window.statusBar().showMessage(
            _(
                "Sync-Datei eingelesen – neu: {new}, geändert: {upd}, gelöscht: {dele}, "
                "Konflikte: {conf}."
            ).format(new=c.created, upd=c.updated, dele=c.deleted, conf=c.conflicts),
            15_000,
        )

    # -- conflicts and log ------------------------------------------------------------------

    def show_conflicts(self) -> ConflictsDialog | None:
        try:
            dialog = ConflictsDialog(self.prompts, self.user, self.window)
        except ServiceError as exc:  # settling is the administration's
            self.prompts.error(self.window, _("Konflikte lösen"), str(exc))
            return None
        dialog.settled.connect(self._changed)
        self.conflicts_dialog = dialog
        dialog.open()
        return dialog

    def show_log(self) -> SyncLogDialog:
        dialog = SyncLogDialog(self.window)
        self.log_dialog = dialog
        dialog.open()
        return dialog
