"""Cover Art Archive: the image lists of releases and release groups, and front-cover bytes.

Owns the CAA URL layout and the mapping of its JSON to ``CoverArtImage``. The archive answers
``/release/{mbid}`` with a 307 to archive.org and ``/front-500`` with a 307 to the JPEG; the
shared ``HttpClient`` follows both. Having no art is normal, so a 404 is an empty list or None,
never an error.

Must not: touch the database, import Flask, or store images (callers decide where they go).
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import ExternalServiceError, InvalidInput, NotFound
from ..models.metadata import CoverArtImage, dict_or_empty, dicts, str_or_none, strings
from .http import HttpClient

SERVICE = "Cover Art Archive"
SIZES = (250, 500, 1200)
_MBID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")


class CoverArtClient:
    def __init__(self, http: HttpClient, base_url: str):
        self.http = http
        self.base_url = base_url.rstrip("/")

    @classmethod
    def from_settings(cls, settings, http: HttpClient) -> CoverArtClient:
        return cls(http, settings.coverart.base_url)

    def release_art(self, mbid: str) -> list[CoverArtImage]:
        """Every image of a release, front covers first; [] when it has none."""
        return self._images("release", mbid)

    def release_group_art(self, mbid: str) -> list[CoverArtImage]:
        """The images of the release the archive picked for a release group; [] when none."""
        return self._images("release-group", mbid)

    def front_image(self, mbid: str, size: int | None = 500, *, release_group: bool = False) -> bytes | None:
        """The front cover's bytes at 250/500/1200 px (None: the original); None when there is none."""
        if size is not None and size not in SIZES:
            raise InvalidInput(f"cover size must be one of {SIZES} or None, not {size!r}")
        entity = "release-group" if release_group else "release"
        suffix = f"front-{size}" if size else "front"
        try:
            _, headers, body = self.http.request(SERVICE, "GET", f"{self.base_url}/{entity}/{_mbid(mbid)}/{suffix}")
        except NotFound:
            return None
        if not body.startswith(_IMAGE_MAGIC) and not (body[:4] == b"RIFF" and body[8:12] == b"WEBP"):
            raise ExternalServiceError(SERVICE, f"answered {headers.get('content-type', 'something')} "
                                       "instead of an image", transient=True)
        return body

    def _images(self, entity: str, mbid: str) -> list[CoverArtImage]:
        try:
            data = self.http.get_json(SERVICE, f"{self.base_url}/{entity}/{_mbid(mbid)}")
        except NotFound:
            return []
        images = (parse_image(raw) for raw in dicts(dict_or_empty(data).get("images")))
        return sorted((image for image in images if image), key=lambda image: not image.front)


def parse_image(raw: Any) -> CoverArtImage | None:
    raw = dict_or_empty(raw)
    url = str_or_none(raw.get("image"))
    if not url or not url.startswith(("http://", "https://")):
        return None
    image_id = raw.get("id")
    types = strings(raw.get("types"))
    thumbnails = {str(key): value for key, value in dict_or_empty(raw.get("thumbnails")).items()
                  if isinstance(value, str) and value.startswith(("http://", "https://"))}
    return CoverArtImage(
        image_id=str(image_id) if isinstance(image_id, (str, int)) and not isinstance(image_id, bool) else "",
        url=url,
        front=raw.get("front") is True or "Front" in types,
        back=raw.get("back") is True or "Back" in types,
        types=types,
        approved=raw.get("approved") is True,
        thumbnails=thumbnails,
    )


def _mbid(value: Any) -> str:
    text = (str_or_none(value) or "").lower()
    if not _MBID.fullmatch(text):
        raise InvalidInput(f"not a MusicBrainz id: {value!r}")
    return text

