"""Errors of the report builders that callers catch without loading reportlab."""

from __future__ import annotations


class FontMissingError(RuntimeError):
    """No font with the needed characters was found in the searched folders."""
