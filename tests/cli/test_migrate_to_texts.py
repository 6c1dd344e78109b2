"""``ki-desktop migrate-to`` as an administrator reads it: a file name that names no
database is refused before anything is created or copied, row counts are said in the
singular for one row, and numbers follow the language of the command line.

None of these needs a server: the refusal comes before the server is asked, and the texts
are checked on the command's own output with the copy stubbed.
"""

from __future__ import annotations

import io

import pytest

from ki_desktop.cli import migrate_command
from ki_desktop.cli.commands import run
from ki_desktop.cli.parser import parse
from ki_desktop.i18n import set_ui_language
from ki_desktop.services import server_migration
from ki_desktop.services.server_migration import MigrationReport, Progress, TableCopied

TARGET = "postgresql://beratung@db.kreis.local/ki"


@pytest.fixture(autouse=True)
def _no_environment(monkeypatch):
    for name in ("KI_DESKTOP_PASSWORD", "KI_DESKTOP_DB"):
        monkeypatch.delenv(name, raising=False)
    yield
    set_ui_language("de")


def cli(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = run(parse(list(argv)), out, err)
    return code, out.getvalue(), err.getvalue()


def test_a_file_that_does_not_exist_is_refused_and_not_created(tmp_path):
    missing = tmp_path / "tippfehler.sqlite"
    code, out, err = cli("--db", str(missing), "migrate-to", TARGET)
    assert (code, out) == (1, "")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fehler: ")
    assert "gibt es nicht oder sie ist leer" in lines[0] and str(missing) in lines[0]
    assert not missing.exists()  # no empty database made (and copied) by the attempt


def _steps(err: io.StringIO, rows: int) -> str:
    show = migrate_command._progress(err)
    show(Progress("copy", "schema_version", rows, 2, 23))
    show(Progress("check", "schema_version", rows, 2, 23))
    return err.getvalue()


def test_one_row_is_one_zeile_and_large_counts_are_grouped():
    assert _steps(io.StringIO(), 1) == (
        "[2/23] kopiert: schema_version (1 Zeile)\n[2/23] geprüft: schema_version (1 Zeile)\n"
    )
    assert "(12.345 Zeilen)" in _steps(io.StringIO(), 12345)


def _report(rows: int, seconds: float) -> MigrationReport:
    return MigrationReport(
        source="ki.sqlite",
        target=TARGET,
        tables=(TableCopied("case", rows, "0" * 64),),
        key_slots=True,
        offers_queued=0,
        audit_head=(1, "h"),
        server_device="d",
        seconds=seconds,
    )


@pytest.mark.parametrize(
    ("lang", "says"),
    [("de", "1.981 Zeilen aus 1 Tabellen"), ("de", "in 1,9 s."), ("en", "in 1.9 s")],
)
def test_the_summary_writes_numbers_as_the_language_does(tmp_path, monkeypatch, lang, says):
    source = tmp_path / "ki.sqlite"
    assert cli("--db", str(source), "init")[0] == 0
    monkeypatch.setattr(
        server_migration, "migrate_to_server", lambda *_a, **_k: _report(1981, 1.94)
    )
    set_ui_language(lang)
    code, out, err = cli("--db", str(source), "migrate-to", TARGET)
    assert code == 0, err
    assert says in out
