"""Loading the demo data into the main window: asked on an empty database at the first start
and from Datei → Demodaten laden…; loaded off the GUI thread with a progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMainWindow

from ki_desktop.gui.background import BackgroundOperation, run_in_background
from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_number
from ki_desktop.services import cases

if TYPE_CHECKING:
    from ki_desktop.services.demo import DemoReport

DEFAULT_DEMO_SIZE = 300
MAX_DEMO_SIZE = 100_000


def _prompts(window: QMainWindow) -> Prompts:
    return window.prompts


def offer_demo_data(
    window: QMainWindow, demo_requested: bool = False, size: int = DEFAULT_DEMO_SIZE
) -> BackgroundOperation | None:
    """On an empty database: load the demo data if requested, else ask first."""
    from ki_desktop.services import demo
    from ki_desktop.services.server_connection import on_server

    if not demo.is_database_empty():
        return None
    if not demo_requested and on_server():
        return None  # an empty server is a production database being set up: no question
    if not demo_requested and not _prompts(window).confirm(
        window, _("Leere Datenbank"), _("Die Datenbank ist leer. Demodaten laden?")
    ):
        return None
    return window.load_demo_data(size)


def ask_and_load(window: QMainWindow) -> BackgroundOperation | None:
    """Ask how many cases, then load; on a server, first whether to load demo data into the
    shared database at all („Nein“ is the default)."""
    from ki_desktop.services.server_connection import on_server, server_host

    if on_server() and not _prompts(window).confirm_destructive(
        window,
        _("Demodaten laden"),
        _(
            "Die Datenbank liegt auf dem Server {host} und wird von allen Arbeitsplätzen des "
            "KI genutzt. Fiktive Fälle, Schulen und Angebote wirklich dort anlegen?"
        ).format(host=server_host()),
    ):
        return None
    size = _prompts(window).number(
        window,
        _("Demodaten laden"),
        _(
            "Wie viele fiktive Fälle sollen angelegt werden?\n"
            "Die Schulen der Kreise Borken und Warendorf und Beispielangebote werden "
            "mitgeladen."
        ),
        DEFAULT_DEMO_SIZE,
        1,
        MAX_DEMO_SIZE,
    )
    return None if size is None else window.load_demo_data(size)


def load_demo_data(
    window: QMainWindow, size: int, after: Callable[[bool], None]
) -> BackgroundOperation:
    """Load ``size`` fictitious cases with schools and offers; ``after`` runs at the end."""
    from ki_desktop.services import demo

    # A different seed for every further load, so that the names do not repeat.
    seed = cases.case_count() + 1

    def work(progress, cancelled) -> DemoReport:
        return demo.load_demo_data(size=size, seed=seed, progress=progress, cancelled=cancelled)

    def loaded(report: DemoReport) -> None:
        window.statusBar().showMessage(
            _(
                "Demodaten geladen: {cases} Fälle, {schools} Schulen, {offers} neue Angebote."
            ).format(cases=report.cases, schools=report.schools, offers=report.offers),
            10_000,
        )

    def cancelled() -> None:
        window.statusBar().showMessage(
            _("Laden der Demodaten abgebrochen; bereits angelegte Daten bleiben erhalten."), 10_000
        )

    operation = run_in_background(
        window,
        work,
        title=_("Demodaten laden"),
        label=ngettext(
            "Schulen, Angebote und {n} fiktiver Fall werden angelegt …",
            "Schulen, Angebote und {n} fiktive Fälle werden angelegt …",
            size,
        ).format(n=format_number(size, ui_language())),
        on_success=loaded,
        on_cancelled=cancelled,
    )
    operation.finished.connect(after)
    return operation
