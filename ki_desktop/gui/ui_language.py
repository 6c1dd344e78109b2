"""The staff member's UI language (Deutsch or English) as a setting of this computer.

The UI language is chosen once at start-up, before any window is built: the ``--lang`` option
wins, then the environment variable ``KI_DESKTOP_LANG``, then the saved setting (QSettings key
``ui_language``), then German (:func:`startup_ui_language`). The menu entry „Sprache der
Oberfläche“ (:func:`install_ui_language_menu`) saves the choice for the next start and offers
to restart at once.

The family's language (interpreter view, handouts) is a different thing, chosen per case; it
never changes the UI language.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QProcess, QSettings
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ki_desktop.gui.prompts import Prompts
from ki_desktop.i18n import DEFAULT_UI_LANGUAGE, UI_LANGUAGES, _, ui_language
from ki_desktop.paths import APP_AUTHOR, APP_NAME

SETTING_KEY = "ui_language"
ENV_VAR = "KI_DESKTOP_LANG"
# Each language named in itself, so that someone who cannot read the current UI language still
# finds their own: these names are never translated.
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def _valid(value: object) -> str | None:
    if isinstance(value, str) and value.strip().lower() in UI_LANGUAGES:
        return value.strip().lower()
    return None


def saved_ui_language(settings: QSettings) -> str | None:
    """The UI language saved in ``settings`` ("de" or "en"); None when none (or an unknown one)
    is saved."""
    return _valid(settings.value(SETTING_KEY))


def save_ui_language(settings: QSettings, language: str) -> None:
    """Save ``language`` ("de" or "en") as the UI language for the next start."""
    if _valid(language) is None:
        raise ValueError(f"unknown UI language: {language!r}")
    settings.setValue(SETTING_KEY, _valid(language))
    settings.sync()


def startup_ui_language(
    cli_language: str | None,
    environ: Mapping[str, str] | None = None,
    settings: QSettings | None = None,
) -> str:
    """The UI language to set at start-up: ``--lang`` > ``KI_DESKTOP_LANG`` > the saved
    setting > German. Unknown values are passed over. ``settings`` defaults to the
    application's own QSettings (readable before the QApplication exists)."""
    environ = os.environ if environ is None else environ
    for candidate in (cli_language, environ.get(ENV_VAR)):
        if _valid(candidate):
            return _valid(candidate)  # type: ignore[return-value]
    settings = settings if settings is not None else QSettings(APP_AUTHOR, APP_NAME)
    return saved_ui_language(settings) or DEFAULT_UI_LANGUAGE


def restart_command(
    argv: Sequence[str] | None = None, frozen: bool | None = None
) -> tuple[str, list[str]]:
    """Program and arguments that start this application again, without a ``--lang`` option
    (it would override the new setting)."""
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    if argv is None:
        # orig_argv keeps "-m ki_desktop" of a start from source; a frozen build is its own
        # executable.
        argv = sys.argv if frozen else sys.orig_argv
    args: list[str] = []
    skip = False
    for arg in list(argv)[1:]:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            args.append(arg)
    return sys.executable, args


def restart_application(window: QWidget) -> bool:
    """Close ``window`` (which asks about unsaved input) and start the application again;
    False when the user kept the window open."""
    if not window.close():
        return False
    program, args = restart_command()
    return QProcess.startDetached(program, args)


class UiLanguageMenu:
    """The submenu „Sprache der Oberfläche“ with one checkable entry per UI language."""

    def __init__(
        self,
        parent_menu: QMenu,
        window: QWidget,
        settings: QSettings,
        prompts: Prompts,
        restart: Callable[[QWidget], bool] = restart_application,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.window = window
        self.settings = settings
        self.prompts = prompts
        self._restart = restart
        self._environ = os.environ if environ is None else environ
        self.menu = QMenu(_("Sprache der &Oberfläche"), parent_menu)
        actions = parent_menu.actions()
        if len(actions) >= 2 and actions[-2].isSeparator():
            # Above the separator before the last entry („Beenden“ stays last).
            parent_menu.insertMenu(actions[-2], self.menu)
        else:
            parent_menu.addMenu(self.menu)
        self.menu.setAccessibleName(_("Sprache der Oberfläche"))
        self.group = QActionGroup(self.menu)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        chosen = saved_ui_language(settings) or ui_language()
        for code in UI_LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self.menu)
            action.setCheckable(True)
            action.setChecked(code == chosen)
            action.setData(code)
            action.setToolTip(_("Die Oberfläche ab dem nächsten Start in dieser Sprache zeigen"))
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action

    def choose(self, language: str) -> None:
        """Save ``language`` for the next start, say so, and offer to restart now."""
        previous = saved_ui_language(self.settings) or ui_language()
        self.actions[language].setChecked(True)
        if language == previous:
            return
        save_ui_language(self.settings, language)
        name = LANGUAGE_NAMES[language]
        if _valid(self._environ.get(ENV_VAR)):
            self.prompts.inform(
                self.window,
                _("Sprache der Oberfläche"),
                _(
                    "Die Sprache der Oberfläche „{language}“ ist gespeichert. Auf diesem "
                    "Rechner legt aber die Umgebungsvariable {variable} die Sprache fest; sie "
                    "hat Vorrang. Bitte lassen Sie die Variable von der Administration "
                    "entfernen, damit die Einstellung wirkt."
                ).format(language=name, variable=ENV_VAR),
            )
            return
        if language == ui_language():
            # Back to the language this window already shows: nothing to restart.
            return
        restart_now = self.prompts.confirm(
            self.window,
            _("Sprache der Oberfläche"),
            _(
                "Die Oberfläche erscheint ab dem nächsten Start auf „{language}“.\n\n"
                "Jetzt neu starten? Nicht gespeicherte Eingaben werden vorher gespeichert "
                "oder abgefragt; danach melden Sie sich wieder an."
            ).format(language=name),
        )
        if restart_now:
            self._restart(self.window)


def install_ui_language_menu(
    parent_menu: QMenu, window: QWidget, settings: QSettings, prompts: Prompts
) -> UiLanguageMenu:
    """Add „Sprache der Oberfläche: Deutsch / English“ to ``parent_menu`` (e.g. the
    „Datei“ or settings menu; above its last entry when a separator sets that one apart, so
    „Beenden“ stays last); keep the returned object alive with the window."""
    return UiLanguageMenu(parent_menu, window, settings, prompts)
