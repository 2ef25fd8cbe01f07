"""Artwork: posters and backdrops from TMDb's image configuration, cached under the data folder.

Owns the cache layout ``<cache_dir>/artwork/<media_id>/<kind>.<ext>`` and the rule that only
images whose *bytes* are JPEG, PNG or WebP are kept (an SVG or HTML page is refused: it could carry script); the web
layer serves them with the content type sniffed here and ``nosniff``. An image already cached
from the same URL is not fetched again.

Music: an album's poster is the ``cover.jpg`` (or ``cover.png``, ``folder.jpg``) in the folder of
its tracks when there is one (identification saves it there), else the cover cached for one of
its tracks; an artist's is its first album's (in year order) that has one. Such a folder image is
served only when its real path is inside a library root and its bytes are an allowed image.

Must not: make HTTP calls except through the TMDb client (``download_image`` only accepts
TMDb's image base URL and fetches through the outbound guard, so an image that redirects inside
is refused and the item stays without art), or serve files (the web layer does).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import filetype

from ...errors import ExternalServiceError, InvalidInput, NotFound
from ...models import Artwork, MediaItem
from ...models.library import TMDB_IMAGE_NAME
from ..files import write_atomic

log = logging.getLogger(__name__)
ALLOWED_IMAGES = {"image/jpeg": ".jpg", "image/png": ".png", "image/webp": ".webp"}
KINDS = {"poster": ("poster_path", "w500"), "backdrop": ("backdrop_path", "w1280")}
FOLDER_COVERS = ("cover.jpg", "cover.png", "folder.jpg")


def sniff_image(data: bytes) -> str | None:
    """The MIME type of an allowed image by its magic bytes, or None."""
    kind = filetype.guess(data[:1024]) if data else None
    return kind.mime if kind is not None and kind.mime in ALLOWED_IMAGES else None


class ArtworkService:
    def __init__(self, state, tmdb, cache_dir: Path, library_roots: tuple[Path, ...] = ()):
        self.state = state
        self.tmdb = tmdb
        self.root = Path(cache_dir) / "artwork"
        self.library_roots = tuple(os.path.realpath(r) for r in library_roots)

    def fetch_for(self, item: MediaItem) -> list[Artwork]:
        """Cache the poster and backdrop TMDb lists for ``item``; failures leave the item without."""
        have = {a.kind: a for a in self.state.list_artwork(item.id)}
        stored = []
        for kind, (key, size) in KINDS.items():
            path = (item.extra or {}).get(key)
            if not path:
                continue
            try:
                stored.append(self._fetch(item.id, kind, path, size, have.get(kind)))
            except (ExternalServiceError, InvalidInput) as exc:
                log.warning("No %s for %s: %s", kind, item.title, exc.message)
        return stored

    def _fetch(self, media_id: str, kind: str, image_path: str, size: str, cached: Artwork | None) -> Artwork:
        url = self.tmdb.image_url(image_path, size)
        if url is None:
            raise InvalidInput(f"not an image path: {image_path!r}")
        if cached is not None and cached.source_url == url and os.path.isfile(cached.path):
            return cached
        data = self.tmdb.download_image(url)
        mime = sniff_image(data)
        if mime is None:
            raise InvalidInput(f"{url} is not a JPEG, PNG or WebP image")
        folder = self.root / media_id
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{kind}{ALLOWED_IMAGES[mime]}"
        write_atomic(target, data)
        return self.state.set_artwork(media_id, kind, str(target), url)

    def candidate_poster(self, media_id: str, rank: int) -> tuple[Path, str]:
        """A review candidate's poster, fetched once through TMDb and cached, for the web layer.

        Served from our origin, the browser never contacts TMDb (no third-party requests from
        the app, and the strict CSP holds).
        """
        candidate = next((c for c in self.state.list_candidates(media_id) if c.rank == rank), None)
        if candidate is None or not candidate.poster_url:
            raise NotFound(f"no poster for candidate {rank} of media item {media_id}")
        return self._cached_image(candidate.poster_url, f"the poster of candidate {rank}")

    def tmdb_poster(self, name: str) -> tuple[Path, str]:
        """A TMDb poster by its file name (``abc.jpg``, from ``models.library.proxied_poster``): search
        results and disc candidates, fetched once through TMDb and cached like candidates' posters."""
        if not TMDB_IMAGE_NAME.fullmatch(name):
            raise NotFound(f"no TMDb poster is called {name[:100]!r}")
        return self._cached_image(self.tmdb.image_url(f"/{name}", "w342"), f"the poster {name}")

    def _cached_image(self, url: str, what: str) -> tuple[Path, str]:
        folder = self.root / "candidates"
        stem = hashlib.sha256(url.encode()).hexdigest()[:32]
        for cached in folder.glob(f"{stem}.*"):
            return cached, sniff_image(cached.read_bytes()[:1024]) or "application/octet-stream"
        data = self.tmdb.download_image(url)  # only URLs under TMDb's image base
        mime = sniff_image(data)
        if mime is None:
            raise NotFound(f"{what} is not an image")
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{stem}{ALLOWED_IMAGES[mime]}"
        write_atomic(target, data)
        return target, mime

    def open(self, media_id: str, kind: str) -> tuple[Path, str]:
        """The image file and its sniffed content type, for the web layer; NotFound otherwise."""
        found = self.find(media_id, kind)
        if found is None:
            raise NotFound(f"no {kind} for media item {media_id}")
        return found

    def find(self, media_id: str, kind: str) -> tuple[Path, str] | None:
        """The item's cached ``kind``; for an album's or artist's poster, its cover (see the module doc)."""
        found = self._cached(media_id, kind)
        if found is not None or kind != "poster":
            return found
        item = self.state.get_media(media_id)
        if item.kind == "album":
            return self._album_cover(item)
        if item.kind == "artist":
            albums = sorted(self.state.list_media(kind="album", parent_id=item.id, limit=1000),
                            key=lambda a: (a.year is None, a.year or 0, a.sort_title))
            return next((c for c in map(self._album_cover, albums) if c is not None), None)
        return None

    def _cached(self, media_id: str, kind: str) -> tuple[Path, str] | None:
        for art in self.state.list_artwork(media_id):
            if art.kind == kind:
                path = Path(art.path)
                if path.parent.parent != self.root or not path.is_file():
                    break  # never serve a path outside the cache, whatever the row says
                with open(path, "rb") as fh:
                    mime = sniff_image(fh.read(1024))
                if mime:
                    return path, mime
        return None

    def _album_cover(self, album: MediaItem) -> tuple[Path, str] | None:
        """``cover.jpg`` beside the album's tracks, else a track's cached cover."""
        tracks = self.state.list_media(kind="track", parent_id=album.id, limit=1000)
        folders = dict.fromkeys(os.path.dirname(f.path) for t in tracks for f in self.state.list_media_files(t.id))
        for folder in folders:
            found = self._folder_cover(folder)
            if found is not None:
                return found
        return next((c for c in (self._cached(t.id, "poster") for t in tracks) if c is not None), None)

    def _folder_cover(self, folder: str) -> tuple[Path, str] | None:
        for name in FOLDER_COVERS:
            real = os.path.realpath(os.path.join(folder, name))
            if not os.path.isfile(real) or not any(real.startswith(root + os.sep) for root in self.library_roots):
                continue
            with open(real, "rb") as fh:
                mime = sniff_image(fh.read(1024))
            if mime:
                return Path(real), mime
        return None
