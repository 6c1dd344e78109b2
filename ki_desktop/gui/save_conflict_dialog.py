"""When someone else saved the record (a case, an offer) while it was open: the fields both
changed differently, "Ihr Stand" beside "Gespeichert von … um …", one choice per field. Fields
only the other person changed are taken without asking; "Zusammenführen und speichern" saves
on top of their version, "Abbrechen" keeps the form as typed (a case's draft stays).

The conflict is a :class:`ki_desktop.services.save_conflicts.SaveConflict` or anything with
the same face (``fields()``, ``taken()``, ``resolve()``, ``theirs``, ``saved_by``,
``saved_at``), such as :class:`ki_desktop.services.offer_conflicts.OfferSaveConflict`; the
texts that name the kind of record come with :class:`ConflictTexts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ki_desktop.domain.merge import Side
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_date
from ki_desktop.services.offer_conflicts import OfferSaveConflict
from ki_desktop.services.save_conflicts import ConflictField, SaveConflict

_SHOWN_CHARS = 48


@dataclass(frozen=True, slots=True)
class ConflictTexts:
    """What the merge view says about the kind of record: the window title, the first line
    ("{name}" is who saved) and what cancelling keeps."""

    title: str
    saved: str
    cancel_tip: str


def case_texts() -> ConflictTexts:
    return ConflictTexts(
        _("Fall inzwischen geändert"),
        _(
            "{name} hat den Fall gespeichert, während Sie ihn bearbeitet haben. Es wird "
            "nichts überschrieben."
        ),
        _("Nichts speichern; Ihre Eingaben bleiben im Formular und als Entwurf erhalten"),
    )


def offer_texts() -> ConflictTexts:
    return ConflictTexts(
        _("Angebot inzwischen geändert"),
        _(
            "{name} hat das Angebot gespeichert, während Sie es bearbeitet haben. Es wird "
            "nichts überschrieben."
        ),
        _("Nichts speichern; Ihre Eingaben bleiben im Dialog erhalten"),
    )


def saved_heading(conflict: SaveConflict | OfferSaveConflict, today: date | None = None) -> str:
    """ "Gespeichert von Leyla Aksoy um 14:32" (with the date when it was not today)."""
    at = conflict.saved_at
    if at is None:
        return _("Gespeicherter Stand")
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()
    time = f"{local:%H:%M}"
    if local.date() != (today or datetime.now().date()):
        time = f"{format_date(local.date(), ui_language(), 'medium')} {time}"
    if not conflict.saved_by:
        return _("Gespeichert um {time}").format(time=time)
    return _("Gespeichert von {name} um {time}").format(name=conflict.saved_by, time=time)


def _short(text: str) -> str:
    line = text.splitlines()[0] if text else ""
    if len(line) > _SHOWN_CHARS or line != text:
        return line[:_SHOWN_CHARS].rstrip() + " …"
    return line


class SaveConflictDialog(QDialog):
    """The merge view; ``merged`` carries (the stored record, the merged record to save).
    ``texts``: those of a case unless given."""

    merged = Signal(object, object)

    def __init__(
        self,
        conflict: SaveConflict | OfferSaveConflict,
        parent: QWidget | None = None,
        texts: ConflictTexts | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.texts = texts or case_texts()
        self.setWindowTitle(self.texts.title)
        self.setAccessibleName(self.windowTitle())
        self.fields = conflict.fields()
        self.groups: list[tuple[ConflictField, QButtonGroup]] = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(self._intro_text(), self)
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.intro)

        panel = QWidget(self)
        grid = QGridLayout(panel)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.theirs_heading = saved_heading(conflict)
        for column, title in enumerate((_("Feld"), _("Ihr Stand"), self.theirs_heading)):
            heading = QLabel(title, panel)
            heading.setWordWrap(column > 0)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            grid.addWidget(heading, 0, column, Qt.AlignmentFlag.AlignBottom)
        for line, field in enumerate(self.fields, start=1):
            self.groups.append((field, self._add_row(grid, line, field, panel)))
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(panel)
        scroll.setAccessibleName(_("Felder mit verschiedenen Werten"))
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from choice to choice
        layout.addWidget(scroll, 1)

        everywhere = QHBoxLayout()
        self.all_mine_button = QPushButton(_("Überall &Ihr Stand"), self)
        self.all_theirs_button = QPushButton(_("Überall &gespeicherter Stand"), self)
        self.all_mine_button.setAutoDefault(False)
        self.all_theirs_button.setAutoDefault(False)
        self.all_mine_button.clicked.connect(lambda: self.choose_everywhere(Side.MINE))
        self.all_theirs_button.clicked.connect(lambda: self.choose_everywhere(Side.THEIRS))
        everywhere.addWidget(self.all_mine_button)
        everywhere.addWidget(self.all_theirs_button)
        everywhere.addStretch(1)
        layout.addLayout(everywhere)

        buttons = QDialogButtonBox(self)
        self.merge_button = buttons.addButton(
            _("&Zusammenführen und speichern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = buttons.addButton(
            _("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.merge_button.setDefault(True)
        self.merge_button.setToolTip(
            _("Die gewählten Werte auf den gespeicherten Stand setzen und speichern")
        )
        self.cancel_button.setToolTip(self.texts.cancel_tip)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, min(220 + 44 * len(self.fields), 560))
        if self.groups:
            self.groups[0][1].checkedButton().setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            scroll.hide()
            self.all_mine_button.hide()
            self.all_theirs_button.hide()
            self.merge_button.setFocus(Qt.FocusReason.OtherFocusReason)
            self.resize(560, 160)

    def _intro_text(self) -> str:
        name = self.conflict.saved_by or _("jemand anderes")
        lines = [self.texts.saved.format(name=name)]
        taken = self.conflict.taken()
        if taken:
            lines.append(
                _("Nur von {name} geändert und übernommen: {fields}.").format(
                    name=name, fields=", ".join(taken)
                )
            )
        if not self.fields:
            lines.append(
                _("Ihre Änderungen betreffen andere Felder; beide werden zusammen gespeichert.")
            )
        else:
            lines.append(
                ngettext(
                    "Dieses Feld haben Sie beide verschieden geändert. Bitte wählen, welcher "
                    "Wert gelten soll:",
                    "Diese {n} Felder haben Sie beide verschieden geändert. Bitte je Feld "
                    "wählen, welcher Wert gelten soll:",
                    len(self.fields),
                ).format(n=len(self.fields))
            )
        return "\n".join(lines)

    def _add_row(self, grid: QGridLayout, line: int, field: ConflictField, panel) -> QButtonGroup:
        label = QLabel(field.label, panel)
        label.setToolTip(_("Beim Öffnen: {value}").format(value=field.base))
        grid.addWidget(label, line, 0)
        group = QButtonGroup(panel)
        for column, side, value, whose in (
            (1, Side.MINE, field.mine, _("Ihr Stand")),
            (2, Side.THEIRS, field.theirs, self.theirs_heading),
        ):
            button = QRadioButton(_short(value), panel)
            button.setToolTip(value)
            button.setAccessibleName(f"{field.label}: {whose}: {value}")
            group.addButton(button, 0 if side is Side.MINE else 1)
            grid.addWidget(button, line, column)
        # Both changed the field: what the user typed stays unless they choose otherwise.
        group.button(0).setChecked(True)
        label.setBuddy(group.button(0))
        return group

    def choose_everywhere(self, side: Side) -> None:
        """Check the same side in every row."""
        for _field, group in self.groups:
            group.button(0 if side is Side.MINE else 1).setChecked(True)

    def choices(self) -> dict:
        """The side chosen for each conflicting field, by its key."""
        return {
            field.key: Side.MINE if group.checkedId() == 0 else Side.THEIRS
            for field, group in self.groups
        }

    def choose(self, key, side: Side | str) -> None:
        """Check ``side`` for the field ``key`` (as a click would)."""
        for field, group in self.groups:
            if field.key == key:
                group.button(0 if Side(side) is Side.MINE else 1).setChecked(True)
                return
        raise KeyError(key)

    def accept(self) -> None:
        merged = self.conflict.resolve(self.choices())
        super().accept()
        self.merged.emit(self.conflict.theirs, merged)
