"""Command line for administrators and scripts (argparse). No Qt.

Every subcommand takes ``--db`` and exits non-zero with one line on bad input, never a
traceback.
"""
