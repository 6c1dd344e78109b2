"""The KI's own letterhead, as an administrator has entered it (settings "letter.*")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ki_desktop.store.connection import get_setting

if TYPE_CHECKING:
    from ki_desktop.reports.pdf_style import Letterhead


def configured_letterhead() -> Letterhead | None:
    """The letterhead from the settings, or None while no KI name is entered."""
    from ki_desktop.reports.pdf_style import Letterhead  # reportlab: only for an export

    name = get_setting("letter.ki_name", "")
    if not name:
        return None
    return Letterhead(
        name,
        get_setting("letter.street", ""),
        get_setting("letter.postcode_city", ""),
        get_setting("letter.phone", ""),
        get_setting("letter.email", ""),
        get_setting("letter.website", "") or None,
    )
