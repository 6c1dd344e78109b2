"""German wording of the Art. 15 case file: field names of the change history, the audit
actions, the explanation for the family."""

from __future__ import annotations

import re

from ki_desktop.i18n import N_, _, ngettext

_FIELDS = {
    "angelegt": N_("Fall angelegt"),
    "first_name": N_("Vorname"),
    "last_name": N_("Nachname"),
    "birth_date": N_("Geburtsdatum"),
    "sex": N_("Geschlecht"),
    "country_of_birth": N_("Geburtsland"),
    "nationality": N_("Staatsangehörigkeit"),
    "arrival_date": N_("Einreise"),
    "assignment_date": N_("Zuweisung an die Gemeinde"),
    "registered_on": N_("Registriert am"),
    "address": N_("Anschrift"),
    "first_language": N_("Erstsprache"),
    "status": N_("Status"),
    "closed_reason": N_("Grund des Abschlusses"),
    "municipality": N_("Gemeinde"),
    "counsellor": N_("Beraterin/Berater"),
    "guardians": N_("Sorgeberechtigte"),
    "school_history": N_("Schulbesuch"),
    "languages": N_("Sprachen"),
    "consents": N_("Einwilligungen"),
    "interviews": N_("Erstberatung"),
}
_LIST_ITEM = re.compile(r"^(\w+)\[(\d+)\]$")

_ACTIONS = {
    "case.read": N_("Fall angesehen"),
    "case.create": N_("Fall angelegt"),
    "case.update": N_("Fall geändert"),
    "case.refer": N_("an ein Angebot vermittelt"),
    "case.case_file": N_("Auskunft nach Art. 15 DSGVO erstellt"),
    "case.school_handover": N_("Übergabe an die Schule erstellt"),
    "placement.accept": N_("Schulempfehlung übernommen"),
    "placement.assigned": N_("Zuweisung durch das Schulamt eingetragen"),
    "placement.school_start": N_("Schulbeginn eingetragen"),
    "report.placement_letter": N_("Brief an das Schulamt erstellt"),
}


def field_label(name: str) -> str:
    """The German name of a field in the change history ("guardians[2]" → "Sorgeberechtigte 2")."""
    item = _LIST_ITEM.match(name)
    if item:
        base = _FIELDS.get(item.group(1))
        return f"{_(base)} {item.group(2)}" if base else name
    text = _FIELDS.get(name)
    return _(text) if text else name


def action_label(action: str) -> str:
    """What an audit event means, in German; the code itself when unknown."""
    text = _ACTIONS.get(action)
    return _(text) if text else action


def retention_text(months: int | None) -> str:
    """How long the data are kept: the configured months, otherwise five years."""
    if months is None:
        return _("5 Jahre nach dem letzten Kontakt")
    if months % 12 == 0:
        years = months // 12
        return ngettext(
            "{n} Jahr nach dem letzten Kontakt", "{n} Jahre nach dem letzten Kontakt", years
        ).format(n=years)
    return ngettext(
        "{n} Monat nach dem letzten Kontakt", "{n} Monate nach dem letzten Kontakt", months
    ).format(n=months)


