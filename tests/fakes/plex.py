"""A local Plex Media Server: identity, library sections, paged listings, details, show search,
accounts, watch history and thumbnails, in JSON or (``xml=True``, or without
``Accept: application/json``) in XML, as a real server answers.

Libraries hold raw item dicts in Plex's JSON shape: the recorded ones (``load_fixtures``) or
generated ones (``generate_movies``, up to 20,000 and more). Listings page by
``X-Plex-Container-Start``/``-Size`` and answer ``totalSize``; a listing asked without both
headers is answered with the server's default page of 50 (as a real server caps it), so a client
that forgets them misses items. Per-user watched state is kept per account and overlaid on
listings read with that user's token. Must not: reach the network.
"""

from __future__ import annotations

import copy
import json
import threading
from xml.etree.ElementTree import Element, SubElement, tostring

from flask import Flask, Response, request

from .server import TINY_JPEG, FakeServer, load_fixture

TYPES = {"1": "movie", "2": "show", "3": "season", "4": "episode"}
DEFAULT_PAGE = 50
LIST_KEYS = ("Media", "Part", "Stream", "Guid", "Location", "Genre", "Account", "Directory")


class FakePlex(FakeServer):
    name = "plex"

    def __init__(self, token: str = "plex-owner-token", *, machine_id: str = "fake-machine", xml: bool = False):
        self.token, self.machine_id, self.xml = token, machine_id, xml
        self.sections: dict[str, dict] = {}
        self.user_tokens: dict[str, str] = {token: "1"}  # token -> account id ("1" = the owner)
        self.accounts: dict[str, str] = {"1": "owner"}
        self.views: dict[str, dict[str, dict]] = {}  # account id -> ratingKey -> viewCount/viewOffset/lastViewedAt
        self.history_rows: list[dict] = []
        self._data_lock = threading.Lock()
        super().__init__()

    # --- content ------------------------------------------------------------------------------
    def add_section(self, key: str, kind: str, title: str, locations: list[str]) -> dict:
        section = {"key": str(key), "type": kind, "title": title, "agent": "tv.plex.agents.movie" if kind == "movie" else
                   "tv.plex.agents.series", "locations": locations, "items": []}
        self.sections[str(key)] = section
        return section

    def add_items(self, key: str, items: list[dict]) -> None:
        with self._data_lock:
            self.sections[str(key)]["items"].extend(copy.deepcopy(items))

    def load_fixtures(self) -> None:
        """A film section from the recorded listings (and the two-version film), a show section
        with the recorded episodes and their shows, and an anime section with legacy GUIDs."""
        self.add_section("1", "movie", "Movies", ["/Movies", "/mnt/Movies_1"])
        films = load_fixture("plex", "pms-json_library_sections_1_all_movies_includeGuids.json")["MediaContainer"]["Metadata"]
        unguided = load_fixture("plex", "pms-json_library_sections_1_all_movies.json")["MediaContainer"]["Metadata"]
        known = {f["ratingKey"] for f in films}
        two = load_fixture("plex", "derived_movie_two_versions_flattened_part.json")["MediaContainer"]["Metadata"]
        self.add_items("1", films + [f for f in unguided if f["ratingKey"] not in known] + two)
        self.add_section("2", "show", "TV Series", ["/TV Shows", "/Volumes/Media/TV Shows"])
        episodes = load_fixture("plex", "pms-json_library_sections_N_all_type4_episodes_includeGuids.json")["MediaContainer"]["Metadata"]
        leaves = load_fixture("plex", "pms-openapi-example_library_sections_N_allLeaves.json")["MediaContainer"]["Metadata"]
        self.add_items("2", _shows_of(episodes + leaves) + episodes + leaves)
        self.add_section("3", "show", "Anime", ["/Anime"])
        self.add_items("3", load_fixture("plex", "pms-json_library_sections_N_all_shows_legacy_thetvdb_agent.json")["MediaContainer"]["Metadata"])

    def generate_movies(self, key: str, count: int, *, root: str = "/data/movies", start: int = 100000) -> None:
        """``count`` films with one Part each, new-agent GUIDs and ``updatedAt``."""
        items = [movie(start + n, root) for n in range(count)]
        with self._data_lock:
            self.sections[str(key)]["items"].extend(items)

    def items(self, key: str) -> list[dict]:
        return self.sections[str(key)]["items"]

    def touch(self, key: str, rating_keys: set[str], stamp: int) -> None:
        """Change these items (a new title and ``updatedAt``), as an edit on the server would."""
        with self._data_lock:
            for item in self.sections[str(key)]["items"]:
                if item["ratingKey"] in rating_keys:
                    item["updatedAt"], item["title"] = stamp, item["title"] + " (edited)"

    def remove(self, key: str, rating_keys: set[str]) -> None:
        with self._data_lock:
            section = self.sections[str(key)]
            section["items"] = [i for i in section["items"] if i["ratingKey"] not in rating_keys]

    def add_user(self, account_id: str, name: str, token: str) -> None:
        self.accounts[account_id], self.user_tokens[token] = name, account_id

    def set_view(self, account_id: str, rating_key: str, *, count: int = 0, offset_ms: int = 0, last: int | None = None) -> None:
        state = {"viewCount": count, "viewOffset": offset_ms, "lastViewedAt": last}
        self.views.setdefault(account_id, {})[rating_key] = {k: v for k, v in state.items() if v}

    # --- routes ------------------------------------------------------------------------------
    def routes(self, app: Flask) -> None:
        app.before_request(self._auth)
        app.get("/identity")(self._identity)
        app.get("/library/sections")(self._sections)
        app.get("/library/sections/<key>/all")(self._all)
        app.get("/library/metadata/<rating_key>")(self._metadata)
        app.get("/library/metadata/<rating_key>/allLeaves")(self._leaves)
        app.get("/library/metadata/<rating_key>/thumb/<stamp>")(self._thumb)
        app.get("/library/sections/<key>/refresh")(self._refresh)
        app.get("/accounts")(self._accounts)
        app.get("/status/sessions/history/all")(self._history)

    def _auth(self):
        if request.headers.get("X-Plex-Token") not in self.user_tokens:
            return Response("<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>",
                            status=401, mimetype="text/html")
        return None

    def _account(self) -> str:
        return self.user_tokens[request.headers["X-Plex-Token"]]

    def _identity(self):
        return self._answer({"size": 0, "claimed": True, "machineIdentifier": self.machine_id, "version": "1.41.3.9314"}, [])

    def _sections(self):
        dirs = [{"key": s["key"], "type": s["type"], "title": s["title"], "agent": s["agent"], "scanner": "Plex Scanner",
                 "language": "en", "Location": [{"id": n, "path": p} for n, p in enumerate(s["locations"], 1)]}
                for s in self.sections.values()]
        return self._answer({"size": len(dirs), "title1": "Plex Library"}, dirs, key="Directory")

    def _all(self, key: str):
        kind = TYPES.get(request.args.get("type", ""), None)
        with self._data_lock:
            items = [i for i in self.sections.get(key, {"items": []})["items"] if kind is None or i.get("type") == kind]
        title, year = request.args.get("title"), request.args.get("year")
        if title:
            items = [i for i in items if title.casefold() in str(i.get("title", "")).casefold()]
        if year:
            items = [i for i in items if str(i.get("year")) == year]
        return self._page(items)

    def _metadata(self, rating_key: str):
        found = [i for s in self.sections.values() for i in s["items"] if i.get("ratingKey") == rating_key]
        return self._answer({"size": len(found)}, [self._viewed(i) for i in found])

    def _leaves(self, rating_key: str):
        episodes = [i for s in self.sections.values() for i in s["items"]
                    if i.get("type") == "episode" and i.get("grandparentRatingKey") == rating_key]
        return self._page(episodes)

    def _thumb(self, rating_key: str, stamp: str):
        return Response(TINY_JPEG, mimetype="image/jpeg")

    def _refresh(self, key: str):
        return Response(status=200) if key in self.sections else Response(status=404)

    def _accounts(self):
        accounts = [{"id": 0, "name": ""}] + [{"id": int(a), "name": n} for a, n in self.accounts.items()]
        return self._answer({"size": len(accounts)}, accounts, key="Account")

    def _history(self):
        return self._page(self.history_rows)

    # --- answers -----------------------------------------------------------------------------
    def _page(self, items: list[dict]):
        start = request.headers.get("X-Plex-Container-Start", request.args.get("X-Plex-Container-Start"))
        size = request.headers.get("X-Plex-Container-Size", request.args.get("X-Plex-Container-Size"))
        begin = int(start) if start is not None and size is not None else 0
        count = int(size) if start is not None and size is not None else DEFAULT_PAGE
        chosen = [self._viewed(i) for i in items[begin:begin + count]]
        container = {"size": len(chosen), "totalSize": len(items), "offset": begin}
        return self._answer(container, chosen, headers={"X-Plex-Container-Start": str(begin),
                                                        "X-Plex-Container-Total-Size": str(len(items))})

    def _viewed(self, item: dict) -> dict:
        """The item as this token's user sees it: their own view count, offset and last viewed."""
        out = {k: v for k, v in item.items() if k not in ("viewCount", "viewOffset", "lastViewedAt")}
        account = self._account()
        state = self.views.get(account, {}).get(item.get("ratingKey"))
        if state is None and account == "1":  # the owner sees what the recorded answer carried
            state = {k: item[k] for k in ("viewCount", "viewOffset", "lastViewedAt") if k in item}
        return {**out, **(state or {})}

    def _answer(self, container: dict, items: list[dict], *, key: str = "Metadata", headers: dict | None = None):
        if self.xml or "application/json" not in request.headers.get("Accept", ""):
            return Response(to_xml(container, items, key), mimetype="text/xml", headers=headers)
        body = json.dumps({"MediaContainer": {**container, key: items} if items else container})
        return Response(body, mimetype="application/json", headers=headers)


