"""TMDb v3: search and details for movies and shows, seasons, ``/find`` by external id, images.

Owns the TMDb URL layout, authentication and the mapping from TMDb JSON to
``models.metadata``. The key travels only in ``Authorization: Bearer``, never in a URL, so it
cannot leak through logs or error messages. Parsing follows yt-dlp: an item without an id is
skipped, every other field falls back (``None``, ``""``, ``()``) on nulls or wrong types.

Must not: touch the database, import Flask, or open its own HTTP session (``HttpClient`` is
passed in and gives deadlines, size caps, retries and 429/Retry-After handling).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from typing import Any

from ..errors import ExternalServiceError, InvalidInput, NotConfigured, NotFound, RateLimited
from ..models.metadata import (
    CastMember,
    Collection,
    EpisodeDetails,
    FindResults,
    MovieCandidate,
    MovieDetails,
    SeasonDetails,
    SeasonSummary,
    TmdbImageConfig,
    TvCandidate,
    TvDetails,
    dict_or_empty,
    dicts,
    float_or_none,
    int_or_none,
    str_or_none,
    strings,
    year_of,
)
from .http import HttpClient

SERVICE = "TMDb"
MAX_RESULTS = 100  # a hostile or broken upstream may send 10,000 hits; nobody picks from those
MAX_CAST = 20
MAX_EPISODES = 1000  # a daily show has ~160 a season; more is a broken upstream
DEFAULT_POSTER_SIZES = ("w92", "w154", "w185", "w342", "w500", "w780", "original")
DEFAULT_BACKDROP_SIZES = ("w300", "w780", "w1280", "original")
DEFAULT_STILL_SIZES = ("w92", "w185", "w300", "original")
_IMDB_ID = re.compile(r"tt\d{5,10}")
_EXTERNAL_IDS = {"imdb_id": _IMDB_ID, "tvdb_id": re.compile(r"\d{1,10}")}
_IMAGE_PATH = re.compile(r"/[A-Za-z0-9_\-]+\.(?:jpg|jpeg|png|svg|webp)")
# TMDb status_code -> what it means for us (developer.themoviedb.org/docs/errors).
_AUTH_CODES = {3, 7, 10, 14, 30, 31, 33, 35, 36}
_NOT_FOUND_CODES = {6, 34, 37}
_RATE_LIMIT_CODES = {25}


class TmdbClient:
    """One TMDb account. Construct freely; a missing key fails only when a call is made."""

    def __init__(self, http: HttpClient, base_url: str, api_key: str, language: str = "en-US",
                 image_base_url: str = ""):
        self.http = http
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.language = language
        self.image_base_url = image_base_url
        self._image_config: TmdbImageConfig | None = None
        self._config_lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings, http: HttpClient) -> TmdbClient:
        tmdb = settings.tmdb
        return cls(http, tmdb.base_url, tmdb.api_key, tmdb.language, tmdb.image_base_url)

    # --- movies ---------------------------------------------------------------------------------

    def search_movie(self, title: str, year: int | None = None) -> list[MovieCandidate]:
        """Candidates for a title, best first. ``year`` matches the release year."""
        params = {"query": _query(title), "include_adult": "false", "page": "1"}
        if year:
            params["year"] = str(int(year))
        data = self._get("/3/search/movie", params)
        return _parse_list(data.get("results"), parse_movie_candidate)

    def movie_details(self, tmdb_id: int) -> MovieDetails:
        data = self._get(f"/3/movie/{_positive(tmdb_id)}", {"append_to_response": "credits,external_ids"})
        details = parse_movie_details(data)
        if details is None:
            raise ExternalServiceError(SERVICE, f"movie {tmdb_id} came back without an id", transient=False)
        return details

    def find(self, external_id: str | int, source: str = "imdb_id") -> FindResults:
        """What TMDb files under an id of another database (``imdb_id`` ``tt…``, ``tvdb_id`` digits)."""
        pattern = _EXTERNAL_IDS.get(source)
        if pattern is None:
            raise InvalidInput(f"unknown external id source {source!r} (one of {', '.join(_EXTERNAL_IDS)})")
        text = str(external_id).strip() if isinstance(external_id, (str, int)) else ""
        if isinstance(external_id, bool) or not pattern.fullmatch(text):
            raise InvalidInput(f"not a {source.removesuffix('_id').upper()} id: {external_id!r}")
        return parse_find_results(self._get(f"/3/find/{text}", {"external_source": source}))

    def find_by_imdb(self, imdb_id: str) -> FindResults:
        """``find(imdb_id, "imdb_id")``, kept for the callers written before ``find``."""
        if not isinstance(imdb_id, str):
            raise InvalidInput(f"not an IMDb id: {imdb_id!r} (expected tt followed by digits)")
        return self.find(imdb_id, "imdb_id")

    # --- TV -------------------------------------------------------------------------------------

    def search_tv(self, title: str, year: int | None = None) -> list[TvCandidate]:
        """Show candidates, best first. ``year`` matches the first air date's year."""
        params = {"query": _query(title), "include_adult": "false", "page": "1"}
        if year:
            params["first_air_date_year"] = str(int(year))
        data = self._get("/3/search/tv", params)
        return _parse_list(data.get("results"), parse_tv_candidate)

    def tv_details(self, tmdb_id: int) -> TvDetails:
        data = self._get(f"/3/tv/{_positive(tmdb_id)}", {"append_to_response": "external_ids"})
        details = parse_tv_details(data)
        if details is None:
            raise ExternalServiceError(SERVICE, f"show {tmdb_id} came back without an id", transient=False)
        return details

    def season(self, tv_id: int, season_number: int) -> SeasonDetails:
        """One season and its episodes (with air dates): how a date-named episode finds its number."""
        path = f"/3/tv/{_positive(tv_id)}/season/{_natural(season_number)}"
        found = parse_season(self._get(path, {}), show_id=tv_id)
        if found is None:
            raise ExternalServiceError(SERVICE, f"season {season_number} of show {tv_id} came back without a number",
                                       transient=False)
        return found

    def episode(self, tv_id: int, season: int, episode: int) -> EpisodeDetails:
        path = f"/3/tv/{_positive(tv_id)}/season/{_natural(season)}/episode/{_natural(episode)}"
        found = parse_episode(self._get(path, {}), show_id=tv_id)
        return found or EpisodeDetails(season=season, episode=episode, show_id=tv_id)

    # --- images ---------------------------------------------------------------------------------

    def image_config(self) -> TmdbImageConfig:
        """The image base URL and sizes, fetched once (``tmdb.image_base_url`` skips the fetch)."""
        with self._config_lock:
            if self._image_config is None:
                self._image_config = self._load_image_config()
            return self._image_config

    def image_url(self, path: str | None, size: str = "original") -> str | None:
        """Full URL of an image path such as ``/abc.jpg``; None for a missing or odd path."""
        if not isinstance(path, str) or not _IMAGE_PATH.fullmatch(path):
            return None
        config = self.image_config()
        known = {*config.poster_sizes, *config.backdrop_sizes, *config.still_sizes, "original"}
        return f"{config.base_url}{size if size in known else 'original'}{path}"

    def download_image(self, url: str) -> bytes:
        """Bytes of an image under TMDb's image base URL (never an arbitrary address).

        The base URL TMDb's /configuration hands over is not ours to trust: the fetch goes through
        the outbound guard (``HttpClient.fetch_untrusted``). One the admin set in
        ``tmdb.image_base_url`` is trusted for its own origin; a redirect off it is guarded.
        """
        base = self.image_config().base_url
        if not isinstance(url, str) or not url.startswith(base) or not url.startswith(("http://", "https://")):
            raise InvalidInput(f"not a TMDb image URL: {url!r}")
        if not self.image_base_url:
            return self.http.fetch_untrusted(f"{SERVICE} images", url)
        _, _, body = self.http.request(f"{SERVICE} images", "GET", url)
        return body

    def _load_image_config(self) -> TmdbImageConfig:
        if self.image_base_url:
            return TmdbImageConfig(_with_slash(self.image_base_url), DEFAULT_POSTER_SIZES,
                                   DEFAULT_BACKDROP_SIZES, DEFAULT_STILL_SIZES)
        config = parse_image_config(self._get("/3/configuration", {}))
        if config is None:
            raise ExternalServiceError(SERVICE, "/configuration has no image base URL", transient=True)
        return config

    # --- transport ------------------------------------------------------------------------------

    def _get(self, path: str, params: dict) -> Mapping:
        if not self.api_key:
            raise NotConfigured("TMDb is not configured: set tmdb.api_key (a v4 read access token)")
        headers = {"Authorization": f"Bearer {self.api_key}", "Accept": "application/json"}
        params = {**params, "language": self.language} if self.language else params
        try:
            data = self.http.get_json(SERVICE, self.base_url + path, params=params, headers=headers)
        except (NotFound, RateLimited):
            raise
        except ExternalServiceError as exc:
            raise _explain(exc) from exc
        if not isinstance(data, Mapping):
            raise ExternalServiceError(SERVICE, f"{path} answered with JSON that is not an object")
        if data.get("success") is False:  # some TMDb errors come with a 200
            raise tmdb_error(data)
        return data


