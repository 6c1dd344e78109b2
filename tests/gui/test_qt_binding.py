"""The Qt binding itself: signal emission must not corrupt Python's reference counts.

PySide6 6.12.0 released a reference to ``True`` on every ``emit()``; the application then
aborted ("bool_dealloc") after a few hundred signals. pyproject.toml excludes that release.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    number = Signal(int)
    flag = Signal(bool)


def test_emit_keeps_reference_counts(qapp):
    emitter = _Emitter()
    received = []
    emitter.number.connect(received.append)
    emitter.flag.connect(received.append)
    before_true, before_false = sys.getrefcount(True), sys.getrefcount(False)
    for n in range(300):
        emitter.number.emit(n)
        emitter.flag.emit(n % 2 == 0)
    received.clear()
    # 600 emissions: the faulty release lost 600 references; allow only unrelated jitter.
    assert abs(sys.getrefcount(True) - before_true) < 20
    assert abs(sys.getrefcount(False) - before_false) < 20
