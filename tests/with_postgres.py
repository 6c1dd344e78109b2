"""Run a command with a throwaway PostgreSQL server on loopback, then remove the server.

    python tests/with_postgres.py .venv/bin/python -m pytest --backend postgresql

Creates a new cluster in a temporary folder (``initdb`` of the installed PostgreSQL, Debian
package ``postgresql``), starts it on 127.0.0.1 on a free port with trust authentication for
local connections only, sets ``KI_DESKTOP_TEST_PG`` for the command, and stops and deletes
the cluster afterwards, also when the command fails. Durability is switched off: the data is
thrown away anyway. Run as root (CI), the server runs as the ``postgres`` system user.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

SERVER_ENV = "KI_DESKTOP_TEST_PG"


def _bindir() -> Path:
    try:
        out = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if (Path(out) / "initdb").is_file():
            return Path(out)
    except (OSError, subprocess.CalledProcessError):
        pass
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    sys.exit(
        "with_postgres: PostgreSQL is not installed (no initdb). On Debian/Ubuntu: "
        "apt install postgresql"
    )


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_server_user(args: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: run them as ``postgres`` then."""
    if os.geteuid() != 0:
        return args
    return ["runuser", "-u", "postgres", "--", *args]


def main(command: list[str]) -> int:
    if not command:
        sys.exit(__doc__)
    bindir = _bindir()
    folder = Path(tempfile.mkdtemp(prefix="ki-pg-"))
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = _free_port()
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    pg_ctl = str(bindir / "pg_ctl")
    started = False
    try:
        subprocess.run(
            _as_server_user(
                [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        subprocess.run(
            _as_server_user(
                [pg_ctl, "-D", str(data), "-l", str(folder / "server.log"), "-w", "-o", options]
                + ["start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        started = True
        env = dict(os.environ)
        env[SERVER_ENV] = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        print(f"with_postgres: PostgreSQL on 127.0.0.1:{port}", file=sys.stderr)
        return subprocess.run(command, env=env).returncode
    except subprocess.CalledProcessError as exc:
        log = folder / "server.log"
        if log.is_file():
            sys.stderr.write(log.read_text(errors="replace")[-3000:])
        print(f"with_postgres: {exc}", file=sys.stderr)
        return 1
    finally:
        if started:
            subprocess.run(
                _as_server_user([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"]),
                stdout=subprocess.DEVNULL,
                check=False,
            )
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
