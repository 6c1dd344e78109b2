"""The Linux menu entry (freedesktop.org Desktop Entry) starts the bundle's executable with
the application's icon, in German and English."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DESKTOP = REPO / "packaging" / "ki-desktop.desktop"
# Main categories of the Desktop Menu Specification (one of them is required).
MAIN_CATEGORIES = {
    "AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
    "Office", "Science", "Settings", "System", "Utility",
}  # fmt: skip


@pytest.fixture(scope="module")
def entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return parser["Desktop Entry"]


def test_validates_with_desktop_file_validate():
    validate = shutil.which("desktop-file-validate")
    if validate is None:
        pytest.skip("desktop-file-validate (desktop-file-utils) is not installed")
    result = subprocess.run([validate, str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no warnings or hints either


def test_required_keys(entry):
    assert entry["Type"] == "Application"
    assert entry["Name"] == "KI Desktop"
    assert entry["Terminal"] == "false"  # the GUI; the same executable is the CLI in a terminal


def test_starts_the_bundled_executable(entry):
    spec = (REPO / "packaging" / "ki_desktop.spec").read_text(encoding="utf-8")
    assert 'APP_NAME = "ki-desktop"' in spec  # the executable's name in the bundle
    assert entry["Exec"] == "ki-desktop"
    assert entry["TryExec"] == "ki-desktop"


def test_icon_name_matches_the_icon_files(entry):
    name = entry["Icon"]
    assert "/" not in name and not name.endswith((".png", ".svg"))  # a theme icon name
    icons = REPO / "resources" / "icons"
    assert (icons / f"{name}.svg").is_file() and (icons / f"{name}.png").is_file()


def test_german_and_english_texts(entry):
    for key in ("Name", "GenericName", "Comment", "Keywords"):
        assert entry[key], key
        assert entry[f"{key}[de]"], key
    assert "Seiteneinsteiger" in entry["GenericName[de]"]
    for key in ("Keywords", "Keywords[de]", "Categories"):
        assert entry[key].endswith(";"), key  # lists end with a semicolon


def test_has_a_main_category(entry):
    categories = set(filter(None, entry["Categories"].split(";")))
    assert categories & MAIN_CATEGORIES
