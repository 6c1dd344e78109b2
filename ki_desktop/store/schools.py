"""School and municipality repository."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from ki_desktop.domain import model as dm
from ki_desktop.domain.merge import merge_value
from ki_desktop.store.edit_lock import edit_transaction
from ki_desktop.store.models import DB, Municipality, School
from ki_desktop.store.row_writes import locked_by, write_changed

# Columns that come from the official list; the KI's own columns are never overwritten.
OFFICIAL_FIELDS = (
    "schulform",
    "name",
    "short_name",
    "street",
    "postcode",
    "city",
    "phone",
    "email",
    "homepage",
    "ags",
    "public",
    "utm_east",
    "utm_north",
)


@dataclass(frozen=True, slots=True)
class UpsertResult:
    inserted: int
    updated: int
    unchanged: int
    closed: int
    municipalities_added: int


def upsert_municipalities(items: list[dm.Municipality]) -> int:
    """Add municipalities not yet known (by AGS), rename those whose name changed; returns added."""
    existing = {m.ags: m for m in Municipality.select()}
    added = 0
    for item in items:
        row = existing.get(item.ags)
        if row is None:
            Municipality.create(ags=item.ags, name=item.name, kreis=item.ags[:5])
            added += 1
        elif row.name != item.name:
            row.name = item.name
            row.save()
    return added


def upsert_schools(
    schools: list[dm.School], municipalities: list[dm.Municipality], closed: list[str]
) -> UpsertResult:
    """Insert new schools and update changed ones in place, keyed by Schulnummer, in one
    transaction. Schools listed as closed are marked as no longer in operation."""
    inserted = updated = unchanged = closed_count = 0
    with DB.atomic():
        added = upsert_municipalities(municipalities)
        muni_ids = {m.ags: m.id for m in Municipality.select(Municipality.id, Municipality.ags)}
        existing = {s.schulnummer: s for s in School.select()}
        for school in schools:
            row = existing.get(school.schulnummer)
            values = {f: getattr(school, f) for f in OFFICIAL_FIELDS}
            values["municipality"] = muni_ids.get(school.ags)
            if row is None:
                School.create(schulnummer=school.schulnummer, in_operation=True, **values)
                inserted += 1
                continue
            changed = False
            for name, value in values.items():
                current = row.municipality_id if name == "municipality" else getattr(row, name)
                if current != value:
                    setattr(row, name, value)
                    changed = True
            if not row.in_operation:
                row.in_operation = changed = True
            if changed:
                row.save()
                updated += 1
            else:
                unchanged += 1
        for number in closed:
            row = existing.get(number)
            if row is not None and row.in_operation:
                row.in_operation = False
                row.save()
                closed_count += 1
    return UpsertResult(inserted, updated, unchanged, closed_count, added)


def _to_domain(row: School, municipality_name: str = "") -> dm.School:
    return dm.School(
        schulnummer=row.schulnummer,
        schulform=row.schulform,
        name=row.name,
        short_name=row.short_name,
        street=row.street,
        postcode=row.postcode,
        city=row.city,
        phone=row.phone,
        email=row.email,
        homepage=row.homepage,
        ags=row.ags,
        public=row.public,
        in_operation=row.in_operation,
        utm_east=row.utm_east,
        utm_north=row.utm_north,
        erstfoerderung_places=row.erstfoerderung_places,
        erstfoerderung_free=row.erstfoerderung_free,
        contact_person=row.contact_person,
        notes=row.notes,
        municipality_name=municipality_name,
    )


def list_schools(kreis: str = "", include_closed: bool = False) -> list[dm.School]:
    """Schools sorted by municipality and name, optionally of one Kreis."""
    query = (
        School.select(School, Municipality.name.alias("municipality_name"))
        .join(Municipality, pw.JOIN.LEFT_OUTER)
        .order_by(Municipality.name, School.name)
    )
    if kreis:
        query = query.where(School.ags.startswith(kreis))
    if not include_closed:
        query = query.where(School.in_operation == True)  # noqa: E712 - peewee expression
    return [_to_domain(r, getattr(r, "municipality_name", "") or "") for r in query.objects()]


def count_schools(kreis: str = "") -> int:
    """Schools in operation, optionally of one Kreis."""
    query = School.select().where(School.in_operation == True)  # noqa: E712
    if kreis:
        query = query.where(School.ags.startswith(kreis))
    return query.count()


def list_municipalities(kreis: str = "") -> list[dm.Municipality]:
    """Known municipalities sorted by name."""
    query = Municipality.select().order_by(Municipality.name)
    if kreis:
        query = query.where(Municipality.kreis == kreis)
    return [dm.Municipality(ags=m.ags, name=m.name) for m in query]


def schools_of_forms(forms: list[str]) -> list[dm.School]:
    """Schools in operation of the given Schulform keys."""
    if not forms:
        return []
    query = (
        School.select(School, Municipality.name.alias("municipality_name"))
        .join(Municipality, pw.JOIN.LEFT_OUTER)
        .where(School.schulform.in_(forms) & (School.in_operation == True))  # noqa: E712
    )
    return [_to_domain(r, getattr(r, "municipality_name", "") or "") for r in query.objects()]


def schools_in_municipality(ags: str) -> list[dm.School]:
    """Schools in operation in one municipality (for its centre)."""
    query = School.select().where((School.ags == ags) & (School.in_operation == True))  # noqa: E712
    return [_to_domain(r) for r in query]


# The KI's own data of a school, edited by hand (the counts: Erstförderung places).
KI_FIELDS = ("erstfoerderung_places", "erstfoerderung_free", "contact_person", "notes")
_COUNTS = ("erstfoerderung_places", "erstfoerderung_free")


class StaleSchoolDataError(RuntimeError):
    """Someone else changed the KI's data of the school after it was loaded, in a field this
    save changes too; ``fields`` names them, ``current`` is the school as stored now."""

    def __init__(self, fields: list[str], current: dm.School) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields
        self.current = current


def update_ki_data(
    schulnummer: str,
    places: int,
    free: int,
    contact: str,
    notes: str,
    loaded: dm.School | None = None,
) -> bool:
    """Store the KI's own data of one school; False if the school is unknown. The school row
    is read locked and only what changes is written.

    ``loaded``: the school as the editor loaded it. A field only someone else changed since
    keeps their value; a field both changed differently raises
    :class:`StaleSchoolDataError` and nothing is written. For the numbers of places even the
    same new number is a conflict (two people may each have given away one place), and so
    are numbers that no longer fit together (more free places than places)."""
    mine = dict(zip(KI_FIELDS, (places, free, contact, notes), strict=True))
    with edit_transaction():
        row = locked_by(School, School.schulnummer == schulnummer)
        if row is None:
            return False
        values = mine
        if loaded is not None:
            values, conflicts = _merged(loaded, mine, row)
            if conflicts:
                raise StaleSchoolDataError(conflicts, _to_domain(row))
        write_changed(row, **values)
    return True


def _merged(loaded: dm.School, mine: dict, row: School) -> tuple[dict, list[str]]:
    values: dict[str, object] = {}
    conflicts = []
    for name in KI_FIELDS:
        base, theirs = getattr(loaded, name), getattr(row, name)
        try:
            if name in _COUNTS and theirs != base and mine[name] != base:
                raise ValueError("conflict")
            values[name] = merge_value(base, mine[name], theirs)
        except ValueError:
            conflicts.append(name)
    if not conflicts and values["erstfoerderung_free"] > values["erstfoerderung_places"]:
        conflicts = [n for n in _COUNTS if mine[n] != getattr(loaded, n)] or list(_COUNTS)
    return values, conflicts
