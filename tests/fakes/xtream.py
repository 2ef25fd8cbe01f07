"""A fake Xtream Codes provider on 127.0.0.1, built from the recorded answers in ``tests/fixtures/xtream``.

``player_api.php`` answers the account, categories, streams, VOD and series details from an
in-memory catalog seeded with the fixtures' items (``add_vod``/``add_episode``
grow it). Each quirk of real panels can be switched on (``fake.quirks``, see ``QUIRKS``); with
``broken_items`` every list also carries items a client must skip (``fake.broken`` counts them).

Media (``/movie|series|live/<user>/<password>/<id>.<ext>``) are real files made with ffmpeg,
served with single ranges (206, ``Content-Range``; several ranges → 416), a per-connection
throttle (``bytes_per_second``), ``max_connections`` enforced per account (403 past the budget,
``fake.peak_connections`` records the most seen at once) and, with ``token_redirect``, a 302 to
an expiring ``/vauth/<token>`` as XC_VM does. ``ignore_range`` answers every request 200.

Live channels also come as **HLS** (``/live/<user>/<password>/<id>.m3u8``, when ``live_formats``
holds ``m3u8``): a sliding playlist of ``LIVE_WINDOW`` segments advancing in real time over a loop
of ffmpeg-made MPEG-TS segments (``make_hls_segments``; a discontinuity where the loop restarts).
As real panels do, its segment URLs carry the credentials and an expiring token
(``/hlsr/<token>/<user>/<password>/<id>/<n>.ts``); each segment request takes one of the account's
connections while it is sent, like any media request.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import secrets
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, redirect, request

from .server import FakeServer, json_response, load_fixture

QUIRKS = frozenset({
    "string_ids",       # every id a string ("456")
    "episodes_list",    # series episodes as a JSON list indexed by season (PHP contiguous keys)
    "info_empty",       # vod info and episode info as [] (an empty PHP array)
    "rating_mixed",     # ratings as numbers, "7,5", "" and null in turn
    "tmdb_key",         # the TMDb id under "tmdb" instead of "tmdb_id"
    "prefixes",         # names like "|EN| The Matrix (1999)" and categories "EN | Movies"
    "broken_items",     # lists carry items without an id or a name (to be skipped and counted)
    "token_redirect",   # media answer 302 to an expiring /vauth/<token>
})
HTML_404 = ("<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center>"
            "<hr><center>nginx</center></body></html>")
CHUNK = 64 * 1024
TOKEN_SECONDS = 5.0
STREAM_ACTIONS = {"get_live_streams": "live", "get_vod_streams": "vod", "get_series": "series"}
LIVE_WINDOW = 4  # segments in the sliding live playlist
LIVE_TOKEN_SECONDS = 30.0
_HLS_CACHE: dict[float, tuple[list[bytes], list[float]]] = {}
_HLS_LOCK = threading.Lock()


def make_ts(path: Path, seconds: float = 2.0) -> Path:
    """A real MPEG-TS (test pattern + tone), as a live channel sends."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=10:duration={seconds}",
                    "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset",
                    "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", "-f", "mpegts", str(path)],
                   check=True, timeout=120)
    return path


def make_hls_segments(segment_seconds: float = 1.0, count: int = 8) -> tuple[list[bytes], list[float]]:
    """Real MPEG-TS segments (test pattern + tone, a keyframe at each cut) and their durations,
    cut by ffmpeg's HLS muxer; made once per process."""
    with _HLS_LOCK:
        if segment_seconds not in _HLS_CACHE:
            with tempfile.TemporaryDirectory(prefix="fake-xtream-hls-") as folder:
                out = Path(folder)
                seconds = segment_seconds * count
                subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"testsrc=size=160x120:rate=10:duration={seconds}",
                                "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}", "-c:v", "libx264", "-preset",
                                "ultrafast", "-pix_fmt", "yuv420p", "-force_key_frames", f"expr:gte(t,n_forced*{segment_seconds})",
                                "-c:a", "aac", "-shortest", "-f", "hls", "-hls_time", str(segment_seconds), "-hls_list_size", "0",
                                "-hls_segment_filename", str(out / "%d.ts"), str(out / "index.m3u8")], check=True, timeout=120)
                playlist = (out / "index.m3u8").read_text()
                durations = [float(line[8:].split(",")[0]) for line in playlist.splitlines() if line.startswith("#EXTINF:")]
                _HLS_CACHE[segment_seconds] = ([(out / f"{n}.ts").read_bytes() for n in range(len(durations))], durations)
        return _HLS_CACHE[segment_seconds]


