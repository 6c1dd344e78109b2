"""Making a handout for parents (Elternhandzettel): which handout, which language, where to.

The dialog offers the three handouts (school duty and school system; recommendation and next
steps; offer sheet of the offers the family was referred to) and the family's language, with
each language named in German and in itself („Arabisch – العربية“). It proposes the open
case's family language and a file name, and writes the PDF off the GUI thread. Errors reach
the user through the prompts, as plain sentences. Where the file went is said in the main
window's status bar (from the interpreter view: in a short notice). With an English user
interface the languages are named in English and in themselves („Arabic – العربية“).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.gui.background import BackgroundOperation, failure_message, run_in_background
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _, ui_language
from ki_desktop.services import handouts
from ki_desktop.services.errors import ServiceError
from ki_desktop.services.parent_texts import GERMAN, language_name

__all__ = ["HandoutDialog", "open_handout_dialog"]


def _title() -> str:
    return _("Elternhandzettel erstellen")


def _in_ui_language(code: str, label: str) -> str:
    """The service's label („Arabisch – العربية“) with the German name of the language
    replaced by its name in the user interface's language."""
    interface = ui_language()
    german = language_name(code, GERMAN)
    if interface == GERMAN or not label.startswith(german):
        return label
    return language_name(code, interface) + label[len(german) :]


class HandoutDialog(QDialog):
    """Choose the handout and the language, then „Speichern unter…“. ``write`` defaults to
    :func:`services.handouts.write_handout` (tests pass their own)."""

    saved = Signal(Path)  # the file that was written
    finished_writing = Signal(bool)  # the background work ended (True: a file was written)

    def __init__(
        self,
        parent: QWidget | None,
        case_id: str | None,
        prompts: Prompts,
        *,
        today: Callable[[], date] = date.today,
        write: Callable[..., Path] | None = None,
    ) -> None:
        super().__init__(parent)
        self._case_id = case_id
        self._prompts = prompts
        self._today = today
        self._write = write or handouts.write_handout
        self.operation: BackgroundOperation | None = None
        self.setWindowTitle(_title())
        self.setAccessibleName(_title())

        intro = QLabel(
            _(
                "Der Handzettel ist immer zweisprachig: links Deutsch, rechts die Sprache der "
                "Familie. Fehlt eine Übersetzung, steht dort der deutsche Text mit dem Hinweis "
                "„(noch keine Übersetzung)“."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName(_("Art des Handzettels"))
        for kind in handouts.KINDS:
            self.kind_box.addItem(_(handouts.KIND_NAMES[kind]), kind)
            item = self.kind_box.model().item(self.kind_box.count() - 1)
            if case_id is None and kind != handouts.SCHOOL_SYSTEM:
                # the recommendation and the referred offers belong to a case
                item.setEnabled(False)
                item.setToolTip(_("Nur für einen ausgewählten Fall"))
            elif not handouts.may_write(kind):
                item.setEnabled(False)
                item.setToolTip(_("Elternhandzettel gehören zur Beratung eines Falls"))

        self.language_box = QComboBox(self)
        self.language_box.setAccessibleName(_("Sprache der Familie"))
        self._fill_languages()

        form = QFormLayout()
        kind_label = QLabel(_("&Handzettel:"), self)
        kind_label.setBuddy(self.kind_box)
        language_label = QLabel(_("&Sprache der Familie:"), self)
        language_label.setBuddy(self.language_box)
        form.addRow(kind_label, self.kind_box)
        form.addRow(language_label, self.language_box)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            _("Speichern &unter…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(_("Handzettel als PDF speichern"))
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.kind_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_languages(self) -> None:
        default = GERMAN
        if self._case_id is not None:
            try:
                default = handouts.handout_defaults(self._case_id, handouts.SCHOOL_SYSTEM).language
            except ServiceError:
                default = GERMAN
        items = handouts.handout_languages()
        codes = [code for code, _label in items]
        if default not in codes:
            # the case's language has no texts yet: offer it anyway, the handout shows German
            label = _("{language} (noch keine Übersetzung)").format(
                language=language_name(default, GERMAN)
            )
            items.insert(0, (default, label))
        for code, label in items:
            self.language_box.addItem(_in_ui_language(code, label), code)
        self.language_box.setCurrentIndex(self.language_box.findData(default))

    def kind(self) -> str:
        return self.kind_box.currentData()

    def language(self) -> str:
        return self.language_box.currentData()

    def suggested_name(self) -> str:
        """The file name proposed in the save dialog (no personal data in it)."""
        return handouts.file_stem(self.kind(), self.language(), self._today()) + ".pdf"

    def save(self) -> None:
        """Ask for a file name and write the handout there in the background."""
        if self.operation is not None:
            return
        name = self._prompts.save_file_name(
            self, _title(), self.suggested_name(), _("PDF-Dokument (*.pdf)")
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        kind, language, case_id, write = self.kind(), self.language(), self._case_id, self._write

        def work(_progress, _cancelled) -> Path:
            return write(kind, language, path, case_id)

        self.save_button.setEnabled(False)
        self.operation = run_in_background(
            self,
            work,
            title=_title(),
            label=_("Der Handzettel wird erstellt …"),
            on_success=self._written,
            on_failure=self._failed,
            cancellable=False,
        )

    def _written(self, path: Path) -> None:
        self.operation = None
        self.saved.emit(Path(path))
        self.finished_writing.emit(True)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.operation = None
        self.save_button.setEnabled(True)
        text = str(exc) if isinstance(exc, ServiceError) else failure_message(exc)
        self._prompts.error(self, _title(), text)
        self.finished_writing.emit(False)


def tell_saved(parent: QWidget | None, prompts: Prompts) -> Callable[[Path], None]:
    """Tell the user where the handout went: in the status bar of a main window, otherwise
    (the interpreter view) in a short notice once the dialog has closed."""

    def tell(path: Path) -> None:
        text = _("Der Handzettel wurde gespeichert: {path}").format(path=path)
        window = parent.window() if parent is not None else None
        if isinstance(window, QMainWindow) and window.isVisible():
            window.statusBar().showMessage(text, 15_000)
        else:
            QTimer.singleShot(0, lambda: prompts.inform(parent, _title(), text))

    return tell


def open_handout_dialog(
    parent: QWidget | None,
    case_id: str | None,
    prompts: Prompts,
    on_saved: Callable[[Path], None] | None = None,
) -> HandoutDialog:
    """Show the handout dialog for ``case_id`` (None: the general handout only), not modal to
    the whole application; ``on_saved`` gets the written file (e.g. for the status bar)."""
    dialog = HandoutDialog(parent, case_id, prompts)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.saved.connect(on_saved if on_saved is not None else tell_saved(parent, prompts))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.show()
    return dialog
