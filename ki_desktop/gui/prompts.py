"""The questions and notices the main window shows. Passed in, so that tests answer them with
their own object instead of patching Qt's dialogs."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from ki_desktop.i18n import _

# The folder of the last file saved through Prompts.save_file_name in this session.
_LAST_SAVE_FOLDER: list[str | None] = [None]


def documents_folder() -> str:
    """The user's documents folder, or the home folder when there is none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def _yes_no(
    parent: QWidget | None, title: str, question: str, icon: QMessageBox.Icon, destructive: bool
) -> bool:
    """A Yes/No box; True for Yes. Before something destructive „Nein“ is the default and
    Escape answers it."""
    no, yes = QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes
    box = QMessageBox(icon, title, question, yes | no, parent)
    box.setDefaultButton(no if destructive else yes)
    if destructive:
        box.setEscapeButton(no)
    box.setAccessibleName(title)
    return box.exec() == yes


class Prompts:
    """Real dialogs; every method blocks until the user answered."""

    def confirm(self, parent: QWidget | None, title: str, question: str) -> bool:
        """Yes/no question, Yes is the default; True for Yes."""
        return _yes_no(parent, title, question, QMessageBox.Icon.Question, destructive=False)

    def confirm_destructive(self, parent: QWidget | None, title: str, question: str) -> bool:
        """A yes/no question before something that cannot be undone (deleting): „Nein“ is
        the default, so that Enter deletes nothing. A subclass that answers :meth:`confirm`
        itself (the tests' prompts) answers this question the same way."""
        if type(self).confirm is not Prompts.confirm:
            return self.confirm(parent, title, question)
        return _yes_no(parent, title, question, QMessageBox.Icon.Warning, destructive=True)

    def number(
        self,
        parent: QWidget | None,
        title: str,
        label: str,
        value: int,
        minimum: int,
        maximum: int,
    ) -> int | None:
        """A whole number between ``minimum`` and ``maximum``; None when cancelled."""
        number, ok = QInputDialog.getInt(parent, title, label, value, minimum, maximum, 50)
        return number if ok else None

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        """A notice with an OK button (rich text allowed)."""
        QMessageBox.about(parent, title, text)

    def save_file_name(
        self, parent: QWidget | None, title: str, suggested: str, file_filter: str
    ) -> str | None:
        """A file name to write to (native dialog); None when cancelled. A bare file name is
        proposed in the folder saved to last, at first in the documents folder (not in the
        folder the program was started from)."""
        if suggested and Path(suggested).name == suggested:
            suggested = str(Path(_LAST_SAVE_FOLDER[0] or documents_folder()) / suggested)
        name, _selected = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        if name:
            _LAST_SAVE_FOLDER[0] = str(Path(name).parent)
        return name or None

    def open_file_name(
        self, parent: QWidget | None, title: str, folder: str, file_filter: str
    ) -> str | None:
        """An existing file to read (native dialog); None when cancelled."""
        name, _selected = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
        return name or None

    def save_discard_cancel(self, parent: QWidget | None, title: str, question: str) -> str:
        """Unsaved changes: "save", "discard" or "cancel" (Escape and closing cancel)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.NoButton, parent
        )
        save = box.addButton(_("Speichern"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(_("Verwerfen"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(_("Abbrechen"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setAccessibleName(title)
        box.exec()
        clicked = box.clickedButton()
        return "save" if clicked is save else "discard" if clicked is discard else "cancel"

    def choose(
        self, parent: QWidget | None, title: str, label: str, items: list[str]
    ) -> int | None:
        """Index of the chosen entry; None when cancelled."""
        text, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
        return items.index(text) if ok and text in items else None

    def text(self, parent: QWidget | None, title: str, label: str) -> str | None:
        """A line of text; None when cancelled."""
        answer, ok = QInputDialog.getText(parent, title, label)
        return answer if ok else None

    def date_and_note(
        self, parent: QWidget | None, title: str, label: str, day: date, latest: date
    ) -> tuple[date, str] | None:
        """A date (``day`` preset, not after ``latest``) and a short note; None when
        cancelled."""
        dialog = QDialog(parent)
        dialog.setWindowTitle(title)
        dialog.setAccessibleName(title)
        form = QFormLayout(dialog)
        date_edit = QDateEdit(QDate(day), dialog)
        date_edit.setCalendarPopup(True)
        date_edit.setMaximumDate(QDate(latest))
        note_edit = QLineEdit(dialog)
        note_edit.setMinimumWidth(320)
        form.addRow(_("&Datum:"), date_edit)
        form.addRow(_("&Notiz:"), note_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        form.addRow(buttons)
        if label:
            text = QLabel(label, dialog)
            text.setWordWrap(True)
            form.insertRow(0, text)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return date_edit.date().toPython(), note_edit.text()

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        """An error the user has to acknowledge."""
        box = QMessageBox(
            QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, parent
        )
        box.setAccessibleName(title)
        box.exec()


def about_text(version: str, server: str = "") -> str:
    """The text of Hilfe → Über; ``server`` names the database server the data is kept on
    (empty for a database file on this computer)."""
    if server:
        where = _(
            "Die Daten werden in der Datenbank des KI auf dem Server {host} gespeichert."
        ).format(host=html.escape(server))
    else:
        where = _("Alle Daten bleiben auf diesem Rechner.")
    return _(
        "<h3>KI Desktop {version}</h3>"
        "<p>Seiteneinsteigerberatung der Kommunalen Integrationszentren in NRW: "
        "Erstberatung, Schulempfehlung, Angebote, Berichte.</p>"
        "<p>{where}</p>"
        "<p>Schuldaten: Schulgrunddaten NRW, Ministerium für Schule und Bildung NRW, "
        "Datenlizenz Deutschland – Namensnennung – Version 2.0.</p>"
        "<p>Lizenz: EUPL-1.2</p>"
    ).format(version=version, where=where)
