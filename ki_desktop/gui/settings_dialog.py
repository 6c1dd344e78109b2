"""„Einstellungen“: the security settings of this computer (automatic lock). Changing them
needs the permission „Einstellungen ändern“; others see them read-only."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain.roles import Permission
from ki_desktop.gui.auto_lock import MAX_AUTO_LOCK_MINUTES, auto_lock_minutes, set_auto_lock_minutes
from ki_desktop.i18n import _
from ki_desktop.services import session


class SettingsDialog(QDialog):
    """Saves into ``settings`` on OK; :attr:`minutes` is the chosen auto-lock delay."""

    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        title = _("Einstellungen")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.minutes_box = QSpinBox(self)
        self.minutes_box.setRange(0, MAX_AUTO_LOCK_MINUTES)
        self.minutes_box.setSuffix(_(" Minuten"))
        self.minutes_box.setSpecialValueText(_("nie"))
        self.minutes_box.setValue(auto_lock_minutes(settings))
        self.minutes_box.setAccessibleName(_("Automatisch sperren nach"))
        form.addRow(_("Automatisch &sperren nach:"), self.minutes_box)
        layout.addLayout(form)
        hint = QLabel(
            _(
                "Nach dieser Zeit ohne Eingabe wird KI Desktop gesperrt; entsperrt wird mit "
                "dem eigenen Passwort. Offene Eingaben bleiben erhalten. Sperren von Hand: "
                "Strg+L."
            ),
            self,
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.may_change = session.may(Permission.SETTINGS)
        if not self.may_change:
            self.minutes_box.setEnabled(False)
            note = QLabel(_("Nur die Administration kann diese Einstellung ändern."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    @property
    def minutes(self) -> int:
        return self.minutes_box.value()

    def accept(self) -> None:
        if self.may_change:
            set_auto_lock_minutes(self.settings, self.minutes)
            self.settings.sync()
        super().accept()
