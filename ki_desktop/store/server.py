"""PostgreSQL server mode: the connection, its password and what happens when it breaks.

A location ``postgresql://user@host[:port]/dbname`` selects a shared server instead of the
SQLite file (address and messages: ``store.server_address``). The password is never part of
what is stored: libpq finds it in ``PGPASSWORD`` or ``~/.pgpass`` by itself; otherwise the
application asks its password source (``services.server_login``: environment, OS keyring,
then a prompt) and keeps the answer in memory only, for reconnecting.

A broken connection (network drop, server restart) is noticed by psycopg2 (``conn.closed``).
Outside a transaction it is replaced by a new one, with a few short retries; a read is then
repeated. Inside a transaction the server has rolled the work back, so the transaction fails
with :class:`ConnectionLost` and the next one connects again. When the server stays away,
further calls fail at once for a few seconds (the window stays responsive) while
:meth:`ServerDatabase.probe` checks in the background; listeners (the status bar) hear when
the server goes and comes back.
"""

from __future__ import annotations

import contextlib
import select
import threading
import time

import peewee as pw

from ki_desktop.i18n import _
from ki_desktop.store import server_link
from ki_desktop.store.server_address import (
    ConnectionLost,
    LoginCancelled,
    ServerAddress,
    ServerError,
    describe_failure,
    gone_message,
    is_read_only,
    is_server_location,
    lost_message,
    needs_password,
    parse_address,
    qmark_to_format,
    uncertain_message,
)
from ki_desktop.store.server_link import add_status_listener, is_available, set_password_source

__all__ = [
    "ConnectionLost",
    "add_status_listener",
    "is_available",
    "LoginCancelled",
    "ServerAddress",
    "ServerDatabase",
    "ServerError",
    "describe_failure",
    "is_server_location",
    "open_server",
    "parse_address",
    "qmark_to_format",
    "set_password_source",
]

CONNECT_TIMEOUT_S = 5
RECONNECT_TIMEOUT_S = 2  # libpq's smallest
RECONNECT_DELAYS_S = (0.0, 0.3, 1.0)  # a restarting server is usually back within these
RECONNECT_BUDGET_S = 5.0  # all tries together, whatever the network does
HOLD_S = 5.0  # after reconnecting failed: calls fail at once for this long
PASSWORD_ATTEMPTS = 4
# Server-side bounds: no statement runs (or waits for a lock) longer than two minutes, and a
# transaction left open by a client that vanished frees its locks after five.
STATEMENT_TIMEOUT_MS = 120_000
# How long a statement waits for a row or table another client holds (a save of the same case,
# a sync import) before it gives up with a message, so that a save never freezes the window
# for long.
LOCK_TIMEOUT_MS = 10_000
IDLE_IN_TRANSACTION_TIMEOUT_MS = 300_000
# Unacknowledged data on a dead network: give up after 10 s instead of TCP's many minutes.
TCP_USER_TIMEOUT_MS = 10_000
# A dead network or server shows within about half a minute, not hours: the idle connection
# is probed after 10 s, every 5 s, three times. Both ends probe: the client for a server that
# is gone, the server (its settings for this session) for a laptop that vanished in the middle
# of a transaction, whose locks would otherwise block everyone else until the
# idle-in-transaction timeout.
KEEPALIVE = {"idle": 10, "interval": 5, "count": 3}


class _Unreachable(ServerError):
    """A connection attempt failed for another reason than the password."""


def _libpq_version() -> int:
    import psycopg2.extensions

    return psycopg2.extensions.libpq_version()


def _lock_timed_out(exc: Exception) -> bool:
    """Whether the server gave up waiting for a lock (SQLSTATE 55P03, ``lock_timeout``)."""
    cause = exc.__cause__ or exc.__context__
    return getattr(cause, "pgcode", None) == "55P03" or getattr(exc, "pgcode", None) == "55P03"


def busy_message() -> str:
    return _(
        "Der Datensatz wird gerade an einem anderen Arbeitsplatz gespeichert, oder eine "
        "Sync-Datei wird eingelesen. Es wurde nichts gespeichert; Ihre Eingaben bleiben. Bitte "
        "in einigen Sekunden erneut speichern."
    )


