"""The detail panes: a small HTML document (heading, label/value rows, sections, lists) for a
QTextBrowser, with every value escaped. Screen readers read it in document order."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


class DetailDocument:
    """Build the detail of one item; empty values are left out."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        self._parts = [f"<h2>{escape(title)}</h2>"]
        if subtitle:
            self._parts.append(f"<p>{escape(subtitle)}</p>")

    def fields(self, rows: Iterable[tuple[str, str]]) -> DetailDocument:
        cells = [
            f"<tr><th align='left' valign='top' style='white-space: nowrap'>{escape(label)}</th>"
            f"<td>{escape(value).replace(chr(10), '<br>')}</td></tr>"
            for label, value in rows
            if value
        ]
        if cells:
            self._parts.append(
                "<table cellspacing='0' cellpadding='3'>" + "".join(cells) + "</table>"
            )
        return self

    def section(self, heading: str) -> DetailDocument:
        self._parts.append(f"<h3>{escape(heading)}</h3>")
        return self

    def paragraph(self, text: str) -> DetailDocument:
        if text:
            self._parts.append(f"<p>{escape(text).replace(chr(10), '<br>')}</p>")
        return self

    def items(self, lines: Iterable[str], empty: str = "") -> DetailDocument:
        entries = [f"<li>{escape(line)}</li>" for line in lines if line]
        if entries:
            self._parts.append("<ul>" + "".join(entries) + "</ul>")
        elif empty:
            self.paragraph(empty)
        return self

    def html(self) -> str:
        return "\n".join(self._parts)


def placeholder_html(text: str) -> str:
    """What the pane shows while nothing is selected."""
    return f"<p><i>{escape(text)}</i></p>"
