"""Where our own downloader can get a film Jellyfin streams, or that we hold it already.

A film Jellyfin plays may be one of our STRM exports (``services/strm``): a film of our library
(a file on our disk: nothing to download) or an Xtream VOD title of the IPTV catalogs (streamed
through our proxy: our IPTV downloader can fetch it). Found, in this order:

1. by the film's **TMDb id** (what the webhook's ``Provider_tmdb`` says, from the NFO our export
   wrote): our library's film with that id and a file, else the first account's VOD title with
   that id (the one the STRM export points at);
2. by the **item's path**, when the TMDb id finds nothing (a VOD title without one, which
   Jellyfin may have matched to another id by its name): Jellyfin's ``Path`` of the item is
   our ``.strm`` file under Jellyfin's mount, so its last folders are the path the export's
   manifest recorded, whose item key names the source (``library:movie:<id>``,
   ``iptv:movie:<account>:<stream>`` or ``iptv:movie:tmdb:<id>``). Asked only when a keep is
   carried out (one Jellyfin request), never for every event.

Pure lookups: no writes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ...errors import MediaLibraryError

log = logging.getLogger(__name__)
PATH_DEPTH = 6  # folders of Jellyfin's path compared with the manifest's (Movies/Title (Year)/file.strm is 3)


@dataclass(frozen=True)
class OwnCopy:
    """``library``: our library holds the film (``media_id``); ``iptv``: an Xtream VOD title
    (``account_id``, ``stream_id``) our IPTV downloader can fetch."""

    kind: str
    media_id: str | None = None
    account_id: int | None = None
    stream_id: str | None = None

    @property
    def held(self) -> bool:
        return self.kind == "library"


class OwnSources:
    def __init__(self, state, *, jellyfin: Callable[[], object | None]):
        self.state, self.jellyfin = state, jellyfin

    def by_tmdb(self, tmdb_ids: Iterable[int]) -> dict[int, OwnCopy]:
        """TMDb id -> our copy or source, for a batch of films (two queries)."""
        wanted = {t for t in tmdb_ids if t}
        if not wanted:
            return {}
        found = {tmdb: OwnCopy("iptv", account_id=account, stream_id=stream)
                 for tmdb, (account, stream) in self._iptv_films(wanted).items()}
        found.update({tmdb: OwnCopy("library", media_id=media_id)
                      for tmdb, media_id in self.state.library_films_with_tmdb(wanted).items()})
        return found

    def _iptv_films(self, tmdb_ids: set[int]) -> dict[int, tuple[int, str]]:
        if not hasattr(self.state, "get_iptv_stream"):  # the IPTV source is not registered: no catalogs
            return {}
        return self.state.iptv_films_with_tmdb(tmdb_ids)

    def by_path(self, item_id: str | None, user_id: str | None) -> OwnCopy | None:
        """The export a Jellyfin item's file is, through its path and our manifest."""
        path = self._jellyfin_path(item_id, user_id) if item_id else None
        if not path:
            return None
        found = self.state.strm_export_at(path_suffixes(path))
        return self._of_item_key(found[0]) if found else None

    def _jellyfin_path(self, item_id: str, user_id: str | None) -> str | None:
        client = self.jellyfin()
        if client is None:
            return None
        try:
            item = client.item(item_id, user_id)
        except MediaLibraryError as exc:
            log.warning("Could not look up the path of Jellyfin item %s: %s", item_id, exc.message)
            return None
        path = item.get("Path")
        return path if isinstance(path, str) and path.lower().endswith(".strm") else None

    def _of_item_key(self, key: str) -> OwnCopy | None:
        parts = key.split(":")
        if parts[:2] == ["library", "movie"] and len(parts) == 3:
            return OwnCopy("library", media_id=parts[2])
        if parts[:3] == ["iptv", "movie", "tmdb"] and len(parts) == 4 and parts[3].isdigit():
            return self.by_tmdb([int(parts[3])]).get(int(parts[3]))
        if parts[:2] == ["iptv", "movie"] and len(parts) == 4 and parts[2].isdigit():
            return OwnCopy("iptv", account_id=int(parts[2]), stream_id=parts[3])
        return None


def path_suffixes(path: str) -> list[str]:
    """``/mnt/strm/Movies/Heat (1995)/Heat (1995).strm`` -> ``Heat (1995).strm``,
    ``Heat (1995)/Heat (1995).strm``, ``Movies/Heat (1995)/Heat (1995).strm``, … (``/``-separated,
    as the manifest stores paths; Windows separators too)."""
    parts = [p for p in re.split(r"[\\/]", path) if p]
    tail = parts[-PATH_DEPTH:]
    return ["/".join(tail[start:]) for start in range(len(tail))]
