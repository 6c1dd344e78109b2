"""The page frame of every PDF: A4 with the DIN 5008 margins, the footer kept free, and
"Seite n von m" once the page count is known."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from ki_desktop.i18n import _
from ki_desktop.reports.pdf_style import (
    FOOTER_TOP,
    GREY,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    TEXT_WIDTH,
)


class NumberedCanvas(Canvas):
    """A canvas that writes "Seite n von m" in the footer once the page count is known."""

    def __init__(self, *args, page_font: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._page_font = page_font
        self._page_states: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self.setFont(self._page_font, 7.5)
            self.setFillColor(GREY)
            label = _("Seite {page} von {pages}").format(page=self._pageNumber, pages=total)
            self.drawRightString(PAGE_WIDTH - RIGHT, FOOTER_TOP - 5 * mm, label)
            super().showPage()
        super().save()


PageCallback = Callable[[Canvas, BaseDocTemplate], None]


def din_document(
    target: Path | str | BinaryIO,
    *,
    font: str,
    title: str,
    author: str,
    first_top: float,
    on_first: PageCallback,
    later_top: float | None = None,
    on_later: PageCallback | None = None,
    subject: str | None = None,
) -> BaseDocTemplate:
    """An A4 document with the DIN 5008 side margins and the footer kept free. The text of the
    first page starts ``first_top`` below the top edge; later pages' at ``later_top`` (without
    it, every page is like the first). ``font`` is the document's initial font (not
    Helvetica, which lacks ş ğ ı ș ț)."""
    doc = BaseDocTemplate(
        str(target) if isinstance(target, Path) else target,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        title=title,
        author=author,
        creator="ki-desktop",
        lang="de-DE",
        initialFontName=font,
        **({"subject": subject} if subject else {}),
    )
    bottom = FOOTER_TOP + 2 * mm

    def frame(top: float) -> Frame:
        return Frame(
            LEFT,
            bottom,
            TEXT_WIDTH,
            PAGE_HEIGHT - top - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

    if later_top is None:
        doc.addPageTemplates([PageTemplate("page", [frame(first_top)], onPage=on_first)])
    else:
        first = PageTemplate(
            "first", [frame(first_top)], onPage=on_first, autoNextPageTemplate="later"
        )
        doc.addPageTemplates([first, PageTemplate("later", [frame(later_top)], onPage=on_later)])
    return doc


def build_numbered(doc: BaseDocTemplate, story: list, font: str) -> None:
    """Lay out ``story`` with "Seite n von m" on every page."""
    doc.build(story, canvasmaker=partial(NumberedCanvas, page_font=font))
