"""The case form while the database server is away: typing goes on, nothing reaches the
application's error handler (no „unerwarteter Fehler“, no dialog per autosave tick), the input
stays in the form, saving says once why it did not save, and the draft is written at the first
autosave tick after the server answers again.

The first tests make the services fail as a lost connection does (on either backend); the
last cuts a real connection to the test server through a relay."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ki_desktop.domain.roles import Role
from ki_desktop.gui import server_status
from ki_desktop.services import cases, database, intake, session
from ki_desktop.services.errors import (
    PermissionDenied,
    ServerBusy,
    ServerUnavailable,
    ServiceError,
)
from ki_desktop.store import server_link
from tests import backend
from tests.gui.conftest import _stop_timers, _window
from tests.gui.form_typing import type_text
from tests.server_proxy import ServerProxy

LOST = "Die Verbindung zum Datenbankserver db ist unterbrochen."
KEPT = "Ihre Eingaben bleiben im Formular erhalten."
NOT_SAVED = LOST + "\n\n" + KEPT


def _save_keys(qtbot, form) -> None:
    qtbot.keyClick(form.child.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def _draft_of(form) -> dict | None:
    for key, payload, _when in intake.drafts():
        if key == form.draft_key:
            return payload["case"]
    return None


class Outage:
    """The services of drafts and duplicates fail as on a lost connection, and the store has
    said that the server is away, until :meth:`end`."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch
        self.calls: list[str] = []

    def begin(self) -> None:
        for name in ("save_draft", "discard_draft", "find_duplicates", "save_case"):
            self.monkeypatch.setattr(intake, name, self._failing(name))
        server_link.report(False)

    def _failing(self, name: str):
        def fail(*args, **kwargs):
            self.calls.append(name)
            raise ServerUnavailable(LOST)

        return fail

    def end(self) -> None:
        self.monkeypatch.undo()
        server_link.report(True)


@pytest.fixture
def outage(monkeypatch):
    outage = Outage(monkeypatch)
    yield outage
    server_link.report(True)


@pytest.fixture
def form(qtbot, empty_window):
    if empty_window.server_status is not None:
        # The outage is made up: the status bar's check would find the real server there.
        empty_window.server_status.shutdown()
    empty_window.new_case()
    form = empty_window.intake.form
    type_text(form.child.last_name, "Kovalenko")
    type_text(form.child.first_name, "Olena")
    type_text(form.child.birth_date, "10.03.2014")
    return form


def test_typing_through_an_outage_keeps_the_input_and_the_draft_follows(
    qtbot, form, outage, prompts
):
    with qtbot.capture_exceptions() as raised:
        outage.begin()
        type_text(form.child.first_name, "-Marija")
        qtbot.wait(3500)  # three autosave intervals
        assert outage.calls == ["save_draft"]  # tried once, then waits for the server
        type_text(form.child.first_name, "x")
        qtbot.wait(1500)
        assert outage.calls == ["save_draft"]
        assert prompts.errors == []  # no dialog for a draft
        assert form.drafts.pending
        outage.end()
        qtbot.waitUntil(lambda: not form.drafts.pending, timeout=3000)
    assert raised == []
    assert form.child.first_name.text() == "Olena-Marijax"
    assert _draft_of(form)["first_name"] == "Olena-Marijax"
    _save_keys(qtbot, form)
    assert cases.case_count() == 1
    assert _draft_of(form) is None


def test_saving_during_an_outage_says_why_once_and_keeps_the_input(qtbot, form, outage, prompts):
    with qtbot.capture_exceptions() as raised:
        outage.begin()
        _save_keys(qtbot, form)  # the duplicates are looked up first
        assert outage.calls == ["find_duplicates", "save_draft"]
        assert prompts.errors == [NOT_SAVED]
        form.save(check_duplicates=False)  # straight to the save
        assert outage.calls[2:] == ["save_case"]  # the draft waits for the server
        assert prompts.errors == [NOT_SAVED, NOT_SAVED]
        outage.end()
    assert raised == []
    assert (form.child.last_name.text(), form.child.first_name.text()) == ("Kovalenko", "Olena")
    assert form.is_dirty()
    qtbot.waitUntil(lambda: _draft_of(form) is not None, timeout=3000)
    _save_keys(qtbot, form)
    assert cases.case_count() == 1
    assert prompts.errors == [NOT_SAVED, NOT_SAVED]


