"""The layer contract: arrows point one way (gui → services → domain/store/reports/sync)."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "ki_desktop"
QT = ("PySide6", "shiboken6")
ORM = ("peewee", "playhouse")
ALL_LAYERS = ("domain", "store", "services", "reports", "sync", "i18n", "cli", "gui")

# layer -> prefixes it must not import
FORBIDDEN = {
    "domain": QT
    + ORM
    + tuple(f"ki_desktop.{x}" for x in ALL_LAYERS if x != "domain")
    + ("ki_desktop.app", "ki_desktop.paths"),
    "store": QT + tuple(f"ki_desktop.{x}" for x in ("services", "reports", "sync", "cli", "gui")),
    "reports": QT + ORM + tuple(f"ki_desktop.{x}" for x in ("store", "services", "cli", "gui")),
    "sync": QT + ORM + tuple(f"ki_desktop.{x}" for x in ("services", "cli", "gui")),
    "services": QT + ORM + ("ki_desktop.cli", "ki_desktop.gui"),
    "cli": QT + ORM + ("ki_desktop.store", "ki_desktop.gui"),
    "gui": ORM + ("ki_desktop.store", "ki_desktop.cli"),
    "i18n": ORM + tuple(f"ki_desktop.{x}" for x in ALL_LAYERS if x != "i18n"),
}
# The only module of i18n that loads Qt's own translator.
QT_ALLOWED = {"i18n/qt_translator.py"}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violations(layer: str, root: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted((root / layer).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for name in imports_of(path):
            for bad in FORBIDDEN[layer]:
                if rel in QT_ALLOWED and bad in QT:
                    continue
                if name == bad or name.startswith(bad + "."):
                    found.append(f"{rel} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    assert (PACKAGE / layer).is_dir()
    assert violations(layer) == []


@pytest.mark.parametrize(
    ("layer", "source"),
    [
        ("domain", "from PySide6.QtWidgets import QWidget\n"),
        ("domain", "import ki_desktop.store.models\n"),
        ("gui", "import peewee\n"),
        ("gui", "from ki_desktop.store import cases\n"),
        ("services", "from PySide6 import QtCore\n"),
        ("cli", "from playhouse.sqlite_ext import FTS5Model\n"),
    ],
)
def test_checker_catches_forbidden_import(tmp_path, layer, source):
    (tmp_path / layer).mkdir()
    (tmp_path / layer / "bad.py").write_text(source)
    assert violations(layer, tmp_path)