def tmdb_error(data: Mapping) -> Exception:
    """The typed error for a TMDb error body ``{"success":false,"status_code":..,"status_message":..}``."""
    code = int_or_none(data.get("status_code"))
    message = str_or_none(data.get("status_message")) or "unknown error"
    if code in _AUTH_CODES:
        return ExternalServiceError(SERVICE, f"{message} (check the setting tmdb.api_key)", transient=False)
    if code in _NOT_FOUND_CODES:
        return NotFound(f"{SERVICE}: {message}")
    if code in _RATE_LIMIT_CODES:
        return RateLimited(SERVICE, None, message)
    return ExternalServiceError(SERVICE, f"error {code}: {message}", transient=False)


def _explain(exc: ExternalServiceError) -> ExternalServiceError:
    """Point a refused key at the setting that holds it; HttpClient only knows it was refused."""
    if exc.upstream_status in (401, 403):
        return ExternalServiceError(SERVICE, f"the API key was refused; check the setting tmdb.api_key "
                                    f"({exc.message.removeprefix(SERVICE + ': ')})", transient=False, upstream_status=exc.upstream_status)
    return exc


# --- parsing (pure functions, tested on the recorded fixtures) ----------------------------------


def parse_movie_candidate(raw: Any) -> MovieCandidate | None:
    fields = _movie_fields(raw)
    return MovieCandidate(**fields) if fields else None


