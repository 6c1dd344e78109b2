"""One user account: new (user name, display name, roles, team, first password) or edited
(display name, roles, team). Saved by the accounts service; its refusals (e.g. the last
administrator) are shown in the dialog. A change of the account by someone else since the
dialog opened is kept where the user left a field alone; where both changed the same, the
dialog shows what is stored now in the fields the user did not touch and keeps the user's."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain.roles import Role
from ki_desktop.gui.account_task import AccountTask, run_account_call
from ki_desktop.gui.password_fields import NewPasswordFields
from ki_desktop.i18n import N_, _
from ki_desktop.services.session import ROLE_NAMES

# What each role may do, as a tooltip of its checkbox; marked here, translated when shown.
ROLE_TIPS = {
    Role.COUNSELLOR: N_("Fallakten, Gespräche, Schulempfehlungen und Schreiben des eigenen Teams"),
    Role.ADMIN: N_(
        "Benutzer, Schulliste, Angebote, Einstellungen, Statistik, Löschfristen; "
        "Fallakten nur zusammen mit der Rolle Beratung"
    ),
    Role.STATISTICS: N_("Nur zusammengefasste Berichte und Statistik, keine Fallakten"),
    Role.INTERPRETER: N_("Nur die Elterninformationen des gerade geöffneten Falls"),
}


class UserEditDialog(QDialog):
    """``user`` None: a new account; otherwise the ``UserInfo`` to change. Closes after the
    service saved it."""

    def __init__(self, user: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.task: AccountTask | None = None
        is_new = user is None
        title = _("Neues Benutzerkonto") if is_new else _("Benutzerkonto bearbeiten")
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username_edit = QLineEdit("" if is_new else user.username, self)
        self.username_edit.setAccessibleName(_("Benutzername"))
        self.username_edit.setReadOnly(not is_new)
        self.display_name_edit = QLineEdit("" if is_new else user.display_name, self)
        self.display_name_edit.setAccessibleName(_("Anzeigename"))
        self.team_edit = QLineEdit("" if is_new else (user.team or ""), self)
        self.team_edit.setAccessibleName(_("Team"))
        self.team_edit.setPlaceholderText(_("leer = alle ohne Team"))
        self.team_edit.setToolTip(
            _("Beratende sehen die Fälle ihres eigenen Teams; leer ist auch ein Team.")
        )
        form.addRow(_("&Benutzername:"), self.username_edit)
        form.addRow(_("&Anzeigename:"), self.display_name_edit)
        form.addRow(_("&Team:"), self.team_edit)
        layout.addLayout(form)

        roles_box = QGroupBox(_("Rollen"), self)
        roles_layout = QVBoxLayout(roles_box)
        current = set() if is_new else set(user.roles)
        self.role_boxes: dict[Role, QCheckBox] = {}
        for role in Role:
            box = QCheckBox(_(ROLE_NAMES[role]), roles_box)
            box.setChecked(role in current if not is_new else role is Role.COUNSELLOR)
            box.setToolTip(_(ROLE_TIPS[role]))
            box.setAccessibleName(_("Rolle {name}").format(name=_(ROLE_NAMES[role])))
            box.toggled.connect(self._update)
            roles_layout.addWidget(box)
            self.role_boxes[role] = box
        layout.addWidget(roles_box)

        self.password: NewPasswordFields | None = None
        if is_new:
            password_form = QFormLayout()
            self.password = NewPasswordFields(
                password_form,
                self,
                username=lambda: self.username_edit.text().strip(),
                first_label=_("Erstes &Passwort:"),
            )
            layout.addLayout(password_form)
            self.password.changed.connect(self._update)
            self.username_edit.textChanged.connect(self.password.refresh)

        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(_("Meldung"))
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(_("&Speichern"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.username_edit, self.display_name_edit):
            edit.textChanged.connect(self._update)
        (self.username_edit if is_new else self.display_name_edit).setFocus()
        # Wide enough for the team field's hint also when editing (no password rows then).
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self._update()

    def roles(self) -> frozenset[Role]:
        return frozenset(role for role, box in self.role_boxes.items() if box.isChecked())

    def _update(self) -> None:
        ready = (
            bool(self.username_edit.text().strip())
            and bool(self.display_name_edit.text().strip())
            and bool(self.roles())
            and (self.password is None or self.password.is_acceptable())
        )
        self.save_button.setEnabled(ready and self.task is None)
        if not self.roles():
            self.message.setText(_("Bitte mindestens eine Rolle wählen."))
        elif self.message.text() == _("Bitte mindestens eine Rolle wählen."):
            self.message.clear()

    def save(self) -> None:
        if not self.save_button.isEnabled():
            return
        from ki_desktop.services import accounts

        username = self.username_edit.text().strip()
        display_name = self.display_name_edit.text().strip()
        team = self.team_edit.text().strip()
        roles = self.roles()
        if self.password is not None:
            password = self.password.password()

            def work() -> None:
                accounts.add_user(username, display_name, roles, password, team=team)

        else:
            loaded = self.user

            def work() -> None:
                accounts.update_user(
                    username, display_name=display_name, roles=roles, team=team, loaded=loaded
                )

        self.busy.show()
        self.message.clear()
        self.task = run_account_call(work, self._saved, self._refused)
        self._update()

    def _saved(self, _result: object) -> None:
        self.task = None
        self.busy.hide()
        self.accept()

    def _refused(self, exc: BaseException, message: str) -> None:
        self.task = None
        self.busy.hide()
        current = getattr(exc, "current", None)
        if self.password is None and current is not None:  # someone else changed the account
            self._show_current(current)
        self.message.setText("⚠ " + message)
        self._update()

    def _show_current(self, current: Any) -> None:
        """Edit on top of the account as stored now: fields the user left as opened show the
        stored values, the user's own changes stay."""
        opened, self.user = self.user, current
        for edit, before, now in (
            (self.display_name_edit, opened.display_name, current.display_name),
            (self.team_edit, opened.team or "", current.team or ""),
        ):
            if edit.text().strip() == before.strip():
                edit.setText(now)
        for role, box in self.role_boxes.items():
            if box.isChecked() == (role in opened.roles):
                box.setChecked(role in current.roles)

    def reject(self) -> None:
        if self.task is not None:
            return
        super().reject()
