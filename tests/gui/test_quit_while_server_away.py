"""Quitting while the database server is away: the logout cannot be audited, the
application still closes the database and exits without an error."""

from __future__ import annotations

from types import SimpleNamespace

from ki_desktop.gui import run
from ki_desktop.services import accounts, session
from ki_desktop.services.errors import ServerUnavailable


def test_quitting_while_the_server_is_away_exits_cleanly(monkeypatch, caplog):
    window = SimpleNamespace(account_menu=SimpleNamespace(signed_in=True))
    closed: list[bool] = []
    ended: list[bool] = []

    def logout():
        raise ServerUnavailable("Verbindung zum Server unterbrochen")

    monkeypatch.setattr(run, "application", lambda: SimpleNamespace(exec=lambda: 0))
    monkeypatch.setattr(run, "install_exception_reporter", lambda log_dir: None)
    monkeypatch.setattr(run, "install_permission_denied_handler", lambda: None)
    monkeypatch.setattr(run, "start_gui", lambda *args, **kwargs: window)
    monkeypatch.setattr(run, "close_app_database", lambda: closed.append(True))
    monkeypatch.setattr(accounts, "logout", logout)
    monkeypatch.setattr(session, "end", lambda: ended.append(True))

    assert run.run_gui(None, False, 10, dialogs=SimpleNamespace(cancelled=False)) == 0
    assert closed == [True]
    assert ended == [True]
    assert "Logout on quit not recorded" in caplog.text
