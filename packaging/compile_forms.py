"""Compile the Qt Designer forms in ``ui/*.ui`` into ``ki_desktop/gui/forms/ui_<name>.py``.

``pyside6-uic`` generates the Python code; afterwards every
``QCoreApplication.translate("Context", u"text", None)`` becomes ``_("text")`` with
``from ki_desktop.i18n import _``, so that pybabel extracts the form strings together with the
rest of the application and gettext translates them. The output depends only on the .ui file
(and the uic version): running the script twice gives byte-identical files.

Usage: ``python packaging/compile_forms.py`` (all forms) or ``--check`` (exit 1 when a
generated form is missing or stale, without writing anything).
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "ki_desktop" / "gui" / "forms"
I18N_IMPORT = "from ki_desktop.i18n import _"
HEADER = (
    "# Generated from ui/{ui_name} by packaging/compile_forms.py.\n"
    "# Do not edit: change the .ui file in Qt Designer and run the script again.\n"
)


class FormCompileError(RuntimeError):
    """uic is missing or rejected a form."""


def _uic_command() -> list[str]:
    """The pyside6-uic of the running interpreter's environment, else the one on PATH."""
    scripts = Path(sys.executable).parent
    for name in ("pyside6-uic", "pyside6-uic.exe"):
        candidate = scripts / name
        if candidate.is_file():
            return [str(candidate)]
    found = shutil.which("pyside6-uic")
    if found:
        return [found]
    raise FormCompileError("pyside6-uic not found; install PySide6 into this environment.")


def form_module_name(ui_file: Path) -> str:
    """``intake_tab.ui`` -> ``ui_intake_tab``."""
    return f"ui_{ui_file.stem}"


def _run_uic(ui_file: Path) -> str:
    # The form is passed on stdin so that no file path ends up in the generated code.
    result = subprocess.run(
        [*_uic_command(), "--generator", "python"],
        input=ui_file.read_bytes(),
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise FormCompileError(
            f"uic failed for {ui_file.name}: {result.stderr.decode(errors='replace').strip()}"
        )
    return result.stdout.decode("utf-8").replace("\r\n", "\n")


def _literal(text: str) -> str:
    """A readable double-quoted Python literal (non-ASCII letters stay as they are)."""
    escaped = []
    for char in text:
        if char in ('"', "\\"):
            escaped.append("\\" + char)
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\t":
            escaped.append("\\t")
        elif not char.isprintable():
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def _is_translate_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "translate"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "QCoreApplication"
    )


def _to_gettext(code: str) -> str:
    """Replace every ``QCoreApplication.translate(ctx, text, comment)`` by ``_(text)``."""
    lines = code.splitlines(keepends=True)
    raw = [line.encode("utf-8") for line in lines]  # ast offsets count UTF-8 bytes
    calls = [node for node in ast.walk(ast.parse(code)) if _is_translate_call(node)]
    calls.sort(key=lambda n: (n.lineno, n.col_offset), reverse=True)
    for call in calls:
        text_arg = call.args[1]
        if not (isinstance(text_arg, ast.Constant) and isinstance(text_arg.value, str)):
            raise FormCompileError(f"unexpected translate call on line {call.lineno}")
        first, last = call.lineno - 1, call.end_lineno - 1
        before = raw[first][: call.col_offset]
        after = raw[last][call.end_col_offset :]
        replacement = before + f"_({_literal(text_arg.value)})".encode() + after
        raw[first : last + 1] = [replacement]
    return b"".join(raw).decode("utf-8")


def _replace_header(code: str, ui_name: str) -> str:
    """Drop uic's banner (it names the uic version) and put ours in its place."""
    lines = code.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith(("from ", "import ")))
    return HEADER.format(ui_name=ui_name) + "\n" + "".join(lines[start:])


def _add_i18n_import(code: str) -> str:
    marker = "\nclass Ui_"
    position = code.index(marker)
    return code[:position].rstrip("\n") + f"\n\n{I18N_IMPORT}\n\n" + code[position:].lstrip("\n")


def generate_form(ui_file: Path) -> str:
    """The Python source of the compiled form for ``ui_file``, post-processed for gettext."""
    code = _run_uic(ui_file)
    code = _to_gettext(code)
    code = _replace_header(code, ui_file.name)
    code = _add_i18n_import(code)
    return code.rstrip("\n") + "\n"


def ui_files(ui_dir: Path = UI_DIR) -> list[Path]:
    """Every Designer form, sorted by name."""
    return sorted(ui_dir.glob("*.ui"))


def target_for(ui_file: Path, forms_dir: Path = FORMS_DIR) -> Path:
    """Where the compiled form of ``ui_file`` lives."""
    return forms_dir / f"{form_module_name(ui_file)}.py"


def stale_forms(ui_dir: Path = UI_DIR, forms_dir: Path = FORMS_DIR) -> list[str]:
    """Names of generated forms that are missing, out of date, or left over without a .ui."""
    problems = []
    expected = set()
    for ui_file in ui_files(ui_dir):
        target = target_for(ui_file, forms_dir)
        expected.add(target.name)
        if not target.is_file() or target.read_text(encoding="utf-8") != generate_form(ui_file):
            problems.append(target.name)
    problems += sorted(p.name for p in forms_dir.glob("ui_*.py") if p.name not in expected)
    return problems


def compile_all(ui_dir: Path = UI_DIR, forms_dir: Path = FORMS_DIR) -> list[Path]:
    """Write every compiled form; returns the files that changed."""
    forms_dir.mkdir(parents=True, exist_ok=True)
    changed = []
    for ui_file in ui_files(ui_dir):
        target = target_for(ui_file, forms_dir)
        code = generate_form(ui_file)
        if not target.is_file() or target.read_text(encoding="utf-8") != code:
            target.write_text(code, encoding="utf-8", newline="\n")
            changed.append(target)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report stale forms, write nothing"
    )
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = stale_forms()
            for name in stale:
                print(f"stale: {name}")
            return 1 if stale else 0
        for path in compile_all():
            print(f"wrote {path.relative_to(ROOT)}")
    except FormCompileError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
