"""Use cases around the school list: importing it is the administration's; the schools are
read by counsellors (placement) and administrators, the municipalities by every user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ki_desktop.domain import model as dm
from ki_desktop.domain.roles import Permission
from ki_desktop.domain.school_list import SchoolListError, parse_school_list
from ki_desktop.i18n import _
from ki_desktop.services import session
from ki_desktop.services.case_access import require_any
from ki_desktop.services.database import ServiceError
from ki_desktop.store import schools as repo
from ki_desktop.store.users import record_event


class SchoolDataConflict(ServiceError):
    """Someone else changed the KI's data of a school while it was being edited, in fields
    this save changes too; nothing was written. ``current`` is the school as stored now (to
    edit on top of)."""

    def __init__(self, message: str, fields: list[str], current: dm.School) -> None:
        super().__init__(message)
        self.fields = fields
        self.current = current

    @classmethod
    def of(cls, exc: repo.StaleSchoolDataError) -> SchoolDataConflict:
        """The error for a save of a school's KI data that someone else overtook."""
        labels = {
            "erstfoerderung_places": _("Erstförderplätze insgesamt"),
            "erstfoerderung_free": _("freie Erstförderplätze"),
            "contact_person": _("Ansprechperson"),
            "notes": _("Notizen"),
        }
        current = exc.current
        message = _(
            "Die Schuldaten wurden inzwischen von jemand anderem geändert; jetzt sind "
            "{free} von {places} Erstförderplätzen frei. Nichts gespeichert, da Sie dasselbe "
            "geändert haben: {fields}. Bitte die Angaben prüfen und erneut speichern."
        ).format(
            free=current.erstfoerderung_free,
            places=current.erstfoerderung_places,
            fields=", ".join(labels.get(f, f) for f in exc.fields),
        )
        return cls(message, exc.fields, current)


@dataclass(frozen=True, slots=True)
class SchoolImportReport:
    rows_read: int
    schools_in_file: int
    inserted: int
    updated: int
    unchanged: int
    closed: int
    municipalities: int
    municipalities_added: int


def import_school_list(
    path: str | Path, kreis: str | None = None, user: str | None = None
) -> SchoolImportReport:
    """Import the official NRW school list (schools in operation; optionally one Kreis).

    Re-importing a newer file updates schools in place by Schulnummer and never duplicates them;
    the KI's own data per school (Erstförderung places, contact, notes) is kept.
    """
    current = session.require(Permission.SCHOOLS_EDIT)
    user = user or current.username
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            parsed = parse_school_list(fh, kreis=kreis)
    except FileNotFoundError as exc:
        raise ServiceError(_("Die Datei {path} wurde nicht gefunden.").format(path=path)) from exc
    except UnicodeDecodeError as exc:
        raise ServiceError(
            _(
                "{path} ist keine UTF-8-Textdatei. Bitte die Schulliste so speichern, wie sie "
                "veröffentlicht wird."
            ).format(path=path)
        ) from exc
    except SchoolListError as exc:
        raise ServiceError(str(exc)) from exc
    except OSError as exc:
        raise ServiceError(
            _("{path} kann nicht gelesen werden: {error}").format(path=path, error=exc.strerror)
        ) from exc
    if kreis and not parsed.schools:
        raise ServiceError(
            _("In der Datei gibt es keine Schulen im Kreis {kreis}.").format(kreis=kreis)
        )
    result = repo.upsert_schools(parsed.schools, parsed.municipalities, parsed.closed_schulnummern)
    record_event(
        user,
        "schools.import",
        path.name,
        kreis=kreis or "",
        inserted=result.inserted,
        updated=result.updated,
    )
    return SchoolImportReport(
        rows_read=parsed.rows_read,
        schools_in_file=len(parsed.schools),
        inserted=result.inserted,
        updated=result.updated,
        unchanged=result.unchanged,
        closed=result.closed,
        municipalities=len(parsed.municipalities),
        municipalities_added=result.municipalities_added,
    )


def schools(kreis: str = "") -> list[dm.School]:
    """Schools in operation, by municipality and name."""
    require_any(Permission.PLACEMENT, Permission.SCHOOLS_EDIT)
    return repo.list_schools(kreis)


def municipalities(kreis: str = "") -> list[dm.Municipality]:
    """Known municipalities by name (public reference data: any logged-in user)."""
    session.current()
    return repo.list_municipalities(kreis)
