"""Radarr v3: find a film by TMDb id, add it (quality profile, root folder, tags; search on add),
start a ``MoviesSearch`` for one that has no file, follow a command, delete a film; test connection.

- ``GET /api/v3/movie?tmdbId=`` answers an **array** (0 or 1 films); a film not in Radarr is
  looked up with ``GET /api/v3/movie/lookup/tmdb?tmdbId=`` (an object without ``id``).
- ``POST /api/v3/command {"name": "MoviesSearch", "movieIds": [id]}`` answers **201** with a
  command whose progress is ``status`` (queued, started, completed, failed, aborted, cancelled,
  orphaned) and ``result``; an identical command already queued comes back with the same id.
- The IMDb rating is ``ratings.imdb.value`` (Jellyfin's CommunityRating is TMDb's).

The API key travels in ``X-Api-Key`` only, never in a URL. No database, no Flask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import ExternalServiceError, InvalidInput, NotConfigured
from .http import HttpClient, parse_json

SERVICE = "Radarr"
FINISHED = ("completed", "failed", "aborted", "cancelled", "orphaned")


@dataclass(frozen=True)
class RadarrFilm:
    """What the decisions need of a Radarr movie (``id`` None: not in Radarr yet)."""

    tmdb_id: int
    title: str
    year: int | None
    id: int | None = None
    has_file: bool = False
    monitored: bool = False
    imdb_rating: float | None = None
    imdb_votes: int | None = None
    original_language: str | None = None
    genres: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, movie: dict[str, Any]) -> RadarrFilm:
        imdb = ((movie.get("ratings") or {}).get("imdb") or {})
        language = movie.get("originalLanguage") or {}
        return cls(tmdb_id=int(movie.get("tmdbId") or 0), title=str(movie.get("title") or ""), year=movie.get("year") or None,
                   id=movie.get("id") or None, has_file=bool(movie.get("hasFile")), monitored=bool(movie.get("monitored")),
                   imdb_rating=_number(imdb.get("value")), imdb_votes=_whole(imdb.get("votes")),
                   original_language=language.get("name") if isinstance(language, dict) else None,
                   genres=[str(g) for g in movie.get("genres") or []], keywords=[str(k) for k in movie.get("keywords") or []],
                   raw=movie)


@dataclass(frozen=True)
class RadarrCommand:
    id: int
    name: str
    status: str
    result: str | None = None
    message: str | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @classmethod
    def of(cls, body: dict[str, Any]) -> RadarrCommand:
        return cls(id=int(body["id"]), name=str(body.get("name") or ""), status=str(body.get("status") or "queued"),
                   result=body.get("result"), message=body.get("message"))


@dataclass(frozen=True)
class AddOptions:
    quality_profile_id: int
    root_folder: str
    tags: list[int]
    minimum_availability: str = "released"


class RadarrClient:
    def __init__(self, http: HttpClient, base_url: str, api_key: str):
        url = (base_url or "").strip().rstrip("/")
        if not url:
            raise NotConfigured("Radarr is not configured: set decisions.radarr_url and decisions.radarr_api_key")
        if not url.startswith(("http://", "https://")):
            raise InvalidInput(f"decisions.radarr_url must start with http:// or https:// (got {url!r})")
        if not api_key:
            raise NotConfigured("Radarr's API key is missing: set decisions.radarr_api_key (Radarr > Settings > General)")
        self.http, self.base_url, self.api_key = http, url, api_key

    def _call(self, method: str, path: str, *, params: dict | None = None, body: Any = None) -> Any:
        status, _, raw = self.http.request(SERVICE, method, f"{self.base_url}/api/v3{path}", params=params,
                                           headers={"X-Api-Key": self.api_key, "Accept": "application/json"},
                                           json_body=body)
        return parse_json(SERVICE, raw) if raw and status != 204 else None

    # --- reading ----------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        return self._call("GET", "/system/status")

    def quality_profiles(self) -> list[dict[str, Any]]:
        return [{"id": p["id"], "name": p.get("name", "")} for p in self._call("GET", "/qualityprofile") or []]

    def root_folders(self) -> list[dict[str, Any]]:
        return [{"id": f.get("id"), "path": f["path"], "free_space": f.get("freeSpace")} for f in self._call("GET", "/rootfolder") or []]

    def tags(self) -> list[dict[str, Any]]:
        return self._call("GET", "/tag") or []

    def film(self, tmdb_id: int) -> RadarrFilm:
        """The film as Radarr has it, or as its TMDb lookup describes it (``id`` None)."""
        found = self._call("GET", "/movie", params={"tmdbId": int(tmdb_id)})
        if isinstance(found, list) and found:
            return RadarrFilm.of(found[0])
        looked_up = self._call("GET", "/movie/lookup/tmdb", params={"tmdbId": int(tmdb_id)})
        if not isinstance(looked_up, dict) or not looked_up.get("tmdbId"):
            raise ExternalServiceError(SERVICE, f"has no film with TMDb id {tmdb_id}", transient=False)
        return RadarrFilm.of({**looked_up, "id": None})

    def commands(self) -> list[dict[str, Any]]:
        """The commands Radarr is running or ran lately (newest last)."""
        return self._call("GET", "/command") or []

    def command(self, command_id: int) -> RadarrCommand:
        return RadarrCommand.of(self._call("GET", f"/command/{int(command_id)}"))

    # --- changing ---------------------------------------------------------------------------------
    def tag_ids(self, labels: list[str]) -> list[int]:
        """The ids of these tag labels, creating the missing ones."""
        known = {str(t.get("label", "")).lower(): t["id"] for t in self.tags()}
        ids = []
        for label in labels:
            if label.lower() not in known:
                known[label.lower()] = self._call("POST", "/tag", body={"label": label})["id"]
            ids.append(known[label.lower()])
        return ids

    def add(self, film: RadarrFilm, options: AddOptions) -> RadarrFilm:
        """Add a looked-up film, monitored, and let Radarr search for it at once. Only what Radarr
        needs is sent (it fills in the rest from TMDb by ``tmdbId``)."""
        body = {"title": film.title, "tmdbId": film.tmdb_id, "year": film.year or 0, "qualityProfileId": options.quality_profile_id, "rootFolderPath": options.root_folder,
                "monitored": True, "minimumAvailability": options.minimum_availability, "tags": options.tags,
                "addOptions": {"searchForMovie": True, "monitor": "movieOnly", "addMethod": "manual"}}
        return RadarrFilm.of(self._call("POST", "/movie", body=body))

    def search(self, movie_id: int) -> RadarrCommand:
        return RadarrCommand.of(self._call("POST", "/command", body={"name": "MoviesSearch", "movieIds": [int(movie_id)]}))

    def delete(self, movie_id: int, *, delete_files: bool = True) -> None:
        self._call("DELETE", f"/movie/{int(movie_id)}",
                   params={"deleteFiles": str(delete_files).lower(), "addImportExclusion": "false"})

    def first_choices(self) -> tuple[int, str]:
        """Radarr's first quality profile and root folder (when the settings name none)."""
        profiles, folders = self.quality_profiles(), self.root_folders()
        if not profiles or not folders:
            raise ExternalServiceError(SERVICE, "has no quality profile or no root folder yet; add one in Radarr", transient=False)
        return profiles[0]["id"], folders[0]["path"]


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _whole(value: Any) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
