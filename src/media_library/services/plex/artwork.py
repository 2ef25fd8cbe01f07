"""Posters from Plex for imported items that have none, cached like TMDb's and served from our
origin (``ArtworkService.open``), so the browser never talks to the Plex server.

The image is fetched from the item's own server (a path on that server, with its token in a
header); only JPEG, PNG or WebP bytes are kept (``sniff_image``).
"""

from __future__ import annotations

import logging
from pathlib import Path

from ...errors import MediaLibraryError
from ..files import write_atomic
from ..library.artwork import ALLOWED_IMAGES, sniff_image

log = logging.getLogger(__name__)


class PlexArtwork:
    def __init__(self, state, cache_dir: Path):
        self.state = state
        self.root = Path(cache_dir) / "artwork"

    def fill(self, client, server_id: int, thumbs: dict[str, str]) -> int:
        """Fetch a poster for each ``ratingKey → thumb`` whose item has no poster yet; how many were stored."""
        if not thumbs:
            return 0
        media_ids, stored = self.state.plex_media_ids(server_id), 0
        for rating_key, thumb in thumbs.items():
            media_id = media_ids.get(rating_key)
            if media_id is None or any(a.kind == "poster" for a in self.state.list_artwork(media_id)):
                continue
            try:
                data = client.image(thumb)
            except MediaLibraryError as exc:
                log.warning("No Plex poster for item %s: %s", rating_key, exc.message)
                continue
            mime = sniff_image(data)
            if mime is None:
                continue
            folder = self.root / media_id
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"poster{ALLOWED_IMAGES[mime]}"
            write_atomic(target, data)
            self.state.set_artwork(media_id, "poster", str(target), f"plex:{server_id}:{thumb}")
            stored += 1
        return stored
