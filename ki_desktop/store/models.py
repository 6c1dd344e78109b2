"""peewee models of the domain core.

Every record carries what sync needs: a UUID primary key, created/updated timestamps (UTC),
a version counted up on every change and the id of the device that changed it last. Deleting
through :func:`ki_desktop.store.records.delete_record` leaves a :class:`Tombstone`.
"""

from __future__ import annotations

import secrets
import time
import uuid
from datetime import UTC, datetime

import peewee as pw

DB = pw.DatabaseProxy()

# Set by the connection once the settings table is readable; stamped on every save.
_device = {"id": ""}


_last_v7 = {"ms": 0, "seq": 0}


# Namespace of the ids derived from what names a record (see ``shared_id``).
_SHARED_IDS = uuid.UUID("5b0f3c1e-8d2a-4f6b-9c71-2e4d6a8b0c13")


def shared_id(kind: str, *names: str) -> str:
    """An id derived from what names a record (a provider's name; an offer's title, provider
    and municipality), the same on every device: two laptops that import the same catalogue
    create the same records, which the sync then merges instead of doubling."""
    return uuid.uuid5(_SHARED_IDS, "\x1f".join((kind, *names))).hex


def new_id() -> str:
    """A UUID version 7 (RFC 9562) as 32 hex digits: time-ordered, so that bulk inserts
    append to the primary-key indexes instead of scattering over them, and random enough to
    be unique across devices."""
    ms = time.time_ns() // 1_000_000
    if ms <= _last_v7["ms"]:
        ms = _last_v7["ms"]
        _last_v7["seq"] += 1
    else:
        _last_v7["ms"], _last_v7["seq"] = ms, secrets.randbits(10)
    seq = _last_v7["seq"] & 0xFFF
    value = (ms & 0xFFFFFFFFFFFF) << 80 | 0x7 << 76 | seq << 64 | 0b10 << 62 | secrets.randbits(62)
    return uuid.UUID(int=value).hex


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def set_current_device(device_id: str) -> None:
    _device["id"] = device_id


def current_device() -> str:
    return _device["id"]


class Plain(pw.Model):
    """Infrastructure tables that are not synced (settings, schema version)."""

    class Meta:
        database = DB
        legacy_table_names = False


class Record(Plain):
    """Base of every synced record."""

    id = pw.CharField(primary_key=True, max_length=32, default=new_id)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow, index=True)
    version = pw.IntegerField(default=1)
    device_id = pw.CharField(max_length=32, default=current_device)

    def save(self, *args, **kwargs):
        """Stamp time, device and version on every change (``create`` inserts version 1)."""
        if not kwargs.get("force_insert"):
            self.version = (self.version or 0) + 1
        self.updated_at = utcnow()
        self.device_id = current_device()
        return super().save(*args, **kwargs)


class Setting(Plain):
    key = pw.CharField(primary_key=True)
    value = pw.TextField()


class SchemaVersion(Plain):
    version = pw.IntegerField()
    applied_at = pw.DateTimeField(default=utcnow)


class Tombstone(Plain):
    """A deleted record, kept so that the deletion reaches the other devices."""

    table = pw.CharField()
    record_id = pw.CharField(max_length=32)
    deleted_at = pw.DateTimeField(default=utcnow)
    device_id = pw.CharField(max_length=32, default=current_device)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("table", "record_id"), True),)


class Municipality(Record):
    ags = pw.CharField(max_length=8, unique=True)
    name = pw.CharField()
    kreis = pw.CharField(max_length=5, index=True)


class User(Record):
    username = pw.CharField(unique=True)
    display_name = pw.CharField()
    role = pw.CharField(default="counsellor")  # before v11; ``roles`` is in force
    password_hash = pw.CharField(null=True)  # unused: passwords unlock key slots (keyfile)
    active = pw.BooleanField(default=True)
    roles = pw.CharField(default="counsellor")  # comma-separated ki_desktop.domain.roles.Role
    team = pw.CharField(default="")  # counsellors of one team see each other's cases
    last_login = pw.DateTimeField(null=True)


class School(Record):
    schulnummer = pw.CharField(max_length=6, unique=True)
    schulform = pw.CharField(max_length=2, index=True)
    name = pw.CharField()
    short_name = pw.CharField(default="")
    street = pw.CharField(default="")
    postcode = pw.CharField(default="")
    city = pw.CharField(default="")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    homepage = pw.CharField(default="")
    ags = pw.CharField(max_length=8, index=True)
    municipality = pw.ForeignKeyField(Municipality, null=True, on_delete="SET NULL")
    public = pw.BooleanField(default=True)
    in_operation = pw.BooleanField(default=True, index=True)
    utm_east = pw.FloatField(null=True)
    utm_north = pw.FloatField(null=True)
    # The KI's own data per school.
    erstfoerderung_places = pw.IntegerField(default=0)
    erstfoerderung_free = pw.IntegerField(default=0)
    contact_person = pw.CharField(default="")
    notes = pw.TextField(default="")


