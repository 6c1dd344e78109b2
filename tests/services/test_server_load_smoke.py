"""The server-mode load test (``bench/server_load.py``) in brief: three counsellors working at
once for three seconds on one server database lose no update and meet no error."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests import backend

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "server_load.py"


def test_three_counsellors_lose_no_update(new_location, tmp_path: Path):
    if not backend.on_server():
        pytest.skip("the load test runs on the server backend (several clients, one database)")
    out = tmp_path / "load.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--db", new_location(), "--users", "3", "--seconds", "3"]
        + ["--cases", "200", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.is_file(), done.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["saves"] > 0 and result["offer_searches"] > 0 and result["case_searches"] > 0
    assert result["errors"] == 0, result["error_samples"]
    assert result["lost_updates"] == 0
    assert result["surplus_updates"] == 0
    assert result["cases_with_wrong_history"] == 0
    assert result["audited_updates"] == result["saves"]
    assert result["audit_chain_ok"]
    assert done.returncode == 0, done.stderr[-3000:]
