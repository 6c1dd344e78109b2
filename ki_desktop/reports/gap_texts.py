"""Titles, column headers and the counting definitions shared by the gap analysis exports."""

from __future__ import annotations

from ki_desktop.i18n import N_, _

REPORT_TITLE = N_("Bedarfsanalyse Angebote")

DIMENSION_TITLES = {
    "age_group": N_("Altersgruppen"),
    "language": N_("Sprachen"),
    "municipality": N_("Kommunen"),
    "need": N_("Besonderer Bedarf"),
}
DIMENSION_KEY_HEADERS = {
    "age_group": N_("Altersgruppe"),
    "language": N_("Sprache"),
    "municipality": N_("Kommune"),
    "need": N_("Bedarf"),
}
TABLE_TITLES = {
    "age_municipality": N_("Altersgruppe × Kommune"),
    "language_municipality": N_("Sprache × Kommune"),
}
TABLE_ROW_HEADERS = {
    "age_municipality": N_("Altersgruppe"),
    "language_municipality": N_("Sprache"),
}

CHILDREN = N_("Kinder")
OFFERS = N_("passende Angebote")
GAP = N_("Lücke")
GAP_MARK = N_("fehlt")
MUNICIPALITY = N_("Kommune")


def gap_text(gap: bool) -> str:
    """What the gap column says: "fehlt" for a gap, nothing otherwise."""
    return _(GAP_MARK) if gap else ""


def definitions() -> list[tuple[str, str]]:
    """(term, explanation) of how the analysis counts; translated."""
    return [
        (
            _("Stichtag"),
            _("Fälle und Angebote werden an diesem Tag betrachtet."),
        ),
        (
            _("Kinder"),
            _(
                "Offene Fälle (alle außer abgeschlossenen). Jedes Kind zählt einmal je Zeile, "
                "zu der es gehört: einmal in seiner Altersgruppe (Alter am Stichtag), einmal in "
                "seiner Kommune, einmal je Erst- und Familiensprache (außer Deutsch) und einmal "
                "je besonderem Bedarf. Kinder ohne Geburtsdatum fehlen nur bei den Altersgruppen."
            ),
        ),
        (
            _("Alphabetisierung"),
            _(
                "Bedarf, wenn im jüngsten Aufnahmegespräch „alphabetisiert in lateinischer "
                "Schrift“ mit nein beantwortet ist."
            ),
        ),
        (
            _("passende Angebote"),
            _(
                "Angebote, die am Stichtag gültig sind. Altersgruppe: der Altersbereich des "
                "Angebots überschneidet die Gruppe. Sprache: das Angebot wird in der Sprache "
                "gehalten (auch zusammen mit Deutsch). Kommune: das Angebot ist in der Kommune "
                "oder hat keine Kommune (kreisweit). Alphabetisierung: Alphabetisierungs- und "
                "Zweitschriftkurse. In den kombinierten Tabellen müssen beide Bedingungen für "
                "dasselbe Angebot gelten."
            ),
        ),
        (
            _("Lücke („fehlt“)"),
            _("Es gibt Kinder, aber kein passendes Angebot."),
        ),
        (
            _("Datenschutz"),
            _("Der Bericht enthält nur Zahlen, keine Namen oder anderen Angaben zu Personen."),
        ),
    ]
