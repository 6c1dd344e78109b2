"""Qt's own strings (dialog buttons, context menus) in the UI language: the qtbase translator.

The only i18n module that imports PySide6; everything else of the application is translated
with gettext.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator

from ki_desktop.i18n.locale_data import text_direction
from ki_desktop.paths import translations_dir


def _search_dirs() -> list[str]:
    # Packaged builds may ship the .qm files beside the gettext catalogues.
    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(Path(translations_dir()) / "qt"),
    ]


def install_qt_translator(app: QCoreApplication, language: str) -> QTranslator | None:
    """Load ``qtbase_<language>`` into ``app`` and make ``language`` Qt's default locale and
    layout direction; returns the translator (keep it alive) or None when Qt has none."""
    QLocale.setDefault(QLocale(language))
    if hasattr(app, "setLayoutDirection"):
        rtl = text_direction(language) == "rtl"
        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
    translator = QTranslator(app)
    for directory in _search_dirs():
        if translator.load(f"qtbase_{language}", directory):
            app.installTranslator(translator)
            return translator
    return None
