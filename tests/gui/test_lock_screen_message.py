"""The lock screen grows for a long refusal message instead of clipping it."""

from __future__ import annotations

from ki_desktop.gui.lock_screen import LockScreen

LONG = (
    "Die Verbindung zum Datenbankserver server.kommune.local ist unterbrochen. Die Aktion "
    "wurde nicht ausgeführt und nichts davon gespeichert. Bitte in einem Moment erneut "
    "versuchen; die Verbindung wird von selbst wiederhergestellt.\n\nZweite Zeile.\nDritte."
)


def test_a_long_refusal_is_shown_whole(qtbot):
    screen = LockScreen("Ada Beraterin", verify=lambda password: True)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    before = screen.height()
    screen._refused(RuntimeError("away"), LONG)
    qtbot.wait(50)
    label = screen.message
    assert label.text().endswith("Dritte.")
    assert screen.height() > before
    assert label.height() >= label.heightForWidth(label.width())
    assert label.geometry().bottom() < screen.buttons.geometry().top()
