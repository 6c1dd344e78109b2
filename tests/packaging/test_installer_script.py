"""The Windows installer script (Inno Setup) keeps its promises: a per-user installation
without administrator rights, a Start-menu entry, German and English, and an uninstaller that
leaves the user's database, logs and settings alone.

Inno Setup runs on Windows only, so the script is read here with a small parser of its
sections: ``[Setup]`` has ``Key=Value`` lines, the other sections ``Param: value; ...``
entries; ``;`` starts a comment line and ``#define`` names that ``{#Name}`` expands.
"""

from __future__ import annotations

import re
from pathlib import Path, PureWindowsPath

import pytest

from ki_desktop.paths import APP_AUTHOR, APP_NAME

REPO = Path(__file__).resolve().parents[2]
ISS = REPO / "packaging" / "windows" / "ki-desktop.iss"
SPEC = REPO / "packaging" / "ki_desktop.spec"


def _split_params(line: str) -> dict[str, str]:
    """``Name: "a; b"; Flags: x y`` -> {"name": "a; b", "flags": "x y"} (keys lower-case)."""
    params: dict[str, str] = {}
    for match in re.finditer(r'\s*(\w+)\s*:\s*("(?:[^"]|"")*"|[^;]*)\s*(?:;|$)', line):
        key, value = match.group(1), match.group(2).strip()
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('""', '"')
        params[key.lower()] = value
    return params


class Script:
    def __init__(self, text: str) -> None:
        self.defines: dict[str, str] = {}
        self.sections: dict[str, list[str]] = {}
        section = None
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith(";"):
                continue
            define = re.match(r'#\s*define\s+(\w+)\s+"(.*)"$', line)
            if define:
                self.defines[define.group(1)] = define.group(2)
                continue
            if line.startswith("#"):
                continue
            header = re.fullmatch(r"\[(\w+)\]", line)
            if header:
                section = header.group(1).lower()
                self.sections.setdefault(section, [])
                continue
            assert section is not None, f"line outside a section: {raw!r}"
            self.sections[section].append(self.expand(line))

    def expand(self, value: str) -> str:
        return re.sub(r"\{#(\w+)\}", lambda m: self.defines.get(m.group(1), m.group(0)), value)

    def setup(self) -> dict[str, str]:
        pairs = (line.split("=", 1) for line in self.sections.get("setup", []))
        return {key.strip().lower(): value.strip() for key, value in pairs}

    def entries(self, section: str) -> list[dict[str, str]]:
        return [_split_params(line) for line in self.sections.get(section, [])]

    def custom_messages(self) -> dict[str, dict[str, str]]:
        """message name -> {language: text}"""
        out: dict[str, dict[str, str]] = {}
        for line in self.sections.get("custommessages", []):
            key, text = line.split("=", 1)
            language, name = key.strip().split(".", 1)
            out.setdefault(name, {})[language] = text
        return out


@pytest.fixture(scope="module")
def script() -> Script:
    return Script(ISS.read_text(encoding="ascii"))


def test_plain_ascii_so_that_inno_setup_reads_it_in_any_code_page():
    data = ISS.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") or data.isascii()


def test_parser_reads_every_section(script):
    assert {"setup", "languages", "files", "icons", "uninstalldelete"} <= set(script.sections)
    assert script.defines["AppExeName"] == "ki-desktop.exe"


def test_installs_per_user_without_administrator_rights(script):
    setup = script.setup()
    assert setup["privilegesrequired"] == "lowest"
    # no dialog that offers an all-users installation (which needs an administrator)
    assert setup.get("privilegesrequiredoverridesallowed", "commandline") == "commandline"
    # {autopf} is %LOCALAPPDATA%\Programs in a per-user installation
    assert PureWindowsPath(setup["defaultdirname"]).parts[0] == "{autopf}"
    assert setup["defaultdirname"] == r"{autopf}\KI Desktop"


def test_app_id_is_a_fixed_guid(script):
    # "{{" escapes the brace: the AppId is the GUID itself
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", script.setup()["appid"])


