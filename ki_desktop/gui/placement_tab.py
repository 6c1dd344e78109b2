"""Schulempfehlung tab: the recommendation for the open case ("Empfehlung") and the schools of
the imported school list with the KI's own data per school ("Schulliste")."""

from __future__ import annotations

import getpass
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QSettings, Qt, Signal
from PySide6.QtWidgets import QWidget

from ki_desktop.domain.model import School
from ki_desktop.gui.detail_html import DetailDocument
from ki_desktop.gui.forms.ui_placement_tab import Ui_PlacementTab
from ki_desktop.gui.item_table_model import Column
from ki_desktop.gui.list_detail_tab import ListDetailTab
from ki_desktop.gui.prompts import Prompts
from ki_desktop.gui.recommendation_panel import RecommendationPanel
from ki_desktop.gui.school_data_dialog import SchoolDataDialog
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import placement as placement_service
from ki_desktop.services import schools as school_service
from ki_desktop.services import session


def _address(school: School) -> str:
    place = " ".join(p for p in (school.postcode, school.city) if p)
    return ", ".join(p for p in (school.street, place) if p)


def _places(school: School) -> str:
    if not school.erstfoerderung_places:
        return "–"
    return f"{school.erstfoerderung_free} / {school.erstfoerderung_places}"


def _places_tip(school: School) -> str:
    if not school.erstfoerderung_places:
        return _("Erstförderplätze noch nicht erfasst")
    return _("{free} von {total} Erstförderplätzen frei").format(
        free=school.erstfoerderung_free, total=school.erstfoerderung_places
    )


def _columns() -> list[Column]:
    return [
        Column(_("Schulnummer"), lambda s: s.schulnummer),
        Column(_("Schulform"), lambda s: s.schulform_name),
        Column(_("Name"), lambda s: s.name),
        Column(_("Gemeinde"), lambda s: s.municipality_name or s.city),
        Column(_("Adresse"), _address),
        Column(
            _("Erstförderplätze"),
            _places,
            sort_key=lambda s: s.erstfoerderung_free if s.erstfoerderung_places else -1,
            align_right=True,
            header_tip=_("Erstförderplätze: frei / gesamt"),
            tip=_places_tip,
        ),
    ]


def _search_text(school: School) -> str:
    return " ".join(
        (
            school.schulnummer,
            school.schulform_name,
            school.name,
            school.short_name,
            school.municipality_name,
            school.city,
            school.street,
            school.postcode,
        )
    )


def _login_name() -> str:
    if session.current_or_none() is not None:
        return session.who()
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the user database
        return "system"


