"""A TCP relay between the application and the test's PostgreSQL server that a test can cut:
the server „goes away“ (every connection broken, new ones refused, as when the server
restarts or the network drops) and „comes back“ on the same address.

    with ServerProxy.to(url) as proxy:
        location = proxy.url          # the same database, through the relay
        proxy.cut()                   # connections broken, new ones refused
        proxy.silent()                # new connections accepted but never answered
        proxy.restore()               # back to normal
"""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit, urlunsplit


class ServerProxy:
    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._silent = False
        self._url = ""

    @classmethod
    def to(cls, url: str) -> ServerProxy:
        parts = urlsplit(url)
        proxy = cls(parts.hostname or "127.0.0.1", parts.port or 5432)
        proxy._listen()
        user = f"{parts.username}@" if parts.username else ""
        proxy._url = urlunsplit(
            (parts.scheme, f"{user}127.0.0.1:{proxy.port}", parts.path, parts.query, "")
        )
        return proxy

    @property
    def url(self) -> str:
        """The database's address through the relay."""
        return self._url

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _address = listener.accept()
            except OSError:
                return  # closed: cut() or close()
            if self._silent:
                with self._lock:
                    self._pairs.append((client, client))
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._pairs.append((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def _break_all(self) -> None:
        with self._lock:
            pairs, self._pairs = self._pairs, []
        for pair in pairs:
            for sock in pair:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()

    def cut(self) -> None:
        """Break every connection and refuse new ones (the port is closed)."""
        if self._listener is not None:
            # shutdown() wakes the thread waiting in accept(); close() alone would not.
            for stop in (lambda: self._listener.shutdown(socket.SHUT_RDWR), self._listener.close):
                with contextlib.suppress(OSError):
                    stop()
            self._listener = None
        self._break_all()

    def silent(self) -> None:
        """Break every connection; new ones are accepted and then never answered."""
        self._break_all()
        self._silent = True
        if self._listener is None:
            self._listen()

    def restore(self) -> None:
        """Relay again, on the same port."""
        self._silent = False
        self._break_all()
        if self._listener is None:
            self._listen()

    def close(self) -> None:
        self.cut()

    def __enter__(self) -> ServerProxy:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