def test_start_menu_entry_starts_the_program(script):
    icons = script.entries("icons")
    start_menu = [i for i in icons if i["name"].startswith(("{autoprograms}", "{group}"))]
    assert start_menu, icons
    assert all(i["filename"] == r"{app}\ki-desktop.exe" for i in start_menu)
    assert all("tasks" not in i for i in start_menu)  # always made, not an optional task
    desktop = [i for i in icons if i["name"].startswith("{autodesktop}")]
    assert all(i.get("tasks") == "desktopicon" for i in desktop)  # the desktop icon is optional


def test_german_and_english(script):
    languages = {e["name"]: e["messagesfile"] for e in script.entries("languages")}
    assert languages == {
        "german": r"compiler:Languages\German.isl",
        "english": "compiler:Default.isl",
    }
    for name, texts in script.custom_messages().items():
        assert set(texts) == set(languages), f"{name} is not in both languages"


def test_every_custom_message_used_is_defined(script):
    defined = set(script.custom_messages())
    standard = {"CreateDesktopIcon", "AdditionalIcons", "LaunchProgram"}  # in the .isl files
    used = set(re.findall(r"\{cm:(\w+)", "\n".join(sum(script.sections.values(), []))))
    assert used <= defined | standard


def _touches_only_the_program_folder(entry: dict[str, str]) -> bool:
    parts = PureWindowsPath(entry["name"]).parts
    return parts[0] == "{app}"


def test_uninstall_keeps_the_data_folder(script):
    uninstall = script.entries("uninstalldelete")
    assert uninstall, "the empty program folder should be removed"
    assert all(_touches_only_the_program_folder(e) for e in uninstall), uninstall
    # the program folder itself only when it is empty
    assert [e["type"] for e in uninstall if e["name"] == "{app}"] == ["dirifempty"]
    # updates clear the old libraries, also inside {app} only
    assert all(_touches_only_the_program_folder(e) for e in script.entries("installdelete"))


def test_the_data_folder_is_outside_the_program_folder(script):
    # platformdirs on Windows: %LOCALAPPDATA%\<author>\<name> for data and logs; the program
    # goes to %LOCALAPPDATA%\Programs\KI Desktop, so removing it cannot reach the data.
    data = PureWindowsPath("{localappdata}", APP_AUTHOR, APP_NAME)
    program = PureWindowsPath(
        script.setup()["defaultdirname"].replace("{autopf}", r"{localappdata}\Programs")
    )
    assert not data.is_relative_to(program) and not program.is_relative_to(data)
    text = "\n".join(sum(script.sections.values(), []))
    assert APP_AUTHOR + "\\" + APP_NAME not in text
    assert "{localappdata}" not in text.lower() and "{userappdata}" not in text.lower()


def test_no_registry_or_code_that_removes_user_settings(script):
    # QSettings keeps the window layout and UI language in HKCU\Software\KI-NRW\ki-desktop
    for entry in script.entries("registry"):
        assert "uninsdelete" not in entry.get("flags", ""), entry
    code = "\n".join(script.sections.get("code", []))
    assert not re.search(r"\b(DelTree|DeleteFile|RemoveDir|RegDeleteKey)", code)


def test_files_come_from_the_pyinstaller_build(script):
    build_dir = script.defines["BuildDir"]
    # relative to the script: packaging/windows -> repository root -> dist/ki-desktop
    assert (
        ISS.parent / PureWindowsPath(build_dir).as_posix()
    ).resolve() == REPO / "dist" / APP_NAME
    assert 'APP_NAME = "ki-desktop"' in SPEC.read_text(encoding="utf-8")
    sources = {e["source"]: e for e in script.entries("files")}
    exe = sources[build_dir + r"\ki-desktop.exe"]
    assert exe["destdir"] == "{app}"
    internal = sources[build_dir + r"\_internal\*"]
    assert internal["destdir"] == r"{app}\_internal"
    assert {"recursesubdirs", "createallsubdirs"} <= set(internal["flags"].split())


def test_setup_icon_exists(script):
    icon = ISS.parent / PureWindowsPath(script.setup()["setupiconfile"]).as_posix()
    assert icon.resolve() == REPO / "resources" / "icons" / "ki-desktop.ico"
    assert icon.read_bytes()[:4] == b"\x00\x00\x01\x00"  # an ICO header
