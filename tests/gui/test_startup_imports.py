"""Start-up loads no export library: reportlab, HarfBuzz and openpyxl come with the first
export (about 0.15 s saved before the window shows)."""

import os
import subprocess
import sys


def test_the_main_window_module_loads_no_export_library():
    code = (
        "import sys, ki_desktop.gui.main_window; "
        "print(sorted(m for m in ('reportlab', 'uharfbuzz', 'openpyxl') if m in sys.modules))"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
