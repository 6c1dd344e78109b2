"""Start-up and wiring: parse the command line, then run a subcommand or the GUI."""

from __future__ import annotations

import logging
import os
import sys

from ki_desktop.cli.parser import parse
from ki_desktop.i18n import _, set_ui_language

log = logging.getLogger("ki_desktop")


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``ki-desktop``."""
    args = parse(argv)
    try:
        if args.command:
            set_ui_language(args.lang or os.environ.get("KI_DESKTOP_LANG", "de"))
            from ki_desktop.cli.commands import run

            return run(args)
        # The GUI also honours the language saved in its settings (Sprache der Oberfläche):
        # --lang > KI_DESKTOP_LANG > the saved setting > German.
        from ki_desktop.gui.ui_language import startup_ui_language

        set_ui_language(startup_ui_language(args.lang))
        from ki_desktop.gui.run import run_gui

        return run_gui(getattr(args, "db", None), demo=args.demo, demo_size=args.demo_size)
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
