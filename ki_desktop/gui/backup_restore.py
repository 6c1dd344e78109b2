"""„Wiederherstellen…“ of the backups in the main window: choose a backup, unlock it if
needed, check it, confirm with the typed word, restore, quit (a part of
:class:`ki_desktop.gui.backup_actions.BackupActions`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from ki_desktop.gui.background import BackgroundOperation, failure_message
from ki_desktop.gui.backup_dialogs import (
    BackupCredentials,
    BackupUnlockDialog,
    RestoreConfirmDialog,
)
from ki_desktop.i18n import N_, _
from ki_desktop.services import backups, session
from ki_desktop.services.database import release_thread_connection

FILE_FILTER = N_("Datensicherung (*.sqlite)")


class RestoreActions:
    """The restore's steps; mixed into ``BackupActions``, whose window, prompts, runner and
    dialogs they use."""

    def restore(self) -> BackgroundOperation | None:
        """Choose a backup, unlock it if needed, check it, confirm, restore, quit."""
        if self.on_server:
            self.prompts.inform(self.window, _("Wiederherstellen"), _(backups.SERVER_BACKUP_NOTE))
            return None
        if self.operation is not None:
            return None
        name = self.prompts.open_file_name(
            self.window,
            _("Sicherung zum Wiederherstellen wählen"),
            str(backups.backup_folder()),
            _(FILE_FILTER),
        )
        if not name:
            return None
        return self._check(Path(name))

    def _check(self, source: Path) -> BackgroundOperation | None:
        credentials = None
        if backups.is_encrypted_backup(source) and not backups.opens_with_current_key(source):
            credentials = self._ask_credentials(source.name)
            if credentials is None:
                return None

        def work(progress, cancelled):
            given = credentials or BackupCredentials()
            key = backups.backup_key(source, given.username, given.password, given.recovery_key)
            backups.check_backup(source, key)
            return key

        return self._run(
            work,
            title=_("Sicherung prüfen"),
            label=_("Die Sicherung wird geprüft …"),
            on_success=lambda key: self._confirm_and_restore(source, key),
            cancellable=False,
        )

    def _confirm_and_restore(self, source: Path, key: bytes | None) -> None:
        location = backups.database_file()
        kept = location.with_name(location.stem + ".vor-wiederherstellung.sqlite")
        if not self._confirm_restore(source.name, str(location), str(kept)):
            return
        # This thread's connection goes first: the file is about to be replaced.
        release_thread_connection()

        def work(progress, cancelled):
            return backups.restore(source, str(location), key=key, keep_open=False)

        self._run(
            work,
            title=_("Wiederherstellen"),
            label=_("Die Datenbank wird wiederhergestellt …"),
            on_success=self._restored,
            on_failure=self._restore_failed,
            cancellable=False,
        )

    def _restored(self, report: backups.RestoreReport) -> None:
        # The database is closed and its key forgotten: nothing may use the session while the
        # message is open (the hourly check, refreshes of the window).
        self.timer.stop()
        session.end()
        text = _("Die Datenbank wurde aus {source} wiederhergestellt.").format(
            source=report.source.name
        )
        if report.kept:
            text += "<br><br>" + _("Die ersetzte Datenbank liegt unter {path}.").format(
                path=report.kept
            )
        text += "<br><br>" + _(
            "KI Desktop wird jetzt beendet. Bitte neu starten und mit einem Benutzerkonto der "
            "Sicherung anmelden (Passwort wie zur Zeit der Sicherung)."
        )
        self.prompts.inform(self.window, _("Wiederherstellen"), text)
        self._quit()

    def _restore_failed(self, exc: BaseException) -> None:
        # Nothing was replaced (the service reopened the database as it was).
        self.prompts.error(self.window, _("Wiederherstellen"), failure_message(exc))

    def _credentials_dialog(self, backup_file: str) -> BackupCredentials | None:
        dialog = BackupUnlockDialog(self.window, backup_file, session.who())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.credentials()

    def _confirm_dialog(self, backup_file: str, location: str, kept: str) -> bool:
        dialog = RestoreConfirmDialog(self.window, backup_file, location, kept)
        return dialog.exec() == QDialog.DialogCode.Accepted