def parse_movie_details(raw: Any) -> MovieDetails | None:
    fields = _movie_fields(raw)
    if not fields:
        return None
    external = dict_or_empty(raw.get("external_ids"))
    return MovieDetails(
        **fields,
        runtime=_positive_or_none(raw.get("runtime")),
        imdb_id=_imdb_or_none(raw.get("imdb_id")) or _imdb_or_none(external.get("imdb_id")),
        genres=_genre_names(raw.get("genres")),
        collection=_collection(raw.get("belongs_to_collection")),
        tagline=str_or_none(raw.get("tagline")) or "",
        cast=_cast(dict_or_empty(raw.get("credits")).get("cast")),
    )


def parse_tv_candidate(raw: Any) -> TvCandidate | None:
    fields = _tv_fields(raw)
    return TvCandidate(**fields) if fields else None


def parse_tv_details(raw: Any) -> TvDetails | None:
    fields = _tv_fields(raw)
    if not fields:
        return None
    external = dict_or_empty(raw.get("external_ids"))
    seasons = (_season(item) for item in dicts(raw.get("seasons")))
    return TvDetails(
        **fields,
        number_of_seasons=int_or_none(raw.get("number_of_seasons")),
        number_of_episodes=int_or_none(raw.get("number_of_episodes")),
        seasons=tuple(season for season in seasons if season),
        genres=_genre_names(raw.get("genres")),
        status=str_or_none(raw.get("status")) or "",
        imdb_id=_imdb_or_none(raw.get("imdb_id")) or _imdb_or_none(external.get("imdb_id")),
        tvdb_id=int_or_none(external.get("tvdb_id")),
    )


def parse_episode(raw: Any, show_id: int | None = None) -> EpisodeDetails | None:
    raw = dict_or_empty(raw)
    season, number = int_or_none(raw.get("season_number")), int_or_none(raw.get("episode_number"))
    if season is None or number is None:
        return None
    return EpisodeDetails(
        season=season,
        episode=number,
        title=str_or_none(raw.get("name")) or "",
        air_date=str_or_none(raw.get("air_date")) or "",
        overview=str_or_none(raw.get("overview")) or "",
        runtime=_positive_or_none(raw.get("runtime")),
        still_path=str_or_none(raw.get("still_path")),
        tmdb_id=int_or_none(raw.get("id")),
        show_id=int_or_none(raw.get("show_id")) or show_id,
    )


def parse_season(raw: Any, show_id: int | None = None) -> SeasonDetails | None:
    raw = dict_or_empty(raw)
    number = int_or_none(raw.get("season_number"))
    if number is None or number < 0:
        return None
    episodes = (parse_episode(item, show_id=show_id) for item in dicts(raw.get("episodes"))[:MAX_EPISODES])
    return SeasonDetails(
        season_number=number,
        name=str_or_none(raw.get("name")) or "",
        air_date=str_or_none(raw.get("air_date")) or "",
        overview=str_or_none(raw.get("overview")) or "",
        poster_path=str_or_none(raw.get("poster_path")),
        episodes=tuple(episode for episode in episodes if episode is not None),
    )


def parse_find_results(raw: Any) -> FindResults:
    raw = dict_or_empty(raw)
    return FindResults(
        movies=tuple(_parse_list(raw.get("movie_results"), parse_movie_candidate)),
        tv=tuple(_parse_list(raw.get("tv_results"), parse_tv_candidate)),
        episodes=tuple(_parse_list(raw.get("tv_episode_results"), parse_episode)),
    )


