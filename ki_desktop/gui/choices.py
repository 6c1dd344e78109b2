"""Filter combo boxes: an "all" entry followed by (key, label) choices."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QComboBox


def fill_choices(combo: QComboBox, all_label: str, choices: Iterable[tuple[str, str]]) -> None:
    """Replace the entries without emitting signals, keeping the chosen one if it still exists."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_label, "")
    for key, label in choices:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
    combo.blockSignals(False)
