"""German display texts for the codes the domain stores (status, sex, consent kinds …).

The texts are marked with ``N_`` for extraction and translated when shown, so that a change of
the UI language takes effect without restarting.
"""

from __future__ import annotations

from ki_desktop.domain.model import GERMAN_LEVELS, CaseStatus, Sex
from ki_desktop.i18n import N_, _

_STATUS = {
    CaseStatus.REGISTERED: N_("Registriert"),
    CaseStatus.INTERVIEWED: N_("Erstberatung geführt"),
    CaseStatus.RECOMMENDED: N_("Empfehlung erstellt"),
    CaseStatus.ASSIGNED: N_("Schule zugewiesen"),
    CaseStatus.SCHOOL_STARTED: N_("Schulbesuch begonnen"),
    CaseStatus.FOLLOW_UP: N_("Nachbetreuung"),
    CaseStatus.CLOSED: N_("Abgeschlossen"),
}

_SEX = {
    Sex.FEMALE: N_("weiblich"),
    Sex.MALE: N_("männlich"),
    Sex.DIVERSE: N_("divers"),
    Sex.UNKNOWN: N_("nicht angegeben"),
}

_SCHOOL_TYPES = {
    "none": N_("kein Schulbesuch"),
    "primary": N_("Primarstufe"),
    "lower_secondary": N_("Sekundarstufe I"),
    "upper_secondary_general": N_("Sekundarstufe II (allgemeinbildend)"),
    "upper_secondary_academic": N_("Sekundarstufe II (studienqualifizierend)"),
    "vocational": N_("berufsbildende Schule"),
}

_CONSENTS = {
    "data_processing": N_("Verarbeitung der Daten im KI"),
    "school_schulamt": N_("Weitergabe an Schule und Schulamt"),
    "gesundheitsamt": N_("Weitergabe an das Gesundheitsamt"),
}

_COMPULSORY = {
    "not_yet": N_("noch nicht schulpflichtig"),
    "full_time": N_("vollzeitschulpflichtig"),
    "vocational": N_("schulpflichtig in der Sekundarstufe II"),
    "none": N_("nicht mehr schulpflichtig"),
}

_STAGES = {
    "pre_school": N_("noch nicht im Schulalter"),
    "primary": N_("Primarstufe"),
    "secondary_1": N_("Sekundarstufe I"),
    "vocational_college": N_("Sekundarstufe II (Berufskolleg)"),
    "adult_education": N_("Weiterbildung und Erwachsenenbildung"),
}

_SUPPORT = {
    "integrative": N_("integrativ (Regelklasse mit zusätzlichem Deutschunterricht)"),
    "part_integrative": N_("teilintegrativ (Regelklasse und Deutschfördergruppe)"),
    "separate_group": N_("Deutschfördergruppe (zunächst getrennt)"),
    "alphabetisation_group": N_("Alphabetisierungsgruppe"),
    "international_support_class": N_("Internationale Förderklasse (IFK)"),
    "fit_fuer_mehr": N_("„Fit für mehr“"),
    "integration_course": N_("Integrationskurs"),
}

_DOCUMENTS = {
    "id": N_("Ausweis oder Pass"),
    "meldebescheinigung": N_("Meldebescheinigung"),
    "zeugnis": N_("Zeugnis"),
    "sorgerecht": N_("Sorgerechtsnachweis"),
}


def status_label(status: str) -> str:
    """The German (UI language) name of a case status."""
    # StrEnum members hash and compare like their values, so plain strings find them too.
    text = _STATUS.get(status)
    return _(text) if text else status


def status_choices() -> list[tuple[str, str]]:
    """(status key, label) in the order a case goes through them."""
    return [(status.value, _(text)) for status, text in _STATUS.items()]


def sex_label(sex: str) -> str:
    text = _SEX.get(sex)
    return _(text) if text else sex


def school_type_label(key: str) -> str:
    return _(_SCHOOL_TYPES[key]) if key in _SCHOOL_TYPES else key


def consent_label(kind: str) -> str:
    return _(_CONSENTS[kind]) if kind in _CONSENTS else kind


def document_label(key: str) -> str:
    return _(_DOCUMENTS[key]) if key in _DOCUMENTS else key


def compulsory_label(key: str) -> str:
    """German name of a Schulpflicht code of the placement recommendation."""
    return _(_COMPULSORY[key]) if key in _COMPULSORY else key


def stage_label(key: str) -> str:
    """German name of a school stage code."""
    return _(_STAGES[key]) if key in _STAGES else key


def stage_choices() -> list[tuple[str, str]]:
    """(stage code, label) from the youngest to the oldest."""
    return [(key, _(text)) for key, text in _STAGES.items()]


def support_label(key: str) -> str:
    """German name of an Erstförderung code."""
    return _(_SUPPORT[key]) if key in _SUPPORT else key


def support_choices() -> list[tuple[str, str]]:
    """(Erstförderung code, label) of every kind of Erstförderung."""
    return [(key, _(text)) for key, text in _SUPPORT.items()]


def language_level_label(level: str) -> str:
    """CEFR level as written, "keine Kenntnisse" for none, "" when not assessed."""
    if level == GERMAN_LEVELS[0]:
        return _("keine Kenntnisse")
    return level


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return _("ja") if value else _("nein")


_AGE_GROUPS = {
    "0-5": N_("0–5 Jahre"),
    "6-9": N_("6–9 Jahre"),
    "10-15": N_("10–15 Jahre"),
    "16-17": N_("16–17 Jahre"),
    "18+": N_("18 Jahre und älter"),
}


def age_group_choices() -> list[tuple[str, str]]:
    """(key, label) of the age groups of the case list filter."""
    return [(key, _(label)) for key, label in _AGE_GROUPS.items()]


def age_range_label(low: int | None, high: int | None) -> str:
    """An offer's age range in words: "6–10 Jahre", "ab 16 Jahren", "jedes Alter"."""
    if low is not None and high is not None:
        return _("{low}–{high} Jahre").format(low=low, high=high)
    if low is not None:
        return _("ab {low} Jahren").format(low=low)
    if high is not None:
        return _("bis {high} Jahre").format(high=high)
    return _("jedes Alter")
