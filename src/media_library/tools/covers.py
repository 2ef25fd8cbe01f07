"""Book covers as JPEG: a PDF's first page rendered by pdftoppm (poppler-utils), and any other
image converted by ffmpeg. Both run as argv lists with a deadline (``tools/proc.py``)."""

from __future__ import annotations

from pathlib import Path

from . import proc

TIMEOUT_S = 60.0


def pdf_first_page(pdf: Path, out_jpg: Path, *, width: int = 600) -> Path:
    """Render page 1 of ``pdf`` to ``out_jpg`` (``width`` pixels wide)."""
    prefix = out_jpg.with_suffix("")
    proc.run(["pdftoppm", "-jpeg", "-f", "1", "-l", "1", "-singlefile", "-scale-to-x", str(width),
              "-scale-to-y", "-1", str(pdf), str(prefix)], timeout=TIMEOUT_S)
    return prefix.with_suffix(".jpg")


def to_jpeg(image: Path, out_jpg: Path) -> Path:
    """``image`` (PNG, GIF, WebP…) as a JPEG at ``out_jpg``."""
    proc.run(["ffmpeg", "-v", "error", "-nostdin", "-y", "-i", str(image), "-frames:v", "1", "-q:v", "3",
              str(out_jpg)], timeout=TIMEOUT_S)
    return out_jpg
