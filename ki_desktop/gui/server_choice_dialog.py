"""At start, when the database on the server (chosen in „Einstellungen“, or given with
``--db``) cannot be opened — the server does not answer, say —, the user decides instead of
the application simply quitting: try again, start with the local database file of this
computer (and, asked, choose it in the settings again), or quit."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ki_desktop.i18n import _

RETRY, FILE, QUIT = "retry", "file", "quit"


def choice_text(error: str, file_offered: bool, new_file: bool = False) -> str:
    """What the question says: the reason, the choices, and how to start with another file.
    ``new_file``: this computer has no local database file yet (choosing it sets one up)."""
    text = _("Die Datenbank auf dem Server kann nicht geöffnet werden:\n\n{error}").format(
        error=error
    )
    if file_offered:
        text += "\n\n" + _(
            "Sie können es erneut versuchen, für diesen Start mit der lokalen Datenbankdatei "
            "dieses Computers arbeiten oder KI Desktop beenden."
        )
        if new_file:
            text += " " + _(
                "Auf diesem Computer gibt es noch keine lokale Datenbankdatei: Sie würde neu "
                "und leer angelegt – ohne die Fälle des Servers und mit einem eigenen "
                "Administrationskonto."
            )
    else:
        text += "\n\n" + _("Sie können es erneut versuchen oder KI Desktop beenden.")
    return (
        text
        + "\n\n"
        + _(
            "Mit einer bestimmten Datenbankdatei startet KI Desktop über die Befehlszeile: "
            "ki-desktop --db DATEI"
        )
    )


class ServerChoiceBox(QMessageBox):
    """The question; :meth:`choice` after it was answered ("retry", "file" or "quit";
    closing it quits)."""

    def __init__(
        self,
        error: str,
        file_offered: bool,
        parent: QWidget | None = None,
        new_file: bool = False,
    ) -> None:
        title = _("Serverdatenbank nicht verfügbar")
        super().__init__(
            QMessageBox.Icon.Warning,
            title,
            choice_text(error, file_offered, new_file),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        self.setAccessibleName(title)
        self.retry_button = self.addButton(_("Erneut versuchen"), QMessageBox.ButtonRole.AcceptRole)
        self.file_button = (
            self.addButton(_("Mit der lokalen Datei starten"), QMessageBox.ButtonRole.ActionRole)
            if file_offered
            else None
        )
        self.quit_button = self.addButton(_("Beenden"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.retry_button)
        self.setEscapeButton(self.quit_button)

    def choice(self) -> str:
        clicked = self.clickedButton()
        if clicked is not None and clicked is self.retry_button:
            return RETRY
        if clicked is not None and clicked is self.file_button:
            return FILE
        return QUIT
