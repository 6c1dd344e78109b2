"""„Passwort im Schlüsselbund merken“ after the remembered password stopped fitting (the
server's password was changed): the prompt comes with the box ticked again, as the user had
chosen before; a first prompt leaves it off."""

from __future__ import annotations

from ki_desktop.services import server_login
from ki_desktop.services.server_login import PasswordAnswer
from tests.services.test_server_login import (  # noqa: F401 - fixtures
    RIGHT,
    Prompt,
    _connect,
    os_keyring,
    stand_in,
)

KEY = (server_login.KEYRING_SERVICE, "beratung@db.kreis.local:5432/ki")


def test_a_remembered_password_that_no_longer_fits_asks_with_remembering_on(
    stand_in,  # noqa: F811
    os_keyring,  # noqa: F811
):
    os_keyring.items[KEY] = "alt"
    prompt = Prompt(PasswordAnswer(RIGHT, remember=True))
    server_login.install(prompt)
    _connect().close()
    (request,) = prompt.requests
    assert request.remembered_before and request.can_remember
    assert os_keyring.items[KEY] == RIGHT  # remembered again once the server took it


def test_a_first_prompt_and_a_second_try_leave_remembering_off(
    stand_in,  # noqa: F811
    os_keyring,  # noqa: F811
):
    prompt = Prompt(PasswordAnswer("falsch"), PasswordAnswer(RIGHT))
    server_login.install(prompt)
    _connect().close()
    assert [r.remembered_before for r in prompt.requests] == [False, False]
    assert KEY not in os_keyring.items
