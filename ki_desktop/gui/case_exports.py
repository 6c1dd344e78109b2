"""The exports of the selected case in the Erstberatung tab: the family's right of access
(Art. 15 GDPR) as a PDF and the handover to the receiving school as CSV or PDF.

Both run off the GUI thread with a progress dialog; the case file can be cancelled. Errors
reach the user through the tab's prompts, as plain German sentences.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from ki_desktop.domain.model import Case
from ki_desktop.gui.background import BackgroundOperation, failure_message, run_in_background
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _
from ki_desktop.services.database import ServiceError


def _file_stem(case: Case, what: str, day: date) -> str:
    name = "-".join(p for p in (case.last_name, case.first_name) if p).replace(" ", "-")
    return f"{what}-{name}-{day.isoformat()}"


class CaseExports(QObject):
    """Two buttons beside the case detail and the exports behind them. ``write_case_file``,
    ``write_handover`` and ``check_handover`` default to the services, which are imported on
    first use (they load reportlab, which start-up does without)."""

    message = Signal(str)  # a status-bar text after an export
    finished = Signal(bool)  # an export ended (True: a file was written)

    def __init__(
        self,
        parent: QWidget,
        layout: QBoxLayout,
        prompts: Prompts,
        user: str,
        today: Callable[[], date] = date.today,
        write_case_file: Callable[..., Path] | None = None,
        write_handover: Callable[..., Path] | None = None,
        check_handover: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._prompts = prompts
        self._user = user
        self._today = today
        self._write_case_file = write_case_file
        self._write_handover = write_handover
        self._check_handover = check_handover
        self._case: Case | None = None
        self.operation: BackgroundOperation | None = None

        self.case_file_button = QPushButton(_("Aus&kunft (Art. 15)…"), parent)
        self.case_file_button.setAccessibleName(_("Auskunft nach Art. 15 DSGVO erstellen"))
        self.case_file_button.setToolTip(
            _("Alle gespeicherten Daten des Falls als PDF für die Familie (Art. 15 DSGVO)")
        )
        self.handover_button = QPushButton(_("Übergabe an Sch&ule…"), parent)
        self.handover_button.setAccessibleName(_("Übergabe an die Schule erstellen"))
        self.handover_button.setToolTip(
            _(
                "Die Daten, die die aufnehmende Schule braucht, als CSV für die "
                "Schulverwaltung oder als PDF (nur mit Einwilligung)"
            )
        )
        # after "Fall abschließen…", before the spacer that pushes "Fall bearbeiten" right
        layout.insertWidget(1, self.case_file_button)
        layout.insertWidget(2, self.handover_button)
        self.case_file_button.clicked.connect(self.export_case_file)
        self.handover_button.clicked.connect(self.export_handover)
        self.set_case(None)

    def set_case(self, case: Case | None) -> None:
        """The case shown in the detail pane (None: nothing selected)."""
        self._case = case
        self._enable()

    def _enable(self) -> None:
        on = self._case is not None and self.operation is None
        self.case_file_button.setEnabled(on)
        self.handover_button.setEnabled(on)

    def export_case_file(self) -> None:
        """Ask for a file name and write the Art. 15 case file there, cancellable."""
        case = self._case
        if case is None or self.operation is not None:
            return
        title = _("Auskunft nach Art. 15 DSGVO")
        name = self._prompts.save_file_name(
            self._parent,
            title,
            _file_stem(case, _("Auskunft"), self._today()) + ".pdf",
            _("PDF-Dokument (*.pdf)"),
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        write = self._write_case_file
        if write is None:
            from ki_desktop.services.case_file import write_case_file as write
        user, case_id = self._user, case.id

        def work(progress, cancelled) -> Path:
            return write(case_id, path, user, progress=progress, cancelled=cancelled)

        self._start(
            work,
            title,
            _("Die Auskunft für {name} wird erstellt …").format(name=case.display_name),
            cancellable=True,
        )

    def export_handover(self) -> None:
        """Check the consent, ask for a file name (CSV or PDF by the chosen filter) and write
        the handover to the school there."""
        case = self._case
        if case is None or self.operation is not None:
            return
        title = _("Übergabe an die Schule")
        check = self._check_handover
        if check is None:
            from ki_desktop.services.school_handover import check_handover as check
        try:
            check(case.id)
        except ServiceError as exc:
            self._prompts.error(self._parent, title, str(exc))
            return
        csv_filter = _("CSV für die Schulverwaltung (*.csv)")
        pdf_filter = _("PDF-Dokument (*.pdf)")
        name = self._prompts.save_file_name(
            self._parent,
            title,
            _file_stem(case, _("Uebergabe"), self._today()) + ".csv",
            f"{csv_filter};;{pdf_filter}",
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".csv", ".pdf"):
            path = path.with_name(path.name + ".csv")
        write = self._write_handover
        if write is None:
            from ki_desktop.services.school_handover import write_school_handover as write
        user, case_id = self._user, case.id

        def work(_progress, _cancelled) -> Path:
            return write(case_id, path, user)

        self._start(
            work,
            title,
            _("Die Übergabe für {name} wird erstellt …").format(name=case.display_name),
            cancellable=False,
        )

    def _start(self, work, title: str, label: str, cancellable: bool) -> None:
        self.operation = run_in_background(
            self._parent,
            work,
            title=title,
            label=label,
            on_success=self._written,
            on_failure=lambda exc: self._failed(title, exc),
            on_cancelled=self._cancelled,
            cancellable=cancellable,
        )
        self._enable()

    def _done(self, ok: bool) -> None:
        self.operation = None
        self._enable()
        self.finished.emit(ok)

    def _written(self, path: Path) -> None:
        self.message.emit(_("Gespeichert: {name}").format(name=Path(path).name))
        self._done(True)

    def _cancelled(self) -> None:
        self.message.emit(_("Abgebrochen; es wurde keine Datei erstellt."))
        self._done(False)

    def _failed(self, title: str, exc: BaseException) -> None:
        text = str(exc) if isinstance(exc, ServiceError) else failure_message(exc)
        self._done(False)
        self._prompts.error(self._parent, title, text)
