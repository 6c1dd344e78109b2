"""The detail pane of the Angebote tab: one offer as a small HTML document."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from ki_desktop.domain.coordinates import map_link
from ki_desktop.domain.model import Offer
from ki_desktop.gui.detail_html import DetailDocument, Link
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import format_date, language_name
from ki_desktop.services import offers as offer_service
from ki_desktop.services.labels import age_range_label, yes_no
from ki_desktop.services.offer_editing import degrees_text


def languages_text(offer: Offer) -> str:
    locale = ui_language()
    return ", ".join(language_name(code, locale) for code in offer.languages)


def valid_to_text(offer: Offer) -> str:
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


def position_link(offer: Offer) -> Link | None:
    """The offer's coordinates with a link to them on OpenStreetMap; None without them."""
    if offer.latitude is None or offer.longitude is None:
        return None
    text = _("Breite {lat}, Länge {lon}").format(
        lat=degrees_text(offer.latitude), lon=degrees_text(offer.longitude)
    )
    return Link(text, _("auf der Karte"), map_link(offer.latitude, offer.longitude))


def open_map_link(url: QUrl) -> None:
    """Open a map link of the detail pane in the web browser (without a network connection
    the browser says so); any other link is ignored."""
    if url.scheme() == "https" and url.host() == "www.openstreetmap.org":
        QDesktopServices.openUrl(url)


def offer_detail_html(offer: Offer, today: date) -> str:
    """The detail pane of an offer: contact, facts, validity on ``today``, descriptions."""
    provider = offer_service.provider(offer.provider_name)
    expired = (offer.valid_to is not None and offer.valid_to < today) or (
        offer.valid_from is not None and offer.valid_from > today
    )
    doc = DetailDocument(offer.title, offer.category)
    doc.fields(
        [
            (_("Träger"), offer.provider_name),
            (_("Ansprechperson"), provider.contact_person if provider else ""),
            (_("Telefon"), provider.phone if provider else ""),
            (_("E-Mail"), provider.email if provider else ""),
            (_("Zielgruppe"), offer.target_group),
            (_("Alter"), age_range_label(offer.age_min, offer.age_max)),
            (_("Sprachen"), languages_text(offer)),
            (_("Kostenlos"), yes_no(offer.free_of_charge)),
            (_("Gemeinde"), offer.municipality_name),
            (_("Adresse"), offer.address),
            (_("Koordinaten"), position_link(offer) or ""),
            (_("Termine"), offer.schedule),
            (
                _("Gültig"),
                _period(offer) + (" – " + _("heute nicht gültig") if expired else ""),
            ),
            (_("Barrierefreiheit"), offer.accessibility),
        ]
    )
    if offer.description_de:
        doc.section(_("Beschreibung")).paragraph(offer.description_de)
    if offer.descriptions:
        locale = ui_language()
        names = sorted(language_name(code, locale) for code in offer.descriptions)
        doc.paragraph(_("Auch auf: {languages}").format(languages=", ".join(names)))
    return doc.html()
