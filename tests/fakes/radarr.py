"""A fake Radarr v3 on 127.0.0.1, built from Radarr's own openapi.json (tests/fixtures/radarr/).

Every request body is validated against the document's schema of its route (``MovieResource``,
``CommandResource``, ``TagResource``; unknown keys refused where Radarr refuses them), and every
movie it answers starts from the recorded MovieResource (``pyarr_movie.json``). It keeps what
Radarr keeps: movies (``GET /movie?tmdbId=`` answers an array), the TMDb catalogue for lookups,
tags, quality profiles, root folders and commands. ``POST /command`` answers 201 with a queued
command, and an identical queued or started command comes back with the same id; each poll of
``GET /command/{id}`` moves it on (queued → started → completed). Adding a movie with
``addOptions.searchForMovie`` starts a MoviesSearch as Radarr does. The API key is checked in
``X-Api-Key`` (401 otherwise).
"""

from __future__ import annotations

import copy
import itertools
import threading
from typing import Any

from flask import Flask, abort, request
from jsonschema import Draft202012Validator

from .server import FakeServer, json_response, load_fixture

API_KEY = "radarr-test-key"


def _nullable(schema: Any) -> Any:
    """OpenAPI 3.0's ``nullable: true`` as JSON Schema's type list."""
    if isinstance(schema, dict):
        out = {k: _nullable(v) for k, v in schema.items() if k != "nullable"}
        if schema.get("nullable") and isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
        return out
    if isinstance(schema, list):
        return [_nullable(v) for v in schema]
    return schema


