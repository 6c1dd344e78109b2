"""Baseline for the start-up bar: a bare PySide6 window with four empty tabs, shown and
painted once, then the process exits. Run as its own process by bench/startup.py."""

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QTabWidget, QWidget  # noqa: E402

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("KI Desktop")
tabs = QTabWidget()
for title in ("Erstberatung", "Schulempfehlung", "Angebote", "Berichte & Export"):
    tabs.addTab(QWidget(), title)
window.setCentralWidget(tabs)
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
