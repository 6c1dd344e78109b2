"""„Einstellungen“: the settings of this computer: the automatic lock and which database it
works with (the SQLite file or a PostgreSQL server, from the next start on). Changing them
needs the permission „Einstellungen ändern“; others see them read-only."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain.roles import Permission
from ki_desktop.gui import database_choice
from ki_desktop.gui.auto_lock import MAX_AUTO_LOCK_MINUTES, auto_lock_minutes, set_auto_lock_minutes
from ki_desktop.i18n import _
from ki_desktop.paths import default_db_path
from ki_desktop.services import server_connection, session
from ki_desktop.services.errors import ServiceError


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
        layout.addWidget(self._database_group(settings))
        self.may_change = session.may(Permission.SETTINGS)
        if not self.may_change:
            for widget in (self.minutes_box, self.file_button, self.server_button):
                widget.setEnabled(False)
            self.server_edit.setReadOnly(True)
            note = QLabel(_("Nur die Administration kann diese Einstellungen ändern."), self)
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self._fit(self.minimumWidth())

    def _fit(self, width: int | None = None) -> None:
        """As high as the wrapped texts need at the dialog's width (the size hint wraps them
        narrower, which left empty space between the rows), and higher when a message
        appears."""
        width = max(width or self.width(), self.minimumWidth())
        needed = self.layout().totalHeightForWidth(width)
        self.resize(width, max(needed, self.minimumSizeHint().height()))

    def _database_group(self, settings: QSettings) -> QGroupBox:
        group = QGroupBox(_("Datenbank"), self)
        box = QVBoxLayout(group)
        self.file_button = QRadioButton(_("SQLite-&Datei auf diesem Rechner"), group)
        self.file_button.setToolTip(default_db_path())
        self.server_button = QRadioButton(_("Se&rver (PostgreSQL)"), group)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.file_button)
        self.kind_group.addButton(self.server_button)
        self.server_edit = QLineEdit(database_choice.chosen_server(settings), group)
        self.server_edit.setPlaceholderText(server_connection.EXAMPLE_ADDRESS)
        self.server_edit.setAccessibleName(_("Adresse des Datenbankservers"))
        address_row = QFormLayout()
        address_row.addRow(_("&Adresse:"), self.server_edit)
        self.database_message = QLabel(group)
        self.database_message.setWordWrap(True)
        self.database_message.setAccessibleName(_("Hinweis zur Datenbank"))
        # A message about the address comes with an icon: not told by the text alone.
        self.database_icon = QLabel(group)
        size = self.fontMetrics().height()
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.database_icon.setPixmap(icon.pixmap(size, size))
        self.database_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        message_row = QHBoxLayout()
        message_row.addWidget(self.database_icon, 0)
        message_row.addWidget(self.database_message, 1)
        self.database_message.hide()
        self.database_icon.hide()
        note = QLabel(
            _(
                "Die Wahl gilt ab dem nächsten Start. Das Passwort des Servers wird beim Start "
                "abgefragt oder aus dem Schlüsselbund genommen und nie in den Einstellungen "
                "gespeichert. Gesichert wird eine Server-Datenbank von der Server-"
                "Administration."
            ),
            group,
        )
        note.setWordWrap(True)
        # The choice is for the next start (and --db comes first): say what is open now.
        self.open_now = QLabel(group)
        self.open_now.setWordWrap(True)
        self.open_now.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        current = server_connection.open_location()
        self.open_now.setText(_("Zurzeit geöffnet: {location}").format(location=current))
        self.open_now.setVisible(bool(current))
        for widget in (self.file_button, self.server_button):
            box.addWidget(widget)
        box.addLayout(address_row)
        box.addLayout(message_row)
        box.addWidget(note)
        box.addWidget(self.open_now)
        on_server = database_choice.chosen_kind(settings) == database_choice.SERVER
        (self.server_button if on_server else self.file_button).setChecked(True)
        self.server_edit.setEnabled(on_server)
        self.server_button.toggled.connect(self._server_toggled)
        return group

    def _server_toggled(self, on_server: bool) -> None:
        self.server_edit.setEnabled(on_server)
        if on_server:  # the address is what comes next
            self.server_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.database_message.hide()
            self.database_icon.hide()

    @property
    def minutes(self) -> int:
        return self.minutes_box.value()

    def _checked_server(self) -> str | None:
        """The address to keep, or None after saying in the dialog what is wrong with it."""
        typed = self.server_edit.text()
        try:
            address = server_connection.checked_address(typed)
        except ServiceError as exc:
            self._say(str(exc))
            return None
        if server_connection.address_had_password(typed):
            # Never kept: shown without it, and the next OK keeps it so.
            self.server_edit.setText(address)
            self._say(
                _(
                    "Das Passwort wurde aus der Adresse entfernt: es wird nie gespeichert. "
                    "KI Desktop fragt beim Start danach."
                )
            )
            return None
        return address

    def _say(self, text: str) -> None:
        self.database_message.setText(text)
        self.database_message.show()
        self.database_icon.show()
        self.server_edit.setFocus()
        self._fit()

    def accept(self) -> None:
        if self.may_change:
            if self.server_button.isChecked():
                server = self._checked_server()
                if server is None:
                    return
                kind = database_choice.SERVER
            else:
                kind, server = database_choice.FILE, self._kept_aside()
            set_auto_lock_minutes(self.settings, self.minutes)
            database_choice.save_choice(self.settings, kind, server)
            self.settings.sync()
        super().accept()

    def _kept_aside(self) -> str:
        """With the file chosen, a valid address typed in is kept for later (without a
        password); anything else is dropped."""
        try:
            return server_connection.checked_address(self.server_edit.text())
        except ServiceError:
            return ""
