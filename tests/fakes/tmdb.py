"""A local TMDb v3: same paths, parameters, Bearer auth, error bodies and status codes.

Data-driven: it starts with everything the recorded fixtures describe (the "Fight Club" search
page with Fight Club's credits and IMDb id, Star Wars' details, Game of Thrones with season 1,
Breaking Bad, Scream VI behind /find) and a test adds its own with ``add_movie``, ``add_tv`` and
``add_episode``; an added episode also appears in its season's listing (``/3/tv/{id}/season/{n}``,
the season's air date being its first episode's) and in the show's ``seasons``. ``/3/find/{id}``
answers ``external_source=imdb_id`` and ``tvdb_id`` from the ids given to ``add_movie``, ``add_tv``
and ``add_episode``.
Search behaves like TMDb's: a case- and punctuation-insensitive substring match
on title or original title, ``year``/``primary_release_year`` (movies) and
``first_air_date_year``/``year`` (shows) filters, most popular first, 20 per page.

Stricter than TMDb on purpose: a key in the query string (``?api_key=``) is refused with 401,
because the project only ever sends it as ``Authorization: Bearer``.

Must not: reach the network or serve images from anywhere but itself (``/t/p/<size>/<file>``).
"""

from __future__ import annotations

import copy

from flask import Flask, Response, request

from .server import TINY_JPEG, FakeServer, json_response, load_fixture, normalize

PAGE_SIZE = 20
MOVIE_SEARCH_KEYS = ("adult", "backdrop_path", "genre_ids", "id", "original_language", "original_title",
                     "overview", "popularity", "poster_path", "release_date", "title", "video",
                     "vote_average", "vote_count")
TV_SEARCH_KEYS = ("adult", "backdrop_path", "genre_ids", "id", "origin_country", "original_language",
                  "original_name", "overview", "popularity", "poster_path", "first_air_date", "name",
                  "vote_average", "vote_count")
ERROR_401 = load_fixture("tmdb", "error_401_invalid_api_key.json")
ERROR_404 = load_fixture("tmdb", "error_404_not_found.json")
ERROR_400_PAGE = {"success": False, "status_code": 22,
                  "status_message": "Invalid page: Pages start at 1 and max at 500. They are expected to be an integer."}
SCREAM_VI_IMDB = "tt17663992"


