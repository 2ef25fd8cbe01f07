"""A fake video site for the download tests, on a loopback address (127.0.0.1 or 127.0.0.2).

It serves real media made with ffmpeg (``tests/media.py``) the ways yt-dlp meets them on the
web: a progressive MP4 (with byte ranges: ``206`` + ``Content-Range``, so a ``.part`` can resume),
an HLS stream cut by ffmpeg (``/hls/index.m3u8`` + segments), a page embedding a video (yt-dlp's
generic extractor), a playlist page of five entries of which two are broken (a 404 and a file that
is not media), and any extra route a test adds (a redirect, a manifest pointing elsewhere).
``throttle`` slows bodies down (bytes per second) so a test can catch a download half-way.
Every request is recorded (method, path, Range header). Must not: listen outside 127.0.0.0/8.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.fakes.server import TINY_JPEG
from tests.media import make_video

CHUNK = 16384
_RANGE = re.compile(r"bytes=(\d+)-(\d*)$")


@dataclass(frozen=True)
class Hit:
    method: str
    path: str
    range: str | None
    body: bytes = b""


Route = Callable[["FakeMediaSite"], tuple[int, dict[str, str], bytes]]


def build_media(folder: Path, tmp_path_factory=None) -> Path:
    """The site's files: clip.mp4 (3 s, H.264 + AAC), hls/index.m3u8 + segments, notvideo.mp4."""
    folder.mkdir(parents=True, exist_ok=True)
    clip = make_video(folder / "clip.mp4", 3.0, cache=tmp_path_factory)
    hls = folder / "hls"
    hls.mkdir(exist_ok=True)
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(clip), "-c", "copy", "-f", "hls", "-hls_time", "1",  # noqa: S603, S607
                    "-hls_playlist_type", "vod", "-hls_segment_filename", str(hls / "seg%02d.ts"), str(hls / "index.m3u8")],
                   check=True, timeout=60)
    (folder / "notvideo.mp4").write_text("<html>this is not a video</html>")
    (folder / "thumb.jpg").write_bytes(TINY_JPEG)
    (folder / "embed.html").write_text(
        '<html><head><title>A clip on a page</title><meta property="og:image" content="/thumb.jpg"></head><body>'
        '<h1>Hello</h1><video controls src="/clip.mp4" poster="/thumb.jpg"></video></body></html>')
    entries = ["/clip.mp4?n=1", "/missing.mp4", "/hls/index.m3u8", "/notvideo.mp4", "/clip.mp4?n=5"]
    videos = "".join(f'<video src="{src}"></video>' for src in entries)
    (folder / "playlist.html").write_text(f"<html><head><title>Five clips</title></head><body>{videos}</body></html>")
    return folder


class FakeMediaSite:
    def __init__(self, root: Path, host: str = "127.0.0.1", *, throttle: int | None = None):
        self.root, self.throttle = root, throttle
        self.hits: list[Hit] = []
        self.routes: dict[str, Route] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, 0), self._handler())
        self._server.daemon_threads = True
        self.host, self.port = host, self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def requested(self, path_prefix: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.hits if h.path.startswith(path_prefix)]

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeMediaSite:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_HEAD(self) -> None:  # noqa: N802
                self.do_GET()

            def do_POST(self) -> None:  # noqa: N802 - a notification target (Apprise's json://)
                self.do_GET(self.rfile.read(int(self.headers.get("Content-Length") or 0)))

            def do_GET(self, body: bytes = b"") -> None:  # noqa: N802
                with site._lock:
                    site.hits.append(Hit(self.command, self.path, self.headers.get("Range"), body))
                path = self.path.split("?", 1)[0]
                if path in site.routes:
                    self._answer(*site.routes[path](site))
                    return
                file = (site.root / path.lstrip("/")).resolve()
                if not file.is_relative_to(site.root.resolve()) or not file.is_file():
                    self._answer(404, {"Content-Type": "text/plain"}, b"not found")
                    return
                self._file(file)

            def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            def _file(self, file: Path) -> None:
                size = file.stat().st_size
                start, end, status = 0, size - 1, 200
                match = _RANGE.match(self.headers.get("Range") or "")
                if match and int(match.group(1)) < size:
                    start, end, status = int(match.group(1)), int(match.group(2) or size - 1), 206
                self.send_response(status)
                self.send_header("Content-Type", _mime(file))
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("Content-Length", str(end - start + 1))
                if status == 206:
                    self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
                self.end_headers()
                if self.command != "HEAD":
                    self._send(file, start, end - start + 1)

            def _send(self, file: Path, start: int, length: int) -> None:
                with open(file, "rb") as fh:
                    fh.seek(start)
                    try:
                        while length > 0 and (data := fh.read(min(CHUNK, length))):
                            self.wfile.write(data)
                            length -= len(data)
                            if site.throttle:
                                time.sleep(len(data) / site.throttle)
                    except OSError:
                        return

        return Handler


def _mime(file: Path) -> str:
    return {".mp4": "video/mp4", ".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t",
            ".html": "text/html; charset=utf-8", ".jpg": "image/jpeg"}.get(file.suffix, "application/octet-stream")


def copy_site(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target