class PlacementTab(ListDetailTab):
    """The recommendation panel and the school list; ``load_schools`` defaults to the school
    service. ``data_changed`` fires after a case or school was changed, ``message`` carries a
    status-bar text."""

    settings_prefix = "placement"
    max_column_chars = 28
    stretch_column = 2  # Name

    data_changed = Signal()
    message = Signal(str)

    def __init__(
        self,
        load_schools: Callable[[], list[School]] = school_service.schools,
        prompts: Prompts | None = None,
        user: str | None = None,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        self._load_schools = load_schools
        super().__init__(
            Ui_PlacementTab(),
            _columns(),
            search_text=_search_text,
            key=lambda s: s.schulform,
            parent=parent,
        )
        self._user = user or _login_name()
        self.dialog: SchoolDataDialog | None = None
        self.recommendation = RecommendationPanel(
            prompts or Prompts(), self._user, today, self.ui.recommendationPage
        )
        self.ui.recommendationLayout.addWidget(self.recommendation)
        self.recommendation.changed.connect(self.data_changed)
        self.recommendation.message.connect(self.message)
        self.ui.editSchoolButton.clicked.connect(self.edit_school_data)
        self.ui.table.doubleClicked.connect(lambda _index: self.edit_school_data())
        self.ui.table.selectionModel().currentRowChanged.connect(self._update_edit_button)
        self._update_edit_button()

    # -- the open case -------------------------------------------------------------------

    def open_case(self, case_id: str) -> None:
        """Show the recommendation page for ``case_id``."""
        self.ui.sections.setCurrentWidget(self.ui.recommendationPage)
        self.recommendation.open_case(case_id)
        self.recommendation.ui.reasonsList.setFocus()

    def refresh(self) -> None:
        super().refresh()
        self.recommendation.refresh()
        self._update_edit_button()

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        settings.setValue(
            "placement/recommendationSplitter", self.recommendation.ui.splitter.saveState()
        )

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        state = settings.value("placement/recommendationSplitter")
        if state is not None:
            self.recommendation.ui.splitter.restoreState(state)

    # -- the KI's data of a school ---------------------------------------------------------

    def selected_school(self) -> School | None:
        index = self.ui.table.currentIndex()
        return self.proxy.item(index.row()) if index.isValid() else None

    def edit_school_data(self) -> SchoolDataDialog | None:
        """Schuldaten bearbeiten…: places, contact and notes of the selected school."""
        school = self.selected_school()
        if school is None:
            return None
        user = self._user
        # What the user edits on top of: the school as shown, after a conflict as stored now.
        base = {"school": school}

        def save(number: str, places: int, free: int, contact: str, notes: str) -> None:
            try:
                placement_service.update_school_ki_data(
                    number, places, free, contact, notes, user, loaded=base["school"]
                )
            except school_service.SchoolDataConflict as conflict:
                base["school"] = conflict.current
                raise

        dialog = SchoolDataDialog(school, save, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._school_saved(school.schulnummer))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _school_saved(self, schulnummer: str) -> None:
        self.refresh()
        for row in range(self.proxy.rowCount()):
            if self.proxy.item(row).schulnummer == schulnummer:
                self.ui.table.selectRow(row)
                break
        self.message.emit(_("Schuldaten von Schule {nr} gespeichert.").format(nr=schulnummer))
        self.data_changed.emit()

    def _update_edit_button(self, *_args: QModelIndex) -> None:
        has_school = self.selected_school() is not None
        self.ui.editSchoolButton.setEnabled(has_school)
        self.ui.editSchoolButton.setToolTip(
            _(
                "Erstförderplätze, Ansprechperson und Notizen der ausgewählten Schule "
                "bearbeiten (auch Doppelklick)"
            )
            if has_school
            else _("Zuerst eine Schule in der Liste auswählen.")
        )

    def default_sort_column(self) -> int:
        return 3  # by municipality, as counsellors look for schools near the family

    def load(self) -> tuple[list[School], list[tuple[str, str]], str]:
        items = self._load_schools()
        forms = sorted({(s.schulform, s.schulform_name) for s in items})
        return items, forms, _("Alle Schulformen")

    def count_text(self, shown: int, total: int) -> str:
        if not total:
            return _("Noch keine Schulliste geladen — Demodaten laden (Datei-Menü).")
        if shown == total:
            return ngettext("{n} Schule", "{n} Schulen", total).format(n=total)
        return ngettext("{shown} von {n} Schule", "{shown} von {n} Schulen", total).format(
            shown=shown, n=total
        )

    def placeholder_text(self) -> str:
        return _("Keine Schule ausgewählt.")

    def detail_html(self, school: School) -> str:
        places = (
            _("{free} von {total} frei").format(
                free=school.erstfoerderung_free, total=school.erstfoerderung_places
            )
            if school.erstfoerderung_places
            else _("noch nicht erfasst")
        )
        doc = DetailDocument(school.name, school.schulform_name)
        doc.fields(
            [
                (_("Schulnummer"), school.schulnummer),
                (_("Adresse"), _address(school)),
                (_("Gemeinde"), school.municipality_name),
                (_("Telefon"), school.phone),
                (_("E-Mail"), school.email),
                (_("Internet"), school.homepage),
                (_("Trägerschaft"), _("öffentlich") if school.public else _("privat")),
                (_("Erstförderplätze"), places),
                (_("Ansprechperson"), school.contact_person),
            ]
        )
        if school.notes:
            doc.section(_("Notizen")).paragraph(school.notes)
        return doc.html()
