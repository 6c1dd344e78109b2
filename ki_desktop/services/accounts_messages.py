"""What the account use cases tell the user when the key slots cannot be used: the key file
beside a SQLite database, or the key document inside a server database (``key_store``),
which has no file to fetch from a backup folder."""

from __future__ import annotations

from ki_desktop.i18n import _
from ki_desktop.services.errors import ServiceError
from ki_desktop.store import key_store, keyfile, server


def server_name(location: str) -> str:
    """A server address as shown: without a password, even when one was given in it."""
    try:
        return server.parse_address(location).url
    except server.ServerError:
        return _("Datenbankserver")


def keys_problem(location: str, exc: keyfile.KeyFileError) -> ServiceError:
    """The message for a key file (or key document) that is missing, damaged or
    unreachable."""
    if server.is_server_location(location):
        return _server_problem(location, exc)
    path = keyfile.key_file_path(location)
    if str(exc) == "missing":
        return ServiceError(
            _(
                "Die Schlüsseldatei {path} fehlt. Ohne sie lässt sich die verschlüsselte "
                "Datenbank nicht öffnen. Bitte die Schlüsseldatei aus der letzten Sicherung "
                "zurückholen (jede Sicherung enthält ihre Schlüsseldatei)."
            ).format(path=path)
        )
    return ServiceError(
        _(
            "Die Schlüsseldatei {path} ist beschädigt oder wurde verändert. Bitte die "
            "Schlüsseldatei aus der letzten Sicherung zurückholen."
        ).format(path=path)
    )


def _server_problem(location: str, exc: keyfile.KeyFileError) -> ServiceError:
    name = server_name(location)
    if isinstance(exc, key_store.KeyStoreUnavailable):
        return ServiceError(
            _(
                "Die Anmeldedaten der Benutzerkonten in der Serverdatenbank {server} lassen "
                "sich nicht lesen oder schreiben ({error}). Bitte die Verbindung zum "
                "Datenbankserver prüfen und es erneut versuchen."
            ).format(server=name, error=exc)
        )
    if str(exc) == "missing":
        return ServiceError(
            _(
                "In der Serverdatenbank {server} fehlen die Anmeldedaten der Benutzerkonten. "
                "Bitte die Administration verständigen: Sie stellt sie aus der letzten "
                "Sicherung des Datenbankservers wieder her."
            ).format(server=name)
        )
    return ServiceError(
        _(
            "Die Anmeldedaten der Benutzerkonten in der Serverdatenbank {server} sind "
            "beschädigt oder wurden verändert. Bitte die Administration verständigen: Sie "
            "stellt sie aus der letzten Sicherung des Datenbankservers wieder her."
        ).format(server=name)
    )


def unwritable(path: object, exc: OSError) -> ServiceError:
    """The key file at ``path`` cannot be written (a full disk, no permission)."""
    return ServiceError(
        _("Die Schlüsseldatei {path} kann nicht geschrieben werden: {error}.").format(
            path=path, error=exc.strerror or exc
        )
    )


def no_accounts_yet(on_server: bool) -> ServiceError:
    """A call that needs a logged-in account while the database has none yet."""
    if on_server:
        return ServiceError(
            _(
                "Diese Datenbank hat noch keine Benutzerkonten. Bitte zuerst einen "
                "Administrator einrichten."
            )
        )
    return ServiceError(
        _(
            "Diese Datenbank hat noch keine Benutzerkonten. Bitte zuerst einen "
            "Administrator einrichten (das verschlüsselt die Datenbank)."
        )
    )
