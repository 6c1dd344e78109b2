"""``python -m ki_desktop``."""

import sys

from ki_desktop.app import main

sys.exit(main())