class Case(Record):
    """The child or young person."""

    first_name = pw.CharField()
    last_name = pw.CharField(index=True)
    birth_date = pw.DateField(null=True, index=True)
    sex = pw.CharField(max_length=1, default="x")
    country_of_birth = pw.CharField(max_length=2, default="")
    nationality = pw.CharField(max_length=2, default="", index=True)
    arrival_date = pw.DateField(null=True)
    assignment_date = pw.DateField(null=True)
    registered_on = pw.DateField(null=True, index=True)
    municipality = pw.ForeignKeyField(Municipality, null=True, on_delete="SET NULL", index=True)
    address = pw.CharField(default="")
    first_language = pw.CharField(max_length=8, default="")
    status = pw.CharField(default="registered", index=True)
    status_changed_on = pw.DateField(null=True)
    counsellor = pw.ForeignKeyField(User, null=True, on_delete="SET NULL", index=True)
    assigned_school = pw.ForeignKeyField(School, null=True, on_delete="SET NULL")
    assigned_on = pw.DateField(null=True)
    school_start_on = pw.DateField(null=True)
    closed_reason = pw.CharField(default="")


class Guardian(Record):
    case = pw.ForeignKeyField(Case, backref="guardians", on_delete="CASCADE")
    name = pw.CharField()
    relation = pw.CharField(default="")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    address = pw.CharField(default="")
    has_custody = pw.BooleanField(default=True)


class IntakeInterview(Record):
    case = pw.ForeignKeyField(Case, backref="interviews", on_delete="CASCADE")
    held_on = pw.DateField()
    counsellor = pw.ForeignKeyField(User, null=True, on_delete="SET NULL")
    interpreter_needed = pw.BooleanField(default=False)
    interpreter_language = pw.CharField(max_length=8, default="")
    latin_literate = pw.BooleanField(null=True)
    other_scripts = pw.CharField(default="")
    german_level = pw.CharField(max_length=4, default="none")
    english_level = pw.CharField(max_length=4, default="")
    maths_level = pw.CharField(default="")
    interests = pw.TextField(default="")
    literate_other_script = pw.BooleanField(null=True)
    documents_seen = pw.CharField(default="")  # comma list: id, meldebescheinigung, ...
    # Special categories (Art. 9 GDPR): optional, never exported.
    special_needs = pw.TextField(default="")
    health_notes = pw.TextField(default="")
    notes = pw.TextField(default="")


class SchoolHistory(Record):
    case = pw.ForeignKeyField(Case, backref="school_history", on_delete="CASCADE")
    country = pw.CharField(max_length=2, default="")
    school_type = pw.CharField(default="")
    year_from = pw.IntegerField(null=True)
    year_to = pw.IntegerField(null=True)
    grades = pw.CharField(default="")
    gap_reason = pw.CharField(default="")


class LanguageSkill(Record):
    case = pw.ForeignKeyField(Case, backref="languages", on_delete="CASCADE")
    language = pw.CharField(max_length=8)
    level = pw.CharField(default="")
    is_family_language = pw.BooleanField(default=False)
    is_first_language = pw.BooleanField(default=False)


class Consent(Record):
    case = pw.ForeignKeyField(Case, backref="consents", on_delete="CASCADE")
    kind = pw.CharField()  # data_processing | school_schulamt | gesundheitsamt
    given = pw.BooleanField(default=False)
    given_on = pw.DateField(null=True)
    given_by = pw.CharField(default="")


class Recommendation(Record):
    case = pw.ForeignKeyField(Case, backref="recommendations", on_delete="CASCADE")
    created_on = pw.DateField()
    rules_version = pw.CharField()
    stage = pw.CharField()
    grade = pw.IntegerField(null=True)
    school_forms = pw.CharField(default="")  # comma list of Schulform keys, in order of fit
    support = pw.CharField(default="")
    reasons = pw.TextField(default="")  # one reason a line
    school = pw.ForeignKeyField(School, null=True, on_delete="SET NULL")


class Provider(Record):
    name = pw.CharField(unique=True)
    contact_person = pw.CharField(default="")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    address = pw.CharField(default="")


class Offer(Record):
    title = pw.CharField()
    category = pw.CharField(index=True)
    provider = pw.ForeignKeyField(Provider, null=True, on_delete="SET NULL")
    age_min = pw.IntegerField(null=True)
    age_max = pw.IntegerField(null=True)
    target_group = pw.CharField(default="")
    languages = pw.CharField(default="")  # comma list of ISO 639 codes
    free_of_charge = pw.BooleanField(default=True)
    municipality = pw.ForeignKeyField(Municipality, null=True, on_delete="SET NULL")
    address = pw.CharField(default="")
    schedule = pw.CharField(default="")
    valid_from = pw.DateField(null=True)
    valid_to = pw.DateField(null=True)
    accessibility = pw.CharField(default="")
    description_de = pw.TextField(default="")
    # JSON object: ISO 639 code -> description in that language (for the families' sheets).
    description_translations = pw.TextField(default="")
    # WGS 84 decimal degrees (both or none); last, as schema version 10 added them.
    latitude = pw.FloatField(null=True)
    longitude = pw.FloatField(null=True)


