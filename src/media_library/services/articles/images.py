"""An article's images, fetched through the outbound guard and kept beside it.

Each image URL the page names is fetched with ``HttpClient.fetch_untrusted`` (every hop checked and
pinned by the guard, the byte cap and deadline of the article settings), kept only when its bytes
are a raster image (JPEG, PNG, GIF, WebP, AVIF by magic bytes: an SVG can carry script and is never
kept) and named by a hash of its URL, so a retry writes the same names. An image that fails is
left out and logged; the article is saved without it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path

import filetype

from ...errors import MediaLibraryError

RASTER = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/webp": "webp", "image/avif": "avif"}
log = logging.getLogger(__name__)


def image_name(url: str, extension: str) -> str:
    return hashlib.sha256(url.encode()).hexdigest()[:20] + "." + extension


def save_images(http, urls: Iterable[str], folder: Path, *, limit: int, max_bytes: int) -> dict[str, str]:
    """Fetch up to ``limit`` of ``urls`` into ``folder``; ``{page URL: file name}`` of those kept."""
    folder.mkdir(parents=True, exist_ok=True)
    saved: dict[str, str] = {}
    for url in list(dict.fromkeys(urls))[:limit]:
        name = save_image(http, url, folder, max_bytes=max_bytes)
        if name:
            saved[url] = name
    return saved


def save_image(http, url: str, folder: Path, *, max_bytes: int) -> str | None:
    """One image into ``folder`` (written as ``.part`` then renamed); its name, or None when left out."""
    if not url.startswith(("http://", "https://")):
        return None
    try:
        body = http.fetch_untrusted("article image", url)
    except MediaLibraryError as exc:
        log.info("article image left out: %s", exc.message)
        return None
    kind = filetype.guess(body)
    if kind is None or kind.mime not in RASTER or len(body) > max_bytes:
        log.info("article image left out: not a raster image or too large (%d bytes)", len(body))
        return None
    name = image_name(url, RASTER[kind.mime])
    part = folder / f".{name}.part"
    part.write_bytes(body)
    part.replace(folder / name)
    return name