class ServerDatabase(pw.PostgresqlDatabase):
    """PostgreSQL through psycopg2: the password found once and kept in memory, broken
    connections replaced (see the module's docstring)."""

    def __init__(self, address: ServerAddress, **kwargs) -> None:
        self.address = address
        self._password = address.password
        self._password_lock = threading.Lock()
        self._connected_once = False
        self._hold_until = 0.0
        params = dict(address.params)
        params.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
        if _libpq_version() >= 120000:
            params.setdefault("tcp_user_timeout", str(TCP_USER_TIMEOUT_MS))
        super().__init__(
            address.dbname,
            host=address.host,
            port=address.port,
            user=address.user or None,
            application_name="ki-desktop",
            options=(
                f"-c statement_timeout={STATEMENT_TIMEOUT_MS} "
                f"-c lock_timeout={LOCK_TIMEOUT_MS} "
                f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_TIMEOUT_MS} "
                + " ".join(f"-c tcp_keepalives_{k}={v}" for k, v in KEEPALIVE.items())
            ),
            keepalives=1,
            **{f"keepalives_{k}": v for k, v in KEEPALIVE.items()},
            **params,
            **kwargs,
        )

    def forget_password(self) -> None:
        self._password = None

    # -- statements ----------------------------------------------------------------------

    def execute_sql(self, sql, params=None, *args, **kwargs):
        """Hand-written SQL of the repositories uses SQLite's ``?`` placeholders; they become
        psycopg2's ``%s`` here (peewee's own SQL has no ``?``). A read outside a transaction
        is repeated once on a new connection when the old one broke."""
        if "?" in sql:
            sql = qmark_to_format(sql)
        run = pw.PostgresqlDatabase.execute_sql
        try:
            return run(self, sql, params, *args, **kwargs)
        except (pw.OperationalError, pw.InterfaceError) as exc:
            if _lock_timed_out(exc):
                raise server_link.busy(busy_message()) from exc
            if not self._broken():
                raise
            if self.in_transaction():
                server_link.report(False)
                raise server_link.lost(lost_message(self.address)) from exc
            self._drop()
            if not is_read_only(sql):
                server_link.report(False)
                raise server_link.lost(uncertain_message(self.address)) from exc
        return run(self, sql, params, *args, **kwargs)  # connects again on the way

    def cursor(self, named_cursor=None):
        """A connection found broken before is replaced first (nothing was sent on it);
        inside a transaction the transaction is lost."""
        if self._broken():
            if self.in_transaction():
                raise server_link.lost(lost_message(self.address))
            self._drop()
        elif not self.in_transaction() and self._ended_by_server():
            self._drop()
        return super().cursor(named_cursor)

    def begin(self, *args, **kwargs):
        try:
            return super().begin(*args, **kwargs)
        except (pw.OperationalError, pw.InterfaceError):
            if not self._broken():
                raise
            self._drop()  # nothing had begun: begin on a new connection
        return super().begin(*args, **kwargs)

    def commit(self):
        if self._broken():  # the server has rolled the transaction back
            raise server_link.lost(lost_message(self.address))
        try:
            return super().commit()
        except (pw.OperationalError, pw.InterfaceError) as exc:
            if not self._broken():
                raise
            server_link.report(False)
            raise server_link.lost(uncertain_message(self.address)) from exc

    def rollback(self):
        if self._broken():  # nothing to roll back: the server did it when the link broke
            self._drop()
            return None
        try:
            return super().rollback()
        except (pw.OperationalError, pw.InterfaceError):
            if not self._broken():
                raise
            self._drop()
            return None

    def _broken(self) -> bool:
        conn = self._state.conn
        return conn is not None and bool(conn.closed)

    def _ended_by_server(self) -> bool:
        """Whether the server has sent something on an idle connection: it only does so to
        end it (restart, administrator), and then a statement sent on it would fail after
        the fact. A look at the socket costs a microsecond."""
        conn = self._state.conn
        if conn is None:
            return False
        try:
            readable, _w, _x = select.select([conn.fileno()], [], [], 0)
        except Exception:  # noqa: BLE001 - a socket that cannot be looked at is no use
            return True
        return bool(readable)

    def _drop(self) -> None:
        """Let go of this thread's broken connection (outside a transaction the next use
        connects again)."""
        conn = self._state.conn
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()
        if not self.in_transaction():
            self._state.reset()

    # -- connecting ----------------------------------------------------------------------

    def _connect(self):
        self._adapter.check_driver()
        conn = self._reopen() if self._connected_once else self._open(CONNECT_TIMEOUT_S)
        self._connected_once = True
        self._hold_until = 0.0
        server_link.report(True)
        return conn

    def _reopen(self):
        """A new connection during work: a few quick tries, then fail at once for a while."""
        if time.monotonic() < self._hold_until:
            raise server_link.lost(gone_message(self.address))
        last: ServerError | None = None
        started = time.monotonic()
        for delay in RECONNECT_DELAYS_S:
            if last is not None and (
                time.monotonic() - started + delay + RECONNECT_TIMEOUT_S > RECONNECT_BUDGET_S
            ):
                break  # a server that lets connections time out will not be back so soon
            time.sleep(delay)
            try:
                return self._open(RECONNECT_TIMEOUT_S)
            except _Unreachable as exc:
                last = exc
            except ServerError as exc:  # the password: asked for and not given
                raise server_link.lost(str(exc)) from exc
        self._hold_until = time.monotonic() + HOLD_S
        server_link.report(False)
        raise server_link.lost(gone_message(self.address)) from last

    def _params(self, timeout_s: int) -> dict:
        params = dict(self.connect_params)
        given = int(params.get("connect_timeout") or CONNECT_TIMEOUT_S)
        params["connect_timeout"] = str(min(given, timeout_s))
        if self._password is not None:
            params["password"] = self._password
        return params

    def _open(self, timeout_s: int):
        import psycopg2

        asked = False
        for _attempt in range(PASSWORD_ATTEMPTS):
            try:
                conn = self._adapter.connect(self, **self._params(timeout_s))
            except psycopg2.OperationalError as exc:
                if not needs_password(exc):
                    raise _Unreachable(describe_failure(self.address, exc)) from exc
                failure = describe_failure(self.address, exc) if self._password else None
                self._password = self._ask(failure, exc)
                asked = True
                continue
            conn.autocommit = True  # peewee begins and ends every transaction itself
            if asked and self._password is not None:
                server_link.password_accepted(self.address, self._password)
            return conn
        raise ServerError(
            _(
                "Die Anmeldung am Datenbankserver als „{user}“ ist mehrmals fehlgeschlagen. "
                "Bitte das Passwort bei der Administration erfragen."
            ).format(user=self.address.user)
        )

    def _ask(self, failure: str | None, exc: Exception) -> str:
        source = server_link.password_source()
        if source is None:
            raise ServerError(describe_failure(self.address, exc)) from exc
        before = self._password
        with self._password_lock:
            if self._password != before and self._password is not None:
                return self._password  # another thread asked meanwhile
            password = source(self.address, failure)
        if password is None:
            raise LoginCancelled(
                _(
                    "Ohne das Passwort für den Datenbankserver {host} kann KI Desktop nicht "
                    "arbeiten. Die Anmeldung wurde abgebrochen."
                ).format(host=self.address.host)
            )
        return password

    def probe(self, hold_s: float = HOLD_S) -> bool:
        """Whether the server answers now, checked with a connection of its own that is
        closed at once (for a background check while it is away). When it answers, work
        goes on at once; otherwise calls keep failing at once for ``hold_s`` seconds."""
        import psycopg2

        try:
            conn = self._adapter.connect(self, **self._params(RECONNECT_TIMEOUT_S))
        except psycopg2.OperationalError as exc:
            if not needs_password(exc):  # a server that refuses the password is there
                self._hold_until = time.monotonic() + hold_s
                server_link.report(False)
                return False
        else:
            conn.close()
        self._hold_until = 0.0
        server_link.report(True)
        return True


def open_server(location: str) -> ServerDatabase:
    """Connect to the server at ``location`` (raises :class:`ServerError`)."""
    address = parse_address(location)
    db = ServerDatabase(address)
    db.connect(reuse_if_open=True)
    return db
