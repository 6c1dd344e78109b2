"""Labels and definitions of the published statistics (German source texts, translated when
shown)."""

from __future__ import annotations

from ki_desktop.domain.statistics_rules import MASKED, OTHER, SUPPRESSION_LIMIT, TOP_CATEGORIES
from ki_desktop.i18n import N_, _

OVERVIEW = {
    "sessions": N_("Beratungsgespräche (Erstberatungen)"),
    "counselled": N_("beratene Kinder und Jugendliche"),
    "new": N_("neu registrierte Fälle"),
    "recommendations": N_("erstellte Schulempfehlungen"),
    "assigned": N_("Schulplätze zugewiesen"),
    "as_recommended": N_("davon in der empfohlenen Schulform"),
    "school_started": N_("Schulbesuch begonnen"),
    "referrals": N_("Vermittlungen in Angebote"),
    "waiting": N_("ohne Schulplatz am Stichtag"),
}

STAGES = {
    "pre_school": N_("noch nicht im Schulalter"),
    "primary": N_("Grundschule (Klassen 1–4)"),
    "grades_5_7": N_("Sekundarstufe I, Klassen 5–7"),
    "grades_8_10": N_("Sekundarstufe I, Klassen 8–10"),
    "vocational_college": N_("Berufskolleg"),
    "adult_education": N_("18 Jahre und älter (Weiterbildung)"),
    "none": N_("noch keine Empfehlung"),
}

WAITING = {
    "0-14": N_("bis 14 Tage"),
    "15-30": N_("15–30 Tage"),
    "31-60": N_("31–60 Tage"),
    "61-90": N_("61–90 Tage"),
    "91+": N_("mehr als 90 Tage"),
}

SPANS = {
    "to_counselling": N_("Registrierung bis Erstberatung"),
    "to_assignment": N_("Registrierung bis Zuweisung"),
    "to_school_start": N_("Registrierung bis Schulbeginn"),
    "still_waiting": N_("bisherige Wartezeit der Kinder ohne Schulplatz am Stichtag"),
}

ALPHABETISATION = {
    "not_latin": N_("nicht in lateinischer Schrift alphabetisiert (Erstberatung)"),
    "group": N_("Alphabetisierungsgruppe empfohlen"),
}

TITLES = {
    "overview": N_("Überblick"),
    "stage": N_("Beratene Kinder und Jugendliche nach Schulstufe"),
    "age": N_("Beratene Kinder und Jugendliche nach Alter"),
    "sex": N_("Beratene Kinder und Jugendliche nach Geschlecht"),
    "nationality": N_("Beratene Kinder und Jugendliche nach Staatsangehörigkeit"),
    "language": N_("Beratene Kinder und Jugendliche nach Erstsprache"),
    "municipality": N_("Beratene Kinder und Jugendliche nach Wohnort"),
    "alphabetisation": N_("Alphabetisierungsbedarf der beratenen Kinder und Jugendlichen"),
    "school_forms": N_("Zuweisungen: empfohlene und zugewiesene Schulform"),
    "without_place": N_("Ohne Schulplatz am Stichtag nach Wartezeit seit der Registrierung"),
    "waiting_times": N_("Wartezeiten in Tagen"),
    "referrals": N_("Vermittlungen in Angebote nach Kategorie"),
}


def title(key: str) -> str:
    """The translated title of a table."""
    return _(TITLES[key])


FIRST_COLUMNS = {
    "overview": N_("Kennzahl"),
    "stage": N_("Schulstufe"),
    "age": N_("Alter"),
    "sex": N_("Geschlecht"),
    "nationality": N_("Staatsangehörigkeit"),
    "language": N_("Erstsprache"),
    "municipality": N_("Kommune"),
    "alphabetisation": N_("Merkmal"),
    "school_forms": N_("Schulform"),
    "without_place": N_("Wartezeit"),
    "waiting_times": N_("Zeitspanne"),
    "referrals": N_("Kategorie"),
}


def label(table: dict[str, str], key: str) -> str:
    """The translated label of ``key`` in one of the tables above."""
    return _(table[key]) if key in table else key


def other_label() -> str:
    return _("Sonstige")


def unknown_label() -> str:
    return _("ohne Angabe")


def is_other(key: str) -> bool:
    return key == OTHER


