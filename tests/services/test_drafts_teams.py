"""Drafts of the case form hold what was typed (names, birth dates, addresses): a counsellor
reads those of their own team only, like the cases themselves."""

from __future__ import annotations

import pytest

from ki_desktop.domain.roles import Role
from ki_desktop.services import intake, session
from ki_desktop.services.errors import PermissionDenied
from ki_desktop.services.session import Session
from tests.services.role_world import TEAM, fresh_world, world_file  # noqa: F401 (fixtures)

ANNA = Session("abecker", "Anna Becker", frozenset({Role.COUNSELLOR}), TEAM)
JONAS = Session("jhoffmann", "Jonas Hoffmann", frozenset({Role.COUNSELLOR}), TEAM)
MIRIAM = Session("mschulte", "Miriam Schulte", frozenset({Role.COUNSELLOR}), "Süd")


def keys(user: str | None = None) -> set[str]:
    return {key for key, _payload, _at in intake.drafts(user)}


def test_drafts_of_another_team_stay_hidden(fresh_world):  # noqa: F811
    other = f"case:{fresh_world.other_case}"
    team = f"case:{fresh_world.team_case}"
    session.begin(MIRIAM)
    intake.save_draft(other, None, {"case": {"last_name": "Haidari"}})
    intake.save_draft("new:sued", None, {"case": {"last_name": "Rahimi"}})
    session.begin(JONAS)
    intake.save_draft(team, None, {"case": {"last_name": "Kovalenko"}})
    session.begin(ANNA)
    intake.save_draft("new:nord", None, {"case": {"last_name": "Şahin"}})

    assert keys() == {"new:nord", team}  # her own and her team's, not Miriam's
    assert keys("mschulte") == set()  # naming the author does not help
    assert keys("abecker") == {"new:nord"}
    with pytest.raises(PermissionDenied):
        intake.discard_draft(other)

    session.begin(MIRIAM)
    assert keys("mschulte") == {other, "new:sued"}  # untouched
