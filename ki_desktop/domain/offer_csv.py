"""The offers catalogue as a semicolon CSV file that opens cleanly in Excel: UTF-8 with BOM,
German dates (TT.MM.JJJJ), "ja"/"nein", languages as ISO codes separated by commas, the
municipality by name (AGS accepted on import), age ranges such as "6–18", "ab 27", "bis 3",
coordinates (WGS 84) with a decimal comma, "51,9563" (a decimal point is accepted on import).
Files without the coordinate columns still import.

Reading checks every row and reports each rejected row with its line number and reasons; the
caller decides whether to write anything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from ki_desktop.domain.coordinates import format_degrees
from ki_desktop.domain.model import Municipality, Offer, Provider
from ki_desktop.domain.offer_csv_cells import (
    MAX_AGE,
    MunicipalityResolver,
    OfferCsvError,
    decode,
    format_ages,
    parse_ages,
    parse_day,
    parse_position,
    parse_yes_no,
)
from ki_desktop.domain.offer_search import fold

__all__ = [
    "COLUMNS",
    "HEADERS",
    "MAX_AGE",
    "REQUIRED",
    "TRANSLATION_HEADER",
    "CsvContent",
    "MunicipalityResolver",
    "OfferCsvError",
    "Rejection",
    "decode",
    "format_ages",
    "parse_ages",
    "parse_day",
    "parse_yes_no",
    "read_csv",
    "write_csv",
]

# (key, column header) in file order.
COLUMNS = (
    ("title", "Titel"),
    ("category", "Kategorie"),
    ("provider", "Träger"),
    ("contact_person", "Ansprechperson"),
    ("phone", "Telefon"),
    ("email", "E-Mail"),
    ("ages", "Alter"),
    ("target_group", "Zielgruppe"),
    ("languages", "Sprachen"),
    ("free", "kostenlos"),
    ("municipality", "Gemeinde"),
    ("address", "Adresse"),
    ("latitude", "Breitengrad"),
    ("longitude", "Längengrad"),
    ("schedule", "Termine"),
    ("valid_from", "gültig von"),
    ("valid_to", "gültig bis"),
    ("accessibility", "Barrierefreiheit"),
    ("description", "Beschreibung"),
)
# Descriptions in other languages: one extra column each, "Beschreibung (ar)", after the others.
TRANSLATION_HEADER = "Beschreibung ({code})"
_TRANSLATION_RE = re.compile(r"^\s*Beschreibung\s*\(\s*([A-Za-z]{2,3})\s*\)\s*$")
REQUIRED = ("title", "category", "provider", "ages", "languages", "free", "municipality")
HEADERS = dict(COLUMNS)
# Cells Excel would take for a formula get a leading apostrophe (removed again on import).
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True, slots=True)
class Rejection:
    line: int
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        return f"Zeile {self.line}: " + "; ".join(self.reasons)


@dataclass(slots=True)
class CsvContent:
    """What a file holds: the valid rows (with their line numbers) and the rejected ones."""

    offers: list[tuple[int, Offer]] = field(default_factory=list)
    providers: dict[str, Provider] = field(default_factory=dict)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return len(self.offers) + len(self.rejected)


# -- writing ------------------------------------------------------------------------------


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def write_csv(offers: Iterable[Offer], providers: Iterable[Provider]) -> str:
    """The catalogue as CSV text (without BOM; the caller writes it as "utf-8-sig")."""
    contacts = {p.name: p for p in providers}
    offers = list(offers)
    codes = sorted({code for offer in offers for code in offer.descriptions})
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [header for _key, header in COLUMNS] + [TRANSLATION_HEADER.format(code=c) for c in codes]
    )
    for offer in offers:
        provider = contacts.get(offer.provider_name, Provider(offer.provider_name))
        values = {
            "title": offer.title,
            "category": offer.category,
            "provider": offer.provider_name,
            "contact_person": provider.contact_person,
            "phone": provider.phone,
            "email": provider.email,
            "ages": format_ages(offer.age_min, offer.age_max),
            "target_group": offer.target_group,
            "languages": ", ".join(offer.languages),
            "free": "ja" if offer.free_of_charge else "nein",
            "municipality": offer.municipality_name or offer.municipality_ags,
            "address": offer.address,
            "latitude": format_degrees(offer.latitude),
            "longitude": format_degrees(offer.longitude),
            "schedule": offer.schedule,
            "valid_from": _day(offer.valid_from),
            "valid_to": _day(offer.valid_to),
            "accessibility": offer.accessibility,
            "description": offer.description_de,
        }
        writer.writerow(
            [_cell(values[key]) for key, _header in COLUMNS]
            + [_cell(offer.descriptions.get(code, "")) for code in codes]
        )
    return out.getvalue()


# -- reading ------------------------------------------------------------------------------


def _header_keys(header: list[str]) -> dict[str, int]:
    by_fold = {fold(h): key for key, h in COLUMNS}
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        key = by_fold.get(fold(name))
        if key and key not in positions:
            positions[key] = index
    missing = [HEADERS[k] for k in REQUIRED if k not in positions]
    if missing:
        if len(header) == 1 and ("," in header[0] or "\t" in header[0]):
            raise OfferCsvError(
                "Die Spalten sind nicht durch Semikolon getrennt; bitte als CSV mit "
                "Semikolon speichern."
            )
        names = ", ".join(f"„{m}“" for m in missing)
        what = f"Spalte {names} fehlt" if len(missing) == 1 else f"Spalten {names} fehlen"
        raise OfferCsvError(f"Zeile 1: {what} (erwartet: {'; '.join(HEADERS.values())}).")
    return positions


def _translation_columns(header: list[str], is_language: Callable[[str], bool]) -> dict[str, int]:
    """Positions of the "Beschreibung (xx)" columns by language code."""
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        match = _TRANSLATION_RE.match(name)
        if not match:
            continue
        code = match.group(1).lower()
        if code == "de" or not is_language(code):
            raise OfferCsvError(
                f"Zeile 1: Spalte „{name.strip()}“: „{code}“ ist kein Sprachcode für eine "
                "Übersetzung (zum Beispiel „Beschreibung (ar)“ für Arabisch)."
            )
        if code in columns:
            raise OfferCsvError(f"Zeile 1: Spalte „{name.strip()}“ kommt zweimal vor.")
        columns[code] = index
    return columns


def read_csv(
    text: str,
    municipality: Callable[[str], Municipality | None],
    is_language: Callable[[str], bool],
) -> CsvContent:
    """Check every row of an offers file; ``municipality`` resolves the Gemeinde cell (see
    :class:`MunicipalityResolver`), ``is_language`` says whether an ISO 639 code is known."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    try:
        header = next(reader)
    except StopIteration:
        raise OfferCsvError("Die Datei ist leer.") from None
    positions = _header_keys(header)
    translations = _translation_columns(header, is_language)
    content = CsvContent()
    seen: dict[tuple[str, str, str], int] = {}
    line = reader.line_num + 1
    for record in reader:
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        cells = {key: _uncell(record[i]) if i < len(record) else "" for key, i in positions.items()}
        offer, provider, reasons = _row(cells, municipality, is_language)
        if offer is not None:
            for code, i in translations.items():
                text = _uncell(record[i]) if i < len(record) else ""
                if text:
                    offer.descriptions[code] = text
        if offer is not None:
            key = (offer.title, offer.provider_name, offer.municipality_ags)
            if key in seen:
                reasons.append(f"doppelt: gleiches Angebot wie in Zeile {seen[key]}")
            else:
                seen[key] = start
        if reasons:
            content.rejected.append(Rejection(start, tuple(reasons)))
            continue
        content.offers.append((start, offer))
        if provider is not None:
            content.providers.setdefault(provider.name, provider)
    return content