def movie(n: int, root: str) -> dict:
    """A generated film in the shape of a recorded listing item."""
    return {"ratingKey": str(n), "key": f"/library/metadata/{n}", "guid": f"plex://movie/{n:024x}", "type": "movie",
            "title": f"Film {n}", "year": 1950 + n % 70, "addedAt": 1_600_000_000 + n, "updatedAt": 1_700_000_000 + n,
            "duration": 6_000_000,
            "Media": [{"id": n, "duration": 6_000_000, "width": 1920, "height": 1080, "videoCodec": "h264", "container": "mkv",
                       "Part": [{"id": n, "key": f"/library/parts/{n}/1/file.mkv", "duration": 6_000_000,
                                 "file": f"{root}/Film {n} ({1950 + n % 70})/Film {n}.mkv", "size": 1_000_000 + n,
                                 "container": "mkv"}]}],
            "Guid": [{"id": f"imdb://tt{9_000_000 + n}"}, {"id": f"tmdb://{900_000 + n}"}]}


def _shows_of(episodes: list[dict]) -> list[dict]:
    """The show items the recorded episodes belong to (a listing of type=2 names them)."""
    shows: dict[str, dict] = {}
    for e in episodes:
        key = e["grandparentRatingKey"]
        shows.setdefault(key, {"ratingKey": key, "key": f"/library/metadata/{key}/children", "guid": e.get("grandparentGuid"),
                               "type": "show", "title": e["grandparentTitle"], "year": e.get("year"),
                               "thumb": e.get("grandparentThumb"), "addedAt": e.get("addedAt")})
    return list(shows.values())


def to_xml(container: dict, items: list[dict], key: str) -> bytes:
    """The XML a real server sends for the same answer: attributes are strings, lists are elements."""
    root = Element("MediaContainer", {k: _attr(v) for k, v in container.items() if not isinstance(v, (list, dict))})
    for item in items:
        tag = key if key != "Metadata" else ("Directory" if item.get("type") in ("show", "season") else "Video")
        _element(root, tag, item)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root)


def _element(parent, tag: str, value: dict) -> None:
    node = SubElement(parent, tag, {k: _attr(v) for k, v in value.items() if not isinstance(v, (list, dict)) and v is not None})
    for child_tag, child in value.items():
        for entry in child if isinstance(child, list) else [child] if isinstance(child, dict) else []:
            if isinstance(entry, dict):
                _element(node, child_tag, entry)


def _attr(value) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
