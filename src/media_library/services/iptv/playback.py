"""The playback proxy: a film, an episode or a live channel relayed from the provider, so the
provider's URL (which carries the account's user name and password) never reaches a browser or
another player.

- VOD and episodes: the player's ``Range`` (one range) is passed to the provider and the answer's
  status (200, 206, 416) and ``Content-Range``/``Content-Length``/``Accept-Ranges`` come back, so
  a browser can seek. Every request opens the *original* URL again (an expiring token a provider
  redirected to is never reused), through the outbound guard.
- Live: the MPEG-TS the provider sends (``.ts``), relayed as is for players that read it (VLC,
  Kodi, the M3U playlist); for the browser, which plays no MPEG-TS, ``remux=True`` copies the
  same stream into fragmented MP4 with ffmpeg (``tools/ffmpeg_remux.py``), without re-encoding.

The answer holds one provider connection while it is read; ``close()`` gives it back. A live
relay also holds one of the account's connections in the live budget (``LiveHls.connection``),
so live channels, as HLS or as MPEG-TS, never take more than ``max_connections``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Literal

from ...errors import InvalidInput
from ...tools.ffmpeg_remux import remux_to_fmp4

Kind = Literal["movie", "episode", "live"]
PASSED_HEADERS = ("content-type", "content-length", "content-range", "accept-ranges")
_SINGLE_RANGE = re.compile(r"bytes=\d*-\d*")
CHUNK = 256 * 1024


@dataclass
class Relayed:
    """An open answer: status, the headers to send, and the body (closing gives the connection back)."""

    status: int
    headers: dict[str, str]
    body: Iterator[bytes]
    _stack: ExitStack = field(default_factory=ExitStack)

    def __iter__(self) -> Iterator[bytes]:
        return self.body

    def close(self) -> None:
        self._stack.close()


class PlaybackProxy:
    def __init__(self, state, *, http, live=None):
        self.state, self.http, self.live = state, http, live  # live: ``LiveHls``, whose budget a live relay holds

    def open(self, account_id: int, kind: Kind, stream_id: str, *, range_header: str | None = None,
             remux: bool = False) -> Relayed:
        url, client = self._source(account_id, kind, stream_id)
        headers = {}
        if range_header and kind != "live":
            if not _SINGLE_RANGE.fullmatch(range_header.strip()):
                raise InvalidInput("only one byte range (bytes=a-b) can be asked for")
            headers["Range"] = range_header.strip()
        stack = ExitStack()
        try:
            if kind == "live" and self.live is not None:
                stack.enter_context(self.live.connection(self.state.get_iptv_account(account_id)))
            opened = stack.enter_context(client.open_stream(url, headers=headers))
            if kind == "live" and remux:
                return Relayed(200, {"Content-Type": "video/mp4"}, remux_to_fmp4(opened.chunks(CHUNK), stack), stack)
            sent = {k.title(): v for k, v in opened.headers.items() if k in PASSED_HEADERS}
            if kind == "live":
                sent["Content-Type"] = "video/mp2t"
            sent.setdefault("Content-Type", "video/mp4")
            return Relayed(opened.status, sent, opened.chunks(CHUNK), stack)
        except BaseException:
            stack.close()
            raise

    def _source(self, account_id: int, kind: Kind, stream_id: str):
        account = self.state.get_iptv_account(account_id)
        client = self.http.client(account, streaming=True)
        if kind == "movie":
            item = self.state.get_iptv_stream(account_id, "vod", stream_id)
            return client.stream_url("movie", item.stream_id, item.container or "mp4"), client
        if kind == "episode":
            episode = self.state.get_iptv_episode(account_id, stream_id)
            return client.stream_url("series", episode.episode_id, episode.container or "mp4"), client
        if kind == "live":
            channel = self.state.get_iptv_stream(account_id, "live", stream_id)
            return client.stream_url("live", channel.stream_id, "ts"), client
        raise InvalidInput("kind must be movie, episode or live")
