"""The recovery key, shown once after the administrator was created: what it is for, print it,
save it, copy it; the dialog closes only when the user confirms that it is kept safe."""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QFontDatabase, QGuiApplication, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _
from ki_desktop.services.database import is_server_location


def explanation(on_server: bool = False) -> str:
    """What the key is for; a server database is not encrypted by the application, the key
    gives an administrator's password there."""
    if on_server:
        return _(
            "<p><b>Bitte bewahren Sie diesen Wiederherstellungsschlüssel sicher auf.</b></p>"
            "<p>Er ist der einzige Weg zurück in die Administration, wenn alle Passwörter der "
            "Administration vergessen wurden: Mit ihm setzt die Administration ein neues "
            "Passwort (<code>ki-desktop recover</code>). Wer ihn hat und den Datenbankserver "
            "erreicht, kann sich damit Zugang zu allen Fallakten verschaffen.</p>"
            "<p>Drucken Sie ihn aus und legen Sie ihn verschlossen in den Tresor des Büros. "
            "Nicht auf diesem Rechner speichern, nicht per E-Mail verschicken. Er wird nur "
            "dieses eine Mal angezeigt.</p>"
        )
    return _(
        "<p><b>Bitte bewahren Sie diesen Wiederherstellungsschlüssel sicher auf.</b></p>"
        "<p>Er ist der einzige Weg an die Daten, wenn das Passwort der Administration "
        "vergessen wurde: Mit ihm setzt die Administration ein neues Passwort "
        "(<code>ki-desktop recover</code>). Niemand sonst – auch kein Support – kann die "
        "verschlüsselte Datenbank ohne Passwort oder diesen Schlüssel öffnen.</p>"
        "<p>Drucken Sie ihn aus und legen Sie ihn verschlossen in den Tresor des Büros. Nicht "
        "auf diesem Rechner speichern, nicht per E-Mail verschicken. Er wird nur dieses eine "
        "Mal angezeigt.</p>"
    )


def _shown_location(location: str) -> str:
    if not is_server_location(location):
        return location
    from ki_desktop.services.accounts_messages import server_name

    return server_name(location)  # never a password given in the address


def sheet_html(key: str, location: str, username: str, day: date) -> str:
    """The printed sheet: the key, whose database it opens and how to use it."""
    if is_server_location(location):
        template = _(
            "<h2>KI Desktop – Wiederherstellungsschlüssel</h2>"
            "<p style='font-family: monospace; font-size: 16pt'><b>{key}</b></p>"
            "<p>Serverdatenbank: {location}<br>Administration: {username}<br>"
            "Erstellt am: {day}</p>"
            "<p>Mit diesem Schlüssel setzt die Administration ein neues Passwort, wenn ihr "
            "Passwort vergessen wurde:<br><code>ki-desktop recover --recovery-key-file DATEI "
            "--user NAME</code></p>"
            "<p>Verschlossen im Tresor des Büros aufbewahren. Wer diesen Schlüssel hat und den "
            "Datenbankserver erreicht, kann alle Fallakten lesen.</p>"
        )
    else:
        template = _(
            "<h2>KI Desktop – Wiederherstellungsschlüssel</h2>"
            "<p style='font-family: monospace; font-size: 16pt'><b>{key}</b></p>"
            "<p>Datenbank: {location}<br>Administration: {username}<br>Erstellt am: {day}</p>"
            "<p>Mit diesem Schlüssel setzt die Administration ein neues Passwort, wenn ihr "
            "Passwort vergessen wurde:<br><code>ki-desktop recover --recovery-key-file DATEI "
            "--user NAME</code></p>"
            "<p>Verschlossen im Tresor des Büros aufbewahren. Wer diesen Schlüssel und die "
            "Datenbank hat, kann alle Fallakten lesen.</p>"
        )
    return template.format(
        key=html.escape(key),
        location=html.escape(_shown_location(location)),
        username=html.escape(username),
        day=day.strftime("%d.%m.%Y"),
    )


