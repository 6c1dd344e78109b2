"""Schulempfehlung tab: the schools of the imported school list with their Erstförderung places.
The recommendation for a case (rules and letter) comes with the placement feature."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ki_desktop.domain.model import School
from ki_desktop.gui.detail_html import DetailDocument
from ki_desktop.gui.forms.ui_placement_tab import Ui_PlacementTab
from ki_desktop.gui.item_table_model import Column
from ki_desktop.gui.list_detail_tab import ListDetailTab
from ki_desktop.i18n import _, ngettext
from ki_desktop.services import schools as school_service


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


class PlacementTab(ListDetailTab):
    """The school list; ``load_schools`` defaults to the school service."""

    settings_prefix = "placement"
    max_column_chars = 28
    stretch_column = 2  # Name

    def __init__(
        self,
        load_schools: Callable[[], list[School]] = school_service.schools,
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
