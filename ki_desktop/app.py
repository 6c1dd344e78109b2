"""Start-up and wiring: parse the command line, then run a subcommand or the GUI."""

from __future__ import annotations

import logging
import os
import sys

from ki_desktop.cli.parser import parse
from ki_desktop.i18n import _, set_ui_language
from ki_desktop.paths import DB_ENV_VAR

log = logging.getLogger("ki_desktop")


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``ki-desktop``."""
    args = parse(argv)
    try:
        if args.command:
            set_ui_language(args.lang or os.environ.get("KI_DESKTOP_LANG", "de"))
            from ki_desktop.cli.commands import run
            from ki_desktop.services import server_login

            # A server's password: environment, keyring, else typed in the terminal; one
            # written into the address is taken out of it.
            passwords = server_login.install(server_login.terminal_prompt)
            given = getattr(args, "db", None) or os.environ.get(DB_ENV_VAR, "").strip()
            if given:
                args.db = passwords.adopt(given)
            return run(args)
        # The GUI also honours the language saved in its settings (Sprache der Oberfläche):
        # --lang > KI_DESKTOP_LANG > the saved setting > German.
        from ki_desktop.gui.ui_language import startup_ui_language

        set_ui_language(startup_ui_language(args.lang))
        from ki_desktop.gui.database_choice import startup_database_location
        from ki_desktop.gui.run import run_gui
        from ki_desktop.gui.server_password_dialog import ask_server_password
        from ki_desktop.services import server_login

        # A server's password: environment, keyring, else a small dialog.
        passwords = server_login.install(ask_server_password)
        # --db > KI_DESKTOP_DB > the database chosen in the settings > the file.
        location = passwords.adopt(startup_database_location(getattr(args, "db", None)))
        return run_gui(location, demo=args.demo, demo_size=args.demo_size)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last line of defence: one line, never a traceback
        from ki_desktop.logs import setup_logging

        setup_logging()
        log.exception("unexpected error")
        sys.stderr.write(_("Unerwarteter Fehler: {error}").format(error=exc) + "\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
