"""Domain data types shared by every layer (plain dataclasses, no behaviour beyond small helpers)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum


class CaseStatus(StrEnum):
    """Steps a case goes through, in order; ``closed`` ends a case early."""

    REGISTERED = "registered"
    INTERVIEWED = "interviewed"
    RECOMMENDED = "recommended"
    ASSIGNED = "assigned"
    SCHOOL_STARTED = "school_started"
    FOLLOW_UP = "follow_up"
    CLOSED = "closed"


class Sex(StrEnum):
    FEMALE = "f"
    MALE = "m"
    DIVERSE = "d"
    UNKNOWN = "x"


GERMAN_LEVELS = ("none", "A1", "A2", "B1", "B2", "C1")

SCHOOL_FORMS: dict[str, str] = {
    "02": "Grundschule",
    "04": "Hauptschule",
    "06": "Volksschule",
    "08": "Förderschule",
    "10": "Realschule",
    "13": "PRIMUS-Schule",
    "14": "Sekundarschule",
    "15": "Gesamtschule",
    "16": "Gemeinschaftsschule",
    "17": "Waldorfschule",
    "18": "Hiberniaschule",
    "19": "Freie Waldorfförderschule",
    "20": "Gymnasium",
    "25": "Weiterbildungskolleg",
    "30": "Berufskolleg",
}


def school_form_name(key: str) -> str:
    """German name of an official Schulform key; unknown keys are shown as the key itself."""
    return SCHOOL_FORMS.get(key, f"Schulform {key}")


@dataclass(frozen=True, slots=True)
class Municipality:
    ags: str
    name: str

    @property
    def kreis(self) -> str:
        """The Kreis key: the first five digits of the AGS."""
        return self.ags[:5]


@dataclass(slots=True)
class School:
    schulnummer: str
    schulform: str
    name: str
    short_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    homepage: str = ""
    ags: str = ""
    public: bool = True
    in_operation: bool = True
    utm_east: float | None = None
    utm_north: float | None = None
    erstfoerderung_places: int = 0
    erstfoerderung_free: int = 0
    contact_person: str = ""
    notes: str = ""
    municipality_name: str = ""

    @property
    def schulform_name(self) -> str:
        return school_form_name(self.schulform)


@dataclass(slots=True)
class Guardian:
    name: str
    relation: str = ""
    phone: str = ""
    email: str = ""
    has_custody: bool = True
    id: str | None = None


@dataclass(slots=True)
class SchoolHistoryEntry:
    country: str
    school_type: str
    year_from: int | None = None
    year_to: int | None = None
    grades: str = ""
    gap_reason: str = ""
    id: str | None = None


@dataclass(slots=True)
class LanguageSkill:
    language: str
    level: str = ""
    is_family_language: bool = False
    is_first_language: bool = False
    id: str | None = None


@dataclass(slots=True)
class Consent:
    kind: str
    given: bool
    given_on: date | None = None
    given_by: str = ""
    id: str | None = None


@dataclass(slots=True)
class Interview:
    """The intake interview (Erstberatung)."""

    held_on: date
    interpreter_needed: bool = False
    interpreter_language: str = ""
    latin_literate: bool | None = None
    other_scripts: str = ""
    german_level: str = "none"
    english_level: str = ""
    maths_level: str = ""
    interests: str = ""
    documents_seen: list[str] = field(default_factory=list)
    literate_other_script: bool | None = None
    # Special categories (Art. 9 GDPR): optional, never exported.
    special_needs: str = ""
    health_notes: str = ""
    notes: str = ""
    id: str | None = None


@dataclass(slots=True)
class Case:
    """The child or young person a counsellor works with."""

    first_name: str
    last_name: str
    birth_date: date | None
    sex: Sex = Sex.UNKNOWN
    country_of_birth: str = ""
    nationality: str = ""
    arrival_date: date | None = None
    assignment_date: date | None = None
    registered_on: date | None = None
    municipality_ags: str = ""
    address: str = ""
    first_language: str = ""
    status: CaseStatus = CaseStatus.REGISTERED
    counsellor: str = ""
    closed_reason: str = ""
    id: str | None = None
    version: int = 0
    guardians: list[Guardian] = field(default_factory=list)
    school_history: list[SchoolHistoryEntry] = field(default_factory=list)
    languages: list[LanguageSkill] = field(default_factory=list)
    consents: list[Consent] = field(default_factory=list)
    interviews: list[Interview] = field(default_factory=list)

    @property
    def display_name(self) -> str:
        return f"{self.last_name}, {self.first_name}".strip(", ")

    def age_on(self, day: date) -> int | None:
        """Completed years on ``day``; None when the birth date is unknown."""
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One line of the case list: only what the list shows, so that paging stays cheap."""

    id: str
    last_name: str
    first_name: str
    birth_date: date | None
    nationality: str
    municipality: str
    status: CaseStatus
    registered_on: date | None
    counsellor: str


@dataclass(slots=True)
class Provider:
    name: str
    contact_person: str = ""
    phone: str = ""
    email: str = ""
    id: str | None = None


@dataclass(slots=True)
class Offer:
    title: str
    category: str
    provider_name: str = ""
    age_min: int | None = None
    age_max: int | None = None
    target_group: str = ""
    languages: list[str] = field(default_factory=list)
    free_of_charge: bool = True
    municipality_ags: str = ""
    municipality_name: str = ""
    address: str = ""
    # Where the offer takes place, WGS 84 decimal degrees as copied from a map (both or none).
    latitude: float | None = None
    longitude: float | None = None
    schedule: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    accessibility: str = ""
    description_de: str = ""
    id: str | None = None
    # The description in other languages, by ISO 639 code ("ar", "uk", ...), for the families.
    descriptions: dict[str, str] = field(default_factory=dict)
    # The stored version when loaded (0: not loaded from the store); saving checks it.
    version: int = 0

    def description_in(self, language: str) -> str:
        """The description in ``language`` if there is one, else ""."""
        if language == "de":
            return self.description_de
        return self.descriptions.get(language, "")


@dataclass(frozen=True, slots=True)
class Recommendation:
    case_id: str
    created_on: date
    stage: str
    grade: int | None
    school_forms: list[str]
    support: list[str]
    reasons: list[str]
    rules_version: str
    id: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: datetime
    user: str
    action: str
    target: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReferralEntry:
    """An offer a case was referred to (Vermittlung): when, which offer, a note."""

    id: str
    referred_on: date
    offer_id: str
    offer_title: str
    category: str
    note: str = ""
    user: str = ""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One change to a case: who, when, which field, old → new."""

    at: datetime
    user: str
    field: str
    old: str
    new: str
