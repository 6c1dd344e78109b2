"""Remembering splitter positions and table column layouts between sessions (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QSplitter


def _bytes(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes | bytearray) and value:
        return QByteArray(bytes(value))
    return None


def save_view_state(
    settings: QSettings, prefix: str, splitter: QSplitter, header: QHeaderView | None = None
) -> None:
    """Store the splitter position (and column widths/order of ``header``) under ``prefix``."""
    settings.setValue(f"{prefix}/splitter", splitter.saveState())
    if header is not None:
        settings.setValue(f"{prefix}/header", header.saveState())


def restore_view_state(
    settings: QSettings, prefix: str, splitter: QSplitter, header: QHeaderView | None = None
) -> bool:
    """Restore what :func:`save_view_state` stored; False when nothing usable was stored."""
    restored = False
    state = _bytes(settings, f"{prefix}/splitter")
    if state is not None:
        restored = splitter.restoreState(state)
    if header is not None:
        state = _bytes(settings, f"{prefix}/header")
        if state is not None:
            restored = header.restoreState(state) and restored
    return restored
