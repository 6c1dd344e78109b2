"""Angebote tab: the catalogue of integration offers (courses, counselling, family education)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ki_desktop.domain.model import Offer
from ki_desktop.gui.detail_html import DetailDocument
from ki_desktop.gui.forms.ui_offers_tab import Ui_OffersTab
from ki_desktop.gui.item_table_model import Column
from ki_desktop.gui.labels import yes_no
from ki_desktop.gui.list_detail_tab import ListDetailTab
from ki_desktop.i18n import _, ngettext, ui_language
from ki_desktop.i18n.locale_data import format_date, language_name
from ki_desktop.services import offers as offer_service


def _ages(offer: Offer) -> str:
    low, high = offer.age_min, offer.age_max
    if low is not None and high is not None:
        return _("{low}–{high} Jahre").format(low=low, high=high)
    if low is not None:
        return _("ab {low} Jahren").format(low=low)
    if high is not None:
        return _("bis {high} Jahre").format(high=high)
    return _("jedes Alter")


def _languages(offer: Offer) -> str:
    locale = ui_language()
    return ", ".join(language_name(code, locale) for code in offer.languages)


def _valid_to(offer: Offer) -> str:
    if offer.valid_to is None:
        return _("unbefristet")
    return format_date(offer.valid_to, ui_language(), "short")


def _period(offer: Offer) -> str:
    locale = ui_language()
    start, end = format_date(offer.valid_from, locale), format_date(offer.valid_to, locale)
    if start and end:
        return _("{start} bis {end}").format(start=start, end=end)
    if start:
        return _("ab {start}, unbefristet").format(start=start)
    if end:
        return _("bis {end}").format(end=end)
    return _("unbefristet")


def _columns() -> list[Column]:
    return [
        Column(_("Titel"), lambda o: o.title),
        Column(_("Kategorie"), lambda o: o.category),
        Column(_("Träger"), lambda o: o.provider_name),
        Column(
            _("Alter"),
            _ages,
            sort_key=lambda o: o.age_min if o.age_min is not None else -1,
        ),
        Column(_("Sprachen"), _languages),
        Column(_("Gemeinde"), lambda o: o.municipality_name),
        Column(
            _("gültig bis"),
            _valid_to,
            sort_key=lambda o: o.valid_to.isoformat() if o.valid_to else "9999",
        ),
    ]


def _search_text(offer: Offer) -> str:
    return " ".join(
        (
            offer.title,
            offer.category,
            offer.provider_name,
            offer.target_group,
            _languages(offer),
            offer.municipality_name,
            offer.address,
            offer.description_de,
        )
    )


class OffersTab(ListDetailTab):
    """The offers catalogue; ``load_offers`` defaults to the offer service."""

    settings_prefix = "offers"
    max_column_chars = 18
    stretch_column = 0  # Titel

    def __init__(
        self,
        load_offers: Callable[[], list[Offer]] = offer_service.offers,
        parent: QWidget | None = None,
    ) -> None:
        self._load_offers = load_offers
        super().__init__(
            Ui_OffersTab(),
            _columns(),
            search_text=_search_text,
            key=lambda o: o.category,
            parent=parent,
        )

    def load(self) -> tuple[list[Offer], list[tuple[str, str]], str]:
        items = self._load_offers()
        categories = sorted({o.category for o in items})
        return items, [(c, c) for c in categories], _("Alle Kategorien")

    def count_text(self, shown: int, total: int) -> str:
        if not total:
            return _("Noch keine Angebote erfasst — Demodaten laden (Datei-Menü).")
        if shown == total:
            return ngettext("{n} Angebot", "{n} Angebote", total).format(n=total)
        return ngettext("{shown} von {n} Angebot", "{shown} von {n} Angeboten", total).format(
            shown=shown, n=total
        )

    def placeholder_text(self) -> str:
        return _("Kein Angebot ausgewählt.")

    def detail_html(self, offer: Offer) -> str:
        doc = DetailDocument(offer.title, offer.category)
        doc.fields(
            [
                (_("Träger"), offer.provider_name),
                (_("Zielgruppe"), offer.target_group),
                (_("Alter"), _ages(offer)),
                (_("Sprachen"), _languages(offer)),
                (_("Kostenlos"), yes_no(offer.free_of_charge)),
                (_("Gemeinde"), offer.municipality_name),
                (_("Adresse"), offer.address),
                (_("Termine"), offer.schedule),
                (_("Gültig"), _period(offer)),
                (_("Barrierefreiheit"), offer.accessibility),
            ]
        )
        if offer.description_de:
            doc.section(_("Beschreibung")).paragraph(offer.description_de)
        return doc.html()
