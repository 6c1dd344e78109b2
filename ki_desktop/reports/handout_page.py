"""The page furniture of the bilingual handouts: "Seite x von y" in German and in the family's
language, drawn once the page count is known."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ki_desktop.reports.pdf_style import FOOTER_TOP, GREY, PAGE_WIDTH, RIGHT
from ki_desktop.reports.script_text import layout_line
from ki_desktop.reports.scripts import ScriptFonts, is_rtl_language

PAGE_SIZE = 7.5


class BilingualNumberedCanvas(Canvas):
    """A canvas that writes the page number in the footer in German ("Seite 2 von 3") and,
    under it, in the family's language. ``family_label`` is the translated template with
    ``{page}`` and ``{pages}``, or "" for German only."""

    def __init__(
        self, *args, fonts: ScriptFonts, language: str, german_label: str, family_label: str, **kw
    ) -> None:
        super().__init__(*args, **kw)
        self._fonts = fonts
        self._language = language
        self._german = german_label
        self._family = family_label
        self._page_states: list[dict] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._page_states.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._page_states)
        for state in self._page_states:
            self.__dict__.update(state)
            self._draw_numbers(self._pageNumber, total)
            super().showPage()
        super().save()

    def _draw_numbers(self, page: int, total: int) -> None:
        y = FOOTER_TOP - 5 * mm
        right = PAGE_WIDTH - RIGHT
        self.setFillColor(GREY)
        german = self._german.format(page=page, pages=total)
        self.setFont(self._fonts.base.regular, PAGE_SIZE)
        self.drawRightString(right, y, german)
        if not self._family:
            return
        family = self._family.format(page=page, pages=total)
        rtl = is_rtl_language(self._language)
        runs = layout_line(family, self._fonts, PAGE_SIZE, rtl=rtl, language=self._language)
        # under the German one, right-aligned: beside it, it would run into the KI's name
        x = right - sum(run.width for run in runs)
        for run in runs:
            text = self.beginText(x, y - 3.5 * mm)
            text.setFont(run.font, PAGE_SIZE)
            text.textOut(run.glyphs)
            self.drawText(text)
            x += run.width


def page_texts(german_label: str, family_label: str) -> list[str]:
    """The texts of the page numbers, for looking up their fonts before writing."""
    return [german_label, family_label]