class FakeRadarr(FakeServer):
    name = "radarr"

    def __init__(self) -> None:
        self.document = load_fixture("radarr", "openapi.json")
        self.components = _nullable(self.document["components"])
        self.template = load_fixture("radarr", "pyarr_movie.json")
        self.catalogue: dict[int, dict] = {}
        self.movies: dict[int, dict] = {}
        self.commands: dict[int, dict] = {}
        self.tags: list[dict] = []
        self.deleted: list[int] = []
        self.hold = False  # True: commands stay "started" until a test lets them finish
        self._ids = itertools.count(1)
        self._commands = itertools.count(100)
        self._mutex = threading.Lock()
        self.api_key = API_KEY
        super().__init__()

    # --- test set-up --------------------------------------------------------------------------------
    def film(self, tmdb_id: int, title: str, year: int, *, imdb: float = 7.0, votes: int = 100000,
             genres: tuple[str, ...] = ("Drama",), language: str = "English", keywords: tuple[str, ...] = ()) -> dict:
        """Put a film in the TMDb catalogue Radarr looks films up in."""
        movie = copy.deepcopy(self.template)
        for key in ("id", "path", "movieFile", "movieFileId", "added", "folderName", "rootFolderPath"):
            movie.pop(key, None)
        movie.update(title=title, originalTitle=title, sortTitle=title.lower(), year=year, tmdbId=tmdb_id,
                     imdbId=f"tt{tmdb_id:07d}", hasFile=False, monitored=False, genres=list(genres), keywords=list(keywords),
                     originalLanguage={"id": 1, "name": language}, tags=[],
                     ratings={"imdb": {"votes": votes, "value": imdb, "type": "user"}, "tmdb": {"votes": 10, "value": 9.9, "type": "user"}})
        self.catalogue[tmdb_id] = movie
        return movie

    def have(self, tmdb_id: int, *, has_file: bool) -> dict:
        """Put a catalogue film in Radarr itself (with or without its file)."""
        movie = {**copy.deepcopy(self.catalogue[tmdb_id]), "id": next(self._ids), "hasFile": has_file, "monitored": True,
                 "qualityProfileId": 1, "rootFolderPath": "/movies", "path": f"/movies/{self.catalogue[tmdb_id]['title']}"}
        self.movies[movie["id"]] = movie
        return movie

    def searches(self) -> list[dict]:
        return [c for c in self.commands.values() if c["name"] == "MoviesSearch"]

    # --- the API ------------------------------------------------------------------------------------
    def _check(self, schema: str | None = None, *, own: tuple[str, ...] = ()) -> Any:
        """The API key, then the body against ``schema``; ``own`` keys belong to the command's own
        class (``movieIds`` of MoviesSearch), which the document does not describe."""
        if request.headers.get("X-Api-Key") != self.api_key:
            abort(json_response({"message": "Unauthorized"}, 401))
        if schema is None:
            return None
        body = request.get_json(force=True)
        checked = {k: v for k, v in body.items() if k not in own}
        errors = sorted(Draft202012Validator({"$ref": f"#/components/schemas/{schema}", "components": self.components})
                        .iter_errors(checked), key=str)
        if errors:
            abort(json_response([{"propertyName": ".".join(map(str, e.path)), "errorMessage": e.message} for e in errors], 400))
        return body

    def routes(self, app: Flask) -> None:
        fixed = {"status": {"appName": "Radarr", "version": "5.26.2.10099"},
                 "qualityprofile": [{"id": 1, "name": "Any"}, {"id": 4, "name": "HD-1080p"}],
                 "rootfolder": [{"id": 1, "path": "/movies", "accessible": True, "freeSpace": 10**12}]}
        app.add_url_rule("/api/v3/system/<any(status):name>", "status", lambda name: self._check() or json_response(fixed[name]))
        app.add_url_rule("/api/v3/<any(qualityprofile, rootfolder):name>", "choices",
                         lambda name: self._check() or json_response(fixed[name]))
        app.add_url_rule("/api/v3/tag", "tags", lambda: self._check() or json_response(self.tags))
        app.add_url_rule("/api/v3/tag", "add_tag", self._add_tag, methods=["POST"])
        app.add_url_rule("/api/v3/movie", "movies", self._movies)
        app.add_url_rule("/api/v3/movie/lookup/tmdb", "lookup", self._lookup)
        app.add_url_rule("/api/v3/movie", "add_movie", self._add_movie, methods=["POST"])
        app.add_url_rule("/api/v3/movie/<int:movie_id>", "delete", self._delete, methods=["DELETE"])
        app.add_url_rule("/api/v3/command", "command", self._command, methods=["POST"])
        app.add_url_rule("/api/v3/command", "commands", lambda: self._check() or json_response(list(self.commands.values())))
        app.add_url_rule("/api/v3/command/<int:command_id>", "poll", self._poll)

    def _add_tag(self):
        body = self._check("TagResource")
        with self._mutex:
            tag = {"id": len(self.tags) + 1, "label": body["label"]}
            self.tags.append(tag)
        return json_response(tag, 201)

    def _movies(self):
        self._check()
        tmdb = request.args.get("tmdbId", type=int)
        found = [m for m in self.movies.values() if tmdb is None or m["tmdbId"] == tmdb]
        return json_response(found)

    def _lookup(self):
        self._check()
        tmdb = request.args.get("tmdbId", type=int)
        if tmdb not in self.catalogue:
            return json_response({"message": "Movie not found"}, 404)
        known = [m for m in self.movies.values() if m["tmdbId"] == tmdb]
        return json_response(known[0] if known else self.catalogue[tmdb])

    def _add_movie(self):
        body = self._check("MovieResource")
        missing = [k for k in ("title", "tmdbId", "qualityProfileId", "rootFolderPath") if not body.get(k)]
        if missing:
            return json_response([{"propertyName": k, "errorMessage": f"'{k}' must not be empty."} for k in missing], 400)
        with self._mutex:
            if any(m["tmdbId"] == body["tmdbId"] for m in self.movies.values()):
                return json_response([{"propertyName": "TmdbId", "errorMessage": "This movie has already been added"}], 400)
            movie = {**body, "id": next(self._ids), "hasFile": False, "path": f"{body['rootFolderPath']}/{body['title']}"}
            self.movies[movie["id"]] = movie
        if (body.get("addOptions") or {}).get("searchForMovie"):
            self._queue("MoviesSearch", [movie["id"]], trigger="unspecified")
        return json_response(movie, 201)

    def _delete(self, movie_id: int):
        self._check()
        if self.movies.pop(movie_id, None) is None:
            return json_response({"message": "Not Found"}, 404)
        self.deleted.append(movie_id)
        return json_response({})

    def _command(self):
        body = self._check("CommandResource", own=("movieIds",))
        if not all(isinstance(i, int) for i in body.get("movieIds") or [None]):
            return json_response({"message": "movieIds must be a list of movie ids"}, 400)
        if body.get("name") != "MoviesSearch":
            return json_response({"message": "Sequence contains no matching element"}, 500)
        return json_response(self._queue("MoviesSearch", body.get("movieIds") or [], trigger="manual"), 201)

    def _queue(self, name: str, movie_ids: list[int], *, trigger: str) -> dict:
        with self._mutex:
            for command in self.commands.values():
                if command["name"] == name and command["body"]["movieIds"] == movie_ids and command["status"] in ("queued", "started"):
                    return command
            command = {"id": next(self._commands), "name": name, "commandName": "Movies Search", "priority": "normal",
                       "status": "queued", "result": "unknown", "queued": "2025-11-15T20:04:13Z", "trigger": trigger,
                       "body": {"movieIds": movie_ids, "name": name, "trigger": trigger}}
            self.commands[command["id"]] = command
            return command

    def _poll(self, command_id: int):
        self._check()
        command = self.commands.get(command_id)
        if command is None:
            return json_response({"message": "Not Found"}, 404)
        with self._mutex:
            moves = {"queued": "started"} if self.hold else {"queued": "started", "started": "completed"}
            command["status"] = moves.get(command["status"], command["status"])
            if command["status"] == "completed":
                command["result"] = "successful"
        return json_response(command)