def parse_image_config(raw: Any) -> TmdbImageConfig | None:
    images = dict_or_empty(dict_or_empty(raw).get("images"))
    base = str_or_none(images.get("secure_base_url")) or str_or_none(images.get("base_url"))
    if not base or not base.startswith(("http://", "https://")):
        return None
    return TmdbImageConfig(
        base_url=_with_slash(base),
        poster_sizes=strings(images.get("poster_sizes")) or DEFAULT_POSTER_SIZES,
        backdrop_sizes=strings(images.get("backdrop_sizes")) or DEFAULT_BACKDROP_SIZES,
        still_sizes=strings(images.get("still_sizes")) or DEFAULT_STILL_SIZES,
    )


def _movie_fields(raw: Any) -> dict | None:
    if not isinstance(raw, Mapping) or (tmdb_id := _positive_or_none(raw.get("id"))) is None:
        return None
    title = str_or_none(raw.get("title")) or str_or_none(raw.get("original_title")) or ""
    release_date = str_or_none(raw.get("release_date")) or ""
    return {**_common_fields(raw), "tmdb_id": tmdb_id, "title": title,
            "original_title": str_or_none(raw.get("original_title")) or title,
            "year": year_of(release_date), "release_date": release_date,
            "origin_country": strings(raw.get("origin_country")) or _production_countries(raw.get("production_countries"))}


def _tv_fields(raw: Any) -> dict | None:
    if not isinstance(raw, Mapping) or (tmdb_id := _positive_or_none(raw.get("id"))) is None:
        return None
    title = str_or_none(raw.get("name")) or str_or_none(raw.get("original_name")) or ""
    first_air = str_or_none(raw.get("first_air_date")) or ""
    return {**_common_fields(raw), "tmdb_id": tmdb_id, "title": title,
            "original_title": str_or_none(raw.get("original_name")) or title,
            "year": year_of(first_air), "first_air_date": first_air,
            "origin_country": strings(raw.get("origin_country"))}


def _common_fields(raw: Mapping) -> dict:
    return {
        "overview": str_or_none(raw.get("overview")) or "",
        "poster_path": str_or_none(raw.get("poster_path")),
        "backdrop_path": str_or_none(raw.get("backdrop_path")),
        "popularity": float_or_none(raw.get("popularity")) or 0.0,
        "original_language": str_or_none(raw.get("original_language")) or "",
    }


def _production_countries(value: Any) -> tuple[str, ...]:
    """``production_countries`` of older movie details: ``[{"iso_3166_1": "US", …}]`` → ``("US",)``."""
    return tuple(code for code in (str_or_none(c.get("iso_3166_1")) for c in dicts(value)) if code)


def _parse_list(items: Any, parse) -> list:
    parsed = (parse(item) for item in dicts(items)[:MAX_RESULTS])
    return [item for item in parsed if item is not None]


def _genre_names(value: Any) -> tuple[str, ...]:
    names = (str_or_none(genre.get("name")) for genre in dicts(value))
    return tuple(name for name in names if name)


def _collection(value: Any) -> Collection | None:
    value = dict_or_empty(value)
    collection_id = _positive_or_none(value.get("id"))
    if collection_id is None:
        return None
    return Collection(collection_id, str_or_none(value.get("name")) or "")


def _cast(value: Any) -> tuple[CastMember, ...]:
    members = []
    for item in dicts(value):
        name = str_or_none(item.get("name"))
        if name:
            order = int_or_none(item.get("order"))
            members.append(CastMember(name, str_or_none(item.get("character")) or "",
                                      order if order is not None else len(members)))
    return tuple(sorted(members, key=lambda member: member.order)[:MAX_CAST])


def _season(raw: Mapping) -> SeasonSummary | None:
    number = int_or_none(raw.get("season_number"))
    if number is None:
        return None
    return SeasonSummary(number, int_or_none(raw.get("episode_count")), str_or_none(raw.get("name")) or "",
                         str_or_none(raw.get("air_date")) or "", str_or_none(raw.get("poster_path")))


def _imdb_or_none(value: Any) -> str | None:
    text = str_or_none(value)
    return text if text and _IMDB_ID.fullmatch(text) else None


def _positive_or_none(value: Any) -> int | None:
    number = int_or_none(value)
    return number if number is not None and number > 0 else None


def _positive(value: Any) -> int:
    number = _positive_or_none(value)
    if number is None:
        raise InvalidInput(f"not a TMDb id: {value!r}")
    return number


def _natural(value: Any) -> int:
    number = int_or_none(value)
    if number is None or number < 0:
        raise InvalidInput(f"not a season or episode number: {value!r}")
    return number


def _query(title: Any) -> str:
    text = str_or_none(title)
    if not text:
        raise InvalidInput("a title to search for is required")
    return text[:200]


def _with_slash(url: str) -> str:
    return url if url.endswith("/") else url + "/"

