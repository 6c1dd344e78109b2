"""Figure for the closing note: how long a login takes, with the production Argon2id cost.

Measured, each as the median of N runs (BENCH_RUNS, default 15):
- ``kdf``: Argon2id alone with the production parameters (the part that makes guessing slow);
- ``login_small``: ``services.accounts.login`` on a new encrypted database (key file read,
  slot unwrapped, SQLCipher file opened and checked, user row read, last login and audit
  written), then ``logout``;
- ``login_100000``: the same on an encrypted copy of the 100,000-case benchmark database;
- ``encrypt_100000`` (once, when the encrypted copy is made): ``create_first_admin`` on the
  plain 100,000-case database, i.e. the offered migration (export, check, replace, shred).

No bar in the architecture; the figures go into the closing note.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import OUT, ROOT, big_database, summary

sys.path.insert(0, str(ROOT))

from ki_desktop.services import accounts  # noqa: E402
from ki_desktop.store import keyfile  # noqa: E402

RUNS = int(os.environ.get("BENCH_RUNS", "15"))
PASSWORD = "Messlauf-Kennwort-2026"


def timed(call) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def kdf_samples() -> list[float]:
    salt = os.urandom(keyfile.SALT_BYTES)
    params = keyfile.PRODUCTION_KDF
    return [timed(lambda: keyfile.derive_kek(PASSWORD, salt, params)) for _ in range(RUNS)]


def login_samples(location: str) -> list[float]:
    def once() -> None:
        accounts.login(location, "bench", PASSWORD)

    samples = []
    for _ in range(RUNS):
        samples.append(timed(once))
        accounts.logout()
    return samples


def encrypted_big_database() -> tuple[Path, float | None]:
    """An encrypted copy of the 100,000-case database (made once); the time to encrypt it
    when it was made now."""
    target = OUT / "login-100000.sqlite"
    if target.exists() and keyfile.exists(target):
        return target, None
    for leftover in OUT.glob("login-100000.*"):
        leftover.unlink()
    shutil.copy2(big_database(), target)
    elapsed = timed(lambda: accounts.create_first_admin(str(target), "bench", "Bench", PASSWORD))
    accounts.logout()
    return target, elapsed


def main() -> dict:
    keyfile.default_kdf = keyfile.PRODUCTION_KDF
    kdf = kdf_samples()
    with tempfile.TemporaryDirectory() as folder:
        small = str(Path(folder) / "ki.sqlite")
        accounts.create_first_admin(small, "bench", "Bench", PASSWORD)
        accounts.logout()
        timed(lambda: accounts.login(small, "bench", PASSWORD))  # warm imports and file cache
        accounts.logout()
        login_small = login_samples(small)
    big, encrypt_ms = encrypted_big_database()
    login_big = login_samples(str(big))
    params = keyfile.PRODUCTION_KDF
    result = {
        "bar": "login time (figure for the closing note, no bar)",
        "argon2id": {
            "time_cost": params.time_cost,
            "memory_kib": params.memory_cost,
            "parallelism": params.parallelism,
        },
        "cpus": os.cpu_count(),
        "results": {
            "kdf": summary(kdf),
            "login_small": summary(login_small),
            "login_100000": summary(login_big),
        },
        "pass": True,
    }
    if encrypt_ms is not None:
        result["encrypt_100000_ms"] = round(encrypt_ms, 1)
    (OUT / "login.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
