"""The detail panes: a small HTML document (heading, label/value rows, sections, lists) for a
QTextBrowser, with every value escaped. Screen readers read it in document order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True, slots=True)
class Link:
    """A field value followed by a link: "``text`` – ``label``" (``label`` opens ``url``)."""

    text: str
    label: str
    url: str

    def html(self) -> str:
        # Qt's rich text takes the attribute as written ("&amp;" would stay): only the
        # characters that could end the attribute or the tag are encoded.
        href = self.url.replace("'", "%27").replace('"', "%22").replace("<", "%3C")
        anchor = f"<a href='{href}'>{escape(self.label)}</a>"
        return f"{escape(self.text)} – {anchor}" if self.text else anchor


class DetailDocument:
    """Build the detail of one item; empty values are left out."""

    def __init__(self, title: str, subtitle: str = "") -> None:
        self._parts = [f"<h2>{escape(title)}</h2>"]
        if subtitle:
            self._parts.append(f"<p>{escape(subtitle)}</p>")

    def fields(self, rows: Iterable[tuple[str, str | Link]]) -> DetailDocument:
        cells = [
            f"<tr><th align='left' valign='top' style='white-space: nowrap'>{escape(label)}</th>"
            f"<td>{_value_html(value)}</td></tr>"
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


def _value_html(value: str | Link) -> str:
    if isinstance(value, Link):
        return value.html()
    return escape(value).replace(chr(10), "<br>")


def placeholder_html(text: str) -> str:
    """What the pane shows while nothing is selected."""
    return f"<p><i>{escape(text)}</i></p>"
