"""Offer rows as the search reads them: one SELECT over the offer with its provider and
municipality, and the row as a domain object."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

from ki_desktop.domain import model as dm
from ki_desktop.store.models import DB

SELECT = """SELECT o.id, o.title, o.category, p.name, o.age_min, o.age_max, o.target_group,
    o.languages, o.free_of_charge, m.ags, m.name, o.address, o.schedule, o.valid_from,
    o.valid_to, o.accessibility, o.description_de, o.description_translations, o.latitude,
    o.longitude"""
JOINS = """LEFT JOIN provider p ON p.id = o.provider_id
    LEFT JOIN municipality m ON m.id = o.municipality_id"""


def select_offers(where: str, params: Sequence[object]) -> list[dm.Offer]:
    """The offers of ``WHERE …`` (on ``offer o``, ``?`` placeholders)."""
    sql = f"{SELECT} FROM offer o {JOINS} {where}"
    return [offer_from_row(row) for row in DB.obj.execute_sql(sql, list(params))]


def _day(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def decode_translations(text: str) -> dict[str, str]:
    """The stored translations (a JSON object); anything else reads as none."""
    try:
        value = json.loads(text) if text else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if v}


def encode_translations(descriptions: dict[str, str]) -> str:
    """The translations as stored: a JSON object without empty texts ("" for none)."""
    kept = {code: text for code, text in sorted(descriptions.items()) if text.strip()}
    return json.dumps(kept, ensure_ascii=False) if kept else ""


def offer_from_row(row: Sequence) -> dm.Offer:
    """An offer from a row of ``SELECT``."""
    return dm.Offer(
        id=row[0],
        title=row[1],
        category=row[2],
        provider_name=row[3] or "",
        age_min=row[4],
        age_max=row[5],
        target_group=row[6],
        languages=[code for code in row[7].split(",") if code],
        free_of_charge=bool(row[8]),
        municipality_ags=row[9] or "",
        municipality_name=row[10] or "",
        address=row[11],
        schedule=row[12],
        valid_from=_day(row[13]),
        valid_to=_day(row[14]),
        accessibility=row[15],
        description_de=row[16],
        descriptions=decode_translations(row[17]),
        latitude=row[18],
        longitude=row[19],
    )
