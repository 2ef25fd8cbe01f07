"""Live channels as HLS through our proxy, for the browser (hls.js) and any HLS player.

- **Playlist**: the provider's ``/live/<user>/<password>/<id>.m3u8`` is opened through the
  outbound guard (its expiring-token redirects followed, each hop guarded) and rewritten
  (``hls_playlist.rewrite``): every segment, variant playlist, key or init section becomes
  ``hls/<opaque id>.<ts|m3u8>`` on our server. The id maps, in memory only, to the absolute
  upstream URL; neither that URL, its token nor the account's credentials reach the player.
- **One upstream connection per channel**: each channel (account, stream) has one lock around its
  upstream fetches, its playlist answer is kept for half a target duration and its last
  ``SEGMENTS_KEPT`` segments are kept in memory, so every viewer of a channel shares one
  connection: a second viewer gets what the first one fetched.
- **Budget**: the account's live fetches in flight, its live MPEG-TS relays (the playback proxy
  holds ``connection()`` while one streams) and its running downloads never exceed its
  ``max_connections`` (an account never tested is tested first, so its budget is the provider's);
  a fetch waits up to ``WAIT_SECONDS`` for a free connection, then answers 503 saying what holds
  them.
- **Idle stop**: a channel nobody asked for in ``IDLE_SECONDS`` is dropped with its ids and its
  kept segments; an id not listed by a playlist for ``LINK_SECONDS`` is forgotten (404: reload).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ...errors import Busy, ExternalServiceError, NotFound
from .hls_playlist import LinkKind, rewrite

log = logging.getLogger(__name__)
PLAYLIST_TYPE = "application/vnd.apple.mpegurl"
SEGMENTS_KEPT = 6
IDLE_SECONDS = 60.0
LINK_SECONDS = 120.0
WAIT_SECONDS = 10.0
MIN_PLAYLIST_SECONDS = 0.5
SUFFIX = {"playlist": "m3u8", "media": "ts"}

ChannelKey = tuple[int, str]


@dataclass
class _Link:
    channel: ChannelKey
    url: str
    kind: LinkKind
    listed: float


@dataclass
class _Channel:
    key: ChannelKey
    used: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    playlists: dict[str, tuple[float, bytes]] = field(default_factory=dict)  # upstream URL -> (fresh until, ours)
    segments: OrderedDict[str, tuple[str, bytes]] = field(default_factory=OrderedDict)  # our id -> (type, bytes)
    ids: dict[str, str] = field(default_factory=dict)  # upstream URL -> our id


@dataclass(frozen=True)
class Part:
    """What the proxy answers: a content type and the bytes."""

    content_type: str
    body: bytes


class LiveHls:
    def __init__(self, state, *, http, accounts=None, clock=time.monotonic, wait_seconds: float = WAIT_SECONDS):
        self.state, self.http, self.accounts = state, http, accounts  # accounts: ``AccountService`` (its test)
        self.clock, self.wait_seconds = clock, wait_seconds
        self._lock = threading.Lock()
        self._freed = threading.Condition(self._lock)
        self._channels: dict[ChannelKey, _Channel] = {}
        self._links: dict[str, _Link] = {}
        self._in_use: dict[int, int] = {}

    # --- what the routes call -------------------------------------------------------------------
    def playlist(self, account_id: int, stream_id: str) -> Part:
        """The channel's playlist, every URI in it ours (``hls/<id>.<ext>``, relative to it)."""
        account = self.state.get_iptv_account(account_id)
        channel = self.state.get_iptv_stream(account_id, "live", stream_id)
        client = self.http.client(account, streaming=True)
        url = client.stream_url("live", channel.stream_id, "m3u8")
        return Part(PLAYLIST_TYPE, self._playlist(account, client, self._channel((account_id, channel.stream_id)), url, "hls/"))

    def part(self, account_id: int, stream_id: str, link_id: str) -> Part:
        """A segment, key or variant playlist the channel's playlist named by ``link_id``."""
        with self._lock:
            link = self._links.get(link_id)
        if link is None or link.channel != (account_id, stream_id):
            raise NotFound("this part of the live stream is no longer offered; reload the channel")
        account = self.state.get_iptv_account(account_id)
        client = self.http.client(account, streaming=True)
        channel = self._channel(link.channel)
        if link.kind == "playlist":
            return Part(PLAYLIST_TYPE, self._playlist(account, client, channel, link.url, ""))
        return self._segment(account, client, channel, link_id, link.url)

    def connections_in_use(self, account_id: int) -> int:
        with self._lock:
            return self._in_use.get(account_id, 0)

    # --- playlists and segments -----------------------------------------------------------------
    def _playlist(self, account, client, channel: _Channel, url: str, prefix: str) -> bytes:
        with channel.lock:
            kept = channel.playlists.get(url)
            if kept and kept[0] > self.clock():
                return kept[1]
            final_url, _, body = self._fetch(account, client, url)
            try:
                rewritten = rewrite(body.decode("utf-8", "replace"), final_url,
                                    lambda target, kind: self._link(channel, target, kind, prefix))
            except ValueError as exc:
                raise ExternalServiceError("IPTV provider", f"the live channel's playlist cannot be relayed: {exc}",
                                           transient=False) from exc
            ours = rewritten.text.encode()
            fresh = max(MIN_PLAYLIST_SECONDS, (rewritten.target_duration or 2.0) / 2)
            channel.playlists[url] = (self.clock() + fresh, ours)
            return ours

    def _segment(self, account, client, channel: _Channel, link_id: str, url: str) -> Part:
        with channel.lock:
            kept = channel.segments.get(link_id)
            if kept is None:
                _, headers, body = self._fetch(account, client, url)
                kept = (headers.get("content-type") or "video/mp2t", body)
                channel.segments[link_id] = kept
                while len(channel.segments) > SEGMENTS_KEPT:
                    channel.segments.popitem(last=False)
            return Part(*kept)

    def _fetch(self, account, client, url: str) -> tuple[str, dict[str, str], bytes]:
        """(final URL, headers, body) of one upstream GET, holding one of the account's connections."""
        with self.connection(account), client.open_stream(url) as opened:
            return opened.url, opened.headers, opened.read()

    def _link(self, channel: _Channel, url: str, kind: LinkKind, prefix: str) -> str:
        now = self.clock()
        with self._lock:
            link_id = channel.ids.get(url)
            if link_id is None or link_id not in self._links:
                link_id = secrets.token_urlsafe(12)
                channel.ids[url] = link_id
                self._links[link_id] = _Link(channel.key, url, kind, now)
            self._links[link_id].listed = now
        return f"{prefix}{link_id}.{SUFFIX[kind]}"

    # --- the account's connections --------------------------------------------------------------
    @contextmanager
    def connection(self, account) -> Iterator[None]:
        """Hold one of the account's connections (waiting up to ``wait_seconds`` for one): every
        live upstream fetch here, and the playback proxy's live MPEG-TS relays while they stream."""
        if account.checked_at is None and self.accounts is not None:  # never tested: ask the provider its budget once
            self.accounts.test(account.id)
            account = self.state.get_iptv_account(account.id)
        allowed = account.max_connections - self.state.active_iptv_downloads(account.id)
        deadline = self.clock() + self.wait_seconds
        with self._freed:
            while self._in_use.get(account.id, 0) >= allowed:
                remaining = deadline - self.clock()
                if remaining <= 0:
                    raise Busy(f"all {account.max_connections} connections of the IPTV account are in use (downloads "
                               "or other live channels); stop one and try again")
                self._freed.wait(remaining)
            self._in_use[account.id] = self._in_use.get(account.id, 0) + 1
        try:
            yield
        finally:
            with self._freed:
                self._in_use[account.id] -= 1
                self._freed.notify_all()

    # --- channels -------------------------------------------------------------------------------
    def _channel(self, key: ChannelKey) -> _Channel:
        now = self.clock()
        with self._lock:
            self._forget_idle(now)
            channel = self._channels.get(key)
            if channel is None:
                channel = self._channels[key] = _Channel(key, now)
            channel.used = now
            return channel

    def _forget_idle(self, now: float) -> None:
        """Drop idle channels and ids no playlist listed lately (called with ``_lock`` held)."""
        for key in [k for k, c in self._channels.items() if now - c.used > IDLE_SECONDS]:
            del self._channels[key]
            log.info("IPTV live channel %s of account %s: idle, stopped", key[1], key[0])
        for link_id in [i for i, link in self._links.items()
                        if link.channel not in self._channels or now - link.listed > LINK_SECONDS]:
            link = self._links.pop(link_id)
            channel = self._channels.get(link.channel)
            if channel is not None:  # its kept segments age out on their own (at most SEGMENTS_KEPT)
                channel.ids.pop(link.url, None)