class FakeXtream(FakeServer):
    name = "xtream"

    def __init__(self, *, username: str = "demo", password: str = "s3cret!pw", max_connections: int = 2,
                 movie: bytes = b"", live: bytes = b"") -> None:
        self.username, self.password, self.max_connections = username, password, max_connections
        self.quirks: set[str] = set()
        self.empty_sections: set[str] = set()  # sections whose streams answer []
        self.html_errors = False  # every player_api call answers an nginx 404 page with status 200
        self.ignore_range = False
        self.expired = False
        self.bytes_per_second = 0  # per connection; 0: as fast as possible
        self.movie, self.live_bytes = movie, live
        self.media: dict[str, bytes] = {}  # "movie/456" -> bytes (default: ``movie``)
        self.active = 0
        self.peak_connections = 0
        self.media_requests: list[dict[str, Any]] = []
        self.live_formats = {"m3u8", "ts"}  # what the account may play live (allowed_output_formats)
        self.live_segment_seconds = 1.0
        self._live_started = time.monotonic()
        self._tokens: dict[str, tuple[str, float]] = {}
        self._conn_lock = threading.Lock()
        self._frozen: dict[str, bytes] = {}
        self._seed_catalog()
        super().__init__()

    # --- the catalog ---------------------------------------------------------------------------
    def _seed_catalog(self) -> None:
        self.categories = {
            "live": load_fixture("xtream", "xcvm_docs", "get_all_live_categories.json"),
            "vod": load_fixture("xtream", "xcvm_docs", "get_movie_categories.json"),
            "series": [{"category_id": "4", "category_name": "Animation", "parent_id": 0},
                       {"category_id": "20", "category_name": "Drama", "parent_id": 0}],
        }
        self.live = load_fixture("xtream", "worldofiptv_docs", "player-api__live-streams.json")
        for channel in self.live:
            channel["category_id"] = "1" if channel["stream_id"] == 123 else "2"
        self.vod = load_fixture("xtream", "worldofiptv_docs", "player-api__vod-streams.json")
        dispatcharr = load_fixture("xtream", "quirk_variants.json")["get_vod_streams"]["dispatcharr"]["example"]
        self.vod.append({**dispatcharr, "name": "The Matrix Reloaded", "stream_id": 458, "category_id": "11",
                         "tmdb_id": "604", "cast": "Keanu Reeves, Carrie-Anne Moss"})
        self.vod[0].update(tmdb_id="603", year=1999, cast="Keanu Reeves, Laurence Fishburne")
        self.series = load_fixture("xtream", "xcvm_docs", "get_all_series.json")
        bb_info = load_fixture("xtream", "worldofiptv_docs", "player-api__series-info.json")
        self.series.append({**bb_info["info"], "num": 2, "series_id": 77, "tmdb_id": "1396"})
        braceface = load_fixture("xtream", "xcvm_docs", "get_series_info.json")
        self.series_details = {"1": braceface, "77": bb_info}
        self._ids = itertools.count(10_000)

    def add_vod(self, name: str, *, category_id: str = "10", tmdb_id: str | None = None, container: str = "mp4",
                stream_id: int | None = None) -> int:
        stream_id = stream_id or next(self._ids)
        self.vod.append({"num": len(self.vod) + 1, "name": name, "stream_type": "movie", "stream_id": stream_id,
                         "stream_icon": "", "rating": "7.0", "added": "1700000000", "category_id": category_id,
                         "container_extension": container, "custom_sid": "", "direct_source": "",
                         **({"tmdb_id": tmdb_id} if tmdb_id else {})})
        return stream_id

    def add_episode(self, series_id: str, season: int, number: int, title: str, *, container: str = "mp4") -> str:
        episode_id = str(next(self._ids))
        episodes = self.series_details[series_id].setdefault("episodes", {})
        episodes.setdefault(str(season), []).append(
            {"id": episode_id, "episode_num": number, "title": title, "container_extension": container,
             "info": {"duration_secs": 2, "plot": f"{title}."}, "custom_sid": "", "added": str(int(time.time())),
             "season": season, "direct_source": ""})
        return episode_id

    @property
    def broken(self) -> dict[str, int]:
        """How many deliberately broken items each list carries (with ``broken_items``)."""
        return {"live": 1, "vod": 2, "series": 1} if "broken_items" in self.quirks else {"live": 0, "vod": 0, "series": 0}

    # --- routes --------------------------------------------------------------------------------
    def routes(self, app: Flask) -> None:
        app.add_url_rule("/player_api.php", "api", self._player_api)
        app.add_url_rule("/<any(movie, series, live):kind>/<user>/<password>/<name>", "media", self._media)
        app.add_url_rule("/vauth/<token>", "vauth", self._vauth)
        app.add_url_rule("/hlsr/<token>/<user>/<password>/<stream_id>/<int:sequence>.ts", "hls_segment", self._live_segment)
        app.add_url_rule("/xmltv.php", "xmltv", self._xmltv)

    def _player_api(self):
        if self.html_errors:
            return Response(HTML_404, 200, mimetype="text/html")
        if request.args.get("username") != self.username or request.args.get("password") != self.password:
            return json_response({"user_info": {"auth": 0, "status": "Invalid", "message": "Invalid username or password"}})
        action = request.args.get("action", "")
        frozen = self._frozen.get(STREAM_ACTIONS.get(action, ""))
        if frozen is not None:
            return Response(frozen, mimetype="application/json")
        answers = {
            "": self._account, "get_live_categories": lambda: self._categories("live"),
            "get_vod_categories": lambda: self._categories("vod"), "get_series_categories": lambda: self._categories("series"),
            "get_live_streams": lambda: self._list("live"), "get_vod_streams": lambda: self._list("vod"),
            "get_series": lambda: self._list("series"), "get_vod_info": self._vod_info, "get_series_info": self._series_info,
        }
        return json_response(answers.get(action, self._account)())

    def _account(self) -> dict:
        now = int(time.time())
        return {"user_info": {"username": self.username, "password": self.password, "auth": 1, "status": "Active",
                              "exp_date": str(now - 86400 if self.expired else now + 30 * 86400), "is_trial": "0",
                              "active_cons": str(self.active), "max_connections": str(self.max_connections),
                              "allowed_output_formats": sorted(self.live_formats)},
                "server_info": {"url": "127.0.0.1", "port": str(self._server.server_port if self._server else 0),
                                "server_protocol": "http", "timezone": "UTC", "timestamp_now": now,
                                "time_now": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(now))}}

    def _categories(self, section: str) -> list:
        categories = copy.deepcopy(self.categories[section])
        if "prefixes" in self.quirks:
            for category in categories:
                category["category_name"] = f"EN | {category['category_name']}"
        return categories

    def freeze_lists(self) -> None:
        """Encode the list answers now and serve those bytes (benchmarks: a real provider encodes on
        its own machine, not in the process being measured). Changing the catalog afterwards is not seen."""
        self._frozen = {section: json.dumps(self._list(section)).encode() for section in ("live", "vod", "series")}

    def _list(self, section: str) -> list:
        if section in self.empty_sections:
            return []
        items = getattr(self, section)
        if self.quirks:  # a copy to change; without quirks the catalog is sent as it is
            items = [self._quirky(copy.deepcopy(item), n) for n, item in enumerate(items)]
        if "broken_items" in self.quirks:
            items = items + [{"name": "No id at all", "stream_type": section}, {"stream_id": 999_001, "name": None},
                      {"series_id": {"nested": 1}, "name": "Id is an object"}][: self.broken[section]]
        return items

    def _quirky(self, item: dict, n: int) -> dict:
        if "string_ids" in self.quirks:
            for key in ("stream_id", "series_id", "num"):
                if key in item:
                    item[key] = str(item[key])
        if "rating_mixed" in self.quirks:
            item["rating"] = (8.5, "7,5", "", None)[n % 4]
        if "tmdb_key" in self.quirks and "tmdb_id" in item:
            item["tmdb"] = item.pop("tmdb_id")
        if "prefixes" in self.quirks and item.get("name"):
            item["name"] = f"|EN| {item['name']}"
        return item

    def _vod_info(self):
        vod_id = request.args.get("vod_id", "")
        match = next((v for v in self.vod if str(v["stream_id"]) == vod_id), None)
        if match is None or "info_empty" in self.quirks:
            return {"info": [], **({"movie_data": match} if match else {})}
        return {"info": {"tmdb_id": match.get("tmdb_id", ""), "plot": "A film.", "cast": match.get("cast", ""),
                         "duration_secs": 2}, "movie_data": match}

    def _series_info(self):
        details = copy.deepcopy(self.series_details.get(request.args.get("series_id", ""), {}))
        episodes = details.get("episodes") or {}
        if "info_empty" in self.quirks:
            for group in episodes.values():
                for episode in group:
                    episode["info"] = []
        if "episodes_list" in self.quirks and isinstance(episodes, dict):
            top = max((int(k) for k in episodes), default=-1)
            details["episodes"] = [episodes.get(str(k)) for k in range(top + 1)]
        return details

    def _xmltv(self):
        if request.args.get("username") != self.username or request.args.get("password") != self.password:
            abort(403)
        channels = "".join(f'<channel id="{c["epg_channel_id"]}"><display-name>{c["name"]}</display-name></channel>'
                           for c in self.live)
        programmes = "".join(f'<programme start="20250101120000 +0000" stop="20250101130000 +0000" channel="{c["epg_channel_id"]}">'
                             f'<title>News on {c["name"]}</title></programme>' for c in self.live)
        other = '<channel id="not.listed"><display-name>Elsewhere</display-name></channel>'
        return Response(f'<?xml version="1.0" encoding="UTF-8"?><tv>{channels}{other}{programmes}</tv>', mimetype="application/xml")

    # --- media ---------------------------------------------------------------------------------
    def _media(self, kind: str, user: str, password: str, name: str):
        if (user, password) != (self.username, self.password):
            abort(403)
        if "token_redirect" in self.quirks:
            token = secrets.token_hex(8)
            self._tokens[token] = (f"{kind}/{name}", time.monotonic() + TOKEN_SECONDS)
            return redirect(f"/vauth/{token}", 302)
        return self._serve(f"{kind}/{name}")

    def _vauth(self, token: str):
        target, expires = self._tokens.get(token, ("", 0.0))
        if time.monotonic() > expires:
            return Response("TOKEN_EXPIRED", 403, mimetype="text/plain")
        return self._serve(target)

    def _serve(self, target: str):
        kind, _, name = target.partition("/")
        if kind == "live" and name.endswith(".m3u8"):
            return self._live_playlist(name.removesuffix(".m3u8"))
        data = self.media.get(f"{kind}/{name.rsplit('.', 1)[0]}") or (self.live_bytes if kind == "live" else self.movie)
        if not data:
            abort(404)
        if not self._take_connection():
            return Response("Maximum connections reached", 403, mimetype="text/plain")
        try:
            status, start, end, headers = self._plan(len(data))
        except ValueError:
            self._give_back()
            return Response(status=416, headers={"Content-Range": f"bytes */{len(data)}"})
        self.media_requests.append({"target": target, "range": request.headers.get("Range"), "status": status})
        body = self._body(data, start, end)
        return Response(body, status=status, headers={**headers, "Content-Length": str(end - start + 1)},
                        mimetype="video/mp2t" if kind == "live" else "video/mp4", direct_passthrough=True)

    # --- live HLS ------------------------------------------------------------------------------
    def _live_playlist(self, stream_id: str):
        if "m3u8" not in self.live_formats or not any(str(c["stream_id"]) == stream_id for c in self.live):
            abort(404)
        segments, durations = make_hls_segments(self.live_segment_seconds)
        newest = LIVE_WINDOW - 1 + int((time.monotonic() - self._live_started) / self.live_segment_seconds)
        first = newest - LIVE_WINDOW + 1
        token = secrets.token_hex(8)
        self._tokens[token] = (f"hls/{stream_id}", time.monotonic() + LIVE_TOKEN_SECONDS)
        lines = ["#EXTM3U", "#EXT-X-VERSION:3", f"#EXT-X-TARGETDURATION:{int(max(durations) + 0.999)}",
                 f"#EXT-X-MEDIA-SEQUENCE:{first}", f"#EXT-X-DISCONTINUITY-SEQUENCE:{first // len(segments)}"]
        for sequence in range(first, newest + 1):
            if sequence % len(segments) == 0 and sequence > first:
                lines.append("#EXT-X-DISCONTINUITY")
            lines.append(f"#EXTINF:{durations[sequence % len(segments)]:.3f},")
            lines.append(f"/hlsr/{token}/{self.username}/{self.password}/{stream_id}/{sequence}.ts")
        return Response("\n".join(lines) + "\n", mimetype="application/vnd.apple.mpegurl")

    def _live_segment(self, token: str, user: str, password: str, stream_id: str, sequence: int):
        target, expires = self._tokens.get(token, ("", 0.0))
        if (user, password) != (self.username, self.password) or target != f"hls/{stream_id}" or time.monotonic() > expires:
            return Response("TOKEN_EXPIRED", 403, mimetype="text/plain")
        segments, _ = make_hls_segments(self.live_segment_seconds)
        data = segments[sequence % len(segments)]
        if not self._take_connection():
            return Response("Maximum connections reached", 403, mimetype="text/plain")
        self.media_requests.append({"target": f"hls/{stream_id}/{sequence}", "range": None, "status": 200})
        return Response(self._body(data, 0, len(data) - 1), status=200, headers={"Content-Length": str(len(data))},
                        mimetype="video/mp2t", direct_passthrough=True)

    def _plan(self, size: int) -> tuple[int, int, int, dict[str, str]]:
        header = request.headers.get("Range")
        validators = {"ETag": '"fake-xtream-1"', "Accept-Ranges": "bytes"}
        if not header or self.ignore_range:
            return 200, 0, size - 1, validators
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
        if not match or "," in header:
            raise ValueError("unsupported range")
        first, last = match.groups()
        start = int(first) if first else size - int(last)
        end = min(int(last), size - 1) if first and last else size - 1
        if start >= size or start > end:
            raise ValueError("unsatisfiable")
        return 206, start, end, {**validators, "Content-Range": f"bytes {start}-{end}/{size}"}

    def _body(self, data: bytes, start: int, end: int) -> _Body:
        return _Body(data, start, end, self.bytes_per_second, self._give_back)

    def _take_connection(self) -> bool:
        with self._conn_lock:
            if self.active >= self.max_connections:
                return False
            self.active += 1
            self.peak_connections = max(self.peak_connections, self.active)
            return True

    def _give_back(self) -> None:
        with self._conn_lock:
            self.active = max(0, self.active - 1)


class _Body:
    """A media answer's body: throttled chunks; its connection is given back once, just before
    the last chunk is sent (so a client that has every byte may open the next one at once), or
    when the server closes it early (the client went away)."""

    def __init__(self, data: bytes, start: int, end: int, rate: int, give_back) -> None:
        self.data, self.start, self.end, self.rate, self._give_back = data, start, end, rate, give_back
        self._closed = False

    def __iter__(self):
        position = self.start
        while position <= self.end:
            chunk = self.data[position: min(self.end + 1, position + CHUNK)]
            began = time.monotonic()
            if position + len(chunk) > self.end:
                self.close()
            yield chunk
            position += len(chunk)
            if self.rate and position <= self.end:
                time.sleep(max(0.0, len(chunk) / self.rate - (time.monotonic() - began)))

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._give_back()