def explanation(ki_name: str, name: str, retention: str, contact: str) -> list[tuple[str, str]]:
    """The explanation for the family: what this is, why, how long, their rights, whom to ask."""
    return [
        (
            _("Was ist dieses Dokument?"),
            _(
                "Sie haben das Recht zu erfahren, welche Daten über Sie und Ihr Kind gespeichert "
                "sind (Art. 15 Datenschutz-Grundverordnung, DSGVO). Dieses Dokument enthält alle "
                "Daten, die das {ki} zu {name} gespeichert hat, auch den Verlauf der Änderungen "
                "und wer die Daten angesehen oder weitergegeben hat."
            ).format(ki=ki_name, name=name),
        ),
        (
            _("Wozu verarbeiten wir die Daten?"),
            _(
                "Wir beraten Ihre Familie bei der Aufnahme Ihres Kindes in eine Schule in "
                "Nordrhein-Westfalen (Seiteneinsteigerberatung). Dazu erstellen wir eine "
                "Schulempfehlung, geben mit Ihrer Einwilligung Daten an die Schule und das "
                "Schulamt weiter und vermitteln Ihre Familie an passende Angebote. Angaben zur "
                "Gesundheit oder zu besonderem Förderbedarf sind freiwillig (besondere "
                "Kategorien nach Art. 9 DSGVO) und werden nie an andere weitergegeben."
            ),
        ),
        (
            _("Wie lange werden die Daten gespeichert?"),
            _(
                "Die Daten werden spätestens {period} gelöscht. Die Löschung wird protokolliert."
            ).format(period=retention),
        ),
        (
            _("Ihre Rechte"),
            _(
                "Sie können falsche Daten berichtigen lassen (Art. 16 DSGVO) und die Löschung "
                "Ihrer Daten verlangen (Art. 17 DSGVO). Eine Einwilligung können Sie jederzeit "
                "für die Zukunft widerrufen. Sie können sich außerdem bei der Landesbeauftragten "
                "für Datenschutz und Informationsfreiheit Nordrhein-Westfalen beschweren."
            ),
        ),
        (_("Ansprechperson"), contact),
    ]


_ITEM_KEYS = {
    "name": N_("Name"),
    "relation": N_("Beziehung"),
    "phone": N_("Telefon"),
    "email": N_("E-Mail"),
    "has_custody": N_("Sorgerecht"),
    "country": N_("Land"),
    "school_type": N_("Schulart"),
    "year_from": N_("von"),
    "year_to": N_("bis"),
    "grades": N_("Klassen"),
    "gap_reason": N_("Unterbrechung"),
    "language": N_("Sprache"),
    "level": N_("Niveau"),
    "is_family_language": N_("Familiensprache"),
    "is_first_language": N_("Erstsprache"),
    "kind": N_("Art"),
    "given": N_("erteilt"),
    "given_on": N_("am"),
    "given_by": N_("von"),
    "held_on": N_("am"),
    "interpreter_needed": N_("Sprachmittlung"),
    "interpreter_language": N_("Sprache der Sprachmittlung"),
    "latin_literate": N_("lateinische Schrift"),
    "literate_other_script": N_("andere Schrift"),
    "other_scripts": N_("andere Schriften"),
    "german_level": N_("Deutsch"),
    "english_level": N_("Englisch"),
    "maths_level": N_("Mathematik"),
    "interests": N_("Interessen"),
    "documents_seen": N_("Dokumente"),
    "special_needs": N_("Förderbedarf (Art. 9)"),
    "health_notes": N_("Gesundheit (Art. 9)"),
    "notes": N_("Notizen"),
}


def entry_field_label(name: str) -> str:
    """The German name of a field of a list entry (a guardian's "phone" → "Telefon")."""
    text = _ITEM_KEYS.get(name)
    return _(text) if text else name


def _pairs(summary: str) -> dict[str, str] | None:
    """``"name=Iryna; phone=0151 …"`` as a dict; None when it is not such a summary."""
    found: dict[str, str] = {}
    for part in summary.split("; "):
        key, sep, value = part.partition("=")
        if not sep or key not in _ITEM_KEYS:
            return None
        found[key] = value
    return found


def history_values(old: str, new: str) -> tuple[str, str]:
    """Old and new value of a history entry for people to read: for a changed list entry
    (a guardian, a consent …) only the parts that changed, with German names."""
    before, after = _pairs(old) if old else {}, _pairs(new) if new else {}
    if before is None or after is None or not (before or after):
        return old, new
    keys = [k for k in _ITEM_KEYS if k in before or k in after]
    if before and after:
        keys = [k for k in keys if before.get(k) != after.get(k)] or keys

    def show(values: dict[str, str]) -> str:
        return "\n".join(f"{_(_ITEM_KEYS[k])}: {values[k]}" for k in keys if k in values)

    return show(before), show(after)