def _uncell(value: str) -> str:
    value = value.strip()
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def _row(
    cells: dict[str, str],
    municipality: Callable[[str], Municipality | None],
    is_language: Callable[[str], bool],
) -> tuple[Offer | None, Provider | None, list[str]]:
    reasons: list[str] = []

    def check(parse: Callable[[], object], default: object = None) -> object:
        try:
            return parse()
        except ValueError as exc:
            reasons.append(str(exc))
            return default

    get = cells.get
    if not get("title"):
        reasons.append("Titel fehlt")
    if not get("category"):
        reasons.append("Kategorie fehlt")
    ages = check(lambda: parse_ages(get("ages", "")), (None, None))
    codes = [c.strip().lower() for c in re.split(r"[,\s]+", get("languages", "")) if c.strip()]
    unknown = [c for c in codes if not is_language(c)]
    if unknown:
        reasons.append("unbekannter Sprachcode " + ", ".join(f"„{c}“" for c in unknown))
    free = check(lambda: parse_yes_no(get("free", ""), HEADERS["free"]), True)
    muni = check(lambda: municipality(get("municipality", "")))
    start = check(lambda: parse_day(get("valid_from", ""), HEADERS["valid_from"]))
    end = check(lambda: parse_day(get("valid_to", ""), HEADERS["valid_to"]))
    if start and end and start > end:
        reasons.append("„gültig von“ liegt nach „gültig bis“")
    latitude, longitude, position_reasons = parse_position(
        get("latitude", ""),
        get("longitude", ""),
        muni.ags if muni else "",
        HEADERS["latitude"],
        HEADERS["longitude"],
    )
    reasons += position_reasons
    if reasons:
        return None, None, reasons
    provider_name = get("provider", "")
    offer = Offer(
        title=get("title", ""),
        category=get("category", ""),
        provider_name=provider_name,
        age_min=ages[0],
        age_max=ages[1],
        target_group=get("target_group", ""),
        languages=list(dict.fromkeys(codes)),
        free_of_charge=bool(free),
        municipality_ags=muni.ags if muni else "",
        municipality_name=muni.name if muni else "",
        address=get("address", ""),
        latitude=latitude,
        longitude=longitude,
        schedule=get("schedule", ""),
        valid_from=start,
        valid_to=end,
        accessibility=get("accessibility", ""),
        description_de=get("description", ""),
    )
    provider = None
    if provider_name:
        provider = Provider(
            provider_name, get("contact_person", ""), get("phone", ""), get("email", "")
        )
    return offer, provider, reasons
