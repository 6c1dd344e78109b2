"""Keyboard access to the menus: every menu of the menu bar and the entries of Datei,
Synchronisieren, Konto and Administration each have an Alt letter of their own (a letter used
twice only cycles between the entries), and „Beenden“ stays the last entry of Datei."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu


def mnemonic(text: str) -> str | None:
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].lower()
            i += 1
        i += 1
    return None


def entries(menu: QMenu) -> list[QAction]:
    return [a for a in menu.actions() if a.isVisible() and not a.isSeparator()]


def repeated(actions: list[QAction]) -> dict[str, list[str]]:
    letters = Counter(mnemonic(a.text()) for a in actions)
    return {
        letter: [a.text() for a in actions if mnemonic(a.text()) == letter]
        for letter, count in letters.items()
        if letter is not None and count > 1
    }


def test_menu_bar_letters_are_unique(window):
    assert repeated([a for a in window.menuBar().actions() if a.isVisible()]) == {}


def test_letters_are_unique_within_the_menus(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions() if a.menu()}
    for title in ("Datei", "Synchronisieren", "Konto", "Administration"):
        assert repeated(entries(menus[title])) == {}, title
    view = entries(window.ui.menuView)
    letter = mnemonic(window.interpreter.action.text())
    assert [mnemonic(a.text()) for a in view].count(letter) == 1


def test_quit_stays_last_in_the_file_menu(window):
    file_entries = entries(window.ui.menuFile)
    assert file_entries[-1] is window.ui.actionQuit
    language = window.ui_language_menu.menu.menuAction()
    assert file_entries.index(language) == len(file_entries) - 2
    actions = window.ui.menuFile.actions()
    assert actions[actions.index(window.ui.actionQuit) - 1].isSeparator()
