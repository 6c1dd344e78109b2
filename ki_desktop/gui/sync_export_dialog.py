"""The dialog before a sync file is written: for which device, everything or only the changes,
the team passphrase and (once) the team name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.services import sync


@dataclass(frozen=True, slots=True)
class ExportChoice:
    peer: str  # a device id or sync.EVERYONE
    full: bool
    passphrase: str
    team: str


def short_device(device: str) -> str:
    """The first characters of a device id: enough to tell the laptops of a team apart."""
    return device[:8]


def _local_date(moment: datetime) -> str:
    return format_date(moment.replace(tzinfo=UTC).astimezone().date(), ui_language())


def peer_label(peer: sync.Peer) -> str:
    """ "Gerät 1a2b3c4d (letzter Austausch 01.11.2026)"."""
    name = _("Gerät {device}").format(device=short_device(peer.device))
    last = peer.last_exchange
    if last is None:
        return name
    return _("{name} (letzter Austausch {date})").format(name=name, date=_local_date(last))


class PassphraseField(QLineEdit):
    """A password field for the team passphrase."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMinimumWidth(320)
        self.setAccessibleName(_("Team-Passphrase"))
        self.setToolTip(
            _(
                "Die Passphrase, die das Team vereinbart hat (mindestens {n} Zeichen). Sie wird "
                "nur bis zum Beenden des Programms behalten, nie gespeichert."
            ).format(n=sync.MIN_PASSPHRASE)
        )


class ExportDialog(QDialog):
    """Asks what to export; ``choice()`` after it was accepted."""

    def __init__(
        self, peers: list[sync.Peer], team: str, passphrase: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sync-Datei erstellen"))
        self.setAccessibleName(_("Sync-Datei erstellen"))
        form = QFormLayout(self)
        intro = QLabel(
            _(
                "Die Sync-Datei enthält die Änderungen dieses Geräts, die das gewählte Gerät "
                "noch nicht bestätigt hat. Sie ist mit der Team-Passphrase verschlüsselt."
            ),
            self,
        )
        intro.setWordWrap(True)
        form.addRow(intro)

        self.peer_combo = QComboBox(self)
        self.peer_combo.setAccessibleName(_("Für welches Gerät"))
        self.peer_combo.addItem(_("alle Geräte"), sync.EVERYONE)
        for peer in peers:
            self.peer_combo.addItem(peer_label(peer), peer.device)
        form.addRow(_("&Für:"), self.peer_combo)

        self.full_check = QCheckBox(_("&alles exportieren (nicht nur die Änderungen)"), self)
        self.full_check.setAccessibleName(_("alles exportieren"))
        form.addRow("", self.full_check)

        self.team_edit = QLineEdit(team, self)
        self.team_edit.setAccessibleName(_("Teamname"))
        self.team_edit.setReadOnly(bool(team))
        self.team_edit.setFrame(not team)  # a set team name reads as text
        self.team_edit.setToolTip(
            _("Nur Geräte desselben Teams lesen die Datei ein.")
            if team
            else _("Der Name des Teams (z. B. „KI Kreis Borken“), gleich auf allen Geräten.")
        )
        self.team_edit.setPlaceholderText(_("z. B. KI Kreis Borken"))
        form.addRow(_("&Team:"), self.team_edit)

        self.passphrase_edit = PassphraseField(self)
        self.passphrase_edit.setText(passphrase)
        form.addRow(_("&Passphrase:"), self.passphrase_edit)

        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        form.addRow(self.hint)

        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            _("&Speichern unter…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        cancel = self.buttons.addButton(_("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        form.addRow(self.buttons)
        self.team_edit.textChanged.connect(self._check)
        self.passphrase_edit.textChanged.connect(self._check)
        self._check()
        (self.passphrase_edit if team else self.team_edit).setFocus()

    def _check(self) -> None:
        if not self.team_edit.text().strip():
            hint = _("Bitte den Teamnamen eingeben; er gilt danach für dieses Gerät.")
        elif len(self.passphrase_edit.text()) < sync.MIN_PASSPHRASE:
            hint = _("Die Passphrase muss mindestens {n} Zeichen lang sein.").format(
                n=sync.MIN_PASSPHRASE
            )
        else:
            hint = ""
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.ok_button.setEnabled(not hint)

    def choice(self) -> ExportChoice:
        return ExportChoice(
            self.peer_combo.currentData(),
            self.full_check.isChecked(),
            self.passphrase_edit.text(),
            self.team_edit.text().strip(),
        )