class AuditEvent(Record):
    at = pw.DateTimeField(default=utcnow, index=True)
    user = pw.CharField(default="")
    action = pw.CharField()
    target = pw.CharField(default="")
    detail = pw.TextField(default="")
    # The hash chain (v11): entry n's hash covers its content and entry n-1's hash.
    seq = pw.IntegerField(null=True, unique=True)
    prev_hash = pw.CharField(max_length=64, null=True)
    hash = pw.CharField(max_length=64, null=True)


class CaseHistory(Record):
    """One change to a case: who, when, which field, old → new (kept with the case)."""

    case = pw.ForeignKeyField(Case, backref="history", on_delete="CASCADE")
    at = pw.DateTimeField(default=utcnow, index=True)
    user = pw.CharField(default="")
    field = pw.CharField()
    old = pw.TextField(default="")
    new = pw.TextField(default="")


class Referral(Record):
    """A case referred to an offer (Vermittlung in ein Angebot), for the reports."""

    case = pw.ForeignKeyField(Case, backref="referrals", on_delete="CASCADE")
    offer = pw.ForeignKeyField(Offer, backref="referrals", on_delete="CASCADE")
    referred_on = pw.DateField(index=True)
    note = pw.TextField(default="")
    user = pw.CharField(default="")


class Draft(Plain):
    """The open intake form, saved while typing, so nothing is lost after a crash. Device-local,
    never synced; removed when the case is saved or the draft discarded."""

    key = pw.CharField(primary_key=True)  # "new:<uuid>" or "case:<case id>"
    user = pw.CharField(default="")
    payload = pw.TextField()
    updated_at = pw.DateTimeField(default=utcnow)


class SyncState(Plain):
    """The merge state of one synced record (see :mod:`ki_desktop.sync.merge`), and the local
    sequence number of its last change, by which exports pick what a peer has not seen."""

    table = pw.CharField()
    record_id = pw.CharField(max_length=32)
    state = pw.TextField()
    seq = pw.IntegerField(index=True)
    conflict = pw.BooleanField(default=False, index=True)
    deleted = pw.BooleanField(default=False)

    class Meta:
        primary_key = pw.CompositeKey("table", "record_id")


class SyncPeer(Plain):
    """Another device this one exchanges files with."""

    device = pw.CharField(primary_key=True, max_length=32)
    acked_seq = pw.IntegerField(default=0)  # our changes up to here are on that device
    seen_seq = pw.IntegerField(default=0)  # that device's changes up to here are here
    last_import_at = pw.DateTimeField(null=True)
    last_export_at = pw.DateTimeField(null=True)


class SyncLog(Plain):
    """Every export and import (also refused ones), with counts; no personal data."""

    at = pw.DateTimeField(default=utcnow, index=True)
    direction = pw.CharField()  # export | import
    peer = pw.CharField(default="")
    file_name = pw.CharField(default="")
    result = pw.CharField()  # ok | refused | failed
    records = pw.IntegerField(default=0)
    created = pw.IntegerField(default=0)
    updated = pw.IntegerField(default=0)
    deleted = pw.IntegerField(default=0)
    conflicts = pw.IntegerField(default=0)
    message = pw.TextField(default="")
    user = pw.CharField(default="")


class DeletionLog(Plain):
    """One deleted case (retention or erasure on request), without personal data: the case's
    random id, when and by whom, why, and the month of the last contact."""

    at = pw.DateTimeField(default=utcnow, index=True)
    user = pw.CharField(default="")
    reason = pw.CharField()  # retention | request
    case_ref = pw.CharField(max_length=32)
    last_contact_month = pw.CharField(default="")  # YYYY-MM
    retention_months = pw.IntegerField(null=True)
    records = pw.IntegerField(default=0)  # rows deleted with the case


SYNCED_MODELS: tuple[type[Record], ...] = (
    Municipality,
    User,
    School,
    Case,
    Guardian,
    IntakeInterview,
    SchoolHistory,
    LanguageSkill,
    Consent,
    Recommendation,
    Provider,
    Offer,
    AuditEvent,
    CaseHistory,
    Referral,
)
SYNC_MODELS: tuple[type[Plain], ...] = (SyncState, SyncPeer, SyncLog)
ALL_MODELS: tuple[type[Plain], ...] = (
    Setting,
    SchemaVersion,
    Tombstone,
    Draft,
    DeletionLog,
    *SYNC_MODELS,
    *SYNCED_MODELS,
)
