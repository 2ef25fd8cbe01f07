"""A fake podcast host on 127.0.0.1: feeds with ETag/Last-Modified (304 on a match), enclosures
with Range and If-Range (werkzeug's conditional responses), a slow enclosure for kill tests,
chapters JSON, a cover, redirects, and an iTunes-Search-shaped directory, and an endpoint Apprise's ``json://`` notifications post to.

Feeds are built with ``rss(...)`` and set with ``fake.feeds[name] = bytes``; enclosures with
``fake.media[name] = bytes``. Audio comes from ``make_mp3`` (ffmpeg, a real MP3).
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import time
from email.utils import formatdate
from pathlib import Path
from xml.sax.saxutils import escape

from flask import Flask, Response, abort, redirect, request, send_file

from .server import TINY_JPEG, FakeServer, json_response


def make_mp3(path: Path, seconds: float = 5.0, bitrate: str = "64k") -> Path:
    """A real MP3 (a sine tone) made by ffmpeg."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}",
                    "-b:a", bitrate, str(path)], check=True, timeout=120)
    return path


def rss(title: str, episodes: list[dict], *, base: str = "", extra_channel: str = "", image: str | None = None) -> bytes:
    """An RSS 2.0 podcast feed; each episode dict: guid, title, date (epoch), url, [length,
    duration, season, episode, chapters, transcript, description]."""
    items = "".join(_item(e) for e in episodes)
    cover = f'<itunes:image href="{escape(image)}"/>' if image else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" '
            f'xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel>'
            f"<title>{escape(title)}</title><link>{escape(base or 'http://example.invalid/')}</link>"
            f"<description>About {escape(title)}</description><itunes:author>Fake Host</itunes:author>"
            f"{cover}{extra_channel}{items}</channel></rss>").encode()


def _item(e: dict) -> str:
    parts = [f"<guid>{escape(e['guid'])}</guid>", f"<title>{escape(e['title'])}</title>",
             f"<pubDate>{formatdate(e['date'], usegmt=True)}</pubDate>",
             f'<enclosure url="{escape(e["url"])}" type="audio/mpeg" length="{e.get("length", 0)}"/>',
             f"<description>{escape(e.get('description', 'An episode'))}</description>"]
    if e.get("duration"):
        parts.append(f"<itunes:duration>{e['duration']}</itunes:duration>")
    for tag in ("season", "episode"):
        if e.get(tag) is not None:
            parts.append(f"<itunes:{tag}>{e[tag]}</itunes:{tag}>")
    if e.get("chapters"):
        parts.append(f'<podcast:chapters url="{escape(e["chapters"])}" type="application/json+chapters"/>')
    if e.get("transcript"):
        parts.append(f'<podcast:transcript url="{escape(e["transcript"])}" type="text/vtt" language="en"/>')
    return "<item>" + "".join(parts) + "</item>"


class FakePodcastHost(FakeServer):
    name = "podcasts"

    def __init__(self) -> None:
        self.feeds: dict[str, bytes] = {}
        self.media: dict[str, bytes] = {}
        self.chapters: dict[str, dict] = {}
        self.redirects: dict[str, tuple[int, str]] = {}
        self.directory: list[dict] = []
        self.slow_bytes_per_second = 200_000
        super().__init__()

    def routes(self, app: Flask) -> None:
        app.add_url_rule("/feeds/<name>", "feed", self._feed)
        app.add_url_rule("/media/<name>", "media", self._media)
        app.add_url_rule("/slow/<name>", "slow", self._slow)
        app.add_url_rule("/chapters/<name>", "chapters", self._chapters)
        app.add_url_rule("/cover.jpg", "cover", lambda: Response(TINY_JPEG, mimetype="image/jpeg"))
        app.add_url_rule("/moved/<name>", "moved", self._moved)
        app.add_url_rule("/search", "search", self._search)
        app.add_url_rule("/notify", "notify", lambda: json_response({}), methods=["POST"])  # Apprise json://

    def _feed(self, name: str):
        body = self.feeds.get(name)
        if body is None:
            abort(404)
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'  # noqa: S324 - a cache validator, not security
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, mimetype="application/rss+xml", headers={"ETag": etag})

    def _media(self, name: str):
        if name not in self.media:
            abort(404)
        data = self.media[name]
        return send_file(io.BytesIO(data), mimetype="audio/mpeg", conditional=True,
                         etag=hashlib.sha1(data).hexdigest(), last_modified=1_700_000_000)  # noqa: S324

    def _slow(self, name: str):
        """The enclosure at ``slow_bytes_per_second``, honouring ``Range`` (``bytes=N-``) and If-Range."""
        data = self.media[name]
        etag = '"' + hashlib.sha1(data).hexdigest() + '"'  # noqa: S324
        start = 0
        wanted = request.headers.get("Range", "")
        if wanted.startswith("bytes=") and request.headers.get("If-Range", etag) == etag:
            start = int(wanted[6:].split("-")[0])
        headers = {"ETag": etag, "Accept-Ranges": "bytes", "Content-Length": str(len(data) - start)}
        if start:
            headers["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        return Response(self._trickle(data[start:]), status=206 if start else 200, mimetype="audio/mpeg", headers=headers)

    def _trickle(self, data: bytes):
        step = max(1, self.slow_bytes_per_second // 20)
        for offset in range(0, len(data), step):
            yield data[offset:offset + step]
            time.sleep(0.05)

    def _chapters(self, name: str):
        return json_response(self.chapters[name])

    def _moved(self, name: str):
        status, target = self.redirects[name]
        return redirect(target, code=status)

    def _search(self):
        term = (request.args.get("term") or "").lower()
        found = [r for r in self.directory if term in r["collectionName"].lower()]
        return json_response({"resultCount": len(found), "results": found})
