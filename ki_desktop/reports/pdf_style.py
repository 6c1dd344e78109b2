"""Shared look of the PDF letters: fonts, paragraph styles, DIN 5008 page furniture.

The fonts must cover German and the Latin-script names of the families (Turkish ş ğ ı,
Romanian ș ț, Polish ł, ...). Helvetica, reportlab's built-in font, does not; so DejaVu Sans or
Noto Sans (Arial on Windows) is looked up in the usual font folders and registered once per
process. When none is found, :class:`FontMissingError` says which package to install.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, Table, TableStyle

from ki_desktop.i18n import _
from ki_desktop.paths import resources_dir
from ki_desktop.reports.errors import FontMissingError

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT = 25 * mm  # DIN 5008: left margin 25 mm
RIGHT = 20 * mm  # right margin 20 mm
TEXT_WIDTH = PAGE_WIDTH - LEFT - RIGHT
FOOTER_TOP = 22 * mm  # body text ends above the footer rule
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#9a9a9a")
LIGHT = colors.HexColor("#ececec")

# (regular, bold) file names in order of preference; matched case-insensitively.
FONT_CANDIDATES = (
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
)


@dataclass(frozen=True)
class Letterhead:
    """The sending KI, as printed at the top and in the footer of every letter."""

    ki_name: str
    street: str
    postcode_city: str
    phone: str
    email: str
    website: str | None = None


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str


def font_search_dirs() -> list[Path]:
    """The folders searched for fonts: bundled fonts first, then the system's usual places."""
    home = Path.home()
    dirs = [resources_dir() / "fonts"]
    if sys.platform == "win32":
        dirs += [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        dirs += [Path(os.environ.get("LOCALAPPDATA", home)) / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    else:
        data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
        dirs += [home / ".local/share/fonts", home / ".fonts"]
        dirs += [Path(d) / "fonts" for d in data_dirs if d]
    return dirs


def find_font_files(dirs: Sequence[Path | str] | None = None) -> tuple[Path, Path]:
    """The (regular, bold) font files of the first candidate family found in ``dirs``."""
    wanted = {name.lower() for pair in FONT_CANDIDATES for name in pair}
    found: dict[str, Path] = {}
    for folder in font_search_dirs() if dirs is None else [Path(d) for d in dirs]:
        for root, _subdirs, files in os.walk(folder):
            for file in files:
                key = file.lower()
                if key in wanted and key not in found:
                    found[key] = Path(root) / file
        for regular, bold in FONT_CANDIDATES:  # stop at the best family found so far
            if regular.lower() in found and bold.lower() in found:
                return found[regular.lower()], found[bold.lower()]
    raise FontMissingError(
        _(
            "Keine Schrift für die Briefe gefunden (DejaVu Sans oder Noto Sans), "
            "die die Namen mit ş, ğ, ı, ș, ț darstellen kann. Bitte das Paket "
            "„fonts-dejavu-core“ (oder „fonts-noto-core“) installieren."
        )
    )


@lru_cache(maxsize=8)
def _register(dirs: tuple[str, ...] | None) -> Fonts:
    regular, bold = find_font_files(dirs)
    names = Fonts(f"KI-{regular.stem}", f"KI-{bold.stem}")
    registered = pdfmetrics.getRegisteredFontNames()
    for name, path in ((names.regular, regular), (names.bold, bold)):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        names.regular,
        normal=names.regular,
        bold=names.bold,
        italic=names.regular,
        boldItalic=names.bold,
    )
    return names


def letter_fonts(dirs: Sequence[Path | str] | None = None) -> Fonts:
    """Find and register the letter fonts (once per process and folder list)."""
    return _register(None if dirs is None else tuple(str(d) for d in dirs))


@lru_cache(maxsize=8)
def letter_styles(fonts: Fonts) -> dict[str, ParagraphStyle]:
    """Paragraph styles of the letters: body, subject, headings, table cells, bullets, small."""
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10, leading=13.5)
    cell = ParagraphStyle("cell", body, fontSize=9, leading=10.8)
    head = ParagraphStyle("head", cell, fontName=fonts.bold, fontSize=8.5)
    return {
        "body": body,
        "subject": ParagraphStyle("subject", body, fontName=fonts.bold, fontSize=11, leading=14),
        "heading": ParagraphStyle(
            "heading", body, fontName=fonts.bold, spaceBefore=7, spaceAfter=2.5, keepWithNext=1
        ),
        "cell": cell,
        "cell_right": ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        "label": ParagraphStyle("label", cell, fontSize=8.5, textColor=GREY),
        "head": head,
        "head_right": ParagraphStyle("head_right", head, alignment=TA_RIGHT),
        "info_label": ParagraphStyle("info_label", cell, fontSize=7.5, textColor=GREY),
        "info": ParagraphStyle("info", cell, fontSize=8.5),
        "bullet": ParagraphStyle(
            "bullet",
            body,
            fontSize=9.5,
            leading=12.5,
            leftIndent=4.5 * mm,
            bulletIndent=0.5 * mm,
            bulletFontName=fonts.regular,
            spaceAfter=1.5,
        ),
        "small": ParagraphStyle("small", body, fontSize=8.5, leading=11, textColor=GREY),
    }


CELL_PADDING = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
    ("RIGHTPADDING", (0, 0), (-1, -1), 1.5 * mm),
    ("TOPPADDING", (0, 0), (-1, -1), 1.2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ("LINEBELOW", (0, 0), (-1, -1), 0.4, LIGHT),
]


