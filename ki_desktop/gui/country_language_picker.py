"""Country and language pickers: an editable combo box that finds an entry by its name in the
UI language, its native name, its English name or its ISO code while typing.

The names come from babel's CLDR data; the most frequent choices of the counselling services
come first, then every other entry alphabetically.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from ki_desktop.i18n import _, ui_language

FREQUENT_COUNTRIES = ("UA", "SY", "AF", "TR", "IQ", "RO", "BG", "IR", "ER", "GN")
FREQUENT_LANGUAGES = ("uk", "ar", "fa", "ps", "tr", "ku", "ro", "bg", "ru", "ti", "en", "fr")
CODE_ROLE = Qt.ItemDataRole.UserRole


def fold(text: str) -> str:
    """Lower case without accents, so that "Turkiye" finds "Türkiye"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=8)
def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


def _native_country_name(code: str) -> str:
    likely = _locale(f"und_{code}")
    return likely.territories.get(code, "") if likely else ""


@lru_cache(maxsize=4)
def country_entries(locale: str) -> tuple[tuple[str, str, str], ...]:
    """(ISO 3166 code, name in ``locale``, search keys) of every country, frequent ones first."""
    names = Locale.parse(locale).territories
    english = Locale.parse("en").territories
    codes = [c for c in names if len(c) == 2 and c.isalpha() and c not in ("EU", "EZ", "UN", "ZZ")]
    return _ordered(
        codes,
        FREQUENT_COUNTRIES,
        lambda c: names[c],
        lambda c: (names[c], english.get(c, ""), _native_country_name(c), c),
    )


@lru_cache(maxsize=4)
def language_entries(locale: str) -> tuple[tuple[str, str, str], ...]:
    """(ISO 639 code, name in ``locale``, search keys) of every language babel has data for."""
    names = Locale.parse(locale).languages
    english = Locale.parse("en").languages
    codes = [c for c in localedata.locale_identifiers() if "_" not in c and c in names]

    def native(code: str) -> str:
        own = _locale(code)
        return own.languages.get(code, "") if own else ""

    return _ordered(
        codes,
        FREQUENT_LANGUAGES,
        lambda c: names[c],
        lambda c: (names[c], english.get(c, ""), native(c), c),
    )


def _ordered(codes, frequent, name_of, keys_of) -> tuple[tuple[str, str, str], ...]:
    first = [c for c in frequent if c in codes]
    rest = sorted((c for c in codes if c not in first), key=lambda c: fold(name_of(c)))
    return tuple(
        (c, name_of(c), " | ".join(fold(k) for k in keys_of(c) if k)) for c in first + rest
    )


class _ContainsFilter(QSortFilterProxyModel):
    """Rows whose search keys (every name and the code, folded) contain the typed text.

    The keys are kept in a Python list by row rather than as item data."""

    def __init__(self, keys: list[str], parent=None) -> None:
        super().__init__(parent)
        self.keys = keys
        self.needle = ""

    def set_needle(self, text: str) -> None:
        self.beginFilterChange()
        self.needle = fold(text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not self.needle:
            return True
        return row < len(self.keys) and self.needle in self.keys[row]


class CodePicker(QComboBox):
    """An editable combo box whose value is an ISO code ("" for none). ``code_changed`` fires
    when the chosen code changes (by choosing, typing or :meth:`set_code`)."""

    code_changed = Signal(str)

    def __init__(
        self,
        entries: tuple[tuple[str, str, str], ...],
        accessible_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setAccessibleName(accessible_name)
        self.lineEdit().setPlaceholderText(_("Name oder Kürzel eingeben"))
        model = QStandardItemModel(self)
        empty = QStandardItem("")
        empty.setData("", CODE_ROLE)
        model.appendRow(empty)
        self._keys = [""]
        for code, name, keys in entries:
            item = QStandardItem(name)
            item.setData(code, CODE_ROLE)
            item.setToolTip(code)
            model.appendRow(item)
            self._keys.append(keys)
        self.setModel(model)
        self._filter = _ContainsFilter(self._keys, self)
        self._filter.setSourceModel(model)
        completer = QCompleter(self._filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._typed)
        completer.activated[QModelIndex].connect(self._completed)
        self.lineEdit().editingFinished.connect(self.resolve_typed_text)
        self._code = ""
        self.currentIndexChanged.connect(self._index_changed)

    # -- value ---------------------------------------------------------------------------

    def code(self) -> str:
        """The chosen ISO code; "" when nothing (or nothing known) is chosen."""
        return self._code

    def set_code(self, code: str) -> None:
        """Choose ``code``; an unknown code is kept as an entry of its own."""
        index = self.findData(code, CODE_ROLE) if code else 0
        if index < 0:
            self.addItem(code, code)
            self._keys.append(fold(code))
            index = self.count() - 1
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))

    # -- typing --------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        self._filter.set_needle(text)
        if text.strip():
            self.completer().complete()

    def _completed(self, index: QModelIndex) -> None:
        source = self._filter.mapToSource(index)
        if source.isValid():
            self.setCurrentIndex(source.row())
            self.setEditText(self.itemText(source.row()))

    def resolve_typed_text(self) -> None:
        """Turn what was typed into an entry: the exact name or code, else the first match."""
        text = self.currentText().strip()
        if not text:
            self.setCurrentIndex(0)
            self._set_code("")
            return
        if self.currentIndex() > 0 and self.itemText(self.currentIndex()) == text:
            self._set_code(self.itemData(self.currentIndex(), CODE_ROLE))
            return
        wanted = fold(text)
        row = next(
            (
                r
                for r in range(1, self.count())
                if fold(self.itemText(r)) == wanted or fold(self.itemData(r, CODE_ROLE)) == wanted
            ),
            None,
        )
        if row is None:
            self._filter.set_needle(text)
            if self._filter.rowCount():
                row = self._filter.mapToSource(self._filter.index(0, 0)).row()
        if row is not None:
            self.setCurrentIndex(row)
            self.setEditText(self.itemText(row))
            self._set_code(self.itemData(row, CODE_ROLE))

    def _index_changed(self, index: int) -> None:
        self._set_code(self.itemData(index, CODE_ROLE) or "" if index >= 0 else "")

    def _set_code(self, code: str) -> None:
        if code != self._code:
            self._code = code
            self.code_changed.emit(code)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if not (self.completer() and self.completer().popup().isVisible()):
            self.resolve_typed_text()
        super().focusOutEvent(event)


def country_picker(accessible_name: str, parent: QWidget | None = None) -> CodePicker:
    """A picker over every country, named in the UI language."""
    return CodePicker(country_entries(ui_language()), accessible_name, parent)


def language_picker(accessible_name: str, parent: QWidget | None = None) -> CodePicker:
    """A picker over every language, named in the UI language."""
    return CodePicker(language_entries(ui_language()), accessible_name, parent)
