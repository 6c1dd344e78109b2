"""A new password, typed twice, with live feedback on what it still lacks (the rules are the
accounts service's: :func:`ki_desktop.services.accounts.password_problems`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from ki_desktop.i18n import _


def _service_problems(password: str, username: str) -> list[str]:
    from ki_desktop.services import accounts

    try:
        return list(accounts.password_problems(password, username))
    except TypeError:  # a version of the rules that does not look at the user name
        return list(accounts.password_problems(password))


def password_field(parent: QWidget, accessible_name: str) -> QLineEdit:
    """A masked line edit for a password."""
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(accessible_name)
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 34)
    return edit


class NewPasswordFields(QWidget):
    """Two password fields and a line below that lists what is missing; ``changed`` fires on
    every keystroke. Adds its rows to ``form``."""

    changed = Signal()

    def __init__(
        self,
        form: QFormLayout,
        parent: QWidget,
        username: Callable[[], str] = lambda: "",
        problems: Callable[[str, str], list[str]] = _service_problems,
        first_label: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.hide()  # only a holder of the fields; they live in the caller's form
        self._username = username
        self._problems = problems
        self.password_edit = password_field(parent, _("Neues Passwort"))
        self.repeat_edit = password_field(parent, _("Neues Passwort wiederholen"))
        self.feedback = QLabel(parent)
        self.feedback.setWordWrap(True)
        self.feedback.setAccessibleName(_("Hinweise zum Passwort"))
        form.addRow(first_label or _("Neues &Passwort:"), self.password_edit)
        form.addRow(_("Passwort &wiederholen:"), self.repeat_edit)
        form.addRow("", self.feedback)
        self.password_edit.textChanged.connect(self._update)
        self.repeat_edit.textChanged.connect(self._update)
        self._update()

    def password(self) -> str:
        return self.password_edit.text()

    def problems(self) -> list[str]:
        """What keeps the password from being accepted (empty when it is fine)."""
        password = self.password_edit.text()
        found = list(self._problems(password, self._username()))
        if password and self.repeat_edit.text() != password:
            found.append(_("Die beiden Eingaben stimmen nicht überein."))
        return found

    def is_acceptable(self) -> bool:
        return bool(self.password_edit.text()) and not self.problems()

    def refresh(self) -> None:
        """Check again (after the user name changed)."""
        self._update()

    def clear(self) -> None:
        self.password_edit.clear()
        self.repeat_edit.clear()

    def _update(self) -> None:
        if not self.password_edit.text():
            # The rules' own words (e.g. the minimum length), without a mark: nothing typed yet.
            rules = " ".join(self._problems("", self._username())[:1])
            self.feedback.setText(
                " ".join((rules, _("Ein Satz aus mehreren Wörtern ist gut."))).strip()
            )
        else:
            found = self.problems()
            if found:
                self.feedback.setText("\n".join(f"✗ {p}" for p in found))
            else:
                self.feedback.setText(_("✓ Das Passwort erfüllt die Regeln."))
        self.changed.emit()
