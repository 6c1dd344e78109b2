"""Typing into the case form like a counsellor: key presses, also for Cyrillic or Arabic text
(QTest's key clicks only know Latin-1 keys)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key (any script)."""
    target = widget.lineEdit() if isinstance(widget, QComboBox) and widget.isEditable() else widget
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    for char in text:
        if char.isascii():
            QTest.keyClick(target, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                target, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def pick(picker, text: str) -> None:
    """Type into a country or language picker and leave it with Tab."""
    type_text(picker, text)
    QTest.keyClick(picker.lineEdit(), Qt.Key.Key_Tab)
    picker.resolve_typed_text()


def choose(combo: QComboBox, label: str) -> None:
    """Choose an entry of a combo box by its text, with the keyboard."""
    index = combo.findText(label)
    assert index >= 0, label
    combo.setFocus(Qt.FocusReason.OtherFocusReason)
    while combo.currentIndex() != index:
        key = Qt.Key.Key_Down if combo.currentIndex() < index else Qt.Key.Key_Up
        QTest.keyClick(combo, key)


def tick(box) -> None:
    """Click a check box on its indicator (a click on the empty part of a wide box is no hit)."""
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))
