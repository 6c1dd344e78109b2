"""The detail pane of the Angebote tab: one offer as a small HTML document."""

from __future__ import annotations

from datetime import date

from ki_desktop.domain.model import Offer
from ki_desktop.gui.detail_html import DetailDocument
from ki_desktop.i18n import _, ui_language
from ki_desktop.i18n.locale_data import format_date, language_name
from ki_desktop.services import offers as offer_service
from ki_desktop.services.labels import age_range_label, yes_no


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
