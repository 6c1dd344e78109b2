"""Start script of the frozen build: the same ``main`` as the ``ki-desktop`` console script."""

import sys

from ki_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