def definitions(period_running: bool, reference: str) -> tuple[tuple[str, str], ...]:
    """(term, how it is counted) of every figure of the report."""
    items = [
        (
            _("Beratene Kinder und Jugendliche"),
            _(
                "Fälle mit mindestens einer Erstberatung im Zeitraum, jeder Fall einmal. "
                "Grundgesamtheit der Tabellen nach Schulstufe, Alter, Geschlecht, "
                "Staatsangehörigkeit, Erstsprache, Wohnort und Alphabetisierung."
            ),
        ),
        (
            _("Beratungsgespräche"),
            _("Alle im Zeitraum geführten Erstberatungen (ein Fall kann mehrere haben)."),
        ),
        (_("Neu registrierte Fälle"), _("Fälle mit Registrierungsdatum im Zeitraum.")),
        (
            _("Schulstufe"),
            _(
                "Aus der letzten Schulempfehlung bis zum Ende des Zeitraums: Stufe und Klasse. "
                "Sekundarstufe I mit Klasse 5–7 oder ohne Klasse zählt zu „Klassen 5–7“, "
                "mit Klasse 8–10 zu „Klassen 8–10“; ohne Empfehlung: „noch keine Empfehlung“."
            ),
        ),
        (_("Alter"), _("Vollendete Lebensjahre am Tag der ersten Erstberatung im Zeitraum.")),
        (
            _("Staatsangehörigkeit, Erstsprache"),
            _(
                "Die bis zu {top} häufigsten Angaben mit mindestens {limit} Fällen im Zeitraum; "
                "alle übrigen sind unter „Sonstige“ zusammengefasst."
            ).format(top=TOP_CATEGORIES, limit=SUPPRESSION_LIMIT),
        ),
        (
            _("Alphabetisierung"),
            _(
                "Nicht alphabetisiert: eine Erstberatung im Zeitraum ergab, dass das Kind die "
                "lateinische Schrift nicht liest und schreibt. Alphabetisierungsgruppe: in der "
                "letzten Empfehlung bis zum Ende des Zeitraums vorgesehen. Mehrfachnennung möglich."
            ),
        ),
        (
            _("Empfohlene und zugewiesene Schulform"),
            _(
                "Fälle mit Zuweisung eines Schulplatzes im Zeitraum. Empfohlen: die erste "
                "(am besten passende) Schulform der letzten Empfehlung vor der Zuweisung; "
                "zugewiesen: die Schulform der zugewiesenen Schule."
            ),
        ),
        (
            _("Ohne Schulplatz am Stichtag"),
            _(
                "Fälle, die am Stichtag registriert, nicht abgeschlossen und weder einer Schule "
                "zugewiesen waren noch die Schule besuchten; ohne Kinder, deren letzte "
                "Empfehlung „noch nicht im Schulalter“ oder „18 Jahre und älter“ lautet. Fälle "
                "mit dem Status „Schule zugewiesen“ oder später ohne Datum gelten als versorgt. "
                "Wartezeit: Tage von der Registrierung bis zum Stichtag."
            ),
        ),
        (
            _("Stichtag"),
            _("Der letzte Tag des Zeitraums, bei einem laufenden Zeitraum der {day}.").format(
                day=reference
            )
            if period_running
            else _("Der letzte Tag des jeweiligen Zeitraums."),
        ),
        (
            _("Wartezeiten"),
            _(
                "Tage von der Registrierung bis zur ersten Erstberatung überhaupt (Fälle, deren "
                "erste Erstberatung im Zeitraum lag), bis zur Zuweisung (Zuweisung im Zeitraum) "
                "und bis zum Schulbeginn (Schulbeginn im Zeitraum). Fälle ohne "
                "Registrierungsdatum oder mit einem Datum vor der Registrierung zählen nicht."
            ),
        ),
        (
            _("Median, 90. Perzentil"),
            _(
                "Rangwert-Methode: der kleinste Wert, bei dem mindestens 50 % bzw. 90 % der "
                "Fälle höchstens so lange gewartet haben. Nur angegeben, wenn mindestens "
                "{limit} Fälle beitragen."
            ).format(limit=SUPPRESSION_LIMIT),
        ),
        (
            _("Vermittlungen"),
            _("Vermittlungen in ein Angebot mit Datum im Zeitraum, nach Kategorie des Angebots."),
        ),
        (
            _("Geheimhaltung"),
            _(
                "Fallzahlen von 1 bis {below} werden als „<{limit}“ ausgewiesen. Ließen sich "
                "solche Werte aus der Summe einer Spalte errechnen, werden zusätzlich die "
                "nächstkleineren Werte der Spalte gesperrt („{masked}“), bis das nicht mehr "
                "geht; bleibt kein Wert dafür, wird die Summe gesperrt. Eine „davon“-Zahl wird "
                "gesperrt, wenn der Rest zu ihrer Gesamtzahl 1 oder 2 wäre. Summen werden aus den "
                "wahren Werten gebildet. Der Bericht enthält nur Summen, keine Namen, Freitexte "
                "oder besonderen Kategorien personenbezogener Daten."
            ).format(below=SUPPRESSION_LIMIT - 1, limit=SUPPRESSION_LIMIT, masked=MASKED),
        ),
    ]
    return tuple(items)
