"""The generated forms in ki_desktop/gui/forms match ui/*.ui and call gettext's ``_``."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_compiler():
    spec = importlib.util.spec_from_file_location(
        "compile_forms", ROOT / "packaging" / "compile_forms.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


compile_forms = _load_compiler()
UI_FILES = compile_forms.ui_files()


def test_every_tab_and_the_main_window_have_a_form():
    names = {p.stem for p in UI_FILES}
    assert {"main_window", "intake_tab", "placement_tab", "offers_tab", "reports_tab"} <= names


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_generated_form_is_up_to_date(ui_file):
    target = compile_forms.target_for(ui_file)
    assert target.is_file(), f"{target.name} is missing: run python packaging/compile_forms.py"
    assert target.read_text(encoding="utf-8") == compile_forms.generate_form(ui_file), (
        f"{target.name} is stale: run python packaging/compile_forms.py"
    )


def test_no_generated_form_without_its_ui_file():
    assert compile_forms.stale_forms() == []


def test_generation_is_deterministic():
    ui_file = ROOT / "ui" / "intake_tab.ui"
    assert compile_forms.generate_form(ui_file) == compile_forms.generate_form(ui_file)


@pytest.mark.parametrize("ui_file", UI_FILES, ids=lambda p: p.name)
def test_generated_forms_use_gettext(ui_file):
    code = compile_forms.target_for(ui_file).read_text(encoding="utf-8")
    assert "from ki_desktop.i18n import _" in code
    assert "QCoreApplication.translate" not in code
    assert "Qt User Interface Compiler version" not in code


TRICKY_FORM = """<?xml version="1.0" encoding="UTF-8"?>
<ui version="4.0">
 <class>Tricky</class>
 <widget class="QWidget" name="Tricky">
  <property name="windowTitle"><string>Anführungszeichen "so" und \\ Schrägstrich</string></property>
  <layout class="QVBoxLayout" name="layout">
   <item>
    <widget class="QLabel" name="label">
     <property name="toolTip"><string comment="Hinweis für Übersetzer">Zeile eins
Zeile zwei</string></property>
     <property name="text"><string>Größe: 10 %</string></property>
    </widget>
   </item>
   <item>
    <widget class="QLabel" name="raw">
     <property name="text"><string notr="true">nicht übersetzen</string></property>
    </widget>
   </item>
  </layout>
 </widget>
 <resources/>
 <connections/>
</ui>
"""


def test_translate_calls_become_readable_gettext_calls(tmp_path):
    ui_file = tmp_path / "tricky.ui"
    ui_file.write_text(TRICKY_FORM, encoding="utf-8")
    code = compile_forms.generate_form(ui_file)
    compile(code, "ui_tricky.py", "exec")
    assert '_("Anführungszeichen \\"so\\" und \\\\ Schrägstrich")' in code
    assert '_("Zeile eins\\nZeile zwei")' in code
    assert '_("Größe: 10 %")' in code
    assert "_(u" not in code
    assert '_("nicht übersetzen")' not in code
    assert code.startswith("# Generated from ui/tricky.ui")


def test_form_strings_are_translated_by_gettext(qtbot, tmp_path):
    from PySide6.QtWidgets import QWidget

    from ki_desktop.gui.forms.ui_intake_tab import Ui_IntakeTab
    from ki_desktop.i18n import set_ui_language

    (tmp_path / "en.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "&Suche:"\nmsgstr "&Search:"\n\n'
        'msgid "Ausgewählter Fall"\nmsgstr "Selected case"\n',
        encoding="utf-8",
    )
    set_ui_language("en", tmp_path)
    try:
        widget = QWidget()
        qtbot.addWidget(widget)
        ui = Ui_IntakeTab()
        ui.setupUi(widget)
        assert ui.searchLabel.text() == "&Search:"
        assert ui.detailGroup.title() == "Selected case"
        assert ui.statusLabel.text() == "S&tatus:"  # untranslated strings stay German
    finally:
        set_ui_language("de")