def pairs_table(
    rows: Sequence[tuple[str, str]], styles: dict, widths: tuple[float, float]
) -> Table:
    """A two-column label/value table with thin rules; values are Paragraph markup."""
    cells = [[Paragraph(escape(k), styles["label"]), Paragraph(v, styles["cell"])] for k, v in rows]
    table = Table(cells, colWidths=widths, hAlign="LEFT")
    style = [*CELL_PADDING, ("LEFTPADDING", (0, 0), (0, -1), 0)]
    table.setStyle(TableStyle([*style, ("LINEABOVE", (0, 0), (-1, 0), 0.4, LIGHT)]))
    return table


def side_by_side(left: list, right: list, gap: float = 6 * mm) -> Table:
    """Two columns of flowables next to each other across the text width."""
    half = (TEXT_WIDTH - gap) / 2
    table = Table([[left, "", right]], colWidths=(half, gap, half), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    styles: dict,
    right: Sequence[int] = (),
) -> Table:
    """A table with a shaded header row repeated on every page; ``right`` columns align right."""

    def cell(text: str, col: int, kind: str) -> Paragraph:
        return Paragraph(text, styles[f"{kind}_right" if col in right else kind])

    data = [[cell(escape(h), c, "head") for c, h in enumerate(header)]]
    data += [[cell(v, c, "cell") for c, v in enumerate(row)] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(TableStyle([*CELL_PADDING, ("BACKGROUND", (0, 0), (-1, 0), LIGHT)]))
    return table


def draw_fold_marks(canvas: Canvas) -> None:
    """Fold marks at 105 mm and 210 mm and the punch mark at 148.5 mm (DIN 5008 form B)."""
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.4)
    for from_top, length in ((105, 4), (148.5, 6), (210, 4)):
        y = PAGE_HEIGHT - from_top * mm
        canvas.line(4 * mm, y, (4 + length) * mm, y)


def draw_letterhead(canvas: Canvas, head: Letterhead, fonts: Fonts) -> None:
    """First page: the KI's name and address top right, a thin rule above the address zone."""
    right = PAGE_WIDTH - RIGHT
    canvas.setFont(fonts.bold, 12.5)
    canvas.drawRightString(right, PAGE_HEIGHT - 17 * mm, head.ki_name)
    canvas.setFont(fonts.regular, 8.5)
    canvas.setFillColor(GREY)
    phone = _("Telefon {phone}").format(phone=head.phone)
    lines = [head.street, head.postcode_city, phone, head.email, head.website or ""]
    for i, line in enumerate(lines):
        canvas.drawRightString(right, PAGE_HEIGHT - (22.5 + 3.9 * i) * mm, line)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, PAGE_HEIGHT - 43 * mm, right, PAGE_HEIGHT - 43 * mm)


def draw_address(canvas: Canvas, head: Letterhead, recipient: Sequence[str], fonts: Fonts) -> None:
    """The address window (DIN 5008 form B, 45 mm from the top): sender line, then up to
    six lines of the recipient's address."""
    sender = " · ".join((head.ki_name, head.street, head.postcode_city))
    size = min(6.5, 6.5 * 83 * mm / max(canvas.stringWidth(sender, fonts.regular, 6.5), 1))
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.regular, size)  # shrunk to stay inside the 85 mm window
    canvas.drawString(LEFT, PAGE_HEIGHT - 52 * mm, sender)
    width = canvas.stringWidth(sender, fonts.regular, size)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.3)
    canvas.line(LEFT, PAGE_HEIGHT - 52.9 * mm, LEFT + width, PAGE_HEIGHT - 52.9 * mm)
    canvas.setFillColor(colors.black)
    canvas.setFont(fonts.regular, 10)
    for i, line in enumerate(recipient[:6]):
        canvas.drawString(LEFT, PAGE_HEIGHT - (62 + 4.6 * i) * mm, line)


def draw_info_block(canvas: Canvas, rows: Sequence[tuple[str, str]], fonts: Fonts) -> None:
    """The information block at 125 mm from the left edge, level with the sender line."""
    styles = letter_styles(fonts)
    cells = [
        [Paragraph(escape(k), styles["info_label"]), Paragraph(escape(v), styles["info"])]
        for k, v in rows
    ]
    width = PAGE_WIDTH - RIGHT - 125 * mm
    table = Table(cells, colWidths=(24 * mm, width - 24 * mm))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.6),
            ]
        )
    )
    _w, height = table.wrapOn(canvas, width, 45 * mm)
    table.drawOn(canvas, 125 * mm, PAGE_HEIGHT - 49.5 * mm - height)


def draw_running_header(canvas: Canvas, left: str, right: str, fonts: Fonts) -> None:
    """Later pages: a one-line header (subject left, reference right) over a thin rule."""
    canvas.setFont(fonts.regular, 7.5)
    canvas.setFillColor(GREY)
    room = TEXT_WIDTH - canvas.stringWidth(right, fonts.regular, 7.5) - 6 * mm
    while left and canvas.stringWidth(left, fonts.regular, 7.5) > room:
        left = left[:-2] + "…"
    canvas.drawString(LEFT, PAGE_HEIGHT - 14 * mm, left)
    canvas.drawRightString(PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 14 * mm, right)
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, PAGE_HEIGHT - 16 * mm, PAGE_WIDTH - RIGHT, PAGE_HEIGHT - 16 * mm)


def draw_footer(canvas: Canvas, head: Letterhead, fonts: Fonts) -> None:
    """The KI's contact line under a thin rule; the page number is added by the canvas."""
    y = FOOTER_TOP - 5 * mm
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, y + 3.5 * mm, PAGE_WIDTH - RIGHT, y + 3.5 * mm)
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.regular, 7.5)
    canvas.drawString(LEFT, y, " · ".join((head.ki_name, head.street, head.postcode_city)))
    contact = [_("Telefon {phone}").format(phone=head.phone), head.email, head.website]
    canvas.drawString(LEFT, y - 3.5 * mm, " · ".join(part for part in contact if part))