@pytest.mark.parametrize(
    ("error", "kept"),
    [
        (ServerBusy("Ein anderer Arbeitsplatz bearbeitet diesen Fall gerade."), True),
        (ServiceError("Das Geburtsdatum liegt in der Zukunft."), False),
    ],
)
def test_a_busy_server_says_the_input_stays_other_refusals_do_not(
    qtbot, form, monkeypatch, prompts, error, kept
):
    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(intake, "save_case", refuse)
    assert not form.save(check_duplicates=False)
    assert prompts.errors == [str(error) + ("\n\n" + KEPT if kept else "")]
    assert form.child.first_name.text() == "Olena"


def test_discarding_during_an_outage_is_no_error(qtbot, form, outage):
    form.autosave()
    assert _draft_of(form) is not None
    with qtbot.capture_exceptions() as raised:
        outage.begin()
        form.discard()
        outage.end()
    assert raised == [] and outage.calls == ["discard_draft"]
    assert not form.is_dirty()
    assert _draft_of(form) is not None  # kept on the server, offered again later


def test_a_refused_draft_is_still_a_refusal(qtbot, form, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionDenied("Keine Berechtigung")

    monkeypatch.setattr(intake, "save_draft", refuse)
    with pytest.raises(PermissionDenied):
        form.autosave()
    assert not form.drafts.pending


# -- a real outage: the connection to the test server cut -----------------------------------


needs_server = pytest.mark.skipif(not backend.on_server(), reason="needs a PostgreSQL server")


@pytest.fixture
def relay_window(qtbot, tmp_path, settings, prompts, monkeypatch):
    monkeypatch.setattr(server_status, "RETRY_SCHEDULE_S", (1, 1, 2))
    session.begin(session.Session("berta", "Berta", frozenset({Role.COUNSELLOR})))
    proxy = ServerProxy.to(backend.new_location(tmp_path))
    database.open_app_database(proxy.url)
    window = _window(qtbot, proxy.url, settings, prompts)
    window.relay = proxy
    yield window
    _stop_timers(window)
    window.server_status.shutdown()
    proxy.close()
    server_link.report(True)


@needs_server
def test_a_cut_connection_while_typing_is_no_crash_and_the_draft_is_written_when_back(
    qtbot, relay_window, prompts
):
    window, relay = relay_window, relay_window.relay
    window.new_case()
    form = window.intake.form
    type_text(form.child.last_name, "Kovalenko")
    type_text(form.child.first_name, "Olena")
    type_text(form.child.birth_date, "10.03.2014")
    form.autosave()
    with qtbot.capture_exceptions() as raised:
        relay.cut()
        type_text(form.child.first_name, "-Marija")
        qtbot.waitUntil(lambda: form.drafts.pending, timeout=10_000)
        qtbot.waitUntil(lambda: window.server_status.button.isVisible(), timeout=10_000)
        type_text(form.child.last_name, "-Petrenko")
        _save_keys(qtbot, form)
        assert len(prompts.errors) == 1  # the save says why; the autosave said nothing
        assert "Datenbankserver" in prompts.errors[0]
        relay.restore()
        qtbot.waitUntil(lambda: not window.server_status.button.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: not form.drafts.pending, timeout=5000)
    assert raised == []
    assert (form.child.last_name.text(), form.child.first_name.text()) == (
        "Kovalenko-Petrenko",
        "Olena-Marija",
    )
    draft = _draft_of(form)
    assert (draft["last_name"], draft["first_name"]) == ("Kovalenko-Petrenko", "Olena-Marija")
    _save_keys(qtbot, form)
    assert cases.case_count() == 1 and len(prompts.errors) == 1