class FakeTmdb(FakeServer):
    name = "tmdb"

    def __init__(self, api_key: str = "fake-tmdb-read-token") -> None:
        self.api_key = api_key
        self.movies: dict[int, dict] = {}
        self.shows: dict[int, dict] = {}
        self.seasons: dict[tuple[int, int], dict] = {}
        self.episodes: dict[tuple[int, int, int], dict] = {}
        self.imdb_index: dict[str, tuple[str, int]] = {}
        self.tvdb_index: dict[str, tuple[str, int]] = {}
        self.genre_names = {g["id"]: g["name"] for g in load_fixture("tmdb", "genre_movie_list.json")["genres"]}
        super().__init__()
        self._load_fixtures()

    # --- data a test adds -----------------------------------------------------------------------

    def add_movie(self, id: int, title: str, *, year: int | None = None, release_date: str | None = None,
                  runtime: int | None = None, imdb_id: str | None = None, poster_path: str | None = None,
                  backdrop_path: str | None = None, collection: tuple[int, str] | dict | None = None,
                  original_title: str | None = None, overview: str = "", popularity: float = 1.0,
                  genres: tuple[str, ...] = (), tagline: str = "", cast: tuple[str, ...] = (),
                  origin_country: tuple[str, ...] = ("US",), original_language: str = "en") -> dict:
        """Register a movie; it is then found by search, details, /find and its images."""
        movie = {
            "adult": False, "backdrop_path": backdrop_path, "belongs_to_collection": _collection(collection),
            "budget": 0, "genres": [self._genre(name) for name in genres], "homepage": "", "id": id,
            "imdb_id": imdb_id, "origin_country": list(origin_country), "original_language": original_language,
            "original_title": original_title or title, "overview": overview, "popularity": popularity,
            "poster_path": poster_path, "production_companies": [], "production_countries": [],
            "release_date": release_date or (f"{year}-01-01" if year else ""), "revenue": 0,
            "runtime": runtime, "spoken_languages": [], "status": "Released", "tagline": tagline,
            "title": title, "video": False, "vote_average": 0.0, "vote_count": 0,
            "credits": {"id": id, "cast": [_cast(i, name) for i, name in enumerate(cast)], "crew": []},
            "external_ids": {"id": id, "imdb_id": imdb_id, "wikidata_id": None, "facebook_id": None,
                             "instagram_id": None, "twitter_id": None},
        }
        return self._store_movie(movie)

    def add_tv(self, id: int, name: str, *, first_air_date: str | None = None, year: int | None = None,
               original_name: str | None = None, overview: str = "", popularity: float = 1.0,
               poster_path: str | None = None, backdrop_path: str | None = None,
               imdb_id: str | None = None, tvdb_id: int | None = None,
               origin_country: tuple[str, ...] = ("US",), original_language: str = "en") -> dict:
        show = {
            "adult": False, "backdrop_path": backdrop_path, "created_by": [], "episode_run_time": [],
            "first_air_date": first_air_date or (f"{year}-01-01" if year else ""), "genres": [],
            "genre_ids": [], "homepage": "", "id": id, "in_production": False, "languages": ["en"],
            "last_air_date": None, "last_episode_to_air": None, "name": name, "next_episode_to_air": None,
            "networks": [], "number_of_episodes": 0, "number_of_seasons": 0, "origin_country": list(origin_country),
            "original_language": original_language, "original_name": original_name or name, "overview": overview,
            "popularity": popularity, "poster_path": poster_path, "production_companies": [],
            "production_countries": [], "seasons": [], "spoken_languages": [], "status": "Ended",
            "tagline": "", "type": "Scripted", "vote_average": 0.0, "vote_count": 0,
            "external_ids": {"id": id, "imdb_id": imdb_id, "tvdb_id": tvdb_id},
        }
        return self._store_show(show)

    def add_episode(self, tv_id: int, season: int, episode: int, name: str = "", *, air_date: str | None = None,
                    runtime: int | None = None, overview: str = "", still_path: str | None = None,
                    tvdb_id: int | None = None) -> dict:
        data = {"air_date": air_date, "episode_number": episode, "episode_type": "standard",
                "id": tv_id * 1000 + season * 100 + episode, "name": name or f"Episode {episode}",
                "overview": overview, "production_code": "", "runtime": runtime, "season_number": season,
                "show_id": tv_id, "still_path": still_path, "vote_average": 0.0, "vote_count": 0,
                "crew": [], "guest_stars": []}
        if tvdb_id:
            with self._lock:
                self.tvdb_index[str(tvdb_id)] = ("episode", (tv_id, season, episode))
        return self._store_episode(tv_id, data)

    # --- routes ---------------------------------------------------------------------------------

    def routes(self, app: Flask) -> None:
        app.before_request(self._check_auth)
        app.register_error_handler(404, lambda _exc: json_response(ERROR_404, 404))
        app.get("/3/configuration")(self._configuration)
        app.get("/3/search/movie")(self._search_movie)
        app.get("/3/search/tv")(self._search_tv)
        app.get("/3/movie/<int:movie_id>")(self._movie)
        app.get("/3/movie/<int:movie_id>/<part>")(self._movie_part)
        app.get("/3/tv/<int:tv_id>")(self._tv)
        app.get("/3/tv/<int:tv_id>/external_ids")(self._tv_external_ids)
        app.get("/3/tv/<int:tv_id>/season/<int:season>")(self._season)
        app.get("/3/tv/<int:tv_id>/season/<int:season>/episode/<int:episode>")(self._episode)
        app.get("/3/find/<external_id>")(self._find)
        app.get("/t/p/<size>/<filename>")(self._image)

    def _check_auth(self):
        if not request.path.startswith("/3/"):
            return None
        if "api_key" in request.args or request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return json_response(ERROR_401, 401)
        return None

    def _configuration(self):
        config = load_fixture("tmdb", "configuration.json")
        config["images"]["base_url"] = config["images"]["secure_base_url"] = f"{self.url}/t/p/"
        return json_response(config)

    def _search_movie(self):
        year = request.args.get("primary_release_year") or request.args.get("year")
        return self._search(self.movies.values(), ("title", "original_title"), "release_date", year,
                            MOVIE_SEARCH_KEYS)

    def _search_tv(self):
        year = request.args.get("first_air_date_year") or request.args.get("year")
        return self._search(self.shows.values(), ("name", "original_name"), "first_air_date", year,
                            TV_SEARCH_KEYS)

    def _search(self, items, title_keys, date_key, year, keys):
        page = request.args.get("page", "1")
        if not page.isdigit() or not 1 <= int(page) <= 500:
            return json_response(ERROR_400_PAGE, 400)
        query = normalize(request.args.get("query", ""))
        hits = [item for item in items if query and any(query in normalize(item.get(k) or "") for k in title_keys)]
        if year:
            hits = [item for item in hits if (item.get(date_key) or "")[:4] == year]
        hits.sort(key=lambda item: item.get("popularity") or 0, reverse=True)
        start = (int(page) - 1) * PAGE_SIZE
        results = [self._search_result(item, keys) for item in hits[start:start + PAGE_SIZE]]
        return json_response({"page": int(page), "results": results,
                              "total_pages": max(1, -(-len(hits) // PAGE_SIZE)), "total_results": len(hits)})

    def _search_result(self, item: dict, keys) -> dict:
        result = {key: item.get(key) for key in keys}
        result["genre_ids"] = item.get("genre_ids") or [genre["id"] for genre in item.get("genres") or []]
        return result

    def _movie(self, movie_id: int):
        movie = self.movies.get(movie_id)
        if movie is None:
            return json_response(ERROR_404, 404)
        body = {key: value for key, value in movie.items() if key not in ("credits", "external_ids", "genre_ids")}
        for part in request.args.get("append_to_response", "").split(","):
            if part in ("credits", "external_ids"):
                body[part] = movie[part]
        return json_response(body)

    def _movie_part(self, movie_id: int, part: str):
        movie = self.movies.get(movie_id)
        if movie is None or part not in ("credits", "external_ids"):
            return json_response(ERROR_404, 404)
        return json_response(movie[part])

    def _tv(self, tv_id: int):
        show = self.shows.get(tv_id)
        if show is None:
            return json_response(ERROR_404, 404)
        body = {key: value for key, value in show.items() if key not in ("external_ids", "genre_ids")}
        if "external_ids" in request.args.get("append_to_response", "").split(","):
            body["external_ids"] = show["external_ids"]
        return json_response(body)

    def _tv_external_ids(self, tv_id: int):
        show = self.shows.get(tv_id)
        return json_response(show["external_ids"]) if show else json_response(ERROR_404, 404)

    def _season(self, tv_id: int, season: int):
        found = self.seasons.get((tv_id, season))
        return json_response(found) if found else json_response(ERROR_404, 404)

    def _episode(self, tv_id: int, season: int, episode: int):
        found = self.episodes.get((tv_id, season, episode))
        return json_response(found) if found else json_response(ERROR_404, 404)

    def _find(self, external_id: str):
        body = {"movie_results": [], "person_results": [], "tv_results": [], "tv_episode_results": [],
                "tv_season_results": []}
        index = {"imdb_id": self.imdb_index, "tvdb_id": self.tvdb_index}.get(request.args.get("external_source", ""))
        if index is None:
            return json_response({"success": False, "status_code": 5,
                                  "status_message": "Invalid parameters: Your request parameters are incorrect."}, 400)
        kind, item_id = index.get(external_id, ("", 0))
        if kind == "movie":
            body["movie_results"].append({**self._search_result(self.movies[item_id], MOVIE_SEARCH_KEYS),
                                          "media_type": "movie"})
        elif kind == "tv":
            body["tv_results"].append({**self._search_result(self.shows[item_id], TV_SEARCH_KEYS),
                                       "media_type": "tv"})
        elif kind == "episode":
            episode = {k: v for k, v in self.episodes[item_id].items() if k not in ("crew", "guest_stars")}
            body["tv_episode_results"].append({**episode, "media_type": "tv_episode"})
        return json_response(body)

    def _image(self, size: str, filename: str):
        config = load_fixture("tmdb", "configuration.json")["images"]
        known = {name for key, names in config.items() if key.endswith("_sizes") for name in names}
        if size not in known:
            return Response("Not Found", 404, mimetype="text/plain")
        return Response(TINY_JPEG, mimetype="image/jpeg")

    # --- storage --------------------------------------------------------------------------------

    def _store_movie(self, movie: dict) -> dict:
        with self._lock:
            self.movies[movie["id"]] = movie
            imdb_id = movie.get("imdb_id") or (movie.get("external_ids") or {}).get("imdb_id")
            if imdb_id:
                self.imdb_index[imdb_id] = ("movie", movie["id"])
        return movie

    def _store_show(self, show: dict) -> dict:
        with self._lock:
            self.shows[show["id"]] = show
            if show["external_ids"].get("imdb_id"):
                self.imdb_index[show["external_ids"]["imdb_id"]] = ("tv", show["id"])
            if show["external_ids"].get("tvdb_id"):
                self.tvdb_index[str(show["external_ids"]["tvdb_id"])] = ("tv", show["id"])
        return show

    def _store_episode(self, tv_id: int, data: dict) -> dict:
        season_number, number = data["season_number"], data["episode_number"]
        with self._lock:
            self.episodes[(tv_id, season_number, number)] = data
            season = self.seasons.setdefault((tv_id, season_number), _season_stub(tv_id, season_number))
            season["episodes"] = [e for e in season["episodes"] if e["episode_number"] != number] + [data]
            season["episodes"].sort(key=lambda e: e["episode_number"])
            season["air_date"] = min((e["air_date"] for e in season["episodes"] if e.get("air_date")), default=None)
            show = self.shows.get(tv_id)
            if show is not None:
                _refresh_show_seasons(show, self.seasons)
        return data

    def _genre(self, name: str) -> dict:
        genre_id = next((gid for gid, known in self.genre_names.items() if known == name), 0)
        return {"id": genre_id, "name": name}

    def _load_fixtures(self) -> None:
        credits = load_fixture("tmdb", "movie_credits.json")
        external = load_fixture("tmdb", "movie_external_ids.json")
        for result in load_fixture("tmdb", "search_movie.json")["results"]:
            self._seed_movie_from_search(result)
        self.movies[credits["id"]]["credits"] = credits
        self.movies[external["id"]].update(imdb_id=external["imdb_id"], external_ids=external)
        self.imdb_index[external["imdb_id"]] = ("movie", external["id"])
        details = load_fixture("tmdb", "movie_details.json")
        details["credits"] = {"id": details["id"], "cast": [], "crew": []}
        details["external_ids"] = {"id": details["id"], "imdb_id": details["imdb_id"]}
        self._store_movie(details)
        scream = load_fixture("tmdb", "find_by_external_id.json")["movie_results"][0]
        self._seed_movie_from_search(scream, imdb_id=SCREAM_VI_IMDB)
        self._load_tv_fixtures()

    def _seed_movie_from_search(self, result: dict, imdb_id: str | None = None) -> None:
        """A movie known only from a recorded search hit: details are that hit plus defaults."""
        movie = self.add_movie(result["id"], result["title"], imdb_id=imdb_id)
        movie.update({key: copy.deepcopy(result[key]) for key in MOVIE_SEARCH_KEYS})
        movie["genres"] = [{"id": gid, "name": self.genre_names.get(gid, "")} for gid in result["genre_ids"]]

    def _load_tv_fixtures(self) -> None:
        for result in load_fixture("tmdb", "search_tv.json")["results"]:
            show = self.add_tv(result["id"], result["name"], first_air_date=result["first_air_date"],
                               overview=result["overview"], popularity=result["popularity"])
            show.update(copy.deepcopy(result))
        got = load_fixture("tmdb", "tv_series_details.json")
        got["external_ids"] = load_fixture("tmdb", "tv_external_ids.json")
        self._store_show(got)
        season = load_fixture("tmdb", "tv_season_details.json")
        self.seasons[(got["id"], season["season_number"])] = season
        for episode in season["episodes"]:
            self.episodes[(got["id"], episode["season_number"], episode["episode_number"])] = episode
        episode = load_fixture("tmdb", "tv_episode_details.json")
        self.episodes[(got["id"], episode["season_number"], episode["episode_number"])] = episode


def _collection(value) -> dict | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value
    collection_id, name = value
    return {"id": collection_id, "name": name, "poster_path": None, "backdrop_path": None}


def _cast(order: int, name: str) -> dict:
    return {"adult": False, "gender": 0, "id": 100000 + order, "known_for_department": "Acting", "name": name,
            "original_name": name, "popularity": 1.0, "profile_path": None, "cast_id": order,
            "character": "", "credit_id": f"credit{order}", "order": order}


def _season_stub(tv_id: int, number: int) -> dict:
    return {"_id": f"{tv_id}-{number}", "air_date": None, "episodes": [], "name": f"Season {number}",
            "networks": [], "overview": "", "id": tv_id * 100 + number, "poster_path": None,
            "season_number": number, "vote_average": 0.0}


def _refresh_show_seasons(show: dict, seasons: dict) -> None:
    mine = sorted((number, season) for (tv_id, number), season in seasons.items() if tv_id == show["id"])
    show["seasons"] = [{"air_date": season.get("air_date"), "episode_count": len(season["episodes"]),
                        "id": season["id"], "name": season["name"], "overview": season.get("overview", ""),
                        "poster_path": season.get("poster_path"), "season_number": number, "vote_average": 0}
                       for number, season in mine]
    show["number_of_seasons"] = len([number for number, _ in mine if number > 0])
    show["number_of_episodes"] = sum(len(season["episodes"]) for number, season in mine if number > 0)
