"""`ki-desktop sync export|import|log|team` between the office's database (of the selected
backend) and a laptop's file."""

import io
import json

from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse
from tests.cli.test_cli import ki


def run_cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run(parse(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def test_export_then_import_and_the_log(tmp_path, new_location):
    office, laptop = new_location("office"), str(tmp_path / "laptop.sqlite")
    secret = tmp_path / "passphrase.txt"
    secret.write_text("Gemeinsame Passphrase des Teams\n", encoding="utf-8")
    assert run_cli("init", "--demo", "--demo-size", "10", "--db", office)[0] == 0
    assert run_cli("sync", "team", "KI Kreis Borken", "--db", office)[0] == 0
    assert run_cli("init", "--db", laptop)[0] == 0
    file = str(tmp_path / "office.kisync")

    code, out, err = run_cli(
        "sync", "export", "--out", file, "--passphrase-file", str(secret), "--db", office, "--json"
    )
    assert (code, err) == (0, "")
    exported = json.loads(out)
    assert exported["records"] > 10 and exported["full"] is False

    code, out, _err = run_cli(
        "sync", "import", file, "--passphrase-file", str(secret), "--preview", "--db", laptop
    )
    assert code == 0 and out.startswith("Vorschau (nichts geändert)")
    code, out, _err = run_cli(
        "sync", "import", file, "--passphrase-file", str(secret), "--db", laptop, "--json"
    )
    imported = json.loads(out)
    assert code == 0 and imported["applied"] and imported["created"] > 10
    assert imported["conflicts"] == 0

    code, out, _err = run_cli("sync", "log", "--db", laptop, "--json")
    assert [e["result"] for e in json.loads(out)["entries"]] == ["ok"]
    code, out, _err = run_cli("sync", "team", "--db", laptop)
    assert out.strip() == "KI Kreis Borken"  # taken over with the first file


def test_bad_input_is_one_line_without_traceback(tmp_path, new_location):
    db = new_location("ki")
    secret = tmp_path / "p.txt"
    secret.write_text("falsche Passphrase für diese Datei\n", encoding="utf-8")
    junk = tmp_path / "junk.kisync"
    junk.write_bytes(b"not a sync file at all")
    result = ki("sync", "import", str(junk), "--passphrase-file", str(secret), "--db", db)
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "keine Sync-Datei" in result.stderr
    missing = ki(
        "sync", "export", "--out", str(tmp_path / "x"), "--passphrase-file", "nope", "--db", db
    )
    assert missing.returncode == 1 and "Passphrase-Datei nope gibt es nicht" in missing.stderr
