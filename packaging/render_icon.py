"""Render the application icon ``resources/icons/ki-desktop.svg`` into raster files.

Writes, next to the SVG:

- ``ki-desktop.png``: 256 x 256, for the freedesktop entry and the window icon;
- ``ki-desktop.ico``: a multi-resolution Windows icon (16 to 256 px) for the executable and the
  installer. Every size is rendered from the SVG by QtSvg and stored as PNG inside the ICO
  container (supported by Windows since Vista), so no tool beyond PySide6 is needed.

Usage: ``python packaging/render_icon.py`` (writes the files) or ``--check`` (exit 1 when a
raster file is missing or differs from what the SVG renders to, without writing anything).
Runs without a display (the offscreen platform is used when none is set).
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
SVG = ICON_DIR / "ki-desktop.svg"
PNG = ICON_DIR / "ki-desktop.png"
ICO = ICON_DIR / "ki-desktop.ico"
PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def _render_png(renderer, size: int) -> bytes:
    """The SVG rendered to a ``size`` x ``size`` PNG with a transparent background."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    image = image.convertToFormat(QImage.Format.Format_ARGB32)

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode a {size} px PNG")
    buffer.close()
    return bytes(data)


def _ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO container holding one PNG per size (ICONDIR, ICONDIRENTRY[], image data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries = b""
    blobs = b""
    for size, png in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in the ICO directory
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def render() -> dict[Path, bytes]:
    """The raster files as bytes, keyed by their path."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise RuntimeError(f"{SVG.name} is not a valid SVG")
    pngs = {size: _render_png(renderer, size) for size in ICO_SIZES}
    return {PNG: pngs[PNG_SIZE], ICO: _ico(pngs)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only check that the raster files are up to date"
    )
    args = parser.parse_args(argv)
    files = render()
    if args.check:
        stale = [p for p, data in files.items() if not p.is_file() or p.read_bytes() != data]
        for path in stale:
            print(f"stale or missing: {path.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0
    for path, data in files.items():
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ROOT)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