class RecoveryKeyDialog(QDialog):
    """Shows ``key``; „Weiter“ is enabled only once „Ich habe den Schlüssel sicher verwahrt“
    is ticked. Escape and the window's close button do nothing before that."""

    def __init__(
        self,
        key: str,
        location: str = "",
        username: str = "",
        prompts: Prompts | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.key = key
        self._location = location
        self._username = username
        self._prompts = prompts or Prompts()
        title = _("Wiederherstellungsschlüssel")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        text = QLabel(explanation(is_server_location(location)), self)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setMinimumWidth(480)
        layout.addWidget(text)

        self.key_label = QLabel(key, self)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # The key on one line.
        self.key_label.setMinimumWidth(self.key_label.fontMetrics().horizontalAdvance(key) + 40)
        self.key_label.setAccessibleName(_("Wiederherstellungsschlüssel"))
        self.key_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.key_label.setMargin(12)
        layout.addWidget(self.key_label)

        self.buttons = QDialogButtonBox(self)
        self.print_button = self._button(_("&Drucken…"), self.print_key)
        self.save_button = self._button(_("Als Datei &speichern…"), self.save_key)
        self.copy_button = self._button(_("&Kopieren"), self.copy_key)
        layout.addWidget(self.buttons)

        self.kept_box = QCheckBox(_("Ich habe den Schlüssel sicher &verwahrt"), self)
        self.kept_box.setAccessibleName(_("Schlüssel sicher verwahrt"))
        layout.addWidget(self.kept_box)
        self.continue_buttons = QDialogButtonBox(self)
        self.continue_button = self.continue_buttons.addButton(
            _("&Weiter"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setEnabled(False)
        self.continue_buttons.accepted.connect(self.accept)
        layout.addWidget(self.continue_buttons)
        self.kept_box.toggled.connect(self.continue_button.setEnabled)
        self.kept_box.toggled.connect(lambda on: self.continue_button.setDefault(on))
        self.message = QLabel(self)
        self.message.setAccessibleName(_("Meldung"))
        layout.addWidget(self.message)
        self.print_button.setFocus()

    def _button(self, text: str, slot) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def document(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setHtml(sheet_html(self.key, self._location, self._username, date.today()))
        return doc

    def print_key(self) -> None:
        """The platform's print dialog, then the sheet."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Wiederherstellungsschlüssel drucken"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.print_to(printer)
        self.message.setText(_("Der Schlüssel wurde an den Drucker gesendet."))

    def print_to(self, printer) -> None:
        """Print the sheet on ``printer`` (a QPrinter; tests print into a PDF file)."""
        self.document().print_(printer)

    def save_key(self) -> Path | None:
        """Save the sheet as a PDF (for printing elsewhere) or as a text file."""
        name = self._prompts.save_file_name(
            self,
            _("Wiederherstellungsschlüssel speichern"),
            "ki-desktop-wiederherstellungsschluessel.pdf",
            _("PDF-Dokument (*.pdf);;Textdatei (*.txt)"),
        )
        if not name:
            return None
        path = Path(name)
        try:
            if path.suffix.lower() != ".txt" and path.suffix.lower() != ".pdf":
                path = path.with_suffix(".pdf")
            # Whoever reads the file can open the database: owner only, from the first byte.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            if os.name == "posix":
                os.chmod(path, 0o600)
            if path.suffix.lower() == ".txt":
                doc = self.document()
                path.write_text(doc.toPlainText() + "\n", encoding="utf-8")
            else:
                from PySide6.QtPrintSupport import QPrinter

                printer = QPrinter(QPrinter.PrinterMode.HighResolution)
                printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
                printer.setOutputFileName(str(path))
                self.print_to(printer)
        except OSError as exc:
            self._prompts.error(
                self,
                _("Speichern fehlgeschlagen"),
                _("{path} kann nicht geschrieben werden: {error}").format(
                    path=path, error=exc.strerror or exc
                ),
            )
            return None
        self.message.setText(
            _("Gespeichert: {path}. Bitte ausdrucken und die Datei danach löschen.").format(
                path=path
            )
        )
        return path

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.key)
        self.message.setText(
            _("Der Schlüssel ist in der Zwischenablage. Bitte nur in einen sicheren Ort einfügen.")
        )

    def reject(self) -> None:
        # Closing without confirming would lose the key for good.
        if self.kept_box.isChecked():
            self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.kept_box.isChecked():
            super().closeEvent(event)
        else:
            event.ignore()
