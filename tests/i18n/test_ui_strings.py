"""Every UI string reaches the catalogues: what ``pybabel extract`` finds with the project's own
configuration is translated in ``en.po`` (also the plural forms), ``_()`` is only ever given
something extraction can see, and no widget in ``gui/`` shows a bare German literal.

The English part fails whenever new strings are in the code and ``translations/en.po`` was not
refreshed yet (translations/README.md, "Updating the catalogues"): that is what it is for.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "ki_desktop"
GUI = PACKAGE / "gui"
_PYBABEL = Path(sys.executable).with_name("pybabel")
# The pybabel command of this environment (the module form where the script is not installed).
PYBABEL = (
    [str(_PYBABEL)] if _PYBABEL.is_file() else [sys.executable, "-m", "babel.messages.frontend"]
)

# Calls whose string arguments are shown to the user.
WIDGET_METHODS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setStatusTip",
    "setWhatsThis",
    "setPlaceholderText",
    "setAccessibleName",
    "setAccessibleDescription",
    "setTitle",
    "addTab",
    "insertTab",
    "setTabText",
    "setTabToolTip",
    "addAction",
    "addMenu",
    "addItem",
    "addItems",
    "insertItem",
    "setItemText",
    "setHeaderLabels",
    "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels",
    "showMessage",
    "setLabelText",
    "setSpecialValueText",
    "setPrefix",
    "setSuffix",
    "setHtml",
    "setPlainText",
    "setInformativeText",
    "setDetailedText",
    "addButton",
    "setButtonText",
    "addRow",
    "insertRow",
    # QMessageBox / QInputDialog statics and the application's Prompts
    "information",
    "warning",
    "critical",
    "question",
    "about",
    "getText",
    "getInt",
    "getItem",
    "getSaveFileName",
    "getOpenFileName",
    "error",
    "inform",
    "confirm",
    "number",
    "choose",
    "text",
    "save_file_name",
    "open_file_name",
    "save_discard_cancel",
    "date_and_note",
}
WIDGET_CLASSES = {
    "QLabel",
    "QPushButton",
    "QToolButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QCommandLinkButton",
    "QAction",
    "QMenu",
    "QMessageBox",
    "QListWidgetItem",
    "QTableWidgetItem",
    "QTreeWidgetItem",
    "QStandardItem",
}
# Receivers whose "error"/"warning"/... are log calls, not dialogs.
LOGGERS = {"log", "logger", "logging", "_log"}
# Literals that are not German UI text: names of languages in themselves (the UI language
# menu), the product name.
ALLOWED_LITERALS = {"Deutsch", "English", "KI Desktop"}
TAGS = re.compile(r"<[^>]*>|&[a-z]+;")
# A suggested file name or suffix ("Fallakte.pdf", ".csv") is no sentence.
FILE_NAME = re.compile(r"^[\w.*-]*\.[A-Za-z0-9]{1,5}$")


def _module_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "__pycache__" not in p.parts)


def _shown_literals(node: ast.AST):
    """The string constants in ``node`` that would end up on the screen untranslated."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    elif isinstance(node, ast.BinOp):
        yield from _shown_literals(node.left)
        yield from _shown_literals(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _shown_literals(node.body)
        yield from _shown_literals(node.orelse)
    elif isinstance(node, (ast.List, ast.Tuple)):
        for element in node.elts:
            yield from _shown_literals(element)


def _has_words(text: str) -> bool:
    if FILE_NAME.match(text.strip()):
        return False
    letters = [ch for ch in TAGS.sub("", text) if ch.isalpha()]
    # Only capitals ("ABCDE-FGHIJ-…", a format to type in): a code, not a sentence.
    return bool(letters) and not all(ch.isupper() for ch in letters)


def _called_name(call: ast.Call) -> tuple[str | None, str | None]:
    """(name, receiver) of a call: ``box.setText`` → ("setText", "box")."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id, None
    if isinstance(func, ast.Attribute):
        receiver = func.value.id if isinstance(func.value, ast.Name) else None
        return func.attr, receiver
    return None, None


def bare_widget_strings(source: str, filename: str = "<string>") -> list[str]:
    """``file:line: call('literal')`` for each user-visible literal not passed through ``_()``."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name, receiver = _called_name(node)
        if name not in WIDGET_METHODS and name not in WIDGET_CLASSES:
            continue
        if receiver in LOGGERS:
            continue
        for argument in [*node.args, *(k.value for k in node.keywords)]:
            for text in _shown_literals(argument):
                if _has_words(text) and text.strip() not in ALLOWED_LITERALS:
                    found.append(f"{filename}:{node.lineno}: {name}({text!r})")
    return found


def _formats_a_literal(node: ast.AST) -> bool:
    """``"…".format(…)`` or ``"…".join(…)``: the message is made before it is translated."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Constant)
    )


def untranslatable_calls(source: str, filename: str = "<string>") -> list[str]:
    """Calls of ``_``/``N_``/``ngettext`` that extraction cannot see or that misbehave: an
    f-string, a concatenation or a formatted string as the message (extraction skips it, the
    catalogue never gets it), or an empty message (gettext answers it with the catalogue
    header)."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in {"_", "N_", "ngettext"}:
            continue
        messages = node.args[:2] if node.func.id == "ngettext" else node.args[:1]
        for message in messages:
            where = f"{filename}:{node.lineno}: {node.func.id}({ast.unparse(message)[:60]})"
            if isinstance(message, ast.Constant):
                if not isinstance(message.value, str) or not message.value.strip():
                    found.append(where)
            elif isinstance(message, (ast.JoinedStr, ast.BinOp)) or _formats_a_literal(message):
                found.append(where)
            # A name, attribute or subscript is a deferred translation of an N_() string.
    return found


# -- the checks are right ---------------------------------------------------------------------


def test_the_widget_check_finds_bare_strings():
    source = (
        "label = QLabel('Schule')\n"
        "button.setText(f'Fall {n}')\n"
        "self.prompts.error(self, 'Fehler', _('ok'))\n"
        "box.setWindowTitle('Titel' if x else _('y'))\n"
        "menu.addAction('Öffnen')\n"
        "QLabel('مرحبا')\n"
    )
    found = bare_widget_strings(source)
    assert [line.split(": ", 1)[1] for line in found] == [
        "QLabel('Schule')",
        "setText('Fall ')",
        "error('Fehler')",
        "setWindowTitle('Titel')",
        "addAction('Öffnen')",
        "QLabel('مرحبا')",
    ]


def test_the_widget_check_lets_translated_and_symbolic_text_pass():
    source = (
        "QLabel(_('Schule'))\n"
        "button.setText('…')\n"
        "QLabel('<b></b>')\n"
        "log.error('%s failed', title)\n"
        "action = QAction('English')\n"
        "button.setText(' – ')\n"
        "prompts.save_file_name(self, _('Speichern'), 'Fallakte.pdf', _('PDF (*.pdf)'))\n"
        "edit.setPlaceholderText('ABCDE-FGHIJ-…')\n"
        "box.setText(_('Fall {n}').format(n=n))\n"
    )
    assert bare_widget_strings(source) == []


def test_the_call_check_finds_what_extraction_misses():
    source = (
        "_(f'Fall {n}')\n"
        "_('Fall ' + name)\n"
        "_('Fall {n}'.format(n=1))\n"
        "_('')\n"
        "ngettext('ein Fall', f'{n} Fälle', n)\n"
        "_(TITLES[key])\n"
        "_(LABELS.get(key, key))\n"
        "_('Fall')\n"
    )
    assert len(untranslatable_calls(source)) == 5


# -- the package ------------------------------------------------------------------------------


def test_no_bare_widget_strings_in_the_gui():
    found = []
    for path in _module_files(GUI):
        found += bare_widget_strings(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == [], "widget text without _():\n" + "\n".join(found)


def test_every_translation_call_can_be_extracted():
    found = []
    for path in _module_files(PACKAGE):
        found += untranslatable_calls(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == [], "messages extraction cannot see:\n" + "\n".join(found)


@pytest.fixture(scope="module")
def extracted_template(tmp_path_factory) -> Path:
    """The template as the documented ``pybabel extract`` command makes it."""
    out = tmp_path_factory.mktemp("pot") / "ki_desktop.pot"
    result = subprocess.run(
        [
            *PYBABEL,
            "extract",
            "-F",
            "translations/babel.cfg",
            "--project=ki-desktop",
            "-o",
            str(out),
            ".",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def _entries(path: Path, locale: str | None = None):
    with path.open("rb") as fh:
        return {
            (m.id if isinstance(m.id, str) else m.id[0]): m
            for m in read_po(fh, locale=locale)
            if m.id
        }


def test_extraction_covers_every_module(extracted_template):
    """babel.cfg reaches the whole package: forms, services, reports, CLI, sync."""
    template = _entries(extracted_template)
    assert len(template) > 1000
    sources = {loc[0].split("/")[1] for m in template.values() for loc in m.locations}
    assert {"gui", "services", "reports", "cli", "sync", "store"} <= sources
    assert "&Datei" in template  # a Designer form string


def test_every_extracted_string_is_translated_into_english(extracted_template):
    """Every msgid ``pybabel extract`` finds has a non-empty, non-fuzzy English msgstr — for
    plural entries every form, and the catalogue's plural is the code's plural.

    Fails until translations/en.po is refreshed after new strings were added to the code."""
    template = _entries(extracted_template)
    english = _entries(ROOT / "translations" / "en.po", "en")
    missing = []
    for key, message in sorted(template.items()):
        entry = english.get(key)
        strings = () if entry is None else entry.string
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or not strings or not all(s.strip() for s in strings):
            missing.append(key)
        elif entry.fuzzy:
            missing.append(f"(fuzzy) {key}")
        elif isinstance(message.id, tuple) and (
            not isinstance(entry.id, tuple) or entry.id[1] != message.id[1]
        ):
            missing.append(f"(plural changed) {key}")
    shown = "\n".join(missing[:40])
    assert missing == [], f"{len(missing)} UI strings without English translation:\n{shown}"


def test_the_committed_template_is_the_extracted_one(extracted_template):
    """translations/ki_desktop.pot holds exactly what extraction finds (no string missing, no
    string of deleted code left behind)."""
    extracted = set(_entries(extracted_template))
    committed = set(_entries(ROOT / "translations" / "ki_desktop.pot"))
    assert sorted(extracted - committed) == [], "missing from the template"
    assert sorted(committed - extracted) == [], "no longer in the code"
